"""Demo payments: package offers (Claire Martin's and one valid with every practitioner), and a
package the demo patient bought at the centre, ready to use when booking with Claire Martin;
the demo patient's saved test card, and a session with Claire Martin about two weeks ahead
paid with it ("card saved, authorised on <date>")."""

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
    _saved_card_and_far_session(patient, claire)
    stdout.write(
        f"  {PackageOffer.objects.count()} package offers, {Package.objects.count()} packages"
    )


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
