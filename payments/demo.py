"""Demo payments: package offers (Claire Martin's and one valid with every practitioner), a
package the demo patient bought at the centre, ready to use when booking with Claire Martin;
the referral programme on (10 €), the demo patient's balance (a top-up by the test card and a
referral credit for a friend who joined), their saved test card, and a session with Claire
Martin about two weeks ahead paid with it ("card saved, authorised on <date>")."""

from django.utils import timezone

from payments.models import Package, PackageOffer


def load(*, stdout) -> None:
    from accounts.models import User
    from payments.packages import package_record_at_centre
    from practitioners.models import Practitioner

    claire = Practitioner.objects.filter(slug="claire-martin").first()
    if claire is not None:
        PackageOffer.objects.get_or_create(
            practitioner=claire,
            sessions=5,
            defaults={"name": "5 séances", "price_cents": 27500, "validity_days": 365},
        )
    PackageOffer.objects.get_or_create(
        practitioner=None,
        sessions=3,
        defaults={"name": "3 séances, tous praticiens", "price_cents": 18000, "validity_days": 180},
    )
    patient = User.objects.filter(email="patient@khepri.example").first()
    if (
        claire is not None
        and patient is not None
        and not Package.objects.filter(patient=patient).exists()
    ):
        offer = PackageOffer.objects.get(practitioner=claire, sessions=5)
        package_record_at_centre(offer=offer, patient=patient, now=timezone.now())
    if patient is not None:
        _balance(patient)
    _saved_card_and_far_session(patient, claire)
    stdout.write(
        f"  {PackageOffer.objects.count()} package offers, {Package.objects.count()} packages"
    )


def _balance(patient) -> None:
    """40 € topped up with the test card, and a 10 € credit for a friend the patient invited
    (built through the services, once)."""
    from accounts.models import User
    from payments.balance import topup_card_entered, topup_start
    from payments.gateways import get_gateway
    from payments.models import ReferralSettings
    from payments.referrals import referral_credit_grant, referral_record

    now = timezone.now()
    programme = ReferralSettings.load()
    if not programme.credit_cents:
        programme.credit_cents = 1000
        programme.save()
    if hasattr(get_gateway(), "confirm"):  # the offline gateway: its test card pays
        topup = topup_start(patient=patient, amount_cents=4000, request_key="demo", now=now)
        topup_card_entered(topup=topup, card="4242424242424242", now=now)
    friend, created = User.objects.get_or_create(
        email="ami.invite@khepri.example", defaults={"first_name": "Inès", "last_name": "Roy"}
    )
    if created:
        friend.set_unusable_password()
        friend.save()
    referral = referral_record(referred=friend, code=patient.referral_code, now=now)
    # The friend's first paid session is not part of the demo's agenda: the credit is granted
    # as the settlement would.
    referral_credit_grant(referral=referral, booking=None, now=now)


def _saved_card_and_far_session(patient, claire) -> None:
    """The test card 4242 saved in the demo patient's account, and a session far enough
    ahead to be paid later with it (once: nothing is added when the demo runs again)."""
    from datetime import timedelta

    from bookings import lifecycle
    from payments import cards
    from payments.models import ScheduledAuthorisation

    if patient is None or claire is None:
        return
    now = timezone.now()
    card = cards.saved_cards(patient).first() or cards.card_save_typed(
        patient=patient, number="4242424242424242", remembered=True, now=now
    )
    if ScheduledAuthorisation.objects.filter(payment__patient=patient).exists():
        return
    session_type = claire.session_types.filter(is_default=True).first()
    if session_type is None or not session_type.price_cents:
        return
    free = lifecycle.next_free_slots(
        session_type=session_type, after=now + timedelta(days=14), now=now, limit=1
    )
    if not free:
        return
    booking = lifecycle.hold_create(
        session_type=session_type, start=free[0].start, now=now, patient=patient
    )
    cards.payment_defer(booking=booking, patient=patient, card=card, now=now)
