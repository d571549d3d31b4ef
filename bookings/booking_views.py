"""The booking flow and the pages to manage a booking, for patients and practitioners.

1. `week`: choose a session and a free time on a week, in your own time zone;
2. `book`: the time is held (10 minutes) while you identify (`checkout`);
3. `confirm`: the hold becomes a booking, or a request to the practitioner;
4. `manage`: the private page of a booking (link in every email): move or cancel it.

Views only read input and call `bookings.lifecycle`; every page works without JavaScript.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from accounts.services import EmailTaken, guardian_consent_record, patient_create
from bookings import lifecycle, notify
from bookings.booking_forms import (
    BookingSettingsForm,
    GuardianForm,
    PatientDetailsForm,
    PractitionerNoteForm,
)
from bookings.lifecycle import Acting
from bookings.models import Booking, SessionType
from bookings.notify import policy_text
from bookings.week import parse_instant, session_week, slot_iso
from employers.selectors import checkout_offer
from employers.services import booking_confirm_covered
from payments.balance import balance_for, booking_confirm_with_balance
from payments.card_views import checkout_setup_return, checkout_with_cards, typed_card_entered
from payments.forms import CaptureAmountForm
from payments.gateways import get_gateway
from payments.models import PackageOffer, PackageUse, Payment
from payments.packages import booking_confirm_with_package, usable_packages
from payments.referrals import record_from_session as referral_record_from_session
from payments.services import (
    PaymentError,
    payment_after_provider,
    payment_required,
    payment_start,
    session_close,
)
from practitioners.access import practitioner_required
from practitioners.models import Practitioner, PractitionerPage
from practitioners.profile import euros, session_offers, visitor_zone, zone_or_none

State = Booking.State
HOLDS_KEY = "booking_holds"  # session: {reference: patient id or None}
#: session: {reference: where the time was chosen}, for times not chosen on the practitioner's
#: own week (a pooled service's page): "choose another time" goes back there.
CHOSEN_ON_KEY = "booking_chosen_on"


# --- Helpers -----------------------------------------------------------------------------------


def _profile_url(practitioner: Practitioner) -> str | None:
    pages = PractitionerPage.objects.live().filter(practitioner=practitioner)
    page = pages.filter(locale__language_code=get_language()).first() or pages.first()
    return page.url if page else None


def _session_type(practitioner: Practitioner, value) -> SessionType | None:
    # A pooled service's session type is booked through the service only (`pools`).
    types = SessionType.objects.filter(
        practitioner=practitioner, is_active=True, service_member__isnull=True
    )
    try:
        return types.get(pk=int(value))
    except (TypeError, ValueError, SessionType.DoesNotExist):
        return types.order_by("-is_default", "position", "pk").first()


def _monday(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _week_context(request, *, practitioner, session_type, tz, now) -> dict:
    """The week picker: its days and free times, and links to the other weeks."""
    week = session_week(
        practitioner_id=practitioner.pk,
        session_type_id=session_type.pk,
        horizon_days=session_type.horizon_days,
        tz=tz,
        now=now,
        monday=_monday(request.GET.get("week")),
    )
    base = {"session_type": session_type.pk}
    if request.GET.get("tz"):
        base["tz"] = tz.key

    def link(monday: date | None) -> str | None:
        return "?" + urlencode({**base, "week": monday.isoformat()}) if monday else None

    return {
        "week": week,
        "previous_link": link(week.previous_monday),
        "next_link": link(week.next_monday),
        "visitor_tz": tz,
    }


def _remember_hold(request, booking: Booking, patient_id: int | None = None) -> None:
    holds = request.session.get(HOLDS_KEY, {})
    holds[str(booking.reference)] = patient_id
    request.session[HOLDS_KEY] = holds


def remember_chosen_on(request, booking: Booking, url: str) -> None:
    chosen_on = request.session.get(CHOSEN_ON_KEY, {})
    chosen_on[str(booking.reference)] = url
    request.session[CHOSEN_ON_KEY] = chosen_on


def _choose_again_url(request, booking: Booking) -> str:
    chosen_on = request.session.get(CHOSEN_ON_KEY, {}).get(str(booking.reference))
    return chosen_on or reverse("bookings:week", args=[booking.practitioner.slug])


def _own_hold(request, reference) -> Booking:
    """A hold this browser made (or one held for the signed-in patient); 404 otherwise."""
    booking = get_object_or_404(
        Booking.objects.select_related("practitioner", "practitioner__user", "patient"),
        reference=reference,
    )
    holds = request.session.get(HOLDS_KEY, {})
    mine = str(reference) in holds or (
        request.user.is_authenticated and booking.patient_id == request.user.pk
    )
    if not mine:
        raise Http404
    return booking


def _hold_patient(request, booking: Booking) -> User | None:
    if request.user.is_authenticated:
        return request.user
    patient_id = request.session.get(HOLDS_KEY, {}).get(str(booking.reference))
    return User.objects.filter(pk=patient_id).first() if patient_id else None


def _client_address(request) -> str:
    # Only the direct peer: a forwarded header can be forged by anyone (trust it only behind a
    # proxy that sets it, which is configured in the web server, not here).
    return request.META.get("REMOTE_ADDR", "")


# --- 1. Choose a time --------------------------------------------------------------------------


@never_cache
def week(request, slug):
    practitioner = get_object_or_404(Practitioner.objects.select_related("user"), slug=slug)
    now = timezone.now()
    tz, _chosen = visitor_zone(request)
    offers = session_offers(practitioner=practitioner, language=get_language())
    session_type = _session_type(practitioner, request.GET.get("session_type"))
    context = {
        "practitioner": practitioner,
        "profile_url": _profile_url(practitioner),
        "offers": offers,
        "session_type": session_type,
        "is_bookable": practitioner.is_bookable and session_type is not None,
        "policy": policy_text(practitioner),
        "confirmation_mode": practitioner.confirmation_mode,
        "sells_packages": PackageOffer.objects.filter(active=True)
        .filter(Q(practitioner=practitioner) | Q(practitioner__isnull=True))
        .exists(),
    }
    if context["is_bookable"]:
        context.update(
            _week_context(
                request, practitioner=practitioner, session_type=session_type, tz=tz, now=now
            )
        )
    return render(request, "bookings/book/week.html", context)


# --- 2. Hold it --------------------------------------------------------------------------------


def _taken_page(request, *, error, practitioner, session_type, tz, status):
    return render(
        request,
        "bookings/book/taken.html",
        {
            "message": error.message,
            "alternatives": [
                (slot.start.astimezone(tz), slot.end.astimezone(tz), slot_iso(slot.start))
                for slot in getattr(error, "alternatives", [])
            ],
            "practitioner": practitioner,
            "session_type": session_type,
            "visitor_tz": tz,
            "week_url": reverse("bookings:week", args=[practitioner.slug])
            + "?"
            + urlencode({"session_type": session_type.pk, "tz": tz.key}),
        },
        status=status,
    )


@require_POST
def book(request):
    practitioner = get_object_or_404(Practitioner, slug=request.POST.get("practitioner", ""))
    session_type = _session_type(practitioner, request.POST.get("session_type"))
    start = parse_instant(request.POST.get("start"))
    tz = zone_or_none(request.POST.get("tz")) or visitor_zone(request)[0]
    if session_type is None or start is None:
        messages.error(request, _("Please choose a time from the list."))
        return redirect("bookings:week", slug=practitioner.slug)
    try:
        booking = lifecycle.hold_create(
            session_type=session_type,
            start=start,
            now=timezone.now(),
            time_zone=tz.key,
            language=get_language(),
            client=_client_address(request),
            patient=request.user if request.user.is_authenticated else None,
        )
    except lifecycle.SlotTaken as error:
        return _taken_page(
            request,
            error=error,
            practitioner=practitioner,
            session_type=session_type,
            tz=tz,
            status=409,
        )
    except (lifecycle.TooManyHolds, lifecycle.NotAllowed) as error:
        status = 429 if isinstance(error, lifecycle.TooManyHolds) else 403
        return _taken_page(
            request,
            error=error,
            practitioner=practitioner,
            session_type=session_type,
            tz=tz,
            status=status,
        )
    _remember_hold(request, booking)
    return redirect("bookings:checkout", reference=booking.reference)


# --- 3. Identify and confirm --------------------------------------------------------------------


def _summary(booking: Booking) -> dict:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(booking.time_zone)
    return {
        "booking": booking,
        "start": booking.start.astimezone(tz),
        "end": booking.end.astimezone(tz),
        "visitor_tz": tz,
        "policy": policy_text(booking.practitioner),
        "profile_url": _profile_url(booking.practitioner),
        "price": euros(booking.price_cents),
        "video_url": booking.video_url,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def checkout(request, reference):
    booking = _own_hold(request, reference)
    if booking.state in (State.REQUESTED, State.CONFIRMED):
        return redirect("bookings:manage", token=booking.token)
    context = _summary(booking)
    if booking.state != State.HELD:
        context["released"] = True
        context["week_url"] = _choose_again_url(request, booking)
        return render(request, "bookings/book/checkout.html", context, status=410)
    patient = _hold_patient(request, booking)
    details_form = guardian_form = None
    email_taken = False
    if patient is None:
        details_form = PatientDetailsForm(request.POST or None)
        if request.method == "POST" and details_form.is_valid():
            data = details_form.cleaned_data
            try:
                patient = patient_create(
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                    language=get_language(),
                    time_zone=booking.time_zone,
                )
            except EmailTaken as error:
                details_form.add_error("email", error.message)
                email_taken = True
            else:
                if data["is_minor"]:
                    guardian_consent_record(
                        user=patient,
                        name=data["guardian_name"],
                        contact=data["guardian_contact"],
                        now=timezone.now(),
                    )
                _remember_hold(request, booking, patient.pk)
                referral_record_from_session(request, patient)
                return redirect("bookings:checkout", reference=booking.reference)
    elif patient.needs_guardian_consent:
        guardian_form = GuardianForm(request.POST or None)
        if request.method == "POST" and guardian_form.is_valid():
            guardian_consent_record(
                user=patient,
                name=guardian_form.cleaned_data["guardian_name"],
                contact=guardian_form.cleaned_data["guardian_contact"],
                now=timezone.now(),
            )
            return redirect("bookings:checkout", reference=booking.reference)
    elif payment_required(booking):
        payment_step = _payment_step(request, booking, patient)
        if isinstance(payment_step, HttpResponse):
            return payment_step
        context["payment_step"] = payment_step
    context.update(
        {
            "patient": patient,
            "details_form": details_form,
            "guardian_form": guardian_form,
            "email_taken": email_taken,
            "login_url": reverse("account_login")
            + "?"
            + urlencode({"next": request.get_full_path()}),
            "hold_minutes": settings.KHEPRI_HOLD_MINUTES,
            "expires_at": booking.hold_expires_at.astimezone(context["visitor_tz"])
            if booking.hold_expires_at
            else None,
            "is_request": booking.practitioner.confirmation_mode
            == Practitioner.ConfirmationMode.REQUEST,
        }
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "bookings/book/checkout.html", context, status=status)


def _pay_otherwise(request, booking: Booking, step: dict, error_key: str, confirm):
    """One way to pay other than a card (a package, the employer, the balance): the
    confirmation page once it paid; its refusal written on the payment step, which still offers
    the card (None); a booking no longer held: the confirmation page if another way paid it
    meanwhile (a double click, two tabs), else back to the free times."""
    try:
        return _confirmed(request, confirm())
    except PaymentError as error:
        step[error_key] = error.message
        return None
    except lifecycle.BookingError as error:
        booking.refresh_from_db()
        if booking.state in (State.REQUESTED, State.CONFIRMED):
            return _confirmed(request, booking)
        messages.error(request, error.message)
        return redirect("bookings:week", slug=booking.practitioner.slug)


def _payment_step(request, booking: Booking, patient):
    """The card step of a priced session: the test-mode card form (offline gateway), or
    Stripe's Payment Element (its intent is made here). A valid card confirms the booking."""
    gateway = get_gateway()
    step = {"amount": euros(booking.price_cents), "test_mode": gateway.test_mode}
    now = timezone.now()
    if request.user.is_authenticated and request.user == patient:
        packages = list(
            usable_packages(patient=patient, practitioner_id=booking.practitioner_id, now=now)
        )
        step["packages"] = packages
        chosen = request.POST.get("use_package")
        if chosen and packages:
            package = next((p for p in packages if str(p.pk) == chosen), None)
            if package is None:
                raise Http404
            response = _pay_otherwise(
                request,
                booking,
                step,
                "package_error",
                lambda: booking_confirm_with_package(
                    booking=booking, package=package, patient=patient, now=now
                ),
            )
            if response is not None:
                return response
        step["employer"] = checkout_offer(patient=patient, booking=booking)
        if step["employer"] and step["employer"].covered and "use_employer" in request.POST:
            response = _pay_otherwise(
                request,
                booking,
                step,
                "employer_error",
                lambda: booking_confirm_covered(booking=booking, patient=patient, now=now),
            )
            if response is not None:
                return response
        step["balance"], step["price_cents"] = balance_for(patient), booking.price_cents
        if "use_balance" in request.POST:
            response = _pay_otherwise(
                request,
                booking,
                step,
                "balance_error",
                lambda: booking_confirm_with_balance(booking=booking, patient=patient, now=now),
            )
            if response is not None:
                return response
    handled = checkout_with_cards(
        request, booking, patient, step, now=now, done=lambda b, p: _confirm_paid(request, b, p)
    )
    if handled is not None:
        return handled
    if gateway.name != "offline":
        payment = payment_start(booking=booking, patient=patient, now=now)
        step.update(
            stripe_key=settings.STRIPE_PUBLISHABLE_KEY,
            client_secret=payment.client_secret,
            return_url=request.build_absolute_uri(
                reverse("bookings:confirm", args=[booking.reference])
            ),
        )
        return step
    payment = typed_card_entered(request, booking, patient, step, now=now)
    if payment is None:
        return step
    return _confirm_paid(request, booking, payment)


