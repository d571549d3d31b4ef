"""Saved cards on the patient's side: the checkout's "pay with a saved card", "remember this
card" and "card saved for a session far ahead"; the account page of saved cards (list, add,
remove); and entering a card again on a booking's page after an authorisation failed.

With the offline gateway the test-mode form stands for the provider's; with Stripe the card is
entered in its Payment Element (a SetupIntent), never on this server.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from bookings import lifecycle
from bookings.models import Booking
from payments import cards
from payments.forms import TestCardForm
from payments.gateways import GatewayError, get_gateway
from payments.models import Payment
from payments.services import (
    PaymentError,
    payment_after_provider,
    payment_card_entered,
    payment_start,
)


class RememberCardForm(TestCardForm):
    remember = forms.BooleanField(
        label=gettext_lazy("Remember this card for my next bookings"), required=False
    )


def _authorise_on(booking: Booking):
    return cards.authorisation_due_at(booking).astimezone(ZoneInfo(booking.time_zone))


def checkout_with_cards(request, booking: Booking, patient, step: dict, *, now, done):
    """The checkout's card step, for what saved cards change (called by the booking's
    checkout before its own card form). Adds to `step` what the page shows; handles a saved
    card chosen, a card to remember, and a session far ahead (the card saved, authorised
    later). Returns an HTTP response (done: `done(booking, payment)`), `step` when the page is
    to be shown again with an error, or None to let the usual card step go on."""
    signed_in = request.user.is_authenticated and request.user == patient
    deferred = cards.authorisation_deferred(booking, now)
    step["deferred"] = deferred
    step["authorise_on"] = _authorise_on(booking) if deferred else None
    step["saved_cards"] = list(cards.saved_cards(patient)) if signed_in else []
    step["can_remember"] = signed_in
    gateway = get_gateway()
    if request.method == "POST" and "use_card" in request.POST:
        try:
            card = cards.saved_card_get(patient, request.POST["use_card"])
            return done(booking, _pay_with(booking, patient, card, deferred=deferred, now=now))
        except (PaymentError, GatewayError) as error:
            step["card_error"] = error.message
            return step
        except lifecycle.BookingError as error:  # the hold lapsed meanwhile
            return _hold_lost(request, booking, error)
    if gateway.name != "offline":
        if not deferred:
            return None
        # Stripe: the Payment Element saves the card (a SetupIntent); confirm reads it back.
        setup = cards.card_setup_start(
            patient=patient, now=now, purpose=f"booking:{booking.reference}"
        )
        step.update(
            stripe_key=settings.STRIPE_PUBLISHABLE_KEY,
            client_secret=setup.client_secret,
            stripe_mode="setup",
            return_url=request.build_absolute_uri(
                reverse("bookings:confirm", args=[booking.reference])
            ),
        )
        return step
    if not (deferred or signed_in):
        return None
    form = RememberCardForm(request.POST if "pay" in request.POST else None)
    step["card_form"] = form
    if not form.is_bound:
        return step
    if not form.is_valid():
        return step
    remember = signed_in and form.cleaned_data["remember"]
    if not (deferred or remember):
        return None  # the usual card step (authorised now, card not kept)
    try:
        card = cards.card_save_typed(
            patient=patient,
            number=form.cleaned_data["card_number"],
            remembered=remember,
            now=now,
        )
        payment = _pay_with(booking, patient, card, deferred=deferred, now=now)
    except (PaymentError, GatewayError) as error:
        form.add_error(None, error.message)
        return step
    except lifecycle.BookingError as error:
        return _hold_lost(request, booking, error)
    return done(booking, payment)


def typed_card_entered(request, booking: Booking, patient, step: dict, *, now) -> Payment | None:
    """The test-mode card form (offline gateway) of a checkout, site or widget: the payment
    once its card is authorised; None while the form is to be shown (empty, or with the
    reason the card was refused)."""
    card_form = TestCardForm(request.POST if "pay" in request.POST else None)
    step["card_form"] = card_form
    if not card_form.is_bound or not card_form.is_valid():
        return None
    payment = payment_start(booking=booking, patient=patient, now=now)
    try:
        return payment_card_entered(
            payment=payment, card=card_form.cleaned_data["card_number"], now=now
        )
    except (PaymentError, GatewayError) as error:
        card_form.add_error(None, error.message)
        return None


def _hold_lost(request, booking: Booking, error):
    """The time was released before the card was saved: say so, back to the free times (a
    saved card's payment left behind is let go by the periodic settlement)."""
    messages.error(request, error.message)
    return redirect("bookings:week", slug=booking.practitioner.slug)


def _pay_with(booking: Booking, patient, card, *, deferred: bool, now) -> Payment:
    return cards.payment_with_saved_card(
        booking=booking, patient=patient, card=card, deferred=deferred, now=now
    )


def checkout_setup_return(request, booking: Booking, patient):
    """Stripe's card form saved the card of a session far ahead (`setup_intent` posted by
    the page's script, or in the return address): keep it and confirm the booking. None when
    there is no setup to read."""
    reference = request.POST.get("setup_intent") or request.GET.get("setup_intent") or ""
    if not reference.startswith("seti_"):
        return None
    now = timezone.now()
    try:
        return cards.payment_defer_after_setup(
            booking=booking, patient=patient, setup_reference=reference, now=now
        )
    except (PaymentError, GatewayError, lifecycle.BookingError) as error:
        messages.error(request, error.message)
        return None


# --- The account's saved cards -------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_cards(request):
    """The patient's saved cards: list, add one, remove one."""
    gateway = get_gateway()
    now = timezone.now()
    form = None
    stripe_setup = None
    if gateway.name == "offline":
        form = TestCardForm(request.POST if "add" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                card = cards.card_save_typed(
                    patient=request.user,
                    number=form.cleaned_data["card_number"],
                    remembered=True,
                    now=now,
                )
            except PaymentError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Card saved: %(card)s.") % {"card": _label(card)})
                return redirect("payments:my_cards")
    else:
        stripe_setup = cards.card_setup_start(patient=request.user, now=now, purpose="account")
    context = {
        "cards": cards.saved_cards(request.user),
        "form": form,
        "test_mode": gateway.test_mode,
        "stripe_key": settings.STRIPE_PUBLISHABLE_KEY,
        "client_secret": stripe_setup.client_secret if stripe_setup else "",
        "return_url": request.build_absolute_uri(reverse("payments:my_card_added")),
    }
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "payments/my_cards.html", context, status=status)


def _label(card) -> str:
    return f"{card.brand.title()} •••• {card.last4}"


@login_required
@require_http_methods(["GET", "POST"])
def my_card_added(request):
    """Stripe's card form came back (its script posts, or its return address redirects)."""
    reference = request.POST.get("setup_intent") or request.GET.get("setup_intent") or ""
    if not reference.startswith("seti_"):
        raise Http404
    try:
        card = cards.card_setup_finish(
            patient=request.user, setup_reference=reference, remembered=True, now=timezone.now()
        )
    except (PaymentError, GatewayError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Card saved: %(card)s.") % {"card": _label(card)})
    return redirect("payments:my_cards")


@login_required
@require_POST
def my_card_remove(request, card_id: int):
    card = get_object_or_404(cards.saved_cards(request.user), pk=card_id)
    try:
        cards.card_remove(patient=request.user, card=card, now=timezone.now())
    except (PaymentError, GatewayError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Card removed: %(card)s.") % {"card": _label(card)})
    return redirect("payments:my_cards")


# --- A booking's card, after its authorisation failed ---------------------------------------------


def card_needed(payment: Payment | None) -> bool:
    """Whether the booking's page asks for a card: a session far ahead whose authorisation
    failed (or whose card is gone), still to come."""
    if payment is None or payment.status != Payment.Status.CARD_SAVED:
        return False
    scheduled = getattr(payment, "scheduled", None)
    return scheduled is not None and scheduled.failed_at is not None


@never_cache
@require_http_methods(["GET", "POST"])
def booking_card(request, token):
    """Enter a card for a booking whose card could not be authorised (the link of the
    message): authorised at once, the patient there (3-D Secure possible)."""
    booking = get_object_or_404(Booking, token=token)
    payment = Payment.objects.filter(booking=booking).select_related("scheduled").first()
    manage_url = reverse("bookings:manage", args=[booking.token])
    if not card_needed(payment) or booking.state not in cards.WAITING:
        return redirect(manage_url)
    gateway = get_gateway()
    signed_in = request.user.is_authenticated and request.user.pk == booking.patient_id
    saved = list(cards.saved_cards(booking.patient)) if signed_in else []
    now = timezone.now()
    form = TestCardForm(request.POST if "pay" in request.POST else None)
    error = ""
    stripe_step = None
    if request.GET.get("payment_intent") and payment.gateway_reference:
        # Back from 3-D Secure by Stripe's return address: read what happened.
        payment = payment_after_provider(payment=payment, now=now)
        if payment.status == Payment.Status.AUTHORISED:
            messages.success(request, _("Thank you: the payment of your session is reserved."))
            return redirect(manage_url)
    if request.method == "POST":
        try:
            if "stripe_done" in request.POST and gateway.name != "offline":
                # Stripe's form confirmed the intent in the browser: read it back.
                payment = payment_after_provider(payment=payment, now=now)
                if payment.status != Payment.Status.AUTHORISED:
                    raise PaymentError(payment.failure_message or _("The card was not authorised."))
            elif "use_card" in request.POST and signed_in:
                card = cards.saved_card_get(booking.patient, request.POST["use_card"])
                cards.payment_authorise_now(payment=payment, card=card, now=now)
            elif gateway.name == "offline" and form.is_valid():
                cards.payment_authorise_typed(
                    payment=payment, number=form.cleaned_data["card_number"], now=now
                )
            else:
                raise PaymentError("")
        except (PaymentError, GatewayError) as refused:
            error = refused.message
        else:
            messages.success(request, _("Thank you: the payment of your session is reserved."))
            return redirect(manage_url)
    if gateway.name != "offline":
        stripe_step = {
            "stripe_key": settings.STRIPE_PUBLISHABLE_KEY,
            "client_secret": cards.payment_intent_on_session(payment=payment, now=now),
            "return_url": request.build_absolute_uri(request.path),
        }
    context = {
        "booking": booking,
        "start": booking.start.astimezone(ZoneInfo(booking.time_zone)),
        "payment": payment,
        "saved_cards": saved,
        "form": form if gateway.name == "offline" else None,
        "stripe_step": stripe_step,
        "error": error,
        "test_mode": gateway.test_mode,
        "manage_url": manage_url,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "payments/booking_card.html", context, status=status)
