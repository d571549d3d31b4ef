# ruff: noqa: F811 - the fixtures are shared with test_notify
"""Packages: bought online or at the centre, one credit per booking (never more than there
are, even at once), given back for a cancellation in time, spent otherwise; the money goes to
the practitioner at purchase, or session by session for a platform-wide package."""

import threading

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking
from payments import packages
from payments.models import LedgerEntry, Package, PackageOffer, PackageUse
from payments.services import PaymentError
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    NOW,
    claire,
    consult,
    paris,
    patient,
    sent,
)
from tests.factories import PractitionerFactory, session_type, week

pytestmark = pytest.mark.django_db


def offer(practitioner=None, sessions=5, price=27500, **values):
    values.setdefault("name", f"{sessions} sessions")
    return PackageOffer.objects.create(
        practitioner=practitioner, sessions=sessions, price_cents=price, **values
    )


def book_with(package, consult, patient, start):
    booking = lifecycle.hold_create(session_type=consult, start=start, now=NOW)
    with transaction.atomic():
        packages.package_take(package=package, booking=booking, patient=patient, now=NOW)
        return lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW)


def balances(**filters):
    rows = LedgerEntry.objects.filter(**filters).values("account").annotate(t=Sum("amount_cents"))
    return {row["account"]: row["t"] for row in rows if row["t"]}


def test_bought_at_the_centre_and_used_online(claire, consult, patient, sent):
    package = packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW)
    assert balances() == {"centre": 27500, "practitioner": -22000, "commission": -5500}
    booking, _emails = sent(lambda: book_with(package, consult, patient, paris(14, 10)))
    assert booking.state == Booking.State.CONFIRMED
    package.refresh_from_db()
    assert package.credits_remaining == 4


def test_a_free_cancellation_gives_the_credit_back_a_late_one_spends_it(
    claire, consult, patient, sent
):
    package = packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW)
    early = book_with(package, consult, patient, paris(14, 10))
    sent(lambda: lifecycle.booking_cancel(booking=early, acting=Acting.patient(patient), now=NOW))
    package.refresh_from_db()
    assert package.credits_remaining == 5
    assert PackageUse.objects.get(booking=early).returned_at is not None
    # Late: the first is forgiven (given back), the second forfeits the credit (50 % fee).
    for hour in (9, 11):
        late = book_with(package, consult, patient, paris(7, hour))
        sent(
            lambda late=late: lifecycle.booking_cancel(
                booking=late, acting=Acting.patient(patient), now=NOW
            )
        )
    package.refresh_from_db()
    assert package.credits_remaining == 4


def test_a_held_session_spends_the_credit(claire, consult, patient, sent):
    package = packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW)
    booking = book_with(package, consult, patient, paris(14, 10))
    sent(
        lambda: lifecycle.booking_complete(
            booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
        )
    )
    use = PackageUse.objects.get()
    assert use.settled_at is not None and use.returned_at is None
    package.refresh_from_db()
    assert package.credits_remaining == 4


def test_the_end_of_a_package_session_tells_the_patient_what_is_left(
    claire, consult, patient, sent
):
    from django.utils import translation

    from tests.bookings.test_notify import NEVER_SAID, TITLE

    five = offer(claire, name="5 séances de sophrologie")  # staff may name care in an offer
    package = packages.package_record_at_centre(offer=five, patient=patient, now=NOW)
    booking = book_with(package, consult, patient, paris(14, 10))
    Booking.objects.filter(pk=booking.pk).update(language="en")  # the language booked in
    booking.refresh_from_db()
    _done, emails = sent(
        lambda: lifecycle.booking_complete(
            booking=booking, acting=Acting.practitioner(claire.user), now=booking.end
        )
    )
    (email,) = [email for email in emails if email.to == [patient.email]]
    assert email.subject == "Sessions left in your package: 4"
    assert "Sessions left: 4 of 5, to use by" in email.body
    assert "/en/account/packages/" in email.body
    said = (email.subject + email.body).lower()
    assert not [word for word in [*NEVER_SAID, TITLE.lower(), "5 séances"] if word in said]
    # A late cancellation also spends a credit, but the cancellation's own email told it.
    late = book_with(package, consult, patient, paris(7, 9))
    with translation.override("en"):
        _cancelled, emails = sent(
            lambda: lifecycle.booking_cancel(booking=late, acting=Acting.patient(patient), now=NOW)
        )
    assert not [email for email in emails if "package" in email.subject]


