"""Reads for a practitioner's profile: the public page's context, and what the editor shows.

`profile_context` is called by `PractitionerPage.get_context`, for the live page and for
previews (a revision as an object, `request.is_preview`). Everything it shows is read in the
locale of the page: therapies and concerns are the live pages of that locale (the relation
points to the French pages; see `therapies.selectors.pages_in_locale`), session names and
prices are written for that language, times are in the visitor's time zone.

Nothing here writes; the editor's writes are in `practitioners.editing`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, available_timezones

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from practitioners.models import LANGUAGES, Credential, Practitioner, PractitionerPage

SOURCE_LANGUAGE = "fr"
TRANSLATION_LANGUAGE = "en"
DEFAULT_ZONE = "Europe/Paris"
NEXT_SLOTS = 6
#: Fills a translated paragraph the practitioner did not write (wagtail-localize needs one
#: string per source paragraph); never shown.
EMPTY_PARAGRAPH = "\u200b"
_EMPTY_BLOCK = re.compile(r"<(p|li)>\s*\u200b\s*</\1>")

#: What staff check before the "verified" badge lists it (`Practitioner.*_verified_at`).
CHECKS = [
    ("identity_verified_at", _("Identity")),
    ("diplomas_verified_at", _("Diplomas")),
    ("insurance_verified_at", _("Professional insurance")),
]
#: Offered in the page's "Change time zone" list (with the visitor's own zone, if elsewhere).
COMMON_ZONES = [
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/London",
    "Europe/Lisbon",
    "Africa/Casablanca",
    "Africa/Dakar",
    "Africa/Abidjan",
    "America/Montreal",
    "America/New_York",
    "America/Los_Angeles",
    "America/Guadeloupe",
    "America/Martinique",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Pacific/Noumea",
    "Pacific/Tahiti",
    "Asia/Dubai",
    "Asia/Tokyo",
    "Australia/Sydney",
]


# --- The practitioner's pages ------------------------------------------------------------------


def profile_page_source(*, practitioner: Practitioner) -> PractitionerPage | None:
    """The practitioner's French page (the source of its translations), if any."""
    return (
        PractitionerPage.objects.filter(
            practitioner=practitioner, locale__language_code=SOURCE_LANGUAGE
        )
        .order_by("pk")
        .first()
    )


def profile_translation(
    *, page: PractitionerPage, language: str = TRANSLATION_LANGUAGE
) -> PractitionerPage | None:
    return PractitionerPage.objects.filter(
        translation_key=page.translation_key, locale__language_code=language
    ).first()


def profile_preview_page(*, practitioner: Practitioner, language: str) -> PractitionerPage | None:
    """The latest revision (published or not) of the practitioner's page in `language`,
    the French one when there is no such translation."""
    source = profile_page_source(practitioner=practitioner)
    if source is None:
        return None
    page = source
    if language != SOURCE_LANGUAGE:
        page = profile_translation(page=source, language=language) or source
    return page.get_latest_revision_as_object()


def credential_list(*, practitioner: Practitioner):
    return Credential.objects.filter(practitioner=practitioner).order_by("-uploaded_at", "-pk")


# --- Visitor's time zone -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def zone_or_none(name: str | None) -> ZoneInfo | None:
    if not name or len(name) > 64 or name not in _zone_names():
        return None
    return ZoneInfo(name)


def visitor_zone(request) -> tuple[ZoneInfo, bool]:
    """The zone times are shown in, and whether the visitor chose it (`?tz=`).

    `?tz=` when valid, else the signed-in person's own zone, else Europe/Paris.
    """
    chosen = zone_or_none(request.GET.get("tz"))
    if chosen is not None:
        return chosen, True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "time_zone", None):
        own = user.time_zone
        return (own if isinstance(own, ZoneInfo) else ZoneInfo(str(own))), False
    return ZoneInfo(DEFAULT_ZONE), False


# --- Sessions, prices, slots -------------------------------------------------------------------


def euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class SessionOffer:
    id: int
    name: str
    duration_minutes: int
    price: Decimal
    currency: str
    is_default: bool

    @property
    def is_euros(self) -> bool:
        return self.currency == "EUR"


