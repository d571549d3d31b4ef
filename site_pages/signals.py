"""Purge the page cache whenever something shown on pages changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from site_pages.page_cache import page_cache_purge


def _purge(**kwargs):
    page_cache_purge()


def connect() -> None:
    from wagtail.models import Page

    from site_pages.models import Menu, MenuItem, SiteSettings, SiteText
    from therapies.models import TherapyCategory

    page_published.connect(_purge, dispatch_uid="site_pages.purge_on_publish")
    page_unpublished.connect(_purge, dispatch_uid="site_pages.purge_on_unpublish")
    post_delete.connect(_purge, sender=Page, dispatch_uid="site_pages.purge_on_page_delete")
    for model in (Menu, MenuItem, SiteText, SiteSettings, TherapyCategory):
        post_save.connect(_purge, sender=model, dispatch_uid=f"site_pages.purge_{model.__name__}")
        post_delete.connect(
            _purge, sender=model, dispatch_uid=f"site_pages.purge_del_{model.__name__}"
        )
