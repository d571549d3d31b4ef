"""Sessions paid by the employer: the quota per agreement year, what is covered (price cap,
duration), the checkout's offer and its card fallback, and never more units than the quota
even at once (SQLite and PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from bookings import lifecycle
from bookings.models import Booking
from employers import selectors, services
from employers.models import Agreement, CoveredSession, Enrolment
from payments.models import Payment
from tests.employers.conftest import NOW, paris, verified_user

pytestmark = pytest.mark.django_db


def covered(consult, patient, start, now=NOW):
    booking = lifecycle.hold_create(session_type=consult, start=start, now=now)
    return services.booking_confirm_covered(booking=booking, patient=patient, now=now)


def test_agreement_years_count_from_the_start_date():
    agreement = Agreement(sessions_per_employee=6, starts_on=date(2024, 2, 29))
    assert agreement.year_bounds(date(2025, 2, 27)) == (date(2024, 2, 29), date(2025, 2, 28))
    assert agreement.year_bounds(date(2025, 2, 28)) == (date(2025, 2, 28), date(2026, 2, 28))
    assert agreement.year_bounds(date(2026, 12, 7)) == (date(2026, 2, 28), date(2027, 2, 28))


def test_the_quota_is_per_agreement_year(consult, employee, agreement):
    covered(consult, employee, paris(14, 9))
    covered(consult, employee, paris(14, 11))
    with pytest.raises(services.EmployerError, match="used this year"):
        covered(consult, employee, paris(15, 9))
    assert Booking.objects.filter(state=Booking.State.CONFIRMED).count() == 2
    # A session in the next agreement year counts in that year.
    agreement.starts_on = date(2025, 12, 15)
    agreement.save()
    quota = selectors.quota_on(employee, date(2026, 12, 16))
    assert (quota.year_start, quota.used, quota.remaining) == (date(2026, 12, 15), 0, 2)


def test_a_free_cancellation_gives_the_unit_back(consult, employee, sent):
    booking = covered(consult, employee, paris(14, 9))
    sent(
        lambda: lifecycle.booking_cancel(
            booking=booking, acting=lifecycle.Acting.patient(employee), now=NOW
        )
    )
    unit = CoveredSession.objects.get(booking=booking)
    assert unit.returned_at is not None and unit.settled_at is None
    assert selectors.quota_on(employee, date(2026, 12, 14)).remaining == 2


def test_above_the_price_cap_or_too_long_is_not_covered(consult, employee, agreement):
    consult.price_cents = 9000  # the cap is 80 €
    consult.save()
    with pytest.raises(services.EmployerError, match="priced up to"):
        covered(consult, employee, paris(14, 9))
    agreement.price_cap_cents = None
    agreement.max_duration_minutes = 45  # the session lasts 50 minutes
    agreement.save()
    with pytest.raises(services.EmployerError, match="up to 45 minutes"):
        covered(consult, employee, paris(14, 11))
    assert not CoveredSession.objects.exists()


def test_outside_the_agreement_dates_or_after_leaving_nothing_is_covered(
    consult, employee, agreement
):
    agreement.ends_on = date(2026, 12, 10)
    agreement.save()
    with pytest.raises(services.EmployerError, match="does not cover this date"):
        covered(consult, employee, paris(14, 9))
    services.enrolment_leave(user=employee, now=NOW)
    with pytest.raises(services.EmployerError, match="not in an employer programme"):
        covered(consult, employee, paris(8, 9))


def _checkout(client, claire, start="2026-12-14T09:00:00Z"):
    held = client.post(
        "/en/book/", {"practitioner": claire.slug, "start": start, "tz": "Europe/Paris"}
    )
    return held["Location"]


def test_the_checkout_offers_the_employer_and_falls_back_to_the_card(
    client, claire, employee, monkeypatch
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    client.force_login(employee)
    checkout = _checkout(client, claire)
    page = client.get(checkout).content.decode()
    assert "Paid by your employer" in page
    assert "Acme pays this session: 2 sessions left of 2 this year." in page
    assert "Card number" in page  # the card stays possible
    done = client.post(checkout, {"use_employer": "1"})
    assert done.status_code == 302 and "/appointments/" in done["Location"]
    booking = Booking.objects.get(state=Booking.State.CONFIRMED)
    assert CoveredSession.objects.get().booking == booking
    assert not Payment.objects.exists()
    manage = client.get(done["Location"]).content.decode()
    assert "Paid by your employer" in manage

    covered(claire.session_types.get(is_default=True), employee, paris(15, 9))
    checkout = _checkout(client, claire, "2026-12-16T09:00:00Z")
    page = client.get(checkout).content.decode()
    assert "used this year" in page and "Use my employer" not in page
    assert "Card number" in page
    # Posting the employer's choice anyway pays nothing and confirms nothing.
    refused = client.post(checkout, {"use_employer": "1"})
    assert refused.status_code == 400
    assert CoveredSession.objects.count() == 2 and not Booking.objects.filter(
        start=paris(16, 10)
    ).exclude(state=Booking.State.HELD)


def test_a_patient_outside_any_programme_sees_only_the_card(client, claire, patient, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    client.force_login(patient)
    page = client.get(_checkout(client, claire)).content.decode()
    assert "employer" not in page.lower() and "Card number" in page


@pytest.mark.django_db(transaction=True)
def test_quota_two_and_ten_bookings_at_once_cover_exactly_two(site_tree, claire, acme):
    Agreement.objects.create(company=acme, sessions_per_employee=2, starts_on=date(2026, 1, 1))
    employee = verified_user("zoe@acme.example")
    Enrolment.objects.create(user=employee, company=acme, method="domain", joined_at=NOW)
    consult = claire.session_types.get(is_default=True)
    holds = [
        lifecycle.hold_create(session_type=consult, start=paris(day, hour), now=NOW)
        for day in (14, 15)
        for hour in (9, 10, 11, 14, 15)
    ]
    barrier = threading.Barrier(len(holds))
    outcomes, errors = [], []

    def confirm(hold):
        try:
            barrier.wait()
            services.booking_confirm_covered(booking=hold, patient=employee, now=NOW)
            outcomes.append("covered")
        except services.EmployerError:
            outcomes.append("card")
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(hold,)) for hold in holds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outcomes.count("covered") == 2 and outcomes.count("card") == 8
    assert CoveredSession.objects.count() == 2
    assert Booking.objects.filter(state=Booking.State.CONFIRMED).count() == 2


def test_a_card_reserved_on_the_way_is_let_go(consult, employee):
    from payments import services as payments

    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 9), now=NOW)
    payment = payments.payment_start(booking=booking, patient=employee, now=NOW)
    payments.payment_card_entered(payment=payment, card="4242424242424242", now=NOW)
    services.booking_confirm_covered(booking=booking, patient=employee, now=NOW)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.RELEASED and payment.captured_cents == 0


def test_the_saved_cards_job_leaves_a_card_let_go_for_the_employer_alone(consult, employee, sent):
    """The card released because the employer pays is not a lapsed authorisation: the later
    authorisations' job neither authorises it again nor tells anyone a card is needed."""
    from payments import cards
    from payments import services as payments

    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 9), now=NOW)
    payment = payments.payment_start(booking=booking, patient=employee, now=NOW)
    payments.payment_card_entered(payment=payment, card="4242424242424242", now=NOW)
    services.booking_confirm_covered(booking=booking, patient=employee, now=NOW)
    calls = payment.calls.count()
    _counts, outbox = sent(lambda: cards.authorisations_run(now=NOW))
    payment.refresh_from_db()
    assert payment.status == Payment.Status.RELEASED and payment.calls.count() == calls
    assert outbox == []


