# ruff: noqa: F811 - the booking fixtures are shared with tests/bookings/test_notify
"""The discretion lint (issue 7): every message the platform can send, in every language,
rendered as a reader gets it, names no care word and no title of the catalogue; leaves no
template syntax behind; and, for text messages, stays in GSM-7 within the segment limit.
Then a whole booking's life, with care words in every name around it, sends none of them."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.utils import translation

from bookings import lifecycle
from bookings import messages as booking_messages
from bookings.lifecycle import Acting
from bookings.models import Booking
from bookings.reminders import send_due_reminders
from notifications import sms
from notifications.discretion import find_sensitive
from notifications.models import MessageTemplate, OutboundMessage
from notifications.selectors import catalogue_words, template_sources
from notifications.services import message_compose
from notifications.templating import SMS, kinds, template_check
from practitioners.models import Practitioner
from tests.bookings.test_notify import NOW, book, paris, patient, sent  # noqa: F401 - fixtures
from tests.bookings.test_notify_sms import wants_sms
from tests.factories import PractitionerFactory, session_type, week
from tests.practitioners.conftest import catalogue  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEMPLATE_SYNTAX = ("{{", "}}", "{%", "%}", "{#")


@pytest.fixture(scope="module")
def demo_words(django_db_setup, django_db_blocker):
    """Titles of the demo's therapies, concerns, domains and categories, in French and
    English, read by `catalogue_words()` from the catalogue as `make demo` builds it.

    Built once for the module (it takes a while) inside a transaction rolled back at once:
    the words stay, the pages do not."""
    from django.core.cache import cache
    from django.db import transaction
    from wagtail.models import Site

    from site_pages.demo import ensure_home, translate_home
    from tests.conftest import ensure_wagtail_tree
    from therapies import demo

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_wagtail_tree()
        translate_home(ensure_home())
        demo.load(stdout=StringIO())
        words = catalogue_words()
        transaction.set_rollback(True)
    cache.clear()
    Site.clear_site_root_paths_cache()
    return words


@pytest.fixture
def demo_catalogue(db, demo_words):
    return demo_words


def lint(kind, language: str, words) -> list[str]:
    """Everything wrong with `kind` in `language` as it would be sent now (staff's stored
    wording if any, else the default), rendered with the kind's example values."""
    found = []
    with translation.override(language):
        subject, body = template_sources(kind, language) or kind.default_sources()
        # What `MessageTemplate.clean` checks at save (a stored row may predate a check).
        for field, message in template_check(kind, subject, body, sensitive_words=words):
            found.append(f"{field}: {message}")
        composed = message_compose(kind, language, kind.sample())
    for part, text in (
        ("subject", composed.subject),
        ("text", composed.text),
        ("html", composed.html),
    ):
        for word in find_sensitive(text, words):
            found.append(f"{part} names “{word}”")
        for delimiter in TEMPLATE_SYNTAX:
            if delimiter in text:
                found.append(f"{part} leaves “{delimiter}” behind")
    if kind.channel == SMS:
        info = sms.segments(composed.text)
        if info.encoding != sms.GSM7:
            found.append(f"text is {info.encoding}")
        if info.segments > sms.max_segments():
            found.append(f"text makes {info.segments} segments")
    return [f"{kind.key} ({language}): {problem}" for problem in found]


def lint_all(words) -> list[str]:
    return [
        problem
        for kind in kinds()
        for language in LANGUAGES
        for problem in lint(kind, language, words)
    ]


def test_the_lint_sees_every_message_and_the_whole_catalogue(demo_catalogue):
    keys = {kind.key for kind in kinds()}
    assert {kind.key for kind in booking_messages.KINDS} <= keys
    assert {"booking.reminder.patient.email", "booking.reminder.patient.sms"} <= keys
    assert {SMS, "email"} == {kind.channel for kind in kinds()}
    assert LANGUAGES == ["fr", "en"]
    # Titles of therapies, concerns, domains and categories, in both languages.
    for title in ("Hypnothérapie", "Hypnotherapy", "Burn-out", "Burnout", "Relaxation"):
        assert title in demo_catalogue
    for title in ("Santé physique", "Physical health", "Corps et esprit", "Mind and body"):
        assert title in demo_catalogue


def test_every_message_in_every_language_is_discreet(demo_catalogue):
    assert lint_all(demo_catalogue) == []