def _confirm_paid(request, booking: Booking, payment):
    """The card is authorised: confirm the booking (or release the card if the hold lapsed)."""
    now = timezone.now()
    payment = payment_after_provider(payment=payment, now=now)
    booking.refresh_from_db()
    if booking.state in (State.CONFIRMED, State.REQUESTED):
        return _confirmed(request, booking)
    if booking.state == State.HELD:
        messages.error(request, payment.failure_message or _("The card was not authorised."))
        return redirect("bookings:checkout", reference=booking.reference)
    messages.error(
        request,
        _(
            "This time was released before the payment finished; nothing was charged. Please "
            "choose a time again."
        ),
    )
    return redirect("bookings:week", slug=booking.practitioner.slug)


def _confirmed(request, booking: Booking):
    holds = request.session.get(HOLDS_KEY, {})
    holds.pop(str(booking.reference), None)
    request.session[HOLDS_KEY] = holds
    return redirect(reverse("bookings:manage", args=[booking.token]) + "?new=1")


@require_http_methods(["GET", "POST"])
def confirm(request, reference):
    """Confirm a held time: at once for a free session; for a priced one once the card is
    authorised (Stripe's form comes back here, by its return address or the page's script)."""
    booking = _own_hold(request, reference)
    patient = _hold_patient(request, booking)
    if patient is None:
        return redirect("bookings:checkout", reference=booking.reference)
    if payment_required(booking):
        payment = Payment.objects.filter(booking=booking).first()
        if payment is None or request.POST.get("setup_intent") or request.GET.get("setup_intent"):
            payment = checkout_setup_return(request, booking, patient) or payment
        if payment is None:
            return redirect("bookings:checkout", reference=booking.reference)
        return _confirm_paid(request, booking, payment)
    if request.method != "POST":
        return redirect("bookings:checkout", reference=booking.reference)
    try:
        booking = lifecycle.hold_confirm(booking=booking, patient=patient, now=timezone.now())
    except lifecycle.HoldExpired as error:
        messages.error(request, error.message)
        return redirect("bookings:week", slug=booking.practitioner.slug)
    except lifecycle.NotAllowed as error:
        messages.error(request, error.message)
        return redirect("bookings:checkout", reference=booking.reference)
    return _confirmed(request, booking)


