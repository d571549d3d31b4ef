"""Reads of the catalogue, always within the locale of the page being shown.

wagtail-localize keeps links to pages synchronised, not translated: the English therapy's
indications still point to the French concern pages. Links are therefore resolved through
`translation_key` into the locale of the page being read.
"""

from django.apps import apps
from wagtail.models import Page


def therapy_groups(*, index_page) -> list[dict]:
    """Live therapies under `index_page`, grouped by category in the category order."""
    from therapies.models import TherapyPage

    therapies = (
        TherapyPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("category")
        .order_by("category__sort_order", "title")
    )
    groups: list[dict] = []
    for therapy in therapies:
        if not groups or groups[-1]["category"] != therapy.category:
            groups.append({"category": therapy.category, "therapies": []})
        groups[-1]["therapies"].append(therapy)
    return groups


def pages_in_locale(*, model, linked_pages, locale_id) -> list:
    """The live versions of `linked_pages` in `locale_id`, in the order given."""
    keys = [page.translation_key for page in linked_pages]
    found = {
        page.translation_key: page
        for page in model.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=locale_id)
    }
    return [found[key] for key in keys if key in found]


def therapy_concerns(*, therapy) -> list:
    from therapies.models import ConcernPage

    links = therapy.indications.select_related("concern").order_by("sort_order")
    return pages_in_locale(
        model=ConcernPage,
        linked_pages=[link.concern for link in links],
        locale_id=therapy.locale_id,
    )


def concern_therapies(*, concern):
    from therapies.models import TherapyPage

    return (
        TherapyPage.objects.live()
        .public()
        .filter(
            locale_id=concern.locale_id,
            indications__concern__translation_key=concern.translation_key,
        )
        .distinct()
        .order_by("title")
    )


def domain_therapies(*, domain) -> list:
    from therapies.models import TherapyPage

    links = domain.therapy_links.select_related("therapy").order_by("sort_order")
    return pages_in_locale(
        model=TherapyPage, linked_pages=[link.therapy for link in links], locale_id=domain.locale_id
    )


def domain_concerns(*, domain) -> list:
    from therapies.models import ConcernPage

    links = domain.concern_links.select_related("concern").order_by("sort_order")
    return pages_in_locale(
        model=ConcernPage, linked_pages=[link.concern for link in links], locale_id=domain.locale_id
    )


def _practitioner_page_model():
    """`practitioners.PractitionerPage` once that app defines it, else None."""
    try:
        return apps.get_model("practitioners", "PractitionerPage")
    except LookupError:
        return None


def _bookable(pages):
    # The practitioners app decides what "bookable" means; its queryset may say so.
    bookable = getattr(pages, "bookable", None)
    return bookable() if callable(bookable) else pages


def therapy_practitioner_pages(*, therapy):
    """Live, bookable practitioner pages that practise `therapy`, in its locale.

    Contract with the practitioners app: `PractitionerPage.therapies` relates a profile to
    `TherapyPage` (ParentalManyToManyField or a through model). Until that model exists the
    list is empty and the therapy page says so kindly.
    """
    model = _practitioner_page_model()
    if model is None:
        return Page.objects.none()
    pages = (
        model.objects.live()
        .public()
        .filter(locale_id=therapy.locale_id, therapies__translation_key=therapy.translation_key)
    )
    return _bookable(pages).distinct().order_by("title")


def concern_practitioner_pages(*, concern):
    """Practitioner pages that practise at least one therapy linked to `concern`."""
    model = _practitioner_page_model()
    if model is None:
        return Page.objects.none()
    pages = (
        model.objects.live()
        .public()
        .filter(
            locale_id=concern.locale_id,
            therapies__translation_key__in=concern_therapies(concern=concern).values(
                "translation_key"
            ),
        )
    )
    return _bookable(pages).distinct().order_by("title")