def test_every_default_is_in_the_language_it_is_sent_in():
    """A default not translated would be sent in English to French readers."""
    untranslated = []
    for kind in kinds():
        with translation.override("en"):
            english = kind.default_sources()
        with translation.override("fr"):
            french = kind.default_sources()
        for field, en, fr in zip(("subject", "body"), english, french, strict=True):
            if en and en == fr:
                untranslated.append(f"{kind.key} {field}")
    assert untranslated == []


def test_stored_templates_are_linted_too(demo_catalogue):
    """A row written before a check existed (or straight to the database) is linted like
    the defaults: the lint reads what would be sent."""
    reminder = "booking.reminder.patient.email"
    MessageTemplate.objects.create(
        key=reminder,
        language="en",
        subject="Reminder: your appointment",
        body="See you {{ when }} for some relaxation.",  # a catalogue title only
    )
    MessageTemplate.objects.create(
        key="booking.confirmed.patient.sms",
        language="fr",
        body="{{ sender_name }} : séance de sophrologie le {{ when }}.",
    )
    MessageTemplate.objects.create(
        key="booking.requested.patient.sms",
        language="en",
        body="{{ sender_name }}: request for {{ when }} sent, we'll be in touch. " * 5,
    )
    problems = lint_all(demo_catalogue)
    assert problems and all(
        problem.startswith(
            (
                f"{reminder} (en)",
                "booking.confirmed.patient.sms (fr)",
                "booking.requested.patient.sms (en)",
            )
        )
        for problem in problems
    )
    joined = "\n".join(problems)
    assert f"{reminder} (en): html names “relaxation”" in joined
    assert f"{reminder} (en): text names “relaxation”" in joined
    assert "booking.confirmed.patient.sms (fr): text names “sophrologie”" in joined
    assert "booking.requested.patient.sms (en): text makes" in joined
    # The same kinds in the other language still use their (discreet) default.
    assert f"{reminder} (fr)" not in joined


def test_a_stored_template_that_no_longer_renders_is_reported(demo_catalogue):
    MessageTemplate.objects.create(
        key="booking.confirmed.patient.email",
        language="fr",
        subject="Votre rendez-vous",
        body="Le {{ when|date }}.",
    )
    (problem,) = lint_all(demo_catalogue)
    assert problem.startswith("booking.confirmed.patient.email (fr): body: ")


def test_the_lint_catches_a_default_that_would_leak(demo_catalogue, monkeypatch):
    """The lint itself is not blind: a default naming a concern is caught."""
    from notifications import templating

    kind = templating.kind_for("booking.declined.patient.email")
    leaky = type(kind)(**{**kind.__dict__, "subject": "About your stress"})
    monkeypatch.setitem(templating._KINDS, kind.key, leaky)
    problems = lint_all(demo_catalogue)
    assert any("booking.declined.patient.email (en): subject names" in p for p in problems)


# --- A whole booking's life ---------------------------------------------------------------------

SESSION_FR = "Hypnothérapie et sophrologie contre le stress"
SESSION_EN = "Hypnotherapy and sophrology for stress"
PROFESSION = "Hypnothérapeute, sophrologue, praticienne EFT"


@pytest.fixture
def hypnotherapist(catalogue, home):
    """A practitioner whose profession, session type, profile, therapies and concerns all
    name care."""
    from practitioners.models import PractitionerIndexPage, PractitionerPage
    from site_pages.demo import page_with_translation

    practitioner = PractitionerFactory(
        slug="lea-hypnose",
        profession=PROFESSION,
        user__email="lea@example.test",
        user__first_name="Léa",
        user__last_name="Moreau",
    )
    session_type(
        practitioner,
        name=SESSION_FR,
        name_en=SESSION_EN,
        duration_minutes=50,
        buffer_after_minutes=10,
        min_notice_minutes=0,
        price_cents=6000,
    )
    week(practitioner)

    def fill(page, lang):
        page.title = {"fr": "Nos praticiens", "en": "Our practitioners"}[lang]

    directory = page_with_translation(
        parent=home, model=PractitionerIndexPage, slug="praticiens", en="practitioners", fill=fill
    )
    page = PractitionerPage(
        slug="lea-moreau",
        locale=directory.locale,
        title="Léa Moreau",
        headline="Hypnose et sophrologie",
        practitioner=practitioner,
        therapies=[catalogue["hypnotherapie"], catalogue["sophrologie"]],
        concerns=[catalogue["stress"], catalogue["sommeil"]],
    )
    directory.add_child(instance=page)
    page.save_revision().publish()
    return practitioner