def test_agreements_of_a_company_do_not_overlap(acme, agreement):
    from django.core.exceptions import ValidationError

    overlapping = Agreement(
        company=acme, sessions_per_employee=3, starts_on=date(2026, 6, 1), ends_on=None
    )
    with pytest.raises(ValidationError, match="covers part of these dates"):
        overlapping.full_clean()
    agreement.ends_on = date(2026, 5, 31)
    agreement.save()
    overlapping.full_clean()


def test_a_card_left_authorised_is_released_never_captured(claire, consult, employee, sent):
    from payments import services as payments

    booking = lifecycle.hold_create(session_type=consult, start=paris(8, 9), now=NOW)
    payment = payments.payment_start(booking=booking, patient=employee, now=NOW)
    payments.payment_card_entered(payment=payment, card="4242424242424242", now=NOW)
    with transaction.atomic():  # paid by the employer while the card stayed authorised
        services.coverage_take(booking=booking, patient=employee, now=NOW)
        lifecycle.hold_confirm(booking=booking, patient=employee, now=NOW)
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking, acting=lifecycle.Acting.practitioner(claire.user), now=booking.end
        )
    )
    payment.refresh_from_db()
    assert payment.status == Payment.Status.RELEASED and payment.captured_cents == 0
    assert CoveredSession.objects.get().billed_cents == 6000
