import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khepri.settings.production")
application = get_wsgi_application()

# Objects loaded with the application live as long as the process: keep them out of the
# garbage collector's passes, which otherwise stall requests that build many objects
# (the directory's agendas). See benchmarks/bench_availability.py.
gc.collect()
gc.freeze()