def everything_in_the_outbox() -> list[tuple[str, str]]:
    said = []
    for message in OutboundMessage.objects.order_by("pk"):
        parts = [message.subject, message.body_text, message.body_html]
        parts += [content.decode() for _name, content, _type in message.attachment_files()]
        said.append((f"{message.kind} {message.channel} to {message.to}", "\n".join(parts)))
    return said


def test_a_whole_booking_life_names_no_care(hypnotherapist, patient, sent, demo_catalogue):
    from practitioners.models import PractitionerPage

    consult = hypnotherapist.session_types.get(is_default=True)
    wants_sms(patient)
    wants_sms(hypnotherapist.user, phone="+33698765432")
    as_pro = Acting.practitioner(hypnotherapist.user)
    as_patient = Acting.patient(patient)

    for day, language in ((8, "fr"), (9, "en")):
        booking = sent(
            lambda d=day, lang=language: book(consult, patient, paris(d, 9), language=lang)
        )[0]
        sent(
            lambda booking=booking, day=day: lifecycle.booking_reschedule(
                booking=booking, start=paris(day, 10), acting=as_patient, now=NOW
            )
        )
        # Both reminders: the email the day before, the text two hours before.
        Booking.objects.filter(pk=booking.pk).update(created_at=NOW - timedelta(days=3))
        for lead in (timedelta(hours=24), timedelta(hours=2)):
            sent(lambda lead=lead, day=day: send_due_reminders(now=paris(day, 10) - lead))
        # A late cancellation by the patient (a fee or the free first one).
        sent(
            lambda booking=booking, day=day: lifecycle.booking_cancel(
                booking=booking, acting=as_patient, now=paris(day, 9)
            )
        )
        other = book(consult, patient, paris(day, 14), language=language)
        sent(lambda other=other: lifecycle.booking_cancel(booking=other, acting=as_pro, now=NOW))

    hypnotherapist.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
    hypnotherapist.save()
    for day, language in ((10, "fr"), (11, "en")):
        accepted = sent(
            lambda d=day, lang=language: book(consult, patient, paris(d, 15), language=lang)
        )[0]
        sent(lambda b=accepted: lifecycle.request_accept(booking=b, acting=as_pro, now=NOW))
        declined = sent(
            lambda d=day, lang=language: book(consult, patient, paris(d, 16), language=lang)
        )[0]
        sent(lambda b=declined: lifecycle.request_decline(booking=b, acting=as_pro, now=NOW))
        expired = sent(
            lambda d=day, lang=language: book(consult, patient, paris(d, 17), language=lang)
        )[0]
        sent(lambda b=expired: lifecycle.requests_expire(now=b.respond_by))

    kinds_sent = set(OutboundMessage.objects.values_list("kind", "channel"))
    for kind in (
        "booking.confirmed.patient",
        "booking.rescheduled.patient",
        "booking.reminder.patient",
        "booking.cancelled_by_patient.patient",
        "booking.cancelled_by_practitioner.patient",
        "booking.accepted.patient",
        "booking.declined.patient",
        "booking.expired.patient",
        "booking.requested.patient",
    ):
        assert {(kind, "email"), (kind, "sms")} <= kinds_sent, kind
    assert ("booking.requested.practitioner", "sms") in kinds_sent
    assert ("booking.confirmed.practitioner", "email") in kinds_sent
    assert OutboundMessage.objects.exclude(attachments=[]).exists()
    assert set(OutboundMessage.objects.values_list("language", flat=True)) == {"fr", "en"}

    page = PractitionerPage.objects.get(practitioner=hypnotherapist)
    named = [SESSION_FR, SESSION_EN, PROFESSION, page.headline]
    named += [therapy.title for therapy in page.therapies.all()]
    for item in [*page.therapies.all(), *page.concerns.all()]:
        named += [item.title] + [other.title for other in item.get_translations()]
    assert {"Hypnothérapie", "Hypnotherapy", "Troubles du sommeil", "Sleep problems"} <= {*named}
    never = ("hypno", "sophro", "stress", "sommeil", "sleep", "séance", "seance")
    for message, said in everything_in_the_outbox():
        assert find_sensitive(said, [*demo_catalogue, *named]) == [], message
        lowered = said.lower()
        for stem in never:
            assert stem not in lowered, (stem, message)
