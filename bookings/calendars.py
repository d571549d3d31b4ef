"""Calendars outside Khepri: external busy time in, the practitioner's own agenda out.

Contract:

* `external_calendar_refresh` downloads a practitioner's iCalendar address and replaces that
  calendar's `ExternalBusy` rows with the busy periods between one day ago and
  `KHEPRI_CALENDAR_HORIZON_DAYS` ahead, in one transaction. Only start and end (UTC) are kept,
  never titles, places or attendees. It never raises for a calendar that cannot be read: the
  previous busy rows stay, the calendar is marked `ERROR` and `last_error` says, in the
  practitioner's language, what to do about it.
* Calendar addresses are secrets: they never appear in a message or a log line.
* Only http and https addresses are read (`webcal://` means https). Unless
  `KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS`, a connection to a private, loopback or link-local
  address is refused when the socket is opened, so redirects and DNS tricks are covered too.
* `calendar_feed_ics` renders the practitioner's bookings for their phone. Events say
  "Consultation" and nothing about the therapy; patients' names only when the practitioner
  asked for them; never an email address or a phone number.
"""

import ipaddress
import logging
import math
import time
import traceback
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from urllib.parse import urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import requests
import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext_lazy, pgettext
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from bookings.models import Booking, CalendarFeed, ExternalBusy, ExternalCalendar, new_feed_token
from khepri.parsing import plain_count
from practitioners.models import Practitioner

logger = logging.getLogger(__name__)

#: More occurrences than this inside the window is not a real agenda (and would tie up a worker).
MAX_OCCURRENCES = 10_000
MAX_REDIRECTS = 5
FEED_PAST_DAYS = 90
FEED_STATES = (Booking.State.REQUESTED, Booking.State.CONFIRMED, Booking.State.COMPLETED)

MESSAGE_INVALID_URL = _(
    "This is not a calendar address. It should start with https:// or webcal://; copy the "
    "iCal address your calendar service gives you."
)
MESSAGE_PRIVATE_HOST = _(
    "This address points to a private or local network, which Khepri cannot reach. Use the "
    "public iCal address your calendar service gives you."
)
MESSAGE_UNKNOWN_HOST = _(
    "The server of this address could not be found. Check that you copied the whole address."
)
MESSAGE_UNREACHABLE = _(
    "The calendar server could not be reached. Khepri will try again in a few minutes."
)
MESSAGE_TIMEOUT = ngettext_lazy(
    "The calendar did not answer within %(seconds)s second. Khepri will try again in a few "
    "minutes.",
    "The calendar did not answer within %(seconds)s seconds. Khepri will try again in a few "
    "minutes.",
    "seconds",
)
MESSAGE_NOT_FOUND = _(
    "The address answered with error %(status)s. Check that you copied the whole secret address."
)
MESSAGE_REFUSED = _(
    "The address answered with error %(status)s (access refused). If you reset your calendar's "
    "secret address, paste the new one here."
)
MESSAGE_SERVER_ERROR = _(
    "The calendar server answered with error %(status)s. Khepri will try again in a few minutes."
)
MESSAGE_TOO_LARGE = _(
    "This calendar is larger than %(size)s, the most Khepri reads. Connect a calendar with "
    "fewer events."
)
MESSAGE_NOT_ICALENDAR = _(
    "This address does not contain a calendar (iCalendar) file. Check that you copied the iCal "
    "address, not the address of a web page."
)
MESSAGE_DAMAGED = _(
    "This calendar file could not be read: it seems damaged. Check the export settings of your "
    "calendar service."
)
MESSAGE_TOO_MANY_EVENTS = _(
    "This calendar has too many events to read (more than %(count)s in the coming months)."
)
MESSAGE_UNEXPECTED = _(
    "The calendar could not be read because of an unexpected error. Khepri will try again in a "
    "few minutes."
)
MESSAGE_ALREADY_CONNECTED = _("This calendar is already connected.")
MESSAGE_NOT_YOURS = _("This calendar does not exist or is not yours.")


