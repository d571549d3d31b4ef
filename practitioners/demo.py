"""Demo practitioners: one account and one `Practitioner` record each (profile pages come
from the practitioners' own pages). Idempotent."""

from django.db import transaction

from accounts.models import User
from practitioners.demo_data import PRACTITIONERS
from practitioners.models import Practitioner

#: A practitioner who has just signed up: an account, a record, nothing published yet.
ONBOARDING_EMAIL = "samuel.okafor@khepri.example"


def demo_email(data: dict) -> str:
    return f"{data['slug'].replace('-', '.')}@khepri.example"


@transaction.atomic
def load(*, stdout) -> None:
    for data in PRACTITIONERS:
        user, created = User.objects.get_or_create(
            email=demo_email(data),
            defaults={
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "time_zone": data["timezone"],
            },
        )
        if created:
            user.set_unusable_password()  # only the accounts printed by `make run` can log in
            user.save()
        Practitioner.objects.update_or_create(
            user=user,
            defaults={
                "slug": data["slug"],
                "legal_name": f"{data['first_name']} {data['last_name']}",
                "profession": data["profession"]["fr"],
                "siret": data.get("siret") or "",
                "adeli": data.get("adeli") or "",
                "address": data.get("address") or "",
                "time_zone": data["timezone"],
                "status": Practitioner.Status.ACTIVE,
            },
        )
    newcomer = User.objects.filter(email=ONBOARDING_EMAIL).first()
    if newcomer is not None:
        Practitioner.objects.get_or_create(
            user=newcomer,
            defaults={
                "slug": "samuel-okafor",
                "legal_name": newcomer.get_full_name(),
                "status": Practitioner.Status.ONBOARDING,
            },
        )
    stdout.write(f"  {Practitioner.objects.count()} practitioners")
