"""Quick entry (`/pro/agenda/quick-entry/`): book a patient who calls, with the keyboard.

One form, no JavaScript. Whichever button sends it (Enter sends the first), the page does the
next thing still needed, so typing and pressing Enter walks through it:

1. the search changed: find the patient (their patients only; none found: "new patient",
   with the names or address typed filled in);
2. the date or session type changed: show that day's free times;
3. otherwise: book — then the agenda's day opens on the new booking.

Focus goes to the field that comes next (`focus`), so the secretary never reaches for the
mouse.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from phonenumber_field.formfields import PhoneNumberField

from bookings import lifecycle
from bookings import quick_entry as entry
from bookings.agenda_views import EARLIEST, LATEST, agenda_url
from bookings.forms import EditorForm
from bookings.lifecycle import Acting
from bookings.models import SessionType
from bookings.week import parse_instant
from khepri.parsing import plain_id
from practitioners.access import practitioner_required
from practitioners.profile import euros

NEW = "new"


class QuickEntryForm(EditorForm):
    q = forms.CharField(
        label=gettext_lazy("Find a patient"),
        help_text=gettext_lazy("Name, phone or email of someone you already see."),
        max_length=100,
        required=False,
    )
    patient = forms.CharField(required=False)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    phone = PhoneNumberField(label=gettext_lazy("Mobile phone"), required=False)
    session_type = forms.TypedChoiceField(label=gettext_lazy("Session"), coerce=int, required=False)
    day = forms.DateField(label=gettext_lazy("Date"), required=False)
    slot = forms.CharField(required=False)
    at = forms.TimeField(
        label=gettext_lazy("Or type a time"), required=False, input_formats=["%H:%M", "%Hh%M"]
    )

    def __init__(self, *args, session_types, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "fr"
        self.fields["session_type"].choices = [
            (kind.pk, f"{kind.display_name(language)} · {kind.duration_minutes} min")
            for kind in session_types
        ]

    def clean_day(self):
        day = self.cleaned_data.get("day")
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("Please choose a date from the calendar."))
        return day


def _zone(practitioner) -> ZoneInfo:
    value = practitioner.time_zone
    return value if isinstance(value, ZoneInfo) else ZoneInfo(str(value))


def _prefill_new(query: str) -> dict:
    """What a search that found nobody already says about the new patient."""
    query = query.strip()
    if "@" in query:
        return {"email": query}
    if re.fullmatch(r"[\d\s+().\-]{6,}", query):
        return {"phone": query}
    first, _sep, last = query.partition(" ")
    return {"first_name": first, "last_name": last}


@never_cache
@require_http_methods(["GET", "POST"])
@practitioner_required
def quick_entry(request):
    practitioner = request.practitioner
    tz = _zone(practitioner)
    now = timezone.now()
    today = now.astimezone(tz).date()
    session_types = list(SessionType.objects.filter(practitioner=practitioner, is_active=True))
    default_type = next((k for k in session_types if k.is_default), None) or (
        session_types[0] if session_types else None
    )
    data = request.POST if request.method == "POST" else None
    form = QuickEntryForm(
        data,
        session_types=session_types,
        initial={"day": today, "session_type": default_type.pk if default_type else None},
    )
    post = request.POST
    valid = form.is_valid() if data is not None else False
    values = form.cleaned_data if valid else {}
    query = values.get("q", "") if valid else ""
    session_type = next(
        (k for k in session_types if k.pk == values.get("session_type")), default_type
    )
    day = values.get("day") or today
    results = entry.patients_find(practitioner=practitioner, query=query) if query else []
    chosen = post.get("patient", "") if data is not None else ""
    status, error, focus, alternatives = 200, None, "id_q", None

    if data is not None and valid:
        searched = post.get("searched", "")
        shown = (post.get("shown_day", ""), post.get("shown_type", ""))
        if query != searched:  # 1. a new search
            if results:
                # The first one is chosen: on to the date (the choice is read out with it,
                # and Shift+Tab goes back to the list).
                known = {str(p.pk) for p in results}
                chosen = chosen if chosen in known else str(results[0].pk)
                focus = "id_day"
            else:
                chosen = NEW
                prefill = {k: v for k, v in _prefill_new(query).items() if not post.get(k)}
                form = QuickEntryForm({**post.dict(), **prefill}, session_types=session_types)
                form.is_valid()
                focus = "id_first_name"
        elif shown != (day.isoformat(), str(session_type.pk if session_type else "")):
            focus = "id_slot_0"  # 2. another day or session: its free times
        else:  # 3. book
            booking, error, alternatives, focus = _book(
                request, form, chosen=chosen, session_type=session_type, day=day, tz=tz, now=now
            )
            if booking is not None:
                start = booking.start.astimezone(tz)
                messages.success(
                    request,
                    _(
                        "Booked: %(patient)s, %(date)s at %(time)s. The patient gets the usual "
                        "confirmation."
                    )
                    % {
                        "patient": booking.patient.get_full_name() or booking.patient.email,
                        "date": formats.date_format(start, "l j F"),
                        "time": formats.time_format(start, "H:i"),
                    },
                )
                return redirect(agenda_url(view="day", day=start.date(), booking_id=booking.pk))
            status = 409 if alternatives is not None else 400
    elif data is not None:
        status, focus = 400, None

    slots = alternatives
    if slots is None:
        slots = (
            entry.day_slots(session_type=session_type, day=day, tz=tz, now=now)
            if session_type
            else []
        )
    if focus == "id_slot_0" and not slots:
        focus = "id_at"
    if alternatives is not None:  # the typed time was refused: choose among the next ones
        form.data = form.data.copy()
        form.data["at"] = ""
    for name, field in form.fields.items():
        if focus == f"id_{name}":
            field.widget.attrs["autofocus"] = True
    slot_value = post.get("slot", "") if data is not None and alternatives is None else ""
    patients = [
        {
            "id": f"id_patient_{patient.pk}",
            "value": str(patient.pk),
            "patient": patient,
            "checked": chosen == str(patient.pk),
        }
        for patient in results
    ]
    if plain_id(chosen) and not any(row["checked"] for row in patients):
        # Chosen from an earlier search: still shown, still chosen.
        earlier = entry.patient_of(practitioner=practitioner, patient_id=plain_id(chosen))
        if earlier is not None:
            patients.insert(
                0,
                {
                    "id": f"id_patient_{earlier.pk}",
                    "value": chosen,
                    "patient": earlier,
                    "checked": True,
                },
            )
    times = [
        {
            "id": f"id_slot_{index}",
            "value": slot.start.isoformat(),
            "start": slot.start.astimezone(tz),
            "checked": slot.start.isoformat() == slot_value,
            "autofocus": focus == f"id_slot_{index}",
        }
        for index, slot in enumerate(slots)
    ]
    booking_for = next((row["patient"] for row in patients if row["checked"]), None)
    context = {
        "space_section": "agenda",
        "booking_for": booking_for,
        "form": form,
        "results": results,
        "chosen": chosen,
        "query": query,
        "day": day,
        "today": today,
        "tz": tz,
        "session_type": session_type,
        "price": euros(session_type.price_cents) if session_type else "",
        "session_name": session_type.display_name(get_language() or "fr") if session_type else "",
        "patients": patients,
        "new_checked": chosen == NEW,
        "times": times,
        "alternatives": alternatives is not None,
        "error": error,
        "focus": focus,
        "back_url": agenda_url(view="day", day=day),
    }
    return render(request, "bookings/agenda/quick_entry.html", context, status=status)


def _book(request, form, *, chosen, session_type, day, tz, now):
    """Book what the form says. Returns (booking, error, alternatives, focus)."""
    values = form.cleaned_data
    practitioner = request.practitioner
    patient = new_patient = None
    if chosen == NEW:
        missing = [name for name in ("first_name", "last_name", "email") if not values.get(name)]
        for name in missing:
            form.add_error(name, _("Needed for a new patient."))
        if missing:
            return None, None, None, f"id_{missing[0]}"
        new_patient = entry.NewPatient(
            first_name=values["first_name"],
            last_name=values["last_name"],
            email=values["email"],
            phone=str(values.get("phone") or ""),
        )
    elif plain_id(chosen):
        patient = entry.patient_of(practitioner=practitioner, patient_id=plain_id(chosen))
    if patient is None and new_patient is None:
        return None, _("Please find the patient, or choose “New patient”."), None, "id_q"
    start = None
    if values.get("at") is not None:
        start = datetime.combine(day, values["at"], tzinfo=tz)
    elif request.POST.get("slot"):
        start = parse_instant(request.POST["slot"])
    if start is None:
        return None, _("Please choose a time from the list, or type one."), None, "id_slot_0"
    if session_type is None:
        return None, _("You have no session type to book."), None, None
    if values.get("at") is not None and start > now:
        free = entry.day_slots(session_type=session_type, day=day, tz=tz, now=now)
        if start not in {slot.start for slot in free}:
            # Not on the agenda's grid of start times (or not free): say so, and offer them.
            message = _("%(time)s is not a free time for this session. Here are the free times.")
            return None, message % {"time": values["at"].strftime("%H:%M")}, free, "id_slot_0"
    try:
        booking = entry.quick_booking_create(
            session_type=session_type,
            start=start,
            patient=patient,
            new_patient=new_patient,
            acting=Acting.practitioner(request.user),
            now=now,
        )
    except lifecycle.SlotTaken as taken:
        return None, taken.message, taken.alternatives, "id_slot_0"
    except lifecycle.BookingError as refused:
        return None, refused.message, None, None
    return booking, None, None, None
