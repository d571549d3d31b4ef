"""Demo employer programme: Acme (domain acme.example, 6 sessions per employee per year),
its HR contact, an employee enrolled by their address, an invite code, and one session last
week paid by Acme (held and billed)."""

from datetime import date, timedelta

from django.utils import timezone

from employers.models import Agreement, Company, CompanyDomain, Enrolment, InviteCode


def load(*, stdout) -> None:
    from accounts.models import User

    company, _created = Company.objects.get_or_create(
        name="Acme",
        defaults={
            "billing_name": "Acme SAS",
            "billing_address": "1 rue de l'Exemple\n75011 Paris",
            "billing_email": "comptabilite@acme.example",
        },
    )
    CompanyDomain.objects.get_or_create(domain="acme.example", defaults={"company": company})
    today = timezone.localdate()
    if not company.agreements.exists():
        Agreement.objects.create(
            company=company,
            sessions_per_employee=6,
            starts_on=date(today.year, 1, 1),
            price_cap_cents=9000,
        )
    invite = company.invite_codes.filter(revoked=False).first() or InviteCode.objects.create(
        company=company, max_uses=50
    )
    hr = User.objects.filter(email="rh@acme.example").first()
    if hr is not None:
        company.hr_contacts.add(hr)
    employee = User.objects.filter(email="employe@acme.example").first()
    if employee is not None:
        if not Enrolment.objects.filter(user=employee, left_at__isnull=True).exists():
            Enrolment.objects.create(
                user=employee, company=company, method="domain", joined_at=timezone.now()
            )
        _past_covered_session(employee)
    stdout.write(f"  Acme's invite code: {invite.code}")


def _past_covered_session(employee) -> None:
    """A session with Claire Martin last week, paid by Acme, held and billed."""
    from bookings import lifecycle
    from bookings.models import Booking, SessionType
    from employers.services import booking_confirm_covered, covered_settle

    if Booking.objects.filter(patient=employee).exists():
        return
    claire = SessionType.objects.filter(practitioner__slug="claire-martin", is_default=True).first()
    if claire is None:
        return
    then = timezone.now() - timedelta(days=9)
    free = lifecycle.next_free_slots(
        session_type=claire, after=then + timedelta(days=1), now=then, limit=1
    )
    if not free:
        return
    booking = lifecycle.hold_create(session_type=claire, start=free[0].start, now=then)
    booking = booking_confirm_covered(booking=booking, patient=employee, now=then)
    lifecycle.booking_complete(
        booking=booking,
        acting=lifecycle.Acting.practitioner(booking.practitioner.user),
        now=booking.end + timedelta(minutes=5),
    )
    covered_settle(booking=booking, now=timezone.now())