def session_offers(*, practitioner: Practitioner, language: str) -> list[SessionOffer]:
    from bookings.models import SessionType

    # A pooled service's session type is booked through the service only (`pools`).
    rows = SessionType.objects.filter(
        practitioner=practitioner, is_active=True, service_member__isnull=True
    ).order_by("position", "duration_minutes", "pk")
    return [
        SessionOffer(
            id=row.pk,
            name=row.display_name(language),
            duration_minutes=row.duration_minutes,
            price=euros(row.price_cents),
            currency=row.currency,
            is_default=row.is_default,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class SlotLink:
    start: datetime  # in the visitor's zone
    end: datetime
    session_type_id: int
    url: str


@dataclass
class SlotDay:
    day: date
    slots: list[SlotLink] = field(default_factory=list)


def slot_iso(moment: datetime) -> str:
    """A UTC instant as written in booking links: 2025-03-10T08:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _booking_link(*, start: datetime, session_type_id: int, tz_query: str | None) -> str:
    query = {"slot": slot_iso(start), "session_type": session_type_id}
    if tz_query:
        query["tz"] = tz_query
    return "?" + urlencode(query) + "#chosen-time"


def next_slot_days(
    *,
    practitioner: Practitioner,
    tz: ZoneInfo,
    now: datetime,
    tz_query: str | None = None,
    limit: int = NEXT_SLOTS,
) -> list[SlotDay]:
    """The next free slots of the default session type, grouped by day in `tz`."""
    from bookings.selectors import practitioners_next_slots

    slots = practitioners_next_slots(practitioners=[practitioner.pk], now=now, limit=limit)
    days: list[SlotDay] = []
    for slot in slots.get(practitioner.pk, []):
        start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
        if not days or days[-1].day != start.date():
            days.append(SlotDay(day=start.date()))
        days[-1].slots.append(
            SlotLink(
                start=start,
                end=end,
                session_type_id=slot.session.id,
                url=_booking_link(
                    start=slot.start, session_type_id=slot.session.id, tz_query=tz_query
                ),
            )
        )
    return days


@dataclass(frozen=True)
class ChosenSlot:
    start: datetime  # in the visitor's zone
    end: datetime
    offer: SessionOffer
    iso: str


def _parse_instant(value: str | None) -> datetime | None:
    if not value or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else None


def chosen_slot(
    *,
    practitioner: Practitioner,
    offers: list[SessionOffer],
    slot: str | None,
    session_type: str | None,
    tz: ZoneInfo,
    now: datetime,
) -> ChosenSlot | None:
    """The time picked from the list, if it is still free; None otherwise."""
    from bookings import availability
    from bookings.selectors import agenda_slots, agendas_load

    start = _parse_instant(slot)
    try:
        offer = next((o for o in offers if o.id == int(session_type or "")), None)
    except ValueError:
        offer = None
    if start is None or offer is None or start <= now:
        return None
    end = start + timedelta(minutes=offer.duration_minutes)
    window = availability.Interval(start, end)
    agenda = agendas_load(
        practitioners=[practitioner.pk], window=window, session_type_ids=[offer.id], now=now
    ).get(practitioner.pk)
    if agenda is None:
        return None
    free = agenda_slots(agenda=agenda, window=window, now=now, session_type_id=offer.id)
    if not any(candidate.start == start for candidate in free):
        return None
    return ChosenSlot(
        start=start.astimezone(tz), end=end.astimezone(tz), offer=offer, iso=slot_iso(start)
    )


def booking_url() -> str:
    """Where "Continue" posts a chosen time (the booking flow holds it)."""
    return reverse("bookings:book")


# --- Texts -------------------------------------------------------------------------------------


def profile_rich_text(value: str) -> SafeString:
    """A profile's rich text for the page, without the placeholders of untranslated
    paragraphs."""
    from wagtail.templatetags.wagtailcore_tags import richtext

    if not value:
        return mark_safe("")
    return mark_safe(_EMPTY_BLOCK.sub("", str(richtext(value))))


class _PlainText(HTMLParser):
    """Rich text back to the plain text the editor shows: paragraphs separated by a blank line,
    list items as lines starting with "- "."""

    BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.items: list[str] | None = None
        self.current: list[str] = []

    def _text(self) -> str:
        lines = "".join(self.current).replace(EMPTY_PARAGRAPH, "").split("\n")
        self.current = []
        return "\n".join(" ".join(line.split()) for line in lines).strip()

    def _flush(self):
        text = self._text()
        if not text:
            return
        if self.items is not None:
            self.items.append(text)
        else:
            self.blocks.append(text)

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.current.append("\n")
        elif tag in ("ul", "ol"):
            self._flush()
            self.items = []
        elif tag == "li" or tag in self.BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self._flush()
            if self.items:
                self.blocks.append("\n".join(f"- {item}" for item in self.items))
            self.items = None
        elif tag == "li" or tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)

    def result(self) -> str:
        self._flush()
        if self.items:
            self.blocks.append("\n".join(f"- {item}" for item in self.items))
            self.items = None
        return "\n\n".join(self.blocks)


def rich_text_to_text(html: str) -> str:
    if not html:
        return ""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return parser.result()


# --- The editor's starting values --------------------------------------------------------------


@dataclass(frozen=True)
class ProfileInitial:
    fields: dict
    diplomas: list[dict]
    photo: object | None = None  # a Wagtail image


def catalogue_choices(*, model, language: str) -> list[tuple[int, str]]:
    """Live French catalogue pages (what a profile links to), labelled in `language`."""
    sources = list(
        model.objects.live().filter(locale__language_code=SOURCE_LANGUAGE).order_by("title")
    )
    titles = {}
    if language != SOURCE_LANGUAGE:
        titles = dict(
            model.objects.live()
            .filter(
                locale__language_code=language,
                translation_key__in=[page.translation_key for page in sources],
            )
            .values_list("translation_key", "title")
        )
    choices = [(page.pk, titles.get(page.translation_key, page.title)) for page in sources]
    return sorted(choices, key=lambda choice: choice[1].casefold())


def profile_form_initial(*, practitioner: Practitioner) -> ProfileInitial:
    """The latest saved version of the profile (draft or published), as the form shows it."""
    source = profile_page_source(practitioner=practitioner)
    if source is None:
        return ProfileInitial(
            fields={
                "languages": ["fr"],
                "modes": ["video"],
                "gender": "unspecified",
                "accepts_new_patients": True,
                "offers_follow_up": True,
            },
            diplomas=[],
        )
    page = source.get_latest_revision_as_object()
    english_page = profile_translation(page=source)
    english = english_page.get_latest_revision_as_object() if english_page else None

    def translated(name: str, *, rich: bool = False) -> str:
        """The English text when it is not the French one shown in its place."""
        if english is None:
            return ""
        value, source = getattr(english, name), getattr(page, name)
        if rich:
            value, source = rich_text_to_text(value), rich_text_to_text(source)
        return "" if value == source else value

    modes = [mode for mode in ("video", "phone") if getattr(page, f"offers_{mode}")]
    fields = {
        "headline": page.headline,
        "presentation": rich_text_to_text(page.presentation),
        "career": rich_text_to_text(page.career),
        "video_url": page.video_url,
        "languages": [item.code for item in page.languages.all()],
        "gender": page.gender,
        "therapies": [therapy.pk for therapy in page.therapies.all()],
        "concerns": [concern.pk for concern in page.concerns.all()],
        "modes": modes,
        "accepts_new_patients": page.accepts_new_patients,
        "offers_follow_up": page.offers_follow_up,
        "headline_en": translated("headline"),
        "presentation_en": translated("presentation", rich=True),
        "career_en": translated("career", rich=True),
    }
    english_diplomas = list(english.diplomas.all()) if english else []
    diplomas = []
    for order, diploma in enumerate(page.diplomas.all()):
        title_en = ""
        if order < len(english_diplomas) and english_diplomas[order].title != diploma.title:
            title_en = english_diplomas[order].title
        diplomas.append(
            {
                "title": diploma.title,
                "year": diploma.year,
                "school": diploma.school,
                "title_en": title_en,
            }
        )
    return ProfileInitial(fields=fields, diplomas=diplomas, photo=page.photo)


# --- The public page ---------------------------------------------------------------------------


def verified_checks(*, practitioner: Practitioner) -> list[dict]:
    """What staff checked, and when; empty when nothing was checked."""
    return [
        {
            "key": name.removesuffix("_verified_at"),
            "label": label,
            "at": getattr(practitioner, name),
        }
        for name, label in CHECKS
        if getattr(practitioner, name)
    ]


def video_embed(url: str) -> str:
    """The provider's player for `url`, or "" (the page then shows a plain link).

    A failed look-up is remembered for an hour, so a provider that is down (or a site
    without internet access) does not slow every visit down.
    """
    if not url or not url.startswith(("https://", "http://")):
        return ""
    from wagtail.embeds import embeds
    from wagtail.embeds.exceptions import EmbedException

    failure_key = "khepri:embed-failed:" + hashlib.sha256(url.encode()).hexdigest()
    if cache.get(failure_key):
        return ""
    try:
        embed = embeds.get_embed(url)
    except (EmbedException, OSError, ValueError):
        cache.set(failure_key, True, 3600)
        return ""
    from django.template.loader import render_to_string

    return render_to_string("wagtailembeds/embed_frontend.html", {"embed": embed})


def person_json_ld(*, page: PractitionerPage, request) -> SafeString:
    """schema.org Person: who, what profession, which languages; nothing about health."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": page.title,
        "knowsLanguage": [item.code for item in page.languages.all()],
    }
    if page.practitioner.profession:
        data["jobTitle"] = page.practitioner.profession
    url = page.get_full_url(request=request)
    if url:
        data["url"] = url
    text = json.dumps(data, ensure_ascii=False)
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escaped)
    return mark_safe(text)


