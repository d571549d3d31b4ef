"""Cache of rendered pages for anonymous visitors, purged whenever content is published.

Menus, footers and lists show other pages' titles, so a publish anywhere purges every
cached page: the cache keys carry a generation number and a purge increments it.
"""

from django.conf import settings
from django.core.cache import caches

CACHE_ALIAS = "default"
GENERATION_KEY = "khepri:page-cache:generation"


def _cache():
    return caches[CACHE_ALIAS]


def cache_seconds() -> int:
    return getattr(settings, "KHEPRI_PAGE_CACHE_SECONDS", 300)


def _generation() -> int:
    generation = _cache().get(GENERATION_KEY)
    if generation is None:
        _cache().add(GENERATION_KEY, 1, timeout=None)
        generation = _cache().get(GENERATION_KEY, 1)
    return generation


def page_cache_purge() -> None:
    try:
        _cache().incr(GENERATION_KEY)
    except ValueError:  # no generation yet: nothing was cached under it
        _cache().set(GENERATION_KEY, 2, timeout=None)


def is_cacheable(*, page, request) -> bool:
    return (
        cache_seconds() > 0
        and request.method == "GET"
        and not request.GET
        and not request.user.is_authenticated
        # Pending flash messages or a session belong to one visitor only.
        and "messages" not in request.COOKIES
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(page.specific_class, "page_cache_enabled", True)
    )


def cache_key(*, page, request) -> str:
    # The publication time and revision make a key stale as soon as the page changes, even
    # if a purge was missed; the path carries the language (/en/...).
    return ":".join(
        [
            "khepri:page",
            str(_generation()),
            str(page.pk),
            str(page.live_revision_id or 0),
            page.last_published_at.isoformat() if page.last_published_at else "-",
            request.get_full_path(),
        ]
    )


def cached_response(*, key: str):
    return _cache().get(key)


def store_response(*, key: str, response) -> None:
    _cache().set(key, response, timeout=cache_seconds())