@require_POST
def release(request, reference):
    booking = _own_hold(request, reference)
    lifecycle.hold_release(booking=booking, now=timezone.now())
    chosen_on = request.session.get(CHOSEN_ON_KEY, {}).get(str(reference))
    if chosen_on:
        return redirect(chosen_on)
    return redirect(
        reverse("bookings:week", args=[booking.practitioner.slug])
        + "?"
        + urlencode({"session_type": booking.session_type_id or "", "tz": booking.time_zone})
    )


# --- 4. Manage a booking (the private link) ----------------------------------------------------


def _booking_by_token(token) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("practitioner", "practitioner__user", "patient"),
        token=token,
    )


def _history(booking: Booking) -> list:
    return list(booking.events.exclude(to_state=State.HELD).order_by("at", "pk"))


@never_cache
def manage(request, token):
    booking = _booking_by_token(token)
    now = timezone.now()
    context = _summary(booking)
    acting = Acting.patient(booking.patient)
    context.update(
        {
            "is_new": request.GET.get("new") == "1",
            "show_video": booking.state == State.CONFIRMED,
            "fee": euros(booking.cancellation_fee_cents),
            "can_cancel": booking.state in lifecycle.ACTIVE and booking.start > now,
            "can_move": lifecycle.can_reschedule(booking=booking, acting=acting, now=now),
            "terms": lifecycle.cancellation_terms(booking=booking, now=now),
            "history": _history(booking),
            "account_without_password": booking.patient is not None
            and not booking.patient.has_usable_password(),
            "week_url": reverse("bookings:week", args=[booking.practitioner.slug]),
            "add_to_calendar": booking.state == State.CONFIRMED and booking.end > now,
            "payment": Payment.objects.filter(booking=booking).first(),
            "package_use": PackageUse.objects.filter(booking=booking)
            .select_related("package__offer")
            .first(),
            "google_calendar_url": notify.google_calendar_url(booking),
        }
    )
    return render(request, "bookings/book/manage.html", context)


