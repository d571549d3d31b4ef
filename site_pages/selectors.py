"""Reads of the site pages app: menus, site texts and search, in the active language."""

from wagtail.models import Locale, Page

from site_pages.models import Menu, SiteText


def _active_locale() -> Locale | None:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def menu_list(*, location: str) -> list[Menu]:
    """Menus of `location` in the active language, or in the default one if not translated."""
    locale = _active_locale()
    menus = Menu.objects.filter(location=location).prefetch_related("items__link_page")
    localized = [menu for menu in menus if locale and menu.locale_id == locale.pk]
    if localized:
        return localized
    return [menu for menu in menus if menu.locale_id == Locale.get_default().pk]


def menu_links(*, menu: Menu, request=None) -> list[dict]:
    """The menu's links; page links lead to the page in the menu's language.

    wagtail-localize synchronises page links (an English menu item still points to the French
    page), so each page is resolved through its translation key.
    """
    items = list(menu.items.all())
    keys = [item.link_page.translation_key for item in items if item.link_page_id]
    localized = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=menu.locale_id)
        .specific()
    }
    links = []
    for item in items:
        if item.link_page_id:
            page = localized.get(item.link_page.translation_key)
            if page is None:
                continue
            text = item.label or page.title
            links.append({"text": text, "url": page.get_url(request=request), "page_id": page.pk})
        elif item.link_url:
            links.append(
                {"text": item.label or item.link_url, "url": item.link_url, "page_id": None}
            )
    return links


def site_text_get() -> SiteText | None:
    locale = _active_locale()
    texts = SiteText.objects.all()
    return (locale and texts.filter(locale=locale).first()) or texts.filter(
        locale=Locale.get_default()
    ).first()


def page_search(*, query: str, limit: int = 30):
    """Live public pages of the active language matching `query` (Wagtail search)."""
    query = query.strip()
    if not query:
        return []
    pages = Page.objects.live().public().specific()
    locale = _active_locale()
    if locale is not None:
        pages = pages.filter(locale=locale)
    return list(pages.search(query)[:limit])