def test_a_platform_wide_package_pays_each_practitioner_their_part_exactly(patient, sent):
    prices = []
    anywhere = packages.package_record_at_centre(
        offer=offer(None, sessions=3, price=10000), patient=patient, now=NOW
    )
    assert balances() == {"centre": 10000, "prepaid": -10000}
    for index in range(3):
        practitioner = PractitionerFactory()
        consult = session_type(practitioner, min_notice_minutes=0)
        week(practitioner)
        booking = book_with(anywhere, consult, patient, paris(14, 9 + index))
        sent(
            lambda booking=booking, practitioner=practitioner: lifecycle.booking_complete(
                booking=booking, acting=Acting.practitioner(practitioner.user), now=booking.end
            )
        )
        prices.append(-balances(practitioner=practitioner)["practitioner"])
    # 33.34 + 33.33 + 33.33 = 100.00, each less 20 %.
    assert prices == [2667, 2666, 2666]
    assert balances().get("prepaid", 0) == 0
    assert -balances()["commission"] == 10000 - sum(prices)


def test_another_practitioners_package_does_not_pay(claire, consult, patient):
    other = offer(PractitionerFactory())
    package = packages.package_record_at_centre(offer=other, patient=patient, now=NOW)
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    with pytest.raises(PaymentError):
        packages.package_take(package=package, booking=booking, patient=patient, now=NOW)
    assert list(packages.usable_packages(patient=patient, practitioner_id=claire.pk, now=NOW)) == []


