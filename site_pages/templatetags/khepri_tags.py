from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, gettext
from wagtail.models import Locale, Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """One entry per site language, with the URL of the same content in that language.

    On a Wagtail page the URL is the page's live translation (or that language's home page
    when the page is not translated yet); elsewhere, the same URL path in that language.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    alternates = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request=request)
        elif isinstance(page, Page) and page.pk:
            url = _home_url(request, code) or translate_url(request.path, code)
        else:
            url = translate_url(request.get_full_path(), code) if request else "/"
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "translated": code in translations or not isinstance(page, Page),
            }
        )
    return alternates


def _home_url(request, language_code):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    try:
        locale = Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        return None
    home = site.root_page.get_translation_or_none(locale)
    return home.get_url(request=request) if home and home.live else None


@register.simple_tag(takes_context=True)
def localized_home(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized.specific


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Pages shown in the main menu: live children of the localized home page."""
    home = localized_home(context)
    if home is None:
        return []
    return home.get_children().live().public().in_menu().specific()


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Live children of the localized home page that are kept out of the main menu."""
    home = localized_home(context)
    if home is None:
        return []
    return home.get_children().live().public().filter(show_in_menus=False).specific()


@register.simple_tag(takes_context=True)
def main_menu_links(context):
    """Links of the editors' main menu in the active language; the home's menu pages if none."""
    from site_pages.models import Menu
    from site_pages.selectors import menu_links, menu_list

    request = context.get("request")
    menus = menu_list(location=Menu.Location.MAIN)
    if menus:
        return [link for menu in menus for link in menu_links(menu=menu, request=request)]
    return [
        {"text": page.title, "url": page.get_url(request=request), "page_id": page.pk}
        for page in menu_pages(context)
    ]


@register.simple_tag(takes_context=True)
def footer_menus(context):
    """Footer columns: each editors' footer menu with its links, in the active language."""
    from site_pages.models import Menu
    from site_pages.selectors import menu_links, menu_list

    request = context.get("request")
    return [
        {"title": menu.title, "links": menu_links(menu=menu, request=request)}
        for menu in menu_list(location=Menu.Location.FOOTER)
    ]


@register.simple_tag
def site_text():
    from site_pages.selectors import site_text_get

    return site_text_get()


@register.simple_tag
def breadcrumb_pages(page):
    """Ancestors of `page` from its language's home page down to its parent."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return page.get_ancestors().filter(depth__gte=2).specific()


@register.filter
def euros(value):
    """A Decimal amount in euros, written the French or English way."""
    from django.utils.formats import number_format

    if value is None:
        return ""
    if value < 0:  # a refund: the sign before the currency, a real minus sign
        return "\u2212" + euros(-value)
    decimals = 0 if value == int(value) else 2
    amount = number_format(value, decimal_pos=decimals, use_l10n=True)
    return f"{amount} €" if get_language() == "fr" else f"€{amount}"


@register.filter
def cents(value):
    """An amount in integer cents (how money is stored), written as `euros` writes it."""
    from decimal import Decimal

    if value is None or value == "":
        return ""
    return euros(Decimal(int(value)) / 100)


@register.filter
def cents_number(value):
    """An amount in cents as a plain localised number with two decimals ("60,00"), for a form
    field that reads it back localised."""
    from decimal import Decimal

    from django.utils.formats import number_format

    if value is None or value == "":
        return ""
    return number_format(Decimal(int(value)) / 100, decimal_pos=2, use_l10n=True)


@register.filter
def offer_price(offer):
    """A session offer's price as patients read it: "Free", or the amount in its currency."""
    if not offer.price:
        return gettext("Free")
    if offer.currency == "EUR":
        return euros(offer.price)
    return f"{offer.price} {offer.currency}"
