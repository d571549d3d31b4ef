"""Local development: DEBUG on, console email, demo content allowed."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
KHEPRI_ALLOW_DEMO = True
INTERNAL_IPS = ["127.0.0.1"]
