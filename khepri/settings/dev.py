"""Local development: DEBUG on, console email, demo content allowed."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
KHEPRI_ALLOW_DEMO = True
INTERNAL_IPS = ["127.0.0.1"]
#: The booking widget may be framed by pages served locally (a test host page, a local site).
KHEPRI_WIDGET_DEV_FRAME_ANCESTORS = ["http://localhost:*", "http://127.0.0.1:*"]
