"""The practitioner's agenda: a day or a week of bookings and time off, in their time zone.

Everything is a plain GET: `view` (week or day), `date` (any date of the period), `booking`
(opens that booking's details and actions), `all=1` (also cancelled, declined and expired
bookings). The actions post to `booking_views.pro_booking_action` with `next` set to the
agenda, so the practitioner comes back where they were. No JavaScript is needed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from bookings import agenda as layout
from bookings import lifecycle
from bookings.booking_forms import PractitionerNoteForm
from bookings.lifecycle import Acting
from bookings.models import Booking
from bookings.selectors import AGENDA_FADED_STATES, practitioner_agenda_entries
from bookings.week import monday_of, parse_instant, session_week
from payments.models import Payment
from practitioners.access import practitioner_required
from practitioners.profile import euros

State = Booking.State
VIEWS = ("week", "day")
#: Dates outside these bounds are not asked for by a person (and would overflow).
EARLIEST, LATEST = date(2000, 1, 3), date(2199, 12, 30)

#: The order and words of the legend; each state also has its own mark (agenda.css).
LEGEND = (
    State.REQUESTED,
    State.CONFIRMED,
    State.HELD,
    State.COMPLETED,
    State.NO_SHOW,
)


def _zone(practitioner) -> ZoneInfo:
    value = practitioner.time_zone
    return value if isinstance(value, ZoneInfo) else ZoneInfo(str(value))


def _parse_date(value: str | None) -> date | None:
    try:
        day = date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return day if day is not None and EARLIEST <= day <= LATEST else None


def agenda_url(*, view: str = "week", day: date | None = None, booking_id=None, show_all=False):
    """The address of an agenda page; with `booking_id`, its details open (at `#details`)."""
    params = {"view": view}
    if day is not None:
        params["date"] = day.isoformat()
    if show_all:
        params["all"] = "1"
    url = reverse("bookings:agenda") + "?" + urlencode(params)
    return url if booking_id is None else f"{url}&booking={booking_id}#details"


def _selected_booking(request) -> Booking | None:
    value = request.GET.get("booking")
    if not value:
        return None
    try:
        booking_id = int(value)
    except ValueError:
        raise Http404 from None
    return get_object_or_404(
        Booking.objects.select_related("patient", "session_type", "practitioner"),
        pk=booking_id,
        practitioner=request.practitioner,
    )


def _details(booking: Booking, *, tz: ZoneInfo, now: datetime, acting: Acting) -> dict:
    """What the details panel shows of `booking`, and which actions it offers now."""
    start = booking.start.astimezone(tz)
    return {
        "booking": booking,
        "start": start,
        "end": booking.end.astimezone(tz),
        "minutes": int((booking.end - booking.start).total_seconds() // 60),
        "price": euros(booking.price_cents),
        "history": list(booking.events.exclude(to_state=State.HELD).order_by("at", "pk")),
        "is_faded": booking.state in AGENDA_FADED_STATES,
        "can_answer": booking.state == State.REQUESTED and booking.start > now,
        "can_cancel": booking.state == State.CONFIRMED and booking.start > now,
        "can_close": booking.state == State.CONFIRMED and booking.start <= now,
        "can_move": booking.session_type_id is not None
        and lifecycle.can_reschedule(booking=booking, acting=acting, now=now),
        "show_video": booking.state in (State.CONFIRMED, State.REQUESTED) and booking.end > now,
        "payment": Payment.objects.filter(booking=booking).first(),
    }


@never_cache
@require_safe
@practitioner_required
def agenda(request):
    practitioner = request.practitioner
    tz = _zone(practitioner)
    now = timezone.now()
    today = now.astimezone(tz).date()
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "week"
    show_all = request.GET.get("all") == "1"
    selected = _selected_booking(request)
    day = _parse_date(request.GET.get("date"))
    if day is None:
        day = selected.start.astimezone(tz).date() if selected else today
    first_day, length = (monday_of(day), 7) if view == "week" else (day, 1)
    start, end = layout.period_window(first_day=first_day, days=length, tz=tz)
    entries = practitioner_agenda_entries(
        practitioner=practitioner, start=start, end=end, now=now, include_faded=show_all
    )
    grid = layout.agenda_layout(entries=entries, tz=tz, first_day=first_day, days=length, now=now)
    step = timedelta(days=length)

    def link(**changes) -> str:
        values = {"view": view, "day": day, "show_all": show_all, **changes}
        return agenda_url(**values)

    context = {
        "space_section": "agenda",
        "tz": tz,
        "view": view,
        "day": day,
        "today": today,
        "grid": grid,
        "show_all": show_all,
        "legend": [(state, State(state).label) for state in LEGEND],
        "previous_url": link(day=first_day - step),
        "next_url": link(day=first_day + step),
        "today_url": link(day=today),
        "week_url": link(view="week"),
        "day_url": link(view="day"),
        "toggle_url": link(show_all=not show_all),
        "close_url": link(),
        # A block's link is this page, then the booking's id and "#details".
        "booking_link": link() + "&booking=",
        "is_current": first_day <= today < first_day + step,
    }
    if selected is not None:
        context.update(
            _details(selected, tz=tz, now=now, acting=Acting.practitioner(request.user)),
            note_form=PractitionerNoteForm(),
            here=request.get_full_path() + "#details",
            move_url=reverse("bookings:agenda_move", args=[selected.pk]),
        )
    return render(request, "bookings/agenda/agenda.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@practitioner_required
def agenda_move(request, booking_id):
    """Move a session to another free time: choose it on the week, review, confirm. The old time
    stays booked until the new one is secured; the patient is told."""
    practitioner = request.practitioner
    booking = get_object_or_404(
        Booking.objects.select_related("patient", "session_type", "practitioner"),
        pk=booking_id,
        practitioner=practitioner,
    )
    tz = _zone(practitioner)
    now = timezone.now()
    acting = Acting.practitioner(request.user)
    back = agenda_url(view="day", day=booking.start.astimezone(tz).date(), booking_id=booking.pk)
    if booking.session_type is None or not lifecycle.can_reschedule(
        booking=booking, acting=acting, now=now
    ):
        messages.error(request, _("This session can no longer be moved."))
        return redirect(back)
    context = {
        "space_section": "agenda",
        "booking": booking,
        "start": booking.start.astimezone(tz),
        "end": booking.end.astimezone(tz),
        "visitor_tz": tz,
        "back_url": back,
        "error": None,
    }
    status = 200
    if request.method == "POST":
        start = parse_instant(request.POST.get("start"))
        if start is not None and request.POST.get("confirm") != "1":
            context["proposed"] = start.astimezone(tz)
            context["proposed_iso"] = request.POST["start"]
            return render(request, "bookings/agenda/move.html", context)
        try:
            if start is None:
                raise lifecycle.SlotTaken(_("Please choose a time from the list."))
            lifecycle.booking_reschedule(booking=booking, start=start, acting=acting, now=now)
        except lifecycle.SlotTaken as taken:
            context["error"], status = taken.message, 409
        except lifecycle.BookingError as refused:
            messages.error(request, refused.message)
            return redirect(back)
        else:
            messages.success(request, _("Session moved: the patient is told."))
            return redirect(
                agenda_url(
                    view="day", day=booking.start.astimezone(tz).date(), booking_id=booking.pk
                )
            )
    week_value = _parse_date(request.GET.get("week"))
    week = session_week(
        practitioner_id=practitioner.pk,
        session_type_id=booking.session_type_id,
        horizon_days=booking.session_type.horizon_days,
        tz=tz,
        now=now,
        monday=week_value,
    )

    def week_link(monday: date | None) -> str | None:
        return "?" + urlencode({"week": monday.isoformat()}) if monday else None

    context.update(
        week=week,
        previous_link=week_link(week.previous_monday),
        next_link=week_link(week.next_monday),
    )
    return render(request, "bookings/agenda/move.html", context, status=status)