@never_cache
def calendar_file(request, token):
    """The booking as an iCalendar file, for calendar apps other than Google's."""
    booking = _booking_by_token(token)
    if booking.state != State.CONFIRMED:
        raise Http404
    response = HttpResponse(notify.invite_ics(booking), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    booking = _booking_by_token(token)
    now = timezone.now()
    if request.method == "POST":
        try:
            lifecycle.booking_cancel(
                booking=booking, acting=Acting.patient(booking.patient), now=now
            )
        except lifecycle.NotAllowed as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your appointment is cancelled. An email confirms it."))
        return redirect("bookings:manage", token=booking.token)
    if booking.state not in lifecycle.ACTIVE or booking.start <= now:
        return redirect("bookings:manage", token=booking.token)
    context = _summary(booking)
    terms = lifecycle.cancellation_terms(booking=booking, now=now)
    context.update(
        {
            "terms": terms,
            "fee": euros(terms.fee_cents),
            "can_move": lifecycle.can_reschedule(
                booking=booking, acting=Acting.patient(booking.patient), now=now
            ),
        }
    )
    return render(request, "bookings/book/cancel.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def reschedule(request, token):
    """Choose a new time on the week, review the move, confirm it (the old time is kept until
    the new one is secured)."""
    booking = _booking_by_token(token)
    now = timezone.now()
    acting = Acting.patient(booking.patient)
    if booking.session_type is None or not lifecycle.can_reschedule(
        booking=booking, acting=acting, now=now
    ):
        messages.error(request, _("This appointment can no longer be moved online."))
        return redirect("bookings:manage", token=booking.token)
    context = _summary(booking)
    tz = zone_or_none(request.GET.get("tz")) or context["visitor_tz"]
    error, status = None, 200
    if request.method == "POST":
        start = parse_instant(request.POST.get("start"))
        if start is not None and request.POST.get("confirm") != "1":
            context["proposed"] = start.astimezone(context["visitor_tz"])
            context["proposed_iso"] = request.POST["start"]
            return render(request, "bookings/book/reschedule.html", context)
        try:
            if start is None:
                raise lifecycle.SlotTaken(_("Please choose a time from the list."))
            lifecycle.booking_reschedule(booking=booking, start=start, acting=acting, now=now)
        except lifecycle.SlotTaken as taken:
            error, status = taken.message, 409
        except lifecycle.NotAllowed as refused:
            messages.error(request, refused.message)
            return redirect("bookings:manage", token=booking.token)
        else:
            messages.success(request, _("Your appointment has moved. An email confirms it."))
            return redirect("bookings:manage", token=booking.token)
    context.update(
        _week_context(
            request,
            practitioner=booking.practitioner,
            session_type=booking.session_type,
            tz=tz,
            now=now,
        )
    )
    context["error"] = error
    return render(request, "bookings/book/reschedule.html", context, status=status)


@login_required
def my_bookings(request):
    now = timezone.now()
    bookings = (
        Booking.objects.filter(patient=request.user)
        .exclude(state__in=[State.HELD, State.EXPIRED])
        .select_related("practitioner")
        .order_by("start")
    )
    upcoming = [b for b in bookings if b.end > now and b.state in lifecycle.ACTIVE]
    past = [b for b in bookings if b not in upcoming][::-1][:50]
    return render(
        request,
        "bookings/book/my_bookings.html",
        {"upcoming": upcoming, "past": past, "visitor_tz": visitor_zone(request)[0]},
    )


# --- The practitioner's answers ----------------------------------------------------------------


@practitioner_required
def pro_bookings(request):
    practitioner = request.practitioner
    now = timezone.now()
    rows = Booking.objects.filter(practitioner=practitioner).select_related("patient")
    context = {
        "space_section": "bookings",
        "requests": rows.filter(state=State.REQUESTED, start__gt=now).order_by("respond_by"),
        "upcoming": rows.filter(state=State.CONFIRMED, end__gt=now).order_by("start")[:100],
        "to_close": rows.filter(state=State.CONFIRMED, start__lte=now).order_by("-start")[:50],
        "recent": rows.filter(
            state__in=[
                State.CANCELLED_BY_PATIENT,
                State.CANCELLED_BY_PRACTITIONER,
                State.DECLINED,
                State.EXPIRED,
            ],
            start__gt=now,
            patient__isnull=False,
        ).order_by("start")[:30],
        "note_form": PractitionerNoteForm(),
        "tz": practitioner.time_zone,
        "confirmation_mode": practitioner.confirmation_mode,
    }
    return render(request, "bookings/pro/bookings.html", context)


PRO_ACTIONS = {
    "accept": (
        lambda b, a, now, note: lifecycle.request_accept(booking=b, acting=a, now=now),
        gettext_lazy("Request accepted: the patient is told."),
    ),
    "decline": (
        lambda b, a, now, note: lifecycle.request_decline(
            booking=b, acting=a, now=now, reason=note
        ),
        gettext_lazy("Request declined: the patient is told and shown your other times."),
    ),
    "cancel": (
        lambda b, a, now, note: lifecycle.booking_cancel(booking=b, acting=a, now=now, reason=note),
        gettext_lazy("Session cancelled: the patient is told and shown your other times."),
    ),
    "complete": (
        lambda b, a, now, note: lifecycle.booking_complete(booking=b, acting=a, now=now),
        gettext_lazy("Marked as done."),
    ),
    "no_show": (
        lambda b, a, now, note: lifecycle.booking_no_show(booking=b, acting=a, now=now),
        gettext_lazy("Marked as missed."),
    ),
}


def _capture_amount(request) -> int | None:
    """The amount typed beside "Mark as done", in cents (None when no amount was typed)."""
    if "amount" not in request.POST:
        return None
    amount_form = CaptureAmountForm(request.POST)
    if not amount_form.is_valid():
        raise PaymentError(
            _("The amount to charge is not a valid amount in euros: %(errors)s")
            % {"errors": " ".join(amount_form.errors.get("amount", []))}
        )
    return amount_form.cents


@require_POST
@practitioner_required
def pro_booking_action(request, booking_id, action):
    if action not in PRO_ACTIONS:
        raise Http404
    booking = get_object_or_404(Booking, pk=booking_id, practitioner=request.practitioner)
    form = PractitionerNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    run, done = PRO_ACTIONS[action]
    try:
        if action == "complete":
            session_close(
                booking=booking,
                acting=Acting.practitioner(request.user),
                now=timezone.now(),
                amount_cents=_capture_amount(request),
            )
        else:
            run(booking, Acting.practitioner(request.user), timezone.now(), note)
    except (lifecycle.BookingError, PaymentError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(done))
    # Back where the action was taken (the agenda), when that is a page of this site.
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("bookings:pro_bookings")


@require_http_methods(["GET", "POST"])
@practitioner_required
def booking_settings(request):
    """Confirmation mode, cancellation policy and video room: the rules patients see."""
    form = BookingSettingsForm(request.POST or None, instance=request.practitioner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your booking settings are saved."))
        return redirect("bookings:booking_settings")
    return render(
        request,
        "bookings/pro/settings.html",
        {
            "form": form,
            "space_section": "bookings",
            "policy": policy_text(request.practitioner),
        },
        status=400 if form.is_bound else 200,
    )
