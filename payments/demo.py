"""Demo payments: package offers (Claire Martin's and one valid with every practitioner), and a
package the demo patient bought at the centre, ready to use when booking with Claire Martin."""

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
    stdout.write(
        f"  {PackageOffer.objects.count()} package offers, {Package.objects.count()} packages"
    )