class CalendarError(Exception):
    """A calendar problem, described so that the practitioner can act on it.

    `message` is translatable and rendered (with `params`) in the active language when the
    error is turned into text. `detail` is for the log only and never holds the address.
    """

    def __init__(self, message, params: dict | None = None, *, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.params = params or {}
        self.detail = detail

    def __str__(self) -> str:
        # Lazy messages are translated here; ngettext_lazy picks its plural from the params.
        return str(self.message % self.params) if self.params else str(self.message)


# --- Addresses -------------------------------------------------------------------------------


def _is_public_ip(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback in disguise
    return address.is_global and not address.is_multicast


def _private_hosts_allowed() -> bool:
    return bool(settings.KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS)


def _normalized_url(url: str) -> str:
    """The address to download, or `CalendarError` when it cannot be one (checked without DNS)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise CalendarError(MESSAGE_INVALID_URL, detail="unparsable address") from exc
    scheme = parts.scheme.lower()
    if scheme in ("webcal", "webcals"):
        scheme = "https"  # what Apple, Google and Outlook mean by it
    normalized = urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))
    if scheme not in ("http", "https") or len(normalized) > 2000:
        raise CalendarError(MESSAGE_INVALID_URL, detail=f"scheme {scheme or 'missing'!r}")
    try:
        URLValidator(schemes=["http", "https"])(normalized)
    except ValidationError as exc:
        raise CalendarError(MESSAGE_INVALID_URL, detail="malformed address") from exc
    host = (parts.hostname or "").rstrip(".").lower()
    if not _private_hosts_allowed():
        if host == "localhost" or host.endswith(".localhost"):
            raise CalendarError(MESSAGE_PRIVATE_HOST, detail="localhost")
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None and not _is_public_ip(literal):
            raise CalendarError(MESSAGE_PRIVATE_HOST, detail=f"private address {literal}")
    return normalized


# --- Download --------------------------------------------------------------------------------


class _PrivateAddressRefused(Exception):
    """Raised while opening a socket to a non-public address (server-side request forgery)."""


class _PublicOnlyConnectionMixin:
    def _new_conn(self):
        sock = super()._new_conn()
        # Checked on the connected socket: covers redirects and DNS answers that change.
        peer = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
        if not _private_hosts_allowed() and not _is_public_ip(peer):
            sock.close()
            raise _PrivateAddressRefused(str(peer))
        return sock


class _PublicOnlyHTTPConnection(_PublicOnlyConnectionMixin, HTTPConnection):
    pass


class _PublicOnlyHTTPSConnection(_PublicOnlyConnectionMixin, HTTPSConnection):
    pass


class _PublicOnlyHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _PublicOnlyHTTPConnection


class _PublicOnlyHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _PublicOnlyHTTPSConnection


class _PublicOnlyAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _PublicOnlyHTTPConnectionPool,
            "https": _PublicOnlyHTTPSConnectionPool,
        }


def _exception_chain(exc: BaseException):
    """The exception and what it wraps (requests and urllib3 nest theirs several levels deep)."""
    seen, pending = set(), [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))


def _timeout_error(timeout: float, detail: str) -> CalendarError:
    seconds = max(1, math.ceil(timeout))
    return CalendarError(MESSAGE_TIMEOUT, {"seconds": seconds}, detail=detail)


def _status_error(status: int) -> CalendarError:
    if status in (401, 403):
        message = MESSAGE_REFUSED
    elif status >= 500:
        message = MESSAGE_SERVER_ERROR
    else:
        message = MESSAGE_NOT_FOUND
    return CalendarError(message, {"status": status}, detail=f"HTTP status {status}")


def _download(url: str) -> bytes:
    """The body at `url`, read within the time and size limits, or `CalendarError`."""
    timeout = float(settings.KHEPRI_CALENDAR_FETCH_TIMEOUT)
    max_bytes = int(settings.KHEPRI_CALENDAR_MAX_BYTES)
    # Lazy: the size is written in the practitioner's language, like the rest of the message.
    limit = lazy(filesizeformat, str)(max_bytes)
    too_large = CalendarError(MESSAGE_TOO_LARGE, {"size": limit}, detail="body over the limit")
    deadline = time.monotonic() + timeout
    session = requests.Session()
    # No proxy or .netrc from the environment: the address check must see the real peer.
    session.trust_env = False
    session.max_redirects = MAX_REDIRECTS
    adapter = _PublicOnlyAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    headers = {
        "User-Agent": f"Khepri calendar reader (+{settings.KHEPRI_SITE_URL})",
        "Accept": "text/calendar, */*;q=0.5",
    }
    try:
        with (
            session,
            session.get(url, headers=headers, stream=True, timeout=(timeout, timeout)) as response,
        ):
            if response.status_code >= 400:
                raise _status_error(response.status_code)
            declared = plain_count(response.headers.get("Content-Length", ""))
            if declared is not None and declared > max_bytes:
                raise too_large
            chunks, size = [], 0
            while True:
                # read1 returns what has arrived, so the deadline is checked even when a
                # server sends a byte now and then (which never trips the socket timeout).
                # Decoded bytes: the limit also holds for a small body that inflates.
                chunk = response.raw.read1(64 * 1024, decode_content=True)
                if not chunk:
                    return b"".join(chunks)
                size += len(chunk)
                if size > max_bytes:
                    raise too_large
                if time.monotonic() > deadline:
                    raise _timeout_error(timeout, "total download time exceeded")
                chunks.append(chunk)
    except CalendarError:
        raise
    except _PrivateAddressRefused as exc:
        raise CalendarError(MESSAGE_PRIVATE_HOST, detail=f"private address {exc}") from None
    except requests.TooManyRedirects:
        raise CalendarError(MESSAGE_UNREACHABLE, detail="too many redirects") from None
    except (requests.exceptions.InvalidSchema, requests.exceptions.InvalidURL) as exc:
        # Only a redirect can get here: the address itself was checked before.
        raise CalendarError(MESSAGE_INVALID_URL, detail=type(exc).__name__) from None
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise _request_error(exc, timeout) from None


def _request_error(exc: Exception, timeout: float) -> CalendarError:
    # Only class names go to the log: requests' own messages contain the address.
    chain = list(_exception_chain(exc))
    detail = " < ".join(type(item).__name__ for item in chain)
    if any(isinstance(item, _PrivateAddressRefused) for item in chain):
        return CalendarError(MESSAGE_PRIVATE_HOST, detail=detail)
    if any(isinstance(item, urllib3.exceptions.NameResolutionError) for item in chain):
        return CalendarError(MESSAGE_UNKNOWN_HOST, detail=detail)
    if any(isinstance(item, urllib3.exceptions.NewConnectionError) for item in chain):
        # Checked first: urllib3 makes it a subclass of its connect timeout error.
        return CalendarError(MESSAGE_UNREACHABLE, detail=detail)
    timeouts = (requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)
    if any(isinstance(item, timeouts) for item in chain):
        return _timeout_error(timeout, detail)
    return CalendarError(MESSAGE_UNREACHABLE, detail=detail)


# --- Reading busy time -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Period:
    start: datetime  # aware, UTC
    end: datetime


def _as_utc(value: date | datetime, tz: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):
        # An all-day event fills the whole local day where the practitioner works.
        value = datetime(value.year, value.month, value.day)
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=tz)  # floating time: the practitioner's wall clock
    return value.astimezone(UTC)


def _is_busy(event) -> bool:
    if str(event.get("TRANSP", "")).strip().upper() == "TRANSPARENT":
        return False
    return str(event.get("STATUS", "")).strip().upper() != "CANCELLED"


def _merged(periods: list[_Period]) -> list[_Period]:
    merged: list[_Period] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        if merged and period.start <= merged[-1].end:
            if period.end > merged[-1].end:
                merged[-1] = _Period(merged[-1].start, period.end)
        else:
            merged.append(period)
    return merged


def _busy_periods(
    *, body: bytes, tz: ZoneInfo, window_start: datetime, window_end: datetime
) -> list[_Period]:
    """Merged busy periods of an iCalendar file, cut to the window."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if head != b"BEGIN:VCALENDAR":
        raise CalendarError(MESSAGE_NOT_ICALENDAR, detail="no BEGIN:VCALENDAR")
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except ValueError as exc:
        # The parser's message quotes the file (event titles): only its class is logged.
        raise CalendarError(MESSAGE_DAMAGED, detail=type(exc).__name__) from None
    if calendar.name != "VCALENDAR":
        raise CalendarError(MESSAGE_NOT_ICALENDAR, detail=f"top component {calendar.name}")

    # A day of margin each side: floating and all-day times are placed in `tz` only below.
    margin = timedelta(days=1)
    # Series with a broken rule are skipped, not fatal: one odd event should not cost the
    # practitioner all their busy time.
    query = recurring_ical_events.of(calendar, skip_bad_series=True)
    periods: list[_Period] = []
    examined = skipped = 0
    for event in query.after(window_start - margin):  # in start order
        examined += 1
        if examined > MAX_OCCURRENCES:
            raise CalendarError(
                MESSAGE_TOO_MANY_EVENTS, {"count": MAX_OCCURRENCES}, detail="too many occurrences"
            )
        try:
            start = _as_utc(event.start, tz)
            end = _as_utc(event.end, tz)
        except (ValueError, KeyError):
            skipped += 1
            continue
        if start >= window_end + margin:
            break
        if not _is_busy(event):
            continue
        start, end = max(start, window_start), min(end, window_end)
        if end > start:
            periods.append(_Period(start, end))
    if skipped:
        logger.info("Skipped %s unreadable events in an external calendar.", skipped)
    return _merged(periods)


# --- Services --------------------------------------------------------------------------------


def _message_for(practitioner: Practitioner, error: CalendarError) -> str:
    field = ExternalCalendar._meta.get_field("last_error")
    with translation.override(practitioner.user.language or settings.LANGUAGE_CODE):
        return str(error)[: field.max_length]


def _record_failure(
    calendar: ExternalCalendar, error: CalendarError, now: datetime
) -> ExternalCalendar:
    calendar.status = ExternalCalendar.Status.ERROR
    calendar.last_error = _message_for(calendar.practitioner, error)
    calendar.last_attempt_at = now
    # update(), not save(): only these fields, and nothing recreated if it was just removed.
    ExternalCalendar.objects.filter(pk=calendar.pk).update(
        status=calendar.status, last_error=calendar.last_error, last_attempt_at=now
    )
    return calendar


def external_calendar_refresh(*, calendar_id: int, now: datetime | None = None) -> ExternalCalendar:
    """Replace the calendar's busy periods with what its address holds now.

    Never raises for an address that cannot be read (see the module docstring); raises
    `ExternalCalendar.DoesNotExist` for an unknown id.
    """
    now = now or timezone.now()
    calendar = ExternalCalendar.objects.select_related("practitioner__user").get(pk=calendar_id)
    practitioner = calendar.practitioner
    window_start = now - timedelta(days=1)
    window_end = now + timedelta(days=settings.KHEPRI_CALENDAR_HORIZON_DAYS)
    try:
        body = _download(_normalized_url(calendar.url))
        periods = _busy_periods(
            body=body, tz=practitioner.time_zone, window_start=window_start, window_end=window_end
        )
    except CalendarError as error:
        logger.warning("External calendar %s could not be read: %s", calendar.pk, error.detail)
        return _record_failure(calendar, error, now)
    except Exception as exc:
        # Frames only: an exception's message may quote the address or the file.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        logger.error(
            "External calendar %s failed with %s:\n%s", calendar.pk, type(exc).__name__, frames
        )
        return _record_failure(calendar, CalendarError(MESSAGE_UNEXPECTED), now)

    # The download happened outside any transaction; the lock is taken only to write.
    with transaction.atomic():
        locked = ExternalCalendar.objects.select_for_update().filter(pk=calendar.pk).first()
        if locked is None or locked.url != calendar.url:
            return locked or calendar  # removed or re-pointed meanwhile: this read is stale
        ExternalBusy.objects.filter(calendar=locked).delete()
        ExternalBusy.objects.bulk_create(
            ExternalBusy(calendar=locked, practitioner=practitioner, start=p.start, end=p.end)
            for p in periods
        )
        locked.status = ExternalCalendar.Status.OK
        locked.last_error = ""
        locked.last_attempt_at = now
        locked.last_success_at = now
        locked.busy_count = len(periods)
        locked.save(
            update_fields=[
                "status",
                "last_error",
                "last_attempt_at",
                "last_success_at",
                "busy_count",
            ]
        )
    locked.practitioner = practitioner
    return locked


def _enqueue_refresh(calendar_id: int) -> None:
    from bookings.tasks import refresh_external_calendar  # the task module imports this one

    refresh_external_calendar.enqueue(calendar_id)


def external_calendar_connect(
    *, practitioner: Practitioner, url: str, name: str = ""
) -> ExternalCalendar:
    """Add a calendar to read busy time from; its first read is enqueued after commit."""
    normalized = _normalized_url(url)
    if ExternalCalendar.objects.filter(practitioner=practitioner, url=normalized).exists():
        raise CalendarError(MESSAGE_ALREADY_CONNECTED)
    calendar = ExternalCalendar(practitioner=practitioner, url=normalized)
    if name.strip():
        calendar.name = name.strip()[: ExternalCalendar._meta.get_field("name").max_length]
    calendar.save()
    transaction.on_commit(partial(_enqueue_refresh, calendar.pk))
    return calendar


def external_calendar_remove(*, practitioner: Practitioner, calendar_id: int) -> None:
    """Disconnect one of the practitioner's calendars; its busy periods go with it."""
    deleted, _details = ExternalCalendar.objects.filter(
        practitioner=practitioner, pk=calendar_id
    ).delete()
    if not deleted:
        raise CalendarError(MESSAGE_NOT_YOURS)


# --- The practitioner's own feed -------------------------------------------------------------


def calendar_feed_get_or_create(*, practitioner: Practitioner) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(practitioner=practitioner)
    return feed


def calendar_feed_rotate(*, practitioner: Practitioner) -> CalendarFeed:
    """Give the feed a new secret address; the old one stops working at once."""
    feed = calendar_feed_get_or_create(practitioner=practitioner)
    feed.token = new_feed_token()
    feed.rotated_at = timezone.now()
    feed.save(update_fields=["token", "rotated_at"])
    return feed


def calendar_feed_update(*, practitioner: Practitioner, show_patient_names: bool) -> CalendarFeed:
    """Whether events in the practitioner's own feed carry the patient's short name."""
    feed = calendar_feed_get_or_create(practitioner=practitioner)
    feed.show_patient_names = show_patient_names
    feed.save(update_fields=["show_patient_names"])
    return feed


def _patient_short_name(patient) -> str:
    if patient is None:
        return ""
    first = patient.first_name.strip()
    last = patient.last_name.strip()
    return " ".join(part for part in (first, f"{last[0]}." if last else "") if part)


def _event_summary(booking: Booking, *, show_patient_names: bool) -> str:
    # Always the same word: the booking's title may name a therapy, and phones show
    # event titles on locked screens.
    summary = pgettext("session", "Consultation")
    patient = _patient_short_name(booking.patient) if show_patient_names else ""
    if patient:
        summary = gettext("%(session)s — %(patient)s") % {"session": summary, "patient": patient}
    if booking.state == Booking.State.REQUESTED:
        summary = gettext("%(summary)s (to confirm)") % {"summary": summary}
    return summary


def calendar_feed_ics(*, feed: CalendarFeed, now: datetime | None = None) -> bytes:
    """The practitioner's bookings as an iCalendar file, from 90 days ago onwards."""
    now = now or timezone.now()
    practitioner = feed.practitioner
    site_url = settings.KHEPRI_SITE_URL.rstrip("/")
    zone = ZoneInfo(str(practitioner.time_zone))
    bookings = (
        Booking.objects.filter(
            practitioner=practitioner,
            state__in=FEED_STATES,
            end__gte=now - timedelta(days=FEED_PAST_DAYS),
        )
        .select_related("patient")
        .order_by("start", "pk")
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Khepri//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Khepri")
    calendar.add("name", "Khepri")
    calendar.add("refresh-interval", timedelta(minutes=15), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vText("PT15M"))
    with translation.override(practitioner.user.language or settings.LANGUAGE_CODE):
        # Each event opens its day in the agenda, the session's details shown, in the
        # practitioner's language.
        agenda_url = site_url + reverse("bookings:agenda")
        for booking in bookings:
            event = icalendar.Event()
            event.add("uid", f"{booking.reference}@khepri")
            event.add("dtstamp", booking.updated_at.astimezone(UTC))
            event.add("dtstart", booking.start.astimezone(UTC))
            event.add("dtend", booking.end.astimezone(UTC))
            event.add(
                "summary",
                _event_summary(booking, show_patient_names=feed.show_patient_names),
            )
            day = booking.start.astimezone(zone).date().isoformat()
            event.add(
                "description",
                f"{agenda_url}?{urlencode({'view': 'day', 'date': day, 'booking': booking.pk})}",
            )
            event.add(
                "status",
                "TENTATIVE" if booking.state == Booking.State.REQUESTED else "CONFIRMED",
            )
            event.add("transp", "OPAQUE")
            event.add("class", "PRIVATE")
            calendar.add_component(event)
    return calendar.to_ical()