def profile_context(*, request, page: PractitionerPage) -> dict:
    from therapies.models import ConcernPage, TherapyPage
    from therapies.selectors import pages_in_locale

    if not page.practitioner_id:  # an editor's preview of a page not yet linked to anyone
        return {"is_bookable": False, "is_profile_preview": True, "slot_days": []}
    practitioner = page.practitioner
    language = page.locale.language_code
    now = timezone.now()
    tz, tz_chosen = visitor_zone(request)
    tz_query = tz.key if tz_chosen else None
    is_preview = bool(getattr(request, "is_preview", False))
    bookable = practitioner.is_bookable
    offers = session_offers(practitioner=practitioner, language=language)

    slot_days, chosen, chosen_missing = [], None, False
    if bookable:
        slot_days = next_slot_days(practitioner=practitioner, tz=tz, now=now, tz_query=tz_query)
        if "slot" in request.GET:
            chosen = chosen_slot(
                practitioner=practitioner,
                offers=offers,
                slot=request.GET.get("slot"),
                session_type=request.GET.get("session_type"),
                tz=tz,
                now=now,
            )
            chosen_missing = chosen is None

    labels = dict(LANGUAGES)
    return {
        "practitioner": practitioner,
        "is_bookable": bookable,
        "verified_checks": verified_checks(practitioner=practitioner),
        "presentation_html": profile_rich_text(page.presentation),
        "career_html": profile_rich_text(page.career),
        "diplomas": list(page.diplomas.all()),
        "spoken_languages": [labels.get(item.code, item.code) for item in page.languages.all()],
        "linked_therapies": pages_in_locale(
            model=TherapyPage, linked_pages=list(page.therapies.all()), locale_id=page.locale_id
        ),
        "linked_concerns": pages_in_locale(
            model=ConcernPage, linked_pages=list(page.concerns.all()), locale_id=page.locale_id
        ),
        "video_embed": video_embed(page.video_url),
        "session_offers": offers,
        "visitor_tz": tz,
        "visitor_tz_chosen": tz_chosen,
        "zone_choices": COMMON_ZONES if tz.key in COMMON_ZONES else [tz.key, *COMMON_ZONES],
        "slot_days": slot_days,
        "chosen_slot": chosen,
        "chosen_slot_missing": chosen_missing,
        "book_url": booking_url() if chosen else None,
        "person_json_ld": None if is_preview else person_json_ld(page=page, request=request),
        "is_profile_preview": is_preview,
        "is_own_preview": bool(getattr(request, "profile_preview_own", False)),
    }
