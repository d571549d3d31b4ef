"""External calendars (busy time in) and the practitioner's feed (agenda out).

Calendars are served by a real HTTP server on 127.0.0.1; the files under `ics/` are written
the way Google Calendar, Outlook and Doctolib export them.
"""

import contextlib
import gzip
import ipaddress
import socket
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from accounts.models import User
from bookings import calendars
from bookings.calendars import (
    CalendarError,
    calendar_feed_get_or_create,
    calendar_feed_ics,
    calendar_feed_rotate,
    external_calendar_connect,
    external_calendar_refresh,
    external_calendar_remove,
)
from bookings.models import Booking, CalendarFeed, ExternalBusy, ExternalCalendar
from bookings.tasks import refresh_external_calendar, refresh_external_calendars
from khepri.periodic import periodic_jobs
from practitioners.models import Practitioner

ICS_DIR = Path(__file__).resolve().parent / "ics"
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=15)
#: Part of every served address, as in Google's secret addresses: must never leak.
SECRET = "private-9f8e7d6c5b4a"
SITE_URL = "https://khepri.example"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- A local calendar server -----------------------------------------------------------------


class CalendarServer:
    """What the handler serves, and what it saw."""

    def __init__(self):
        self.hits: Counter[str] = Counter()
        self.release = threading.Event()  # lets slow handlers finish at teardown
        self.base_url = ""

    def url(self, name: str) -> str:
        return f"{self.base_url}/calendar/ical/{SECRET}/{name}"


