import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM then refuses
# synchronous queries unless told the thread is safe (it is: one test at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOT_DIR = Path(__file__).resolve().parent.parent / "var" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def ensure_wagtail_tree():
    """Recreate what Wagtail's migrations create and a transactional flush wipes.

    Browser and concurrency tests run in real transactions; pytest-django flushes every table
    after them, which removes the root page, the locales and the default Site.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page, Site

    fr, _ = Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                locale=fr,
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    return root


@pytest.fixture
def site_tree(db):
    return ensure_wagtail_tree()


@pytest.fixture
def home(site_tree):
    """The French home page with its English translation, as the demo builds them."""
    from site_pages.demo import ensure_home, translate_home

    home = ensure_home()
    translate_home(home)
    return home


# --- Browser (Playwright + Debian's Chromium) -----------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, tmp_path_factory):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            # Fully offline: anything but the live server is unreachable.
            "--proxy-server=http://127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def live_site(transactional_db, live_server):
    """A live server with the Wagtail tree restored and the demo home page."""
    from site_pages.demo import ensure_home, translate_home

    ensure_wagtail_tree()
    home = ensure_home()
    translate_home(home)
    return live_server


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under var/screenshots/ to be looked at."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
