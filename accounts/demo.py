"""Demo accounts (development only: load_demo refuses to run in production)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import User

DEMO_PASSWORD = "khepri-demo"  # printed by `make run`; demo accounts never exist in production

DEMO_ACCOUNTS = [
    {"email": "admin@khepri.example", "first_name": "Alex", "last_name": "Admin", "role": "admin"},
    {
        "email": "editor@khepri.example",
        "first_name": "Elise",
        "last_name": "Éditrice",
        "role": "editor",
    },
    {
        "email": "claire.martin@khepri.example",
        "first_name": "Claire",
        "last_name": "Martin",
        "role": "practitioner",
    },
    {
        "email": "samuel.okafor@khepri.example",
        "first_name": "Samuel",
        "last_name": "Okafor",
        "role": "practitioner",
    },
    {
        "email": "patient@khepri.example",
        "first_name": "Paul",
        "last_name": "Patient",
        "role": "patient",
    },
    # Employer programmes (employers.demo): an Acme employee, and Acme's HR contact.
    {
        "email": "employe@acme.example",
        "first_name": "Émile",
        "last_name": "Employé",
        "role": "employee",
    },
    {"email": "rh@acme.example", "first_name": "Rachel", "last_name": "Hérault", "role": "hr"},
]


def editors_group() -> Group:
    """Wagtail's migrations create "Editors"; make sure it can reach the admin."""
    group, _ = Group.objects.get_or_create(name="Editors")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(access_admin)
    return group


@transaction.atomic
def load(*, stdout) -> None:
    from allauth.account.models import EmailAddress

    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account["email"],
            defaults={"first_name": account["first_name"], "last_name": account["last_name"]},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        if account["role"] == "admin":
            user.is_staff = user.is_superuser = True
        user.save()
        if account["role"] == "editor":
            user.groups.add(editors_group())
        # Demo addresses count as verified so the demo logins work at once.
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


def demo_logins() -> list[tuple[str, str, str]]:
    return [(a["role"], a["email"], DEMO_PASSWORD) for a in DEMO_ACCOUNTS]