CHANGING_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:changing@example.org\r\nDTSTAMP:20260318T101500Z\r\n"
    "DTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:Moving\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def make_handler(server: CalendarServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # keep test output quiet
            pass

        def send_body(self, body: bytes, *, status: int = 200, content_type="text/calendar"):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client stopped reading: too large
                self.wfile.write(body)

        def send_chunked_gzip(self, body: bytes):
            """Compressed, in chunks: how Google Calendar answers."""
            compressed = gzip.compress(body)
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=UTF-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            with contextlib.suppress(OSError):
                for start in range(0, len(compressed), 1000):
                    chunk = compressed[start : start + 1000]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")

        def send_unsized(self, chunks, *, delay: float = 0.0):
            """A body without Content-Length, ended by closing the connection."""
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for chunk in chunks:
                    if server.release.is_set():
                        break
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    if delay:
                        time.sleep(delay)
            except OSError:
                pass  # the client gave up, as it should
            self.close_connection = True

        def do_GET(self):
            name = self.path.rsplit("/", 1)[-1]
            server.hits[name] += 1
            if name.endswith(".ics") and (ICS_DIR / name).is_file():
                self.send_body((ICS_DIR / name).read_bytes())
            elif name.startswith("gzip-") and (ICS_DIR / name.removeprefix("gzip-")).is_file():
                self.send_chunked_gzip((ICS_DIR / name.removeprefix("gzip-")).read_bytes())
            elif name == "bomb.ics":
                # 50 KB of padding compresses to well under the 10 KB limit.
                self.send_chunked_gzip(b"BEGIN:VCALENDAR\r\n" + b"X" * 50_000)
            elif name == "minutely.ics":
                self.send_body(
                    CHANGING_EVENT.format(
                        start="20260320T000000Z", end="20260320T000100Z\r\nRRULE:FREQ=MINUTELY"
                    ).encode()
                )
            elif name == "changing.ics":
                start, end = (
                    ("20260323T090000Z", "20260323T100000Z")
                    if server.hits[name] == 1
                    else ("20260324T140000Z", "20260324T150000Z")
                )
                self.send_body(CHANGING_EVENT.format(start=start, end=end).encode())
            elif name == "redirect.ics":
                self.send_response(302)
                self.send_header("Location", server.url("doctolib.ics"))
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif name == "status-401.ics":
                self.send_body(b"Unauthorized", status=401, content_type="text/plain")
            elif name == "status-500.ics":
                self.send_body(b"Oops", status=500, content_type="text/plain")
            elif name == "page.ics":
                html = b"<!doctype html><html><body><h1>Agenda</h1></body></html>"
                self.send_body(html, content_type="text/html")
            elif name == "damaged.ics":
                self.send_body(b"BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR")
            elif name == "huge.ics":
                line = b"X-PADDING:" + b"x" * 1000 + b"\r\n"
                self.send_unsized([b"BEGIN:VCALENDAR\r\n"] + [line] * 200)
            elif name == "huge-declared.ics":
                self.send_body(b"BEGIN:VCALENDAR\r\n" + b"X" * 50_000)
            elif name == "silent.ics":
                server.release.wait(5)  # never answers in time
            elif name == "drip.ics":
                line = b"X-PADDING:x\r\n"
                self.send_unsized([b"BEGIN:VCALENDAR\r\n"] + [line] * 100, delay=0.05)
            else:
                self.send_body(b"Not Found", status=404, content_type="text/plain")

    return Handler


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client hanging up on a too-large or too-slow body is what the tests want.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def calendar_server():
    state = CalendarServer()
    httpd = QuietServer(("127.0.0.1", 0), make_handler(state))
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    state.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (French is the site's default language)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def calendar_settings(settings):
    settings.KHEPRI_CALENDAR_HORIZON_DAYS = 30
    settings.KHEPRI_CALENDAR_FETCH_TIMEOUT = 2
    settings.KHEPRI_SITE_URL = SITE_URL
    return settings


# --- People ----------------------------------------------------------------------------------


def make_practitioner(
    *, slug: str = "claire", time_zone: str = "Europe/Paris", language: str = "en"
) -> Practitioner:
    user = User.objects.create_user(f"{slug}@example.org", "password", language=language)
    return Practitioner.objects.create(
        user=user, slug=slug, legal_name=slug.title(), time_zone=time_zone
    )


@pytest.fixture
def practitioner(db):
    return make_practitioner()


@pytest.fixture
def english_practitioner(db):
    return make_practitioner(slug="emma", language="en")


@pytest.fixture
def french_practitioner(db):
    return make_practitioner(slug="chloe", language="fr")


def calendar_for(practitioner: Practitioner, url: str) -> ExternalCalendar:
    # Plain ORM: the service would refuse the local server's address outside tests.
    return ExternalCalendar.objects.create(practitioner=practitioner, url=url)


def busy_of(calendar: ExternalCalendar) -> list[tuple[datetime, datetime]]:
    return list(calendar.busy.order_by("start").values_list("start", "end"))


def refresh(calendar: ExternalCalendar, now: datetime = NOW) -> ExternalCalendar:
    external_calendar_refresh(calendar_id=calendar.pk, now=now)
    calendar.refresh_from_db()
    return calendar


# --- Reading exports -------------------------------------------------------------------------


def test_google_export_gives_exact_busy_periods(practitioner, calendar_server):
    calendar = refresh(calendar_for(practitioner, calendar_server.url("google.ics")))

    assert calendar.status == ExternalCalendar.Status.OK
    assert busy_of(calendar) == [
        # Started before the window (one day back): cut at its start.
        (utc(2026, 3, 19, 12), utc(2026, 3, 19, 13)),
        # Weekly Monday 09:00 Paris, in winter time.
        (utc(2026, 3, 23, 8), utc(2026, 3, 23, 9)),
        # The transparent (24th) and cancelled (25th) events are not busy time.
        # Two overlapping events merged.
        (utc(2026, 3, 26, 13), utc(2026, 3, 26, 15)),
        # All-day 28-29 March: whole Paris days, the second one 23 hours long (DST).
        (utc(2026, 3, 27, 23), utc(2026, 3, 29, 22)),
        # 30 March is excluded (EXDATE); 6 April moved to Tuesday 7th 14:00 (RECURRENCE-ID).
        (utc(2026, 4, 7, 12), utc(2026, 4, 7, 13)),
        # Monday 09:00 Paris in summer time; 20 April is past the 30-day horizon.
        (utc(2026, 4, 13, 7), utc(2026, 4, 13, 8)),
    ]
    assert calendar.busy_count == 6
    assert calendar.last_success_at == NOW
    assert calendar.last_attempt_at == NOW
    assert calendar.last_error == ""
    assert set(calendar.busy.values_list("practitioner", flat=True)) == {practitioner.pk}


def test_outlook_export_with_windows_time_zone(practitioner, calendar_server):
    calendar = refresh(calendar_for(practitioner, calendar_server.url("outlook.ics")))

    assert calendar.status == ExternalCalendar.Status.OK
    assert busy_of(calendar) == [
        # Tuesdays 14:00-15:30 "Romance Standard Time": CET, then CEST; 31 March excluded.
        (utc(2026, 3, 24, 13), utc(2026, 3, 24, 14, 30)),
        (utc(2026, 4, 7, 12), utc(2026, 4, 7, 13, 30)),
        # The "free" lunch break of 2 April is skipped; the all-day holiday is busy.
        (utc(2026, 4, 9, 22), utc(2026, 4, 10, 22)),
        # UNTIL 14 April 12:00 UTC includes that day's 14:00 Paris occurrence.
        (utc(2026, 4, 14, 12), utc(2026, 4, 14, 13, 30)),
    ]


def test_doctolib_export_in_utc_merges_back_to_back_appointments(practitioner, calendar_server):
    calendar = refresh(calendar_for(practitioner, calendar_server.url("doctolib.ics")))

    assert busy_of(calendar) == [
        (utc(2026, 3, 23, 15), utc(2026, 3, 23, 16)),
        (utc(2026, 4, 2, 8), utc(2026, 4, 2, 8, 30)),
    ]
    assert calendar.busy_count == 2


@pytest.mark.parametrize(
    ("time_zone", "expected"),
    [
        (
            "Europe/Paris",
            [
                (utc(2026, 4, 1, 8), utc(2026, 4, 1, 9)),
                (utc(2026, 4, 2, 22), utc(2026, 4, 3, 22)),
            ],
        ),
        (
            "America/Martinique",
            [
                (utc(2026, 4, 1, 14), utc(2026, 4, 1, 15)),
                (utc(2026, 4, 3, 4), utc(2026, 4, 4, 4)),
            ],
        ),
    ],
)
def test_floating_and_all_day_times_are_in_the_practitioners_zone(
    db, calendar_server, time_zone, expected
):
    practitioner = make_practitioner(time_zone=time_zone)
    calendar = refresh(calendar_for(practitioner, calendar_server.url("floating.ics")))

    assert busy_of(calendar) == expected


def test_a_compressed_chunked_answer_is_read(practitioner, calendar_server):
    plain = refresh(calendar_for(practitioner, calendar_server.url("google.ics")))
    compressed = refresh(calendar_for(practitioner, calendar_server.url("gzip-google.ics")))

    assert compressed.status == ExternalCalendar.Status.OK
    assert busy_of(compressed) == busy_of(plain)


def test_a_redirect_is_followed(practitioner, calendar_server):
    calendar = refresh(calendar_for(practitioner, calendar_server.url("redirect.ics")))

    assert calendar.status == ExternalCalendar.Status.OK
    assert calendar.busy_count == 2


def test_only_start_and_end_are_stored(practitioner, calendar_server):
    calendar = refresh(calendar_for(practitioner, calendar_server.url("google.ics")))

    fields = {field.name for field in ExternalBusy._meta.concrete_fields}
    assert fields == {"id", "calendar", "practitioner", "start", "end"}
    stored = repr(list(ExternalBusy.objects.values())) + repr(
        list(ExternalCalendar.objects.values())
    )
    for private_text in ("Supervision", "Lilas", "Martin", "Congrès", "mutuelle", "Petit"):
        assert private_text not in stored
    assert calendar.busy.count() == 6


def test_a_second_refresh_replaces_the_rows(practitioner, calendar_server):
    calendar = calendar_for(practitioner, calendar_server.url("changing.ics"))

    assert busy_of(refresh(calendar)) == [(utc(2026, 3, 23, 9), utc(2026, 3, 23, 10))]
    assert busy_of(refresh(calendar, LATER)) == [(utc(2026, 3, 24, 14), utc(2026, 3, 24, 15))]
    assert ExternalBusy.objects.count() == 1


def test_refreshing_the_same_file_twice_makes_no_duplicates(practitioner, calendar_server):
    calendar = calendar_for(practitioner, calendar_server.url("google.ics"))
    first = busy_of(refresh(calendar))

    assert busy_of(refresh(calendar)) == first
    assert ExternalBusy.objects.count() == 6


def test_other_calendars_are_left_alone(practitioner, calendar_server):
    google = refresh(calendar_for(practitioner, calendar_server.url("google.ics")))
    doctolib = calendar_for(practitioner, calendar_server.url("changing.ics"))

    refresh(doctolib)
    refresh(doctolib, LATER)

    assert google.busy.count() == 6


# --- Failures --------------------------------------------------------------------------------

FAILURES = {
    "missing.ics": "The address answered with error 404. Check that you copied the whole "
    "secret address.",
    "status-401.ics": "The address answered with error 401 (access refused). If you reset your "
    "calendar's secret address, paste the new one here.",
    "status-500.ics": "The calendar server answered with error 500. Khepri will try again in a "
    "few minutes.",
    "page.ics": "This address does not contain a calendar (iCalendar) file. Check that you "
    "copied the iCal address, not the address of a web page.",
    "damaged.ics": "This calendar file could not be read: it seems damaged. Check the export "
    "settings of your calendar service.",
    "huge.ics": "This calendar is larger than 9.8\xa0KB, the most Khepri reads. Connect a "
    "calendar with fewer events.",
    "huge-declared.ics": "This calendar is larger than 9.8\xa0KB, the most Khepri reads. "
    "Connect a calendar with fewer events.",
    # Small on the wire, too large once inflated.
    "bomb.ics": "This calendar is larger than 9.8\xa0KB, the most Khepri reads. Connect a "
    "calendar with fewer events.",
    "silent.ics": "The calendar did not answer within 1 second. Khepri will try again in a few "
    "minutes.",
    "drip.ics": "The calendar did not answer within 1 second. Khepri will try again in a few "
    "minutes.",
}


@pytest.fixture
def working_calendar(english_practitioner, calendar_server):
    """A calendar read once successfully, so that a failure has rows to keep."""
    calendar = refresh(calendar_for(english_practitioner, calendar_server.url("doctolib.ics")))
    assert calendar.busy_count == 2
    return calendar


def assert_failed_and_kept(calendar: ExternalCalendar, previous_busy, message: str):
    calendar = refresh(calendar, LATER)
    assert calendar.status == ExternalCalendar.Status.ERROR
    assert calendar.last_error == message
    assert calendar.last_attempt_at == LATER
    assert calendar.last_success_at == NOW
    assert busy_of(calendar) == previous_busy
    assert calendar.busy_count == len(previous_busy)
    return calendar


@pytest.mark.parametrize("name", FAILURES)
def test_a_failure_is_reported_and_keeps_the_previous_rows(
    working_calendar, calendar_server, settings, caplog, name
):
    settings.KHEPRI_CALENDAR_MAX_BYTES = 10_000
    settings.KHEPRI_CALENDAR_FETCH_TIMEOUT = 0.4
    previous = busy_of(working_calendar)
    ExternalCalendar.objects.filter(pk=working_calendar.pk).update(url=calendar_server.url(name))

    started = time.monotonic()
    assert_failed_and_kept(working_calendar, previous, FAILURES[name])

    assert time.monotonic() - started < 2  # slow servers are cut off, not waited for
    assert caplog.records, "the technical detail is logged"
    assert SECRET not in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_an_unreachable_server_is_reported(working_calendar, calendar_server, caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens once the probe is closed
    url = f"http://127.0.0.1:{closed_port}/calendar/ical/{SECRET}/basic.ics"
    ExternalCalendar.objects.filter(pk=working_calendar.pk).update(url=url)

    assert_failed_and_kept(
        working_calendar,
        busy_of(working_calendar),
        "The calendar server could not be reached. Khepri will try again in a few minutes.",
    )
    assert SECRET not in caplog.text


@pytest.fixture
def fake_dns(monkeypatch):
    """Names under .invalid fail; `mapping` names resolve where a test says."""
    real_getaddrinfo = socket.getaddrinfo
    mapping: dict[str, str] = {}

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(mapping.get(host, host), *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return mapping


def test_an_unknown_host_is_reported(working_calendar, fake_dns, caplog):
    url = f"https://calendar.khepri.invalid/calendar/ical/{SECRET}/basic.ics"
    ExternalCalendar.objects.filter(pk=working_calendar.pk).update(url=url)

    assert_failed_and_kept(
        working_calendar,
        busy_of(working_calendar),
        "The server of this address could not be found. Check that you copied the whole address.",
    )
    assert SECRET not in caplog.text


@pytest.mark.parametrize(
    "url", ["ftp://example.org/agenda.ics", "file:///etc/passwd", "agenda.ics", ""]
)
def test_a_stored_address_of_another_kind_is_reported(working_calendar, url):
    ExternalCalendar.objects.filter(pk=working_calendar.pk).update(url=url)

    assert_failed_and_kept(
        working_calendar,
        busy_of(working_calendar),
        "This is not a calendar address. It should start with https:// or webcal://; copy the "
        "iCal address your calendar service gives you.",
    )


PRIVATE_MESSAGE = (
    "This address points to a private or local network, which Khepri cannot reach. Use the "
    "public iCal address your calendar service gives you."
)


def test_private_addresses_are_refused_unless_allowed(working_calendar, calendar_server, settings):
    settings.KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS = False
    hits_before = sum(calendar_server.hits.values())

    assert_failed_and_kept(working_calendar, busy_of(working_calendar), PRIVATE_MESSAGE)
    assert sum(calendar_server.hits.values()) == hits_before  # no request was sent


def test_a_public_name_resolving_to_a_private_address_is_refused(
    working_calendar, calendar_server, settings, fake_dns
):
    port = calendar_server.base_url.rsplit(":", 1)[1]
    fake_dns["calendar.example.org"] = "127.0.0.1"
    url = f"http://calendar.example.org:{port}/calendar/ical/{SECRET}/doctolib.ics"
    ExternalCalendar.objects.filter(pk=working_calendar.pk).update(url=url)
    hits_before = sum(calendar_server.hits.values())

    settings.KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS = False
    assert_failed_and_kept(working_calendar, busy_of(working_calendar), PRIVATE_MESSAGE)
    assert sum(calendar_server.hits.values()) == hits_before

    # The same address is read when private hosts are allowed: the address check refused it.
    settings.KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS = True
    assert refresh(working_calendar, LATER).status == ExternalCalendar.Status.OK


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2a00:1450:4007:80c::200e", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.10", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
    ],
)
def test_which_addresses_count_as_public(address, public):
    assert calendars._is_public_ip(ipaddress.ip_address(address)) is public


def test_the_error_message_is_in_the_practitioners_language(
    french_practitioner, english_practitioner, calendar_server, monkeypatch
):
    # A message Django already translates, to see which language the stored text is in.
    monkeypatch.setattr(calendars, "MESSAGE_NOT_FOUND", gettext_lazy("Enter a valid URL."))
    url = calendar_server.url("missing.ics")

    with translation.override("en"):
        french = refresh(calendar_for(french_practitioner, url))
    with translation.override("fr"):
        english = refresh(calendar_for(english_practitioner, url))

    assert french.last_error == "Saisissez une URL valide."
    assert english.last_error == "Enter a valid URL."


def test_a_calendar_with_too_many_events_is_refused(working_calendar, calendar_server, monkeypatch):
    monkeypatch.setattr(calendars, "MAX_OCCURRENCES", 500)
    url = calendar_server.url("minutely.ics")
    ExternalCalendar.objects.filter(pk=working_calendar.pk).update(url=url)

    assert_failed_and_kept(
        working_calendar,
        busy_of(working_calendar),
        "This calendar has too many events to read (more than 500 in the coming months).",
    )


def test_an_unexpected_error_is_caught_and_logged_without_details(
    working_calendar, monkeypatch, caplog
):
    def explode(**kwargs):
        raise RuntimeError(f"boom {SECRET}")

    monkeypatch.setattr(calendars, "_busy_periods", explode)

    assert_failed_and_kept(
        working_calendar,
        busy_of(working_calendar),
        "The calendar could not be read because of an unexpected error. Khepri will try again "
        "in a few minutes.",
    )
    assert "RuntimeError" in caplog.text
    assert SECRET not in caplog.text


# --- Connecting and removing -----------------------------------------------------------------


def test_connect_rewrites_webcal_and_keeps_the_name(practitioner):
    calendar = external_calendar_connect(
        practitioner=practitioner,
        url="  webcal://calendar.example.org/ical/abc/basic.ics  ",
        name="Cabinet",
    )

    assert calendar.url == "https://calendar.example.org/ical/abc/basic.ics"
    assert calendar.name == "Cabinet"
    assert calendar.status == ExternalCalendar.Status.PENDING


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/agenda.ics",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "calendar.example.org/basic.ics",
        "https://",
        "https://exa mple.org/basic.ics",
        "",
    ],
)
def test_connect_refuses_addresses_of_another_kind(practitioner, url):
    with pytest.raises(CalendarError) as raised:
        external_calendar_connect(practitioner=practitioner, url=url)

    assert "https://" in str(raised.value)
    assert not ExternalCalendar.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/basic.ics",
        "http://localhost/basic.ics",
        "http://[::1]/basic.ics",
        "http://169.254.169.254/latest/meta-data/",
        "https://192.168.1.1/agenda.ics",
    ],
)
def test_connect_refuses_private_addresses(practitioner, settings, url):
    settings.KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS = False

    with pytest.raises(CalendarError) as raised:
        external_calendar_connect(practitioner=practitioner, url=url)

    assert str(raised.value) == PRIVATE_MESSAGE


