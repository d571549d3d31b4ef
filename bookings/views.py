"""The practitioner's own space (availability, session types, calendars) and the private feed.

Each view checks access (`practitioner_required`), parses a form, calls one service or
selector with `practitioner=request.practitioner`, and turns a `BookingError` (or a
`CalendarError`) into a message next to the form. Pages are drawn in the practitioner's own
time zone. The private helpers below only read, to put a page together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from bookings import calendars, selectors, services
from bookings.forms import (
    DateOverrideForm,
    ExternalCalendarForm,
    SessionTypeForm,
    TimeOffForm,
    WeeklyScheduleForm,
)
from bookings.lifecycle import Acting
from bookings.models import (
    CalendarFeed,
    DateOverride,
    ExternalCalendar,
    SessionType,
    TimeOff,
    WeeklySchedule,
)
from bookings.services import BookingError, Repeat
from bookings.tasks import refresh_external_calendar
from practitioners.access import practitioner_required
from practitioners.models import Practitioner

PREVIEW_DAYS = 14


# --- Reading helpers --------------------------------------------------------------------------


def _render(request, template: str, context: dict, *, status: int = 200):
    practitioner = request.practitioner
    tz = practitioner.time_zone
    context = {
        "practitioner": practitioner,
        "space_section": "availability",  # practitioners/space/base.html's main navigation
        "tz_name": str(tz),
        "tz_offset": _offset(tz),
    } | context
    with timezone.override(tz):
        return render(request, template, context, status=status)


def _offset(tz: ZoneInfo) -> str:
    offset = timezone.localtime(timezone=tz).strftime("%z")  # "+0200"
    return f"UTC{offset[:3]}:{offset[3:]}"


def _today(practitioner: Practitioner) -> date:
    return timezone.localdate(timezone=practitioner.time_zone)


def _own_or_404(queryset, practitioner: Practitioner, pk: int):
    return get_object_or_404(queryset, pk=pk, practitioner=practitioner)


def _default_session_type(practitioner: Practitioner) -> SessionType | None:
    return SessionType.objects.filter(practitioner=practitioner, is_default=True).first()


def _session_types(practitioner: Practitioner) -> list[SessionType]:
    # A pooled service's session type follows the service (`pools`): not edited here.
    session_types = list(
        SessionType.objects.filter(practitioner=practitioner, service_member__isnull=True)
    )
    for session_type in session_types:
        session_type.price_euros = Decimal(session_type.price_cents) / 100  # for display
    return session_types


def _repeat_label(every_weeks: int) -> str:
    labels = dict(Repeat.CHOICES)
    return str(labels.get(str(every_weeks)) or labels[Repeat.EVERY_WEEK])


@dataclass
class ScheduleSummary:
    """A weekly schedule as the overview lists it."""

    schedule: WeeklySchedule
    ranges: list[tuple[int, time, time]]
    every_weeks: int
    state: str  # "current", "upcoming", "ended" or "paused"
    marker: str = ""

    @property
    def repeat_label(self) -> str:
        return _repeat_label(self.every_weeks)

    @property
    def hours_by_day(self) -> list[tuple[str, list[str]]]:
        return _hours_by_day(self.ranges)


def _hours_by_day(ranges) -> list[tuple[str, list[str]]]:
    by_day: dict[int, list[str]] = {}
    for weekday, start, end in sorted(ranges):
        by_day.setdefault(weekday, []).append(f"{start:%H:%M}–{end:%H:%M}")
    return [(capfirst(WEEKDAYS[day]), spans) for day, spans in sorted(by_day.items())]


def _schedule_summaries(practitioner: Practitioner, today: date) -> list[ScheduleSummary]:
    schedules = WeeklySchedule.objects.filter(practitioner=practitioner).prefetch_related("ranges")
    summaries = []
    for schedule in schedules:
        if schedule.valid_until and schedule.valid_until < today:
            state = "ended"
        elif schedule.valid_from and schedule.valid_from > today:
            state = "upcoming"
        else:
            state = "current"
        summaries.append(
            ScheduleSummary(
                schedule=schedule,
                ranges=[(r.weekday, r.start_time, r.end_time) for r in schedule.ranges.all()],
                every_weeks=services.repeat_weeks(schedule),
                state=state,
            )
        )
    current = [s for s in summaries if s.state == "current"]
    if any(s.schedule.replaces_others for s in current):
        for summary in current:
            if not summary.schedule.replaces_others:
                summary.state = "paused"
    return summaries


# --- The week grid ----------------------------------------------------------------------------

#: Minutes per row of the week grid; an hour is twelve rows.
GRID_STEP = 5


@dataclass
class WeekGrid:
    """Working hours drawn as blocks on a CSS grid (columns: days, rows: five minutes)."""

    lanes: int
    first_hour: int
    last_hour: int
    blocks: list[dict] = field(default_factory=list)
    #: (marker, schedule name, repeat) when several schedules share the grid.
    legend: list[tuple[str, str, str]] = field(default_factory=list)
    #: The same hours as text: (schedule, [(day, hours)]).
    text: list[tuple[str, list[tuple[str, list[str]]]]] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return 7 * self.lanes

    @property
    def rows(self) -> int:
        return (self.last_hour - self.first_hour) * 60 // GRID_STEP

    @property
    def rows_per_hour(self) -> int:
        return 60 // GRID_STEP

    @property
    def days(self) -> list[dict]:
        return [
            {
                "short": capfirst(WEEKDAYS_ABBR[day]),
                "column": 2 + day * self.lanes,
                "weekend": day >= 5,
            }
            for day in range(7)
        ]

    @property
    def hours(self) -> list[dict]:
        return [
            {"label": f"{hour:02d}:00", "row": 2 + (hour - self.first_hour) * self.rows_per_hour}
            for hour in range(self.first_hour, self.last_hour)
        ]

    @property
    def is_empty(self) -> bool:
        return not self.blocks


def _week_grid(lanes: list[tuple[str, list[tuple[int, time, time]]]]) -> WeekGrid:
    """`lanes`: (marker, ranges) per schedule drawn side by side within each day."""
    minutes = [
        (start.hour * 60 + start.minute, end.hour * 60 + end.minute)
        for _marker, ranges in lanes
        for _day, start, end in ranges
    ]
    first_hour = min([8, *(start // 60 for start, _end in minutes)])
    last_hour = max([18, *(-(-end // 60) for _start, end in minutes)])
    grid = WeekGrid(lanes=max(1, len(lanes)), first_hour=first_hour, last_hour=last_hour)
    origin = first_hour * 60
    for lane, (marker, ranges) in enumerate(lanes):
        for day, start, end in sorted(ranges):
            start_minute = start.hour * 60 + start.minute
            end_minute = end.hour * 60 + end.minute
            grid.blocks.append(
                {
                    "column": 2 + day * grid.lanes + lane,
                    "row_start": 2 + (start_minute - origin) // GRID_STEP,
                    "row_end": 2 + -(-(end_minute - origin) // GRID_STEP),
                    "start": start,
                    "end": end,
                    "lane": lane,
                    "marker": marker,
                    "short": end_minute - start_minute < 45,
                }
            )
    return grid


def _overview_grid(summaries: list[ScheduleSummary]) -> WeekGrid:
    shown = [s for s in summaries if s.state == "current"]
    if len(shown) > 1:
        for index, summary in enumerate(shown):
            summary.marker = chr(ord("A") + index) if index < 26 else str(index + 1)
    grid = _week_grid([(s.marker, s.ranges) for s in shown])
    grid.legend = [(s.marker, s.schedule.name, s.repeat_label) for s in shown if s.marker]
    grid.text = [
        (
            f"{s.marker} — {s.schedule.name}" if s.marker else s.schedule.name,
            s.hours_by_day,
        )
        for s in shown
    ]
    return grid


def _slot_days(slots, *, tz: ZoneInfo, now: datetime, days: int = PREVIEW_DAYS) -> list[dict]:
    """Every local date of the window, with the start times of its free slots."""
    first, last = now.astimezone(tz).date(), (now + timedelta(days=days)).astimezone(tz).date()
    by_day: dict[date, list[time]] = {}
    for slot in slots:
        local = slot.start.astimezone(tz)
        by_day.setdefault(local.date(), []).append(local.time())
    return [
        {"day": first + timedelta(days=offset), "times": by_day.get(first + timedelta(days=offset))}
        for offset in range((last - first).days + 1)
    ]


def _preview_context(practitioner: Practitioner, slots, *, now: datetime) -> dict:
    return {
        "slot_days": _slot_days(slots, tz=practitioner.time_zone, now=now),
        "slot_count": len(slots),
        "default_session_type": _default_session_type(practitioner),
        "preview_days": PREVIEW_DAYS,
    }


# --- Overview ---------------------------------------------------------------------------------


@require_GET
@practitioner_required
def availability(request):
    practitioner = request.practitioner
    now = timezone.now()
    today = _today(practitioner)
    summaries = _schedule_summaries(practitioner, today)
    slots = selectors.agenda_preview(practitioner=practitioner, draft=None, now=now)
    context = {
        "nav": "overview",
        "schedules": summaries,
        "grid": _overview_grid(summaries),
        "paused_by": [s.schedule.name for s in summaries if s.state == "current"]
        if any(s.state == "paused" for s in summaries)
        else [],
        "overrides": _upcoming_overrides(practitioner, today),
        "time_off": _upcoming_time_off(practitioner, now),
        "session_types": _session_types(practitioner),
        **_preview_context(practitioner, slots, now=now),
    }
    return _render(request, "bookings/space/overview.html", context)


# --- Weekly schedules -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@practitioner_required
def schedule_edit(request, schedule_id: int | None = None):
    practitioner = request.practitioner
    schedule = None
    if schedule_id is not None:
        schedule = _own_or_404(
            WeeklySchedule.objects.prefetch_related("ranges"), practitioner, schedule_id
        )
    preview = None
    if request.method == "POST":
        form = WeeklyScheduleForm(request.POST)
        if form.is_valid():
            if request.POST.get("action") == "save":
                try:
                    saved = services.weekly_schedule_save(
                        practitioner=practitioner,
                        schedule_id=schedule_id,
                        today=_today(practitioner),
                        **form.service_arguments(),
                    )
                except BookingError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
                    return redirect("bookings:availability")
            else:
                preview = _schedule_preview(practitioner, form, schedule_id)
    elif schedule is not None:
        form = WeeklyScheduleForm.for_schedule(schedule)
    else:
        first = not WeeklySchedule.objects.filter(practitioner=practitioner).exists()
        form = WeeklyScheduleForm(initial={"name": _("Standard week") if first else ""})
    context = {"nav": "overview", "form": form, "schedule": schedule, "preview": preview}
    status = 400 if form.is_bound and form.errors else 200
    return _render(request, "bookings/space/schedule_form.html", context, status=status)


def _schedule_preview(practitioner: Practitioner, form: WeeklyScheduleForm, schedule_id):
    now = timezone.now()
    draft = selectors.draft_template(**form.draft_arguments(), today=_today(practitioner))
    slots = selectors.agenda_preview(
        practitioner=practitioner, draft=draft, replacing_schedule_id=schedule_id, now=now
    )
    ranges = form.cleaned_data["ranges"]
    return {
        "grid": _week_grid([("", [(r.weekday, r.start, r.end) for r in ranges])]),
        **_preview_context(practitioner, slots, now=now),
    }


@require_http_methods(["GET", "POST"])
@practitioner_required
def schedule_delete(request, schedule_id: int):
    schedule = _own_or_404(WeeklySchedule.objects.all(), request.practitioner, schedule_id)
    if request.method == "POST":
        try:
            services.weekly_schedule_delete(
                practitioner=request.practitioner, schedule_id=schedule.pk
            )
        except BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(name)s” is deleted.") % {"name": schedule.name})
        return redirect("bookings:availability")
    return _render(
        request,
        "bookings/space/confirm.html",
        {
            "nav": "overview",
            "title": _("Delete “%(name)s”?") % {"name": schedule.name},
            "explanation": _(
                "Its hours will no longer be offered to patients. Sessions already booked "
                "stay in your agenda."
            ),
            "confirm_label": _("Delete this weekly schedule"),
            "cancel_url": reverse("bookings:schedule_edit", args=[schedule.pk]),
        },
    )


# --- Dates: different hours, time off ---------------------------------------------------------


def _upcoming_overrides(practitioner: Practitioner, today: date):
    return DateOverride.objects.filter(practitioner=practitioner, date__gte=today).prefetch_related(
        "ranges"
    )


def _upcoming_time_off(practitioner: Practitioner, now: datetime) -> list[dict]:
    """Time off that is not over, in the practitioner's local dates and times."""
    tz = practitioner.time_zone
    rows = []
    for item in TimeOff.objects.filter(practitioner=practitioner, end__gt=now):
        start, end = item.start.astimezone(tz), item.end.astimezone(tz)
        last_day = (end - timedelta(days=1)).date() if item.all_day else end.date()
        rows.append(
            {
                "id": item.pk,
                "first_day": start.date(),
                "last_day": last_day,
                "all_day": item.all_day,
                "start_time": None if item.all_day else start.time(),
                "end_time": None if item.all_day else end.time(),
                "label": item.label,
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
@practitioner_required
def dates(request):
    practitioner = request.practitioner
    override_form, time_off_form = DateOverrideForm(), TimeOffForm()
    time_off_conflicts = []
    submitted = request.POST.get("form") if request.method == "POST" else None
    if submitted == "override":
        override_form = DateOverrideForm(request.POST)
        if override_form.is_valid():
            day = override_form.cleaned_data["day"]
            try:
                services.date_override_set(
                    practitioner=practitioner, day=day, ranges=override_form.cleaned_data["ranges"]
                )
            except BookingError as error:
                override_form.add_error(None, error.message)
            else:
                messages.success(request, _("Your hours on %(day)s are saved.") % _day(day))
                return redirect("bookings:dates")
    elif submitted == "time_off":
        time_off_form = TimeOffForm(request.POST)
        if time_off_form.is_valid():
            period = time_off_form.service_arguments()
            label = period.pop("label", "")
            confirmed = request.POST.get("cancel_bookings") == "1"
            try:
                conflicts = services.time_off_conflicts(practitioner=practitioner, **period)
                if not conflicts or confirmed:
                    services.time_off_add(
                        practitioner=practitioner,
                        label=label,
                        cancel_bookings=confirmed,
                        acting=Acting.practitioner(request.user),
                        now=timezone.now(),
                        **period,
                    )
            except BookingError as error:
                time_off_form.add_error(None, error.message)
            else:
                if conflicts and not confirmed:
                    time_off_conflicts = conflicts  # shown for confirmation, nothing saved yet
                else:
                    messages.success(
                        request,
                        _("Your time off is saved.")
                        if not conflicts
                        else ngettext(
                            "Your time off is saved; %(count)s session was cancelled and its "
                            "patient told.",
                            "Your time off is saved; %(count)s sessions were cancelled and "
                            "their patients told.",
                            len(conflicts),
                        )
                        % {"count": len(conflicts)},
                    )
                    return redirect("bookings:dates")
    invalid = any(f.is_bound and f.errors for f in (override_form, time_off_form))
    context = {
        "nav": "dates",
        "override_form": override_form,
        "time_off_form": time_off_form,
        "overrides": _upcoming_overrides(practitioner, _today(practitioner)),
        "time_off": _upcoming_time_off(practitioner, timezone.now()),
        "time_off_conflicts": time_off_conflicts,
        "tz": practitioner.time_zone,
    }
    return _render(request, "bookings/space/dates.html", context, status=400 if invalid else 200)


def _day(day: date) -> dict:
    return {"day": date_format(day, "l j F Y")}


@require_POST
@practitioner_required
def override_delete(request, override_id: int):
    try:
        services.date_override_delete(practitioner=request.practitioner, override_id=override_id)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Back to your usual hours on that date."))
    return redirect("bookings:dates")


@require_POST
@practitioner_required
def time_off_delete(request, time_off_id: int):
    try:
        services.time_off_delete(practitioner=request.practitioner, time_off_id=time_off_id)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The time off is removed."))
    return redirect("bookings:dates")


# --- Session types ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@practitioner_required
def session_type_edit(request, session_type_id: int | None = None):
    practitioner = request.practitioner
    session_type = None
    if session_type_id is not None:
        session_type = _own_or_404(SessionType.objects.all(), practitioner, session_type_id)
    make_form = (
        (lambda **kw: SessionTypeForm.for_session_type(session_type, **kw))
        if session_type
        else SessionTypeForm
    )
    if request.method == "POST":
        form = make_form(data=request.POST)
        if form.is_valid():
            try:
                saved = services.session_type_save(
                    practitioner=practitioner,
                    session_type_id=session_type_id,
                    **form.service_arguments(),
                )
            except BookingError as error:
                form.add_error(None, error.message)
            except ValidationError as error:  # the model's own checks, last line of defence
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
                return redirect("bookings:availability")
    else:
        form = make_form()
    context = {"nav": "overview", "form": form, "session_type": session_type}
    status = 400 if form.is_bound and form.errors else 200
    return _render(request, "bookings/space/session_type_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@practitioner_required
def session_type_delete(request, session_type_id: int):
    session_type = _own_or_404(SessionType.objects.all(), request.practitioner, session_type_id)
    if request.method == "POST":
        try:
            services.session_type_delete(
                practitioner=request.practitioner, session_type_id=session_type.pk
            )
        except BookingError as error:
            messages.error(request, error.message)
            return redirect("bookings:session_type_edit", session_type.pk)
        messages.success(request, _("“%(name)s” is deleted.") % {"name": session_type.name})
        return redirect("bookings:availability")
    return _render(
        request,
        "bookings/space/confirm.html",
        {
            "nav": "overview",
            "title": _("Delete “%(name)s”?") % {"name": session_type.name},
            "explanation": _(
                "Patients will no longer be able to book it. Sessions already booked keep "
                "their duration and price."
            ),
            "confirm_label": _("Delete this session type"),
            "cancel_url": reverse("bookings:session_type_edit", args=[session_type.pk]),
        },
    )


# --- Calendars --------------------------------------------------------------------------------


def _feed_url(feed: CalendarFeed) -> str:
    # One address whatever the language of the page it was copied from.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("bookings:feed", args=[feed.token])
    return settings.KHEPRI_SITE_URL.rstrip("/") + path


@require_http_methods(["GET", "POST"])
@practitioner_required
def calendars_page(request):
    practitioner = request.practitioner
    form = ExternalCalendarForm()
    if request.method == "POST":
        form = ExternalCalendarForm(request.POST)
        if form.is_valid():
            try:
                calendar = calendars.external_calendar_connect(
                    practitioner=practitioner,
                    url=form.cleaned_data["url"],
                    name=form.cleaned_data["name"],
                )
            except calendars.CalendarError as error:
                form.add_error("url", str(error))
            else:
                messages.success(
                    request,
                    _(
                        "“%(name)s” is connected. It is being read now: refresh this page in a "
                        "moment to see its status."
                    )
                    % {"name": calendar.name},
                )
                return redirect("bookings:calendars")
    feed = calendars.calendar_feed_get_or_create(practitioner=practitioner)
    context = {
        "nav": "calendars",
        "form": form,
        "calendars": ExternalCalendar.objects.filter(practitioner=practitioner),
        "feed": feed,
        "feed_url": _feed_url(feed),
    }
    status = 400 if form.is_bound and form.errors else 200
    return _render(request, "bookings/space/calendars.html", context, status=status)


@require_POST
@practitioner_required
def calendar_refresh(request, calendar_id: int):
    # The task takes an id and trusts it: ownership is checked here, before enqueueing.
    calendar = _own_or_404(ExternalCalendar.objects.all(), request.practitioner, calendar_id)
    refresh_external_calendar.enqueue(calendar.pk)
    messages.success(
        request,
        _("“%(name)s” is being read again. Its status below shows the result.")
        % {"name": calendar.name},
    )
    return redirect("bookings:calendars")


@require_POST
@practitioner_required
def calendar_remove(request, calendar_id: int):
    try:
        calendars.external_calendar_remove(
            practitioner=request.practitioner, calendar_id=calendar_id
        )
    except (calendars.CalendarError, BookingError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The calendar is removed; its busy times no longer count."))
    return redirect("bookings:calendars")


@require_POST
@practitioner_required
def feed_options(request):
    show = request.POST.get("show_patient_names") == "1"
    calendars.calendar_feed_update(practitioner=request.practitioner, show_patient_names=show)
    if show:
        messages.success(request, _("Events in your agenda now show the patient’s first name."))
    else:
        messages.success(request, _("Events in your agenda now read “Consultation” only."))
    return redirect(reverse("bookings:calendars") + "#feed")


@require_http_methods(["GET", "POST"])
@practitioner_required
def feed_rotate(request):
    if request.method == "POST":
        calendars.calendar_feed_rotate(practitioner=request.practitioner)
        messages.success(
            request,
            _(
                "Your agenda has a new address. Add it to your calendar app again: the old "
                "one no longer works."
            ),
        )
        return redirect(reverse("bookings:calendars") + "#feed")
    return _render(
        request,
        "bookings/space/confirm.html",
        {
            "nav": "calendars",
            "title": _("Create a new address for your agenda?"),
            "explanation": _(
                "Do this if someone else may know the current address. The current address "
                "stops working at once: you will need to add the new one to your calendar app."
            ),
            "confirm_label": _("Create a new address"),
            "cancel_url": reverse("bookings:calendars") + "#feed",
        },
    )


# --- The private feed (no login: the token is the key) ---------------------------------------


@require_safe
def feed(request, token: str):
    calendar_feed = (
        CalendarFeed.objects.select_related("practitioner__user").filter(token=token).first()
    )
    if calendar_feed is None:
        raise Http404
    response = HttpResponse(
        calendars.calendar_feed_ics(feed=calendar_feed), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