@pytest.mark.django_db(transaction=True)
def test_five_credits_and_twenty_bookings_at_once_make_exactly_five(site_tree, claire, patient):
    consult = claire.session_types.get(is_default=True)
    package = packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW)
    holds = []
    for day in (14, 15, 16, 17, 18):
        for hour in (9, 10, 11, 14):
            holds.append(
                lifecycle.hold_create(session_type=consult, start=paris(day, hour), now=NOW)
            )
    barrier = threading.Barrier(len(holds))
    outcomes, errors = [], []

    def confirm(hold):
        try:
            barrier.wait()
            book_with_hold(package, hold, patient)
            outcomes.append("booked")
        except PaymentError:
            outcomes.append("no credit")
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    def book_with_hold(package, hold, patient):
        with transaction.atomic():
            packages.package_take(package=package, booking=hold, patient=patient, now=NOW)
            lifecycle.hold_confirm(booking=hold, patient=patient, now=NOW)

    threads = [threading.Thread(target=confirm, args=(hold,)) for hold in holds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outcomes.count("booked") == 5 and outcomes.count("no credit") == 15
    package.refresh_from_db()
    assert package.credits_remaining == 0
    assert PackageUse.objects.count() == 5
    assert Booking.objects.filter(state=Booking.State.CONFIRMED).count() == 5


def test_the_checkout_offers_the_package(client, claire, consult, patient, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    package = packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW)
    client.force_login(patient)
    held = client.post(
        "/en/book/",
        {"practitioner": claire.slug, "start": "2026-12-14T09:00:00Z", "tz": "Europe/Paris"},
    )
    page = client.get(held["Location"]).content.decode()
    assert "Use a package" in page and "5 sessions: 5 sessions left" in page
    done = client.post(held["Location"], {"use_package": package.pk})
    assert done.status_code == 302 and "/appointments/" in done["Location"]
    manage = client.get(
        done["Location"].replace("/appointments/", "/en/appointments/", 1)
        if not done["Location"].startswith("/en/")
        else done["Location"]
    ).content.decode()
    assert "Paid with your package" in manage and "4 sessions left" in manage


def test_a_patient_buys_a_package_and_sees_what_is_left(client, claire, patient):
    offer(claire, sessions=5, price=27500)
    offer(None, sessions=3, price=15000, name="3 sessions anywhere")
    assert client.get("/en/book/claire-martin/packages/").status_code == 302  # log in first
    client.force_login(patient)
    page = client.get("/en/book/claire-martin/packages/").content.decode()
    assert "5 sessions" in page and "3 sessions anywhere" in page and "Test mode" in page
    assert "with any practitioner" in page and "sold at the centre" not in page
    five = PackageOffer.objects.get(practitioner=claire)
    card = {"offer": five.pk, "purchase_key": "k1", "expiry": "12/30", "security_code": "123"}
    declined = client.post(
        "/en/book/claire-martin/packages/", {**card, "card_number": "4000 0000 0000 0002"}
    )
    assert declined.status_code == 400
    assert (
        "declined" in declined.content.decode() and "you can try again" in declined.content.decode()
    )
    assert 'value="k1"' in declined.content.decode()  # the same purchase, another card
    bought = client.post(
        "/en/book/claire-martin/packages/", {**card, "card_number": "4242 4242 4242 4242"}
    )
    assert bought.status_code == 302 and "/account/packages/purchase/" in bought["Location"]
    ready = client.get(bought["Location"]).content.decode()
    assert "Your package is ready" in ready and "5 of 5" in ready
    assert Package.objects.get().purchase.request_key.startswith("k1:")
    mine = client.get("/en/account/packages/").content.decode()
    assert "5 sessions left of 5" in mine
    assert (
        "Packages: several sessions paid in advance"
        in client.get("/en/book/claire-martin/").content.decode()
    )


def test_staff_record_a_package_bought_at_the_centre(client, claire, patient, site_tree):
    from django.contrib.auth import get_user_model

    from tests.practitioners.test_onboarding import english_admin

    five = offer(claire)
    staff = get_user_model().objects.create_superuser(
        email="admin@example.test", password="x-password-1"
    )
    client.force_login(english_admin(staff))
    assert client.get("/admin/package/record/").status_code == 200
    unknown = client.post(
        "/admin/package/record/", {"email": "nobody@example.test", "offer": five.pk}
    )
    assert unknown.status_code == 400 and "No account uses this address" in unknown.content.decode()
    client.post("/admin/package/record/", {"email": patient.email, "offer": five.pk})
    package = Package.objects.get()
    assert package.source == "centre" and package.patient == patient
    assert "Record a package bought at the centre" in client.get("/admin/package/").content.decode()
    assert client.get("/admin/packageoffer/").status_code == 200


def test_someone_elses_package_never_pays(claire, consult, patient):
    from tests.factories import UserFactory

    package = packages.package_record_at_centre(offer=offer(claire), patient=patient, now=NOW)
    other = UserFactory(email="bob@example.test")
    booking = lifecycle.hold_create(session_type=consult, start=paris(14, 10), now=NOW)
    with pytest.raises(PaymentError):
        packages.booking_confirm_with_package(
            booking=booking, package=package, patient=other, now=NOW
        )
    booking.refresh_from_db()
    package.refresh_from_db()
    assert booking.state == Booking.State.HELD and package.credits_remaining == 5


def test_a_tampered_offer_is_404_not_an_error(client, claire, patient):
    offer(claire)
    elsewhere = offer(PractitionerFactory())  # another practitioner's, through Claire's page
    client.force_login(patient)
    for value in ("abc", "", "999999", str(elsewhere.pk)):
        response = client.post("/en/book/claire-martin/packages/", {"offer": value})
        assert response.status_code == 404