def test_connect_refuses_the_same_calendar_twice(practitioner):
    url = "https://calendar.example.org/ical/abc/basic.ics"
    external_calendar_connect(practitioner=practitioner, url=url)

    with pytest.raises(CalendarError):
        external_calendar_connect(practitioner=practitioner, url=url.replace("https", "webcal"))


def test_connect_reads_the_calendar_after_commit(
    practitioner, calendar_server, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    with django_capture_on_commit_callbacks(execute=True):
        calendar = external_calendar_connect(
            practitioner=practitioner, url=calendar_server.url("doctolib.ics")
        )

    calendar.refresh_from_db()
    assert calendar.status == ExternalCalendar.Status.OK
    assert calendar.busy_count == 2
    assert calendar_server.hits["doctolib.ics"] == 1


def test_remove_deletes_own_calendar_and_its_busy_time(practitioner, calendar_server):
    calendar = refresh(calendar_for(practitioner, calendar_server.url("doctolib.ics")))

    external_calendar_remove(practitioner=practitioner, calendar_id=calendar.pk)

    assert not ExternalCalendar.objects.exists()
    assert not ExternalBusy.objects.exists()


def test_remove_refuses_another_practitioners_calendar(practitioner, english_practitioner):
    calendar = calendar_for(english_practitioner, "https://calendar.example.org/basic.ics")

    with pytest.raises(CalendarError):
        external_calendar_remove(practitioner=practitioner, calendar_id=calendar.pk)
    with pytest.raises(CalendarError):
        external_calendar_remove(practitioner=practitioner, calendar_id=calendar.pk + 1000)

    assert ExternalCalendar.objects.filter(pk=calendar.pk).exists()


# --- Tasks -----------------------------------------------------------------------------------


def test_the_refresh_of_all_calendars_is_a_periodic_job():
    jobs = {job.task: job for job in periodic_jobs()}

    assert refresh_external_calendars in jobs
    assert jobs[refresh_external_calendars].interval == timedelta(minutes=15)


def test_the_periodic_job_refreshes_every_calendar_even_if_one_fails(
    practitioner, english_practitioner, calendar_server, monkeypatch
):
    broken = calendar_for(practitioner, calendar_server.url("missing.ics"))
    crashing = calendar_for(practitioner, calendar_server.url("google.ics"))
    good = calendar_for(english_practitioner, calendar_server.url("doctolib.ics"))
    real_refresh = calendars.external_calendar_refresh

    def refresh_or_crash(*, calendar_id, now=None):
        if calendar_id == crashing.pk:
            raise RuntimeError("a bug")
        return real_refresh(calendar_id=calendar_id, now=now)

    monkeypatch.setattr("bookings.tasks.external_calendar_refresh", refresh_or_crash)

    assert refresh_external_calendars.call() == 1

    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.status == ExternalCalendar.Status.ERROR
    assert good.status == ExternalCalendar.Status.OK
    assert calendar_server.hits["doctolib.ics"] == 1


def test_the_refresh_button_task(practitioner, calendar_server):
    calendar = calendar_for(practitioner, calendar_server.url("doctolib.ics"))

    result = refresh_external_calendar.enqueue(calendar.pk)

    assert result.status.name == "SUCCESSFUL"
    assert result.return_value == ExternalCalendar.Status.OK
    assert refresh_external_calendar.call(calendar.pk + 1000) is None


# --- The practitioner's feed -----------------------------------------------------------------


@pytest.fixture
def agenda(practitioner):
    """Bookings in every state that matters, around NOW."""
    patient = User.objects.create_user(
        "marie.durand@example.org",
        "password",
        first_name="Marie",
        last_name="Durand",
        phone="+33612345678",
    )

    def book(state, start, minutes=50):
        return Booking.objects.create(
            practitioner=practitioner,
            patient=patient,
            start=start,
            end=start + timedelta(minutes=minutes),
            title="Séance de sophrologie",
            state=state,
        )

    state = Booking.State
    return {
        "confirmed": book(state.CONFIRMED, utc(2026, 3, 25, 9)),
        "requested": book(state.REQUESTED, utc(2026, 3, 26, 14)),
        "completed": book(state.COMPLETED, NOW - timedelta(days=30)),
        "too_old": book(state.COMPLETED, NOW - timedelta(days=91)),
        "cancelled": book(state.CANCELLED_BY_PATIENT, utc(2026, 3, 27, 9)),
        "declined": book(state.DECLINED, utc(2026, 3, 27, 11)),
        "held": book(state.HELD, utc(2026, 3, 27, 13)),
    }


def feed_events(feed: CalendarFeed) -> tuple[bytes, icalendar.Calendar, dict]:
    body = calendar_feed_ics(feed=feed, now=NOW)
    parsed = icalendar.Calendar.from_ical(body)
    return body, parsed, {str(event["UID"]): event for event in parsed.walk("VEVENT")}


def test_the_feed_lists_the_agenda_discreetly(practitioner, agenda):
    body, parsed, events = feed_events(calendar_feed_get_or_create(practitioner=practitioner))

    assert parsed["VERSION"] == "2.0"
    assert parsed["PRODID"]
    assert parsed["X-WR-CALNAME"] == "Khepri"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT15M" in body
    assert b"X-PUBLISHED-TTL:PT15M" in body
    shown = {f"{agenda[key].reference}@khepri" for key in ("confirmed", "requested", "completed")}
    assert set(events) == shown

    confirmed = events[f"{agenda['confirmed'].reference}@khepri"]
    assert confirmed["SUMMARY"] == "Consultation"
    assert confirmed["STATUS"] == "CONFIRMED"
    assert confirmed.start == utc(2026, 3, 25, 9)
    assert confirmed.end == utc(2026, 3, 25, 9, 50)
    assert b"DTSTART:20260325T090000Z" in body
    # The event opens its day in the agenda, with the session's details, in her language.
    assert confirmed["DESCRIPTION"] == (
        f"{SITE_URL}/en/pro/agenda/?view=day&date=2026-03-25&booking={agenda['confirmed'].pk}"
    )
    assert "DTSTAMP" in confirmed

    requested = events[f"{agenda['requested'].reference}@khepri"]
    assert requested["STATUS"] == "TENTATIVE"
    assert requested["SUMMARY"] == "Consultation (to confirm)"  # the practitioner's language

    text = body.decode()
    for private in ("sophrologie", "Séance", "Marie", "Durand", "marie.durand", "612345678"):
        assert private not in text


def test_the_feed_speaks_the_practitioners_language(english_practitioner):
    start = utc(2026, 3, 26, 14)
    booking = Booking.objects.create(
        practitioner=english_practitioner,
        start=start,
        end=start + timedelta(hours=1),
        title="Séance de sophrologie",
        state=Booking.State.REQUESTED,
    )

    _body, _parsed, events = feed_events(
        calendar_feed_get_or_create(practitioner=english_practitioner)
    )

    assert events[f"{booking.reference}@khepri"]["SUMMARY"] == "Consultation (to confirm)"


def test_the_feed_speaks_french_to_a_french_practitioner(french_practitioner):
    start = utc(2026, 3, 26, 14)
    booking = Booking.objects.create(
        practitioner=french_practitioner,
        start=start,
        end=start + timedelta(hours=1),
        title="Séance de sophrologie",
        state=Booking.State.REQUESTED,
    )
    _body, _parsed, events = feed_events(
        calendar_feed_get_or_create(practitioner=french_practitioner)
    )
    assert events[f"{booking.reference}@khepri"]["SUMMARY"] == "Consultation (à confirmer)"


def test_the_feed_shows_first_name_and_initial_when_asked(practitioner, agenda):
    feed = calendar_feed_get_or_create(practitioner=practitioner)
    feed.show_patient_names = True
    feed.save()

    body, _parsed, events = feed_events(feed)

    summary = events[f"{agenda['confirmed'].reference}@khepri"]["SUMMARY"]
    assert summary == "Consultation — Marie D."
    requested = events[f"{agenda['requested'].reference}@khepri"]["SUMMARY"]
    assert requested.startswith("Consultation — Marie D.")
    text = body.decode()
    for private in ("sophrologie", "Durand", "marie.durand", "612345678"):
        assert private not in text


def test_feed_get_or_create_returns_the_same_feed(practitioner):
    feed = calendar_feed_get_or_create(practitioner=practitioner)

    assert calendar_feed_get_or_create(practitioner=practitioner) == feed
    assert CalendarFeed.objects.count() == 1


def test_rotation_invalidates_the_old_address(practitioner):
    feed = calendar_feed_get_or_create(practitioner=practitioner)
    old_token, old_rotated_at = feed.token, feed.rotated_at

    rotated = calendar_feed_rotate(practitioner=practitioner)

    assert rotated.pk == feed.pk
    assert rotated.token != old_token
    assert rotated.rotated_at > old_rotated_at
    assert not CalendarFeed.objects.filter(token=old_token).exists()
    assert CalendarFeed.objects.get(token=rotated.token).practitioner == practitioner
