# ruff: noqa: F811
"""Cases found by reviewing the payments code, kept as regressions: a card and a package for
one booking, payouts paid late, refunds at the same moment, a hold lapsing during the provider
call, paying that would keep a hold forever, package sessions nobody closed, an amount typed
beside a refused "done"."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import transaction

from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking
from payments import packages, services, statements
from payments.gateways.offline import OfflineGateway
from payments.models import OfflineIntent, PackageOffer, PackageUse, Payment
from tests.bookings.test_notify import NOW, claire, consult, paris, patient, sent  # noqa: F401

pytestmark = pytest.mark.django_db
CARD = "4242 4242 4242 4242"


def offer(practitioner=None, sessions=5, price=27500):
    return PackageOffer.objects.create(
        name="x", practitioner=practitioner, sessions=sessions, price_cents=price
    )


def test_a_package_and_a_card_never_both_pay(claire, consult, patient):
    package = packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW)
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    # Card authorised (Stripe.js / test form) but the booking not confirmed by it yet...
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    services.payment_card_entered(payment=payment, card=CARD, now=NOW)
    # ...then the patient (same checkout page) chooses "use my package".
    with transaction.atomic():
        packages.package_take(package=package, booking=booking, patient=patient, now=NOW)
        lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW)
    after = paris(14, 12)
    lifecycle.booking_complete(booking=booking, acting=Acting.system(), now=after)
    packages.package_settle(booking=booking, now=after)
    payment = services.payment_settle(payment=Payment.objects.get(), now=after)
    use = PackageUse.objects.get()
    assert not (use.settled_at and payment.captured_cents), (
        f"credit spent AND card captured {payment.captured_cents}"
    )


def test_the_statement_adds_up_with_packages(claire, patient):
    packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW)
    st = statements.monthly_statement(claire.pk, date(2026, 12, 1))
    start, _end = statements.month_bounds(date(2026, 12, 1))
    moved = st.net_cents - st.transferred_cents - st.paid_out_cents
    assert moved == st.owed_at_end_cents - statements._owed(claire.pk, start), (
        f"net {st.net_cents}, owed at end {st.owed_at_end_cents}"
    )


def test_a_payout_marked_paid_late_is_not_paid_again(claire, patient):
    packages.package_record_at_centre(
        offer=offer(claire), patient=patient, now=datetime(2026, 11, 10, 10, tzinfo=UTC)
    )
    (nov,) = statements.payouts_prepare(
        period=date(2026, 11, 1), now=datetime(2026, 12, 1, 9, tzinfo=UTC)
    )
    assert nov.amount_cents == 22000
    # Staff pay November on 2 January, then prepare December (nothing earned in December).
    statements.payout_mark_paid(
        payout=nov, reference="VIR1", now=datetime(2027, 1, 2, 9, tzinfo=UTC)
    )
    dec = statements.payouts_prepare(
        period=date(2026, 12, 1), now=datetime(2027, 1, 2, 10, tzinfo=UTC)
    )
    assert sum(p.amount_cents for p in dec) == 0, f"December pays {dec[0].amount_cents} again"


def _captured(consult, patient):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    payment = services.payment_card_entered(payment=payment, card=CARD, now=NOW)
    payment = services.payment_after_provider(payment=payment, now=NOW)
    after = paris(14, 12)
    lifecycle.booking_complete(booking=Booking.objects.get(), acting=Acting.system(), now=after)
    return services.payment_settle(payment=payment, now=after)


def test_two_refunds_at_once_are_both_recorded(consult, patient, monkeypatch):
    payment = _captured(consult, patient)
    assert payment.captured_cents == 6000

    class Interleaving(OfflineGateway):
        done = False

        def refund(self, **kwargs):
            answer = super().refund(**kwargs)
            if not Interleaving.done:  # a second staff member refunds at the same moment
                Interleaving.done = True
                services.payment_refund(payment=payment, amount_cents=2000, now=NOW)
            return answer

    monkeypatch.setattr(services, "get_gateway", lambda name=None: Interleaving())
    services.payment_refund(payment=payment, amount_cents=4000, now=NOW)
    payment.refresh_from_db()
    at_provider = OfflineIntent.objects.get().refunded_cents
    assert at_provider == payment.refunded_cents, (
        f"provider refunded {at_provider}, our books {payment.refunded_cents}"
    )


def test_a_hold_lapsing_while_the_intent_is_made_releases_the_card(consult, patient, monkeypatch):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)

    class Slow(OfflineGateway):
        def authorise(self, **kwargs):
            # the hold lapses during the provider call; the worker settles its payment
            Booking.objects.filter(pk=booking.pk).update(state="expired")
            services.payment_settle(payment=Payment.objects.get(), now=NOW)
            return super().authorise(**kwargs)

    monkeypatch.setattr(services, "get_gateway", lambda name=None: Slow())
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    assert payment.status == "released" and payment.gateway_reference
    # the browser has the client secret: the card is authorised at the provider
    OfflineGateway().confirm(payment.gateway_reference, CARD)
    payment = services.payment_after_provider(payment=payment, now=NOW)
    services.payments_settle_due(now=NOW + timedelta(hours=1))
    assert OfflineIntent.objects.get().status != "authorised", "card left authorised"


def test_paying_cannot_keep_a_hold_forever(consult, patient):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    for minutes in range(0, 600, 9):
        services.payment_start(booking=booking, patient=None, now=NOW + timedelta(minutes=minutes))
    booking.refresh_from_db()
    lifecycle.holds_expire(now=NOW + timedelta(minutes=595))
    booking.refresh_from_db()
    assert booking.state != "held", f"still held after 10 h: until {booking.hold_expires_at}"


def test_a_package_session_nobody_closed_is_settled(consult, patient):
    package = packages.package_record_at_centre(
        offer=offer(None, 3, 10000), patient=patient, now=NOW
    )
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    with transaction.atomic():
        packages.package_take(package=package, booking=booking, patient=patient, now=NOW)
        lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW)
    services.payments_settle_due(now=paris(30, 10))  # weeks after the session
    booking.refresh_from_db()
    assert PackageUse.objects.get().settled_at is not None, (
        f"booking {booking.state}, credit unsettled"
    )


def test_the_amount_typed_goes_with_a_refused_done(client, claire, consult, patient):
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    payment = services.payment_start(booking=booking, patient=patient, now=NOW)
    services.payment_card_entered(payment=payment, card=CARD, now=NOW)
    services.payment_after_provider(payment=payment, now=NOW)
    client.force_login(claire.user)
    from unittest import mock

    from django.urls import reverse

    with mock.patch("django.utils.timezone.now", return_value=NOW):
        client.post(
            reverse("bookings:pro_booking_action", args=[booking.pk, "complete"]), {"amount": "0"}
        )
    booking.refresh_from_db()
    payment.refresh_from_db()
    assert booking.state == "confirmed"
    assert payment.capture_requested_cents is None, "0 € kept though 'done' was refused"
