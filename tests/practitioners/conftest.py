"""Builders for the directory: a small bilingual catalogue, the directory page (French with its
English translation) and practitioners with a profile page and a weekly agenda."""

import copy
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage

from bookings.models import Booking
from practitioners.models import (
    Practitioner,
    PractitionerIndexPage,
    PractitionerLanguage,
    PractitionerPage,
)
from tests.factories import BookingFactory, PractitionerFactory, UserFactory, session_type, week

#: Every day of the week, 08:00–20:00 in the practitioner's zone: always something free soon.
EVERY_DAY = {day: [("08:00", "20:00")] for day in range(7)}


@pytest.fixture
def empty_cache():
    """The locmem cache outlives a test: cached pages or site root paths of another test's
    tree must not be used."""
    cache.clear()
    yield
    cache.clear()


def _text(fr, en):
    return {"fr": fr, "en": en}


THERAPIES = [
    ("sophrologie", _text("Sophrologie", "Sophrology")),
    ("hypnotherapie", _text("Hypnothérapie", "Hypnotherapy")),
]
CONCERNS = [
    ("sommeil", _text("Troubles du sommeil", "Sleep problems")),
    ("stress", _text("Stress", "Stress")),
]


@pytest.fixture
def catalogue(home):
    """Two therapies and two concerns, French with English translations, keyed by French slug."""
    from site_pages.demo import en_slug
    from site_pages.localization import translation_apply
    from therapies import demo
    from therapies.models import (
        ConcernIndexPage,
        ConcernPage,
        TherapyCategory,
        TherapyIndexPage,
        TherapyPage,
    )

    pages = {}
    concern_index = demo._index(home, ConcernIndexPage, "concerns")
    for slug, title in CONCERNS:
        data = {
            "slug": slug,
            "title": title,
            "summary": _text("Résumé.", "Summary."),
            "body": _text("<p>Texte.</p>", "<p>Text.</p>"),
        }
        pages[slug] = demo._upsert_and_translate(
            parent=concern_index, model=ConcernPage, data=data, fill=demo._concern_filler(data)
        )
    category = TherapyCategory.objects.create(
        locale=home.locale, key="mind-body", title="Corps et esprit", intro="Intro"
    )
    shadow = copy.deepcopy(category)
    shadow.title, shadow.intro = "Mind and body", "Intro EN"
    translation_apply(source_instance=category, shadow_instance=shadow, locale_code="en")
    therapy_index = demo._index(home, TherapyIndexPage, "therapies")
    for slug, title in THERAPIES:
        data = {
            "slug": slug,
            "title": title,
            "summary": _text("Résumé.", "Summary."),
            "body": _text("<p>Texte.</p>", "<p>Text.</p>"),
            "remote_session": _text("<p>Séance.</p>", "<p>Session.</p>"),
            "duration_min": 45,
            "duration_max": 60,
            "price_min": 5000,
            "price_max": 7000,
            "modes": ["video", "phone"],
        }
        pages[slug] = demo._upsert_and_translate(
            parent=therapy_index,
            model=TherapyPage,
            data=data,
            fill=demo._therapy_filler(data, category, [pages["sommeil"]]),
        )
        assert TherapyPage.objects.filter(slug=en_slug(title)).exists()
    return pages


@pytest.fixture
def directory(home):
    """The French directory page ("/praticiens/") with its English translation
    ("/en/practitioners/")."""
    from site_pages.demo import page_with_translation

    def fill(page, lang):
        page.title = {"fr": "Nos praticiens", "en": "Our practitioners"}[lang]
        page.intro = {"fr": "Des praticiens vérifiés.", "en": "Verified practitioners."}[lang]

    return page_with_translation(
        parent=home, model=PractitionerIndexPage, slug="praticiens", en="practitioners", fill=fill
    )


def portrait(name: str):
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # a transactional flush removed it
        Collection.add_root(name="Root")
    buffer = BytesIO()
    PILImage.new("RGB", (200, 200), "#d8e4dc").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=f"Portrait {name}", file=ImageFile(BytesIO(buffer.getvalue()), name="p.png")
    )


@pytest.fixture
def make_practitioner(directory, catalogue):
    """`make_practitioner("Hélène Dupont", languages=["fr", "en"], ...)` → the French page.

    The agenda: `hours` (weekday → ranges, default every day 08:00–20:00 in `tz`), a default
    session of 50 minutes + 10 minutes after, no minimum notice. `completed` past sessions in
    state COMPLETED. `english=True` also makes the page's English translation.
    """
    from site_pages.demo import page_translate

    def make(
        name,
        *,
        languages=("fr",),
        therapies=("sophrologie",),
        concerns=(),
        gender="female",
        video=True,
        phone=False,
        new_patients=True,
        hours=None,
        tz="Europe/Paris",
        photo=False,
        english=False,
        status=Practitioner.Status.ACTIVE,
        completed=0,
        live=True,
        min_notice_minutes=0,
    ):
        slug = slugify(name)
        first, _space, last = name.partition(" ")
        practitioner = PractitionerFactory(
            user=UserFactory(first_name=first, last_name=last),
            slug=slug,
            legal_name=name,
            time_zone=tz,
            status=status,
        )
        session_type(
            practitioner,
            duration_minutes=50,
            buffer_after_minutes=10,
            min_notice_minutes=min_notice_minutes,
        )
        if hours != {}:
            week(practitioner, hours or EVERY_DAY)
        long_ago = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
        for index in range(completed):
            BookingFactory(
                practitioner=practitioner,
                state=Booking.State.COMPLETED,
                start=long_ago + timedelta(days=index),
            )
        image = portrait(name) if photo else None

        def fill(page, lang):
            page.title = name
            page.headline = {"fr": f"{name}, à votre écoute", "en": f"{name}, listening"}[lang]
            if lang != "fr":
                return
            page.practitioner = practitioner
            page.photo = image
            page.gender = gender
            page.languages = [PractitionerLanguage(code=code) for code in languages]
            page.therapies = [catalogue[key] for key in therapies]
            page.concerns = [catalogue[key] for key in concerns]
            page.offers_video, page.offers_phone = video, phone
            page.accepts_new_patients = new_patients

        page = PractitionerPage(slug=slug, locale=directory.locale, live=live)
        fill(page, "fr")
        directory.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page = PractitionerPage.objects.get(pk=page.pk)
        if english:
            page_translate(page=page, fill=fill, slug=slug)
        return page

    return make


@pytest.fixture
def english_directory(directory):
    from wagtail.models import Locale

    return directory.get_translation(Locale.objects.get(language_code="en")).specific
