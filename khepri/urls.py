from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from khepri import views
from khepri.api import api
from khepri.wagtail_api import api_router
from payments.webhooks import stripe_webhook
from site_pages.sitemaps import BilingualSitemap

handler500 = "khepri.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "images/<str:signature>/<int:image_id>/<str:filter_spec>/",
        ServeView.as_view(),
        name="wagtailimages_serve",
    ),
    path("api/v2/", api_router.urls),
    path("api/v1/", api.urls),
    # Email providers' delivery reports (bounces, complaints), behind ANYMAIL_WEBHOOK_SECRET.
    path("anymail/", include("anymail.urls")),
    # Stripe's events (signed): outside the language prefixes, like every provider callback.
    path("webhooks/stripe/", stripe_webhook, name="stripe_webhook"),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("practitioners.urls")),
    path("", include("bookings.urls")),
    path("", include("pools.urls")),
    path("", include("widget.urls")),
    path("", include("payments.urls")),
    path("", include("invoices.urls")),
    path("", include("employers.urls")),
    path("", include("therapies.urls")),
    path("", include("site_pages.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
