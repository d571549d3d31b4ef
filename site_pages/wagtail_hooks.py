from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_pages import page_cache
from site_pages.models import Menu, NewsletterSubscriber, SiteText


@hooks.register("before_serve_page")
def serve_from_page_cache(page, request, serve_args, serve_kwargs):
    """Answer anonymous visitors from the page cache; fill it on a miss."""
    if not page_cache.is_cacheable(page=page, request=request):
        return None
    if page.get_view_restrictions().exists():
        return None  # Wagtail's own hook checks access; private pages are never cached
    key = page_cache.cache_key(page=page, request=request)
    response = page_cache.cached_response(key=key)
    if response is not None:
        return response
    response = page.serve(request, *serve_args, **serve_kwargs)
    if hasattr(response, "render"):
        response = response.render()
    if response.status_code == 200 and not response.cookies:
        page_cache.store_response(key=key, response=response)
    return response


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    list_display = ["title", "location", "locale"]
    list_filter = ["location", "locale"]


class SiteTextViewSet(SnippetViewSet):
    model = SiteText
    icon = "doc-full"
    menu_label = _("Site texts")
    list_display = ["__str__", "tagline"]


class NewsletterSubscriberViewSet(ModelViewSet):
    """Staff list of subscribers, with a CSV (or spreadsheet) export of the filtered list."""

    model = NewsletterSubscriber
    icon = "mail"
    menu_label = _("Newsletter")
    add_to_admin_menu = True
    form_fields = ["email", "language", "status"]
    list_display = ["email", "status", "language", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    list_export = ["email", "status", "language", "created_at", "confirmed_at", "unsubscribed_at"]
    export_filename = "newsletter-subscribers"
    search_fields = ["email"]


register_snippet(MenuViewSet)
register_snippet(SiteTextViewSet)


@hooks.register("register_admin_viewset")
def register_newsletter_viewset():
    return NewsletterSubscriberViewSet("newsletter_subscribers")
