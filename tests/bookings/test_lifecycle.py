"""The booking lifecycle: every transition, the cancellation policy at its boundaries, moves,
clock changes and time off. Every test passes its own `now`; none reads the real clock."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.utils.translation import gettext

from accounts.models import User
from accounts.services import EmailTaken
from bookings import lifecycle, services
from bookings.lifecycle import Acting, HoldExpired, NotAllowed, SlotTaken, TooManyHolds
from bookings.models import Booking, BookingEvent, CancellationOutcome, SessionType
from practitioners.models import Practitioner
from tests.factories import (
    BookingFactory,
    PractitionerFactory,
    UserFactory,
    session_type,
    week,
)

pytestmark = pytest.mark.django_db

State = Booking.State
Outcome = CancellationOutcome
PARIS = ZoneInfo("Europe/Paris")
# Monday 7 December 2026, 06:00 UTC (07:00 in Paris): far from any clock change.
NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
HOLD = timedelta(minutes=10)


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    """A December 2026 wall-clock time in Paris."""
    return datetime(2026, 12, day, hour, minute, tzinfo=PARIS)


def starts(slots) -> list[datetime]:
    return [slot.start for slot in slots]


def trail(booking) -> list[tuple]:
    return [
        (e.from_state, e.to_state, e.actor_role, e.actor_id)
        for e in BookingEvent.objects.filter(booking=booking).order_by("at", "pk")
    ]


def last_event(booking) -> BookingEvent:
    return BookingEvent.objects.filter(booking=booking).order_by("at", "pk").last()


def free_at(consult, start, now=NOW) -> bool:
    return start in starts(lifecycle.next_free_slots(session_type=consult, after=start, now=now))


def hold(consult, start, *, now=NOW, **options) -> Booking:
    return lifecycle.hold_create(session_type=consult, start=start, now=now, **options)


def book(consult, patient, start, *, now=NOW, **options) -> Booking:
    booking = hold(consult, start, now=now, **options)
    return lifecycle.hold_confirm(booking=booking, patient=patient, now=now)


@pytest.fixture
def claire():
    """Monday–Friday 09:00–12:00 and 14:00–18:00 in Paris; 50-minute sessions, 10 minutes
    after each, no notice: slots on the hour, 09:00–11:00 and 14:00–17:00."""
    practitioner = PractitionerFactory(slug="claire")
    session_type(
        practitioner,
        duration_minutes=50,
        buffer_after_minutes=10,
        min_notice_minutes=0,
        price_cents=6000,
    )
    week(practitioner)
    return practitioner


@pytest.fixture
def consult(claire) -> SessionType:
    return claire.session_types.get(is_default=True)


@pytest.fixture
def patient():
    return UserFactory(email="alice@example.test")


@pytest.fixture
def as_claire(claire):
    return Acting.practitioner(claire.user)


def request_mode(practitioner, hours=24):
    practitioner.confirmation_mode = Practitioner.ConfirmationMode.REQUEST
    practitioner.request_response_hours = hours
    practitioner.save()


# --- Holding --------------------------------------------------------------------------------


def test_a_hold_keeps_the_slot_for_ten_minutes_and_copies_the_session(consult):
    booking = hold(consult, paris(7, 9), time_zone="America/Montreal", language="en")
    assert booking.state == State.HELD
    assert booking.hold_expires_at == NOW + HOLD
    assert (booking.start, booking.end) == (paris(7, 9), paris(7, 9, 50))
    assert (booking.title, booking.price_cents, booking.currency) == (
        consult.name,
        6000,
        "EUR",
    )
    assert (booking.buffer_before_minutes, booking.buffer_after_minutes) == (0, 10)
    assert (booking.time_zone, booking.language, booking.sequence) == ("America/Montreal", "en", 0)
    assert booking.patient is None and booking.token
    assert trail(booking) == [("", State.HELD, "patient", None)]
    assert not free_at(consult, paris(7, 9))


def test_a_held_slot_cannot_be_held_again_and_the_next_free_times_are_offered(consult):
    hold(consult, paris(7, 9), client="198.51.100.1")
    with pytest.raises(SlotTaken) as taken:
        hold(consult, paris(7, 9), client="198.51.100.2")
    assert starts(taken.value.alternatives)[:3] == [paris(7, 10), paris(7, 11), paris(7, 14)]
    assert paris(7, 9) not in starts(taken.value.alternatives)
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    "start, notice",
    [
        pytest.param(paris(7, 12), 0, id="closed-at-noon"),
        pytest.param(paris(7, 13), 0, id="lunch"),
        pytest.param(paris(7, 9, 30), 0, id="between-two-starts"),
        pytest.param(paris(12, 10), 0, id="saturday"),
        pytest.param(paris(7, 9), 180, id="inside-the-notice"),
        pytest.param(paris(7, 6), 0, id="past"),
        pytest.param(NOW, 0, id="now"),
        pytest.param(datetime(2027, 3, 1, 10, tzinfo=PARIS), 0, id="beyond-the-horizon"),
    ],
)
def test_a_time_not_offered_cannot_be_held(claire, consult, start, notice):
    session_type(claire, min_notice_minutes=notice)
    consult.refresh_from_db()
    with pytest.raises(SlotTaken) as taken:
        hold(consult, start)
    assert taken.value.alternatives, "the next free times are offered"
    assert all(slot.start > NOW for slot in taken.value.alternatives)
    assert not Booking.objects.exists()


def test_a_time_off_day_cannot_be_held(claire, consult):
    services.time_off_add(
        practitioner=claire, first_day=date(2026, 12, 8), last_day=date(2026, 12, 8)
    )
    with pytest.raises(SlotTaken):
        hold(consult, paris(8, 10))


def test_a_paused_practitioner_or_a_withdrawn_session_cannot_be_held(claire, consult):
    extra = services.session_type_save(
        practitioner=claire, name="Appel", duration_minutes=20, min_notice_minutes=0
    )
    extra.is_active = False
    extra.save()
    with pytest.raises(NotAllowed):
        hold(extra, paris(7, 9))
    claire.status = Practitioner.Status.PAUSED
    claire.save()
    consult.refresh_from_db()
    with pytest.raises(NotAllowed):
        hold(consult, paris(7, 9))
    assert not Booking.objects.exists()


def test_one_client_may_hold_three_times_at_once(consult):
    for hour in (9, 10, 11):
        hold(consult, paris(7, hour), client="203.0.113.7")
    with pytest.raises(TooManyHolds):
        hold(consult, paris(7, 14), client="203.0.113.7")
    # Someone else can still hold, and the address itself is never stored.
    other = hold(consult, paris(7, 14), client="203.0.113.8")
    assert "203.0.113" not in other.client_key and len(other.client_key) == 64
    # Once a hold is given up or has run out, the client may hold again.
    first = Booking.objects.get(start=paris(7, 9))
    lifecycle.hold_release(booking=first, now=NOW + timedelta(minutes=1))
    hold(consult, paris(7, 15), client="203.0.113.7", now=NOW + timedelta(minutes=1))
    with pytest.raises(TooManyHolds):
        hold(consult, paris(7, 16), client="203.0.113.7", now=NOW + timedelta(minutes=2))
    hold(consult, paris(7, 16), client="203.0.113.7", now=NOW + HOLD)


def test_releasing_a_hold_frees_the_slot_once(consult, patient):
    booking = hold(consult, paris(7, 9), patient=patient)
    lifecycle.hold_release(booking=booking, now=NOW + timedelta(minutes=2))
    booking.refresh_from_db()
    assert booking.state == State.EXPIRED
    assert free_at(consult, paris(7, 9))
    lifecycle.hold_release(booking=booking, now=NOW + timedelta(minutes=3))
    assert trail(booking) == [
        ("", State.HELD, "patient", patient.pk),
        (State.HELD, State.EXPIRED, "patient", patient.pk),
    ]
    with pytest.raises(HoldExpired):
        lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + timedelta(minutes=3))


def test_expired_holds_free_the_slot_for_another_patient(consult, patient):
    first = hold(consult, paris(7, 9), client="198.51.100.1")
    assert lifecycle.holds_expire(now=NOW + HOLD - SECOND) == 0
    assert lifecycle.holds_expire(now=NOW + HOLD) == 1
    first.refresh_from_db()
    assert first.state == State.EXPIRED
    assert last_event(first).actor_role == "system"
    assert lifecycle.holds_expire(now=NOW + HOLD) == 0
    second = book(consult, patient, paris(7, 9), now=NOW + HOLD, client="198.51.100.2")
    assert second.state == State.CONFIRMED


def test_a_new_hold_does_not_wait_for_the_worker_to_release_a_stale_one(consult):
    first = hold(consult, paris(7, 9), client="198.51.100.1")
    second = hold(consult, paris(7, 9), client="198.51.100.2", now=NOW + HOLD)
    first.refresh_from_db()
    assert (first.state, second.state) == (State.EXPIRED, State.HELD)


def test_holds_expire_counts_holds_of_every_practitioner(consult):
    other = PractitionerFactory()
    session_type(other, min_notice_minutes=0)
    week(other)
    hold(consult, paris(7, 9))
    hold(other.session_types.get(), paris(7, 9))
    hold(consult, paris(7, 10), now=NOW + timedelta(minutes=5))
    assert lifecycle.holds_expire(now=NOW + HOLD) == 2
    assert Booking.objects.filter(state=State.HELD).count() == 1


# --- Confirming -------------------------------------------------------------------------------


def test_instant_mode_confirms_at_once(consult, patient):
    booking = hold(consult, paris(7, 9))
    confirmed = lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + SECOND)
    booking.refresh_from_db()
    assert booking.state == confirmed.state == State.CONFIRMED
    assert booking.patient == patient
    assert booking.hold_expires_at is None and booking.respond_by is None
    assert trail(booking)[-1] == (State.HELD, State.CONFIRMED, "patient", patient.pk)


def test_the_language_booked_in_is_kept(consult, patient):
    assert patient.language == "fr"
    booking = book(consult, patient, paris(7, 9), language="en")
    booking.refresh_from_db()
    assert booking.language == "en"


def test_request_mode_waits_for_the_practitioner(claire, consult, patient):
    request_mode(claire, hours=24)
    booking = book(consult, patient, paris(10, 10))
    assert booking.state == State.REQUESTED
    assert booking.respond_by == NOW + timedelta(hours=24)
    assert trail(booking)[-1] == (State.HELD, State.REQUESTED, "patient", patient.pk)
    assert not free_at(consult, paris(10, 10)), "a request keeps its time"


def test_a_request_for_a_close_session_is_answered_before_it_starts(claire, consult, patient):
    request_mode(claire, hours=48)
    booking = book(consult, patient, paris(7, 17))
    assert booking.respond_by == paris(7, 17)


def test_confirming_twice_changes_nothing(consult, patient):
    booking = hold(consult, paris(7, 9))
    lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + SECOND)
    again = lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + 2 * SECOND)
    assert again.state == State.CONFIRMED
    assert [t[1] for t in trail(booking)] == [State.HELD, State.CONFIRMED]
    # Even after the hold's ten minutes: it is a booking now.
    lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + HOLD + SECOND)
    with pytest.raises(HoldExpired):
        lifecycle.hold_confirm(booking=booking, patient=UserFactory(), now=NOW + 3 * SECOND)


def test_a_hold_can_be_confirmed_until_its_last_second(consult, patient):
    booking = hold(consult, paris(7, 9))
    lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + HOLD - SECOND)
    assert booking.state == State.CONFIRMED


def test_confirming_a_hold_whose_time_is_up_fails_even_before_the_worker(consult, patient):
    booking = hold(consult, paris(7, 9))
    with pytest.raises(HoldExpired):
        lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + HOLD)
    booking.refresh_from_db()
    assert booking.state == State.EXPIRED and booking.patient is None
    assert trail(booking)[-1] == (State.HELD, State.EXPIRED, "system", None)
    assert free_at(consult, paris(7, 9), now=NOW + HOLD)


def test_confirming_a_hold_the_worker_released_fails(consult, patient):
    booking = hold(consult, paris(7, 9))
    lifecycle.holds_expire(now=NOW + HOLD)
    with pytest.raises(HoldExpired):
        lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + HOLD)


def test_a_hold_made_by_a_patient_is_theirs(consult, patient):
    booking = hold(consult, paris(7, 9), patient=patient)
    with pytest.raises(NotAllowed):
        lifecycle.hold_confirm(booking=booking, patient=UserFactory(), now=NOW + SECOND)
    booking.refresh_from_db()
    assert booking.state == State.HELD


def test_a_minor_needs_a_guardians_consent(consult):
    minor = UserFactory(is_minor=True, guardian_name="Marc Martin")
    booking = hold(consult, paris(7, 9))
    with pytest.raises(NotAllowed):
        lifecycle.hold_confirm(booking=booking, patient=minor, now=NOW + SECOND)
    booking.refresh_from_db()
    assert booking.state == State.HELD and booking.patient is None
    minor.guardian_contact = "marc@example.test"
    minor.guardian_consent_at = NOW
    minor.save()
    lifecycle.hold_confirm(booking=booking, patient=minor, now=NOW + 2 * SECOND)
    assert booking.state == State.CONFIRMED


def test_a_minors_guardian_is_recorded_with_the_confirmation(consult):
    minor = UserFactory(is_minor=True)
    booking = hold(consult, paris(7, 9))
    guardian = lifecycle.Guardian(name=" Marc Martin ", contact="marc@example.test")
    lifecycle.hold_confirm(booking=booking, patient=minor, guardian=guardian, now=NOW + SECOND)
    minor.refresh_from_db()
    assert booking.state == State.CONFIRMED
    assert (minor.guardian_name, minor.guardian_contact) == ("Marc Martin", "marc@example.test")
    assert minor.guardian_consent_at == NOW + SECOND and not minor.needs_guardian_consent


def test_a_guardian_is_not_recorded_for_a_hold_that_lapsed(consult):
    minor = UserFactory(is_minor=True)
    booking = hold(consult, paris(7, 9))
    guardian = lifecycle.Guardian(name="Marc Martin", contact="marc@example.test")
    with pytest.raises(HoldExpired):
        lifecycle.hold_confirm(booking=booking, patient=minor, guardian=guardian, now=NOW + HOLD)
    minor.refresh_from_db()
    assert minor.guardian_consent_at is None and minor.needs_guardian_consent


# --- Confirming as a new patient: the account and the booking, together -------------------------

NEW_PATIENT = {
    "first_name": "Léa",
    "last_name": "Durand",
    "email": "lea@example.test",
    "phone": "",
    "language": "en",
    "time_zone": "Europe/Paris",
}


def confirm_new(booking, now=NOW + SECOND, **details):
    return lifecycle.hold_confirm_new_patient(
        booking=booking, **{**NEW_PATIENT, **details}, now=now
    )


def nobody_new() -> bool:
    return not (
        User.objects.filter(email="lea@example.test").exists()
        or EmailAddress.objects.filter(email="lea@example.test").exists()
    )


def test_a_new_patient_account_is_made_as_the_hold_is_confirmed(consult):
    booking = hold(consult, paris(7, 9))
    guardian = lifecycle.Guardian(name="Marc Durand", contact="06 11 22 33 44")
    confirm_new(booking, guardian=guardian)
    booking.refresh_from_db()
    patient = User.objects.get(email="lea@example.test")
    assert booking.state == State.CONFIRMED and booking.patient == patient
    assert (patient.language, str(patient.time_zone)) == ("en", "Europe/Paris")
    assert patient.is_minor and patient.guardian_consent_at == NOW + SECOND
    assert trail(booking)[-1] == (State.HELD, State.CONFIRMED, "patient", patient.pk)


def test_no_account_is_made_for_a_hold_that_lapsed(consult):
    booking = hold(consult, paris(7, 9))
    users = User.objects.count()
    with pytest.raises(HoldExpired):
        confirm_new(booking, now=NOW + HOLD)
    assert User.objects.count() == users and nobody_new()
    booking.refresh_from_db()
    assert booking.state == State.EXPIRED  # released without waiting for the worker


def test_no_account_is_made_for_a_hold_the_worker_released(consult):
    booking = hold(consult, paris(7, 9))
    lifecycle.holds_expire(now=NOW + HOLD)
    with pytest.raises(HoldExpired):
        confirm_new(booking, now=NOW + HOLD)
    assert nobody_new()


def test_an_address_with_an_account_changes_nothing(consult):
    owner = UserFactory(email="lea@example.test")
    booking = hold(consult, paris(7, 9))
    users = User.objects.count()
    with pytest.raises(EmailTaken):
        confirm_new(booking, email="LEA@example.test")
    assert User.objects.count() == users
    booking.refresh_from_db()
    assert booking.state == State.HELD and booking.patient is None
    assert not owner.bookings.exists()


def test_a_time_held_by_a_patient_gets_no_new_account(consult, patient):
    booking = hold(consult, paris(7, 9), patient=patient)
    with pytest.raises(NotAllowed):
        confirm_new(booking)
    assert nobody_new()
    booking.refresh_from_db()
    assert booking.state == State.HELD and booking.patient == patient


@pytest.mark.parametrize("failing", ["guardian_consent_record", "_held_to_booking"])
def test_a_failure_after_the_account_is_made_takes_it_back(monkeypatch, consult, failing):
    def refuse(*args, **kwargs):
        raise NotAllowed("refused")

    target = lifecycle.accounts if failing == "guardian_consent_record" else lifecycle
    monkeypatch.setattr(target, failing, refuse)
    booking = hold(consult, paris(7, 9))
    guardian = lifecycle.Guardian(name="Marc Durand", contact="marc@example.test")
    with pytest.raises(NotAllowed):
        confirm_new(booking, guardian=guardian)
    assert nobody_new()
    booking.refresh_from_db()
    assert booking.state == State.HELD and booking.patient is None
    assert [t[1] for t in trail(booking)] == [State.HELD]


def test_a_blank_guardian_is_refused_with_nothing_made(consult):
    booking = hold(consult, paris(7, 9))
    with pytest.raises(lifecycle.GuardianConsentMissing):
        confirm_new(booking, guardian=lifecycle.Guardian(name=" ", contact="marc@example.test"))
    assert nobody_new()


# --- A lapsed hold hides nothing ----------------------------------------------------------------


def test_a_lapsed_hold_frees_its_time_before_the_worker_runs(consult, patient):
    first = hold(consult, paris(7, 9), client="198.51.100.1")
    assert not free_at(consult, paris(7, 9), now=NOW + HOLD - SECOND)
    assert free_at(consult, paris(7, 9), now=NOW + HOLD)  # still "held" in the database
    first.refresh_from_db()
    assert first.state == State.HELD
    second = book(consult, patient, paris(7, 9), now=NOW + HOLD, client="198.51.100.2")
    first.refresh_from_db()
    assert (first.state, second.state) == (State.EXPIRED, State.CONFIRMED)


def test_a_move_onto_a_lapsed_hold_succeeds_before_the_worker_runs(consult, patient):
    booking = book(consult, patient, paris(8, 10))
    lapsed = hold(consult, paris(8, 14), client="198.51.100.1")
    moved = lifecycle.booking_reschedule(
        booking=booking, start=paris(8, 14), acting=Acting.patient(patient), now=NOW + HOLD
    )
    lapsed.refresh_from_db()
    assert moved.start == paris(8, 14) and lapsed.state == State.EXPIRED


# --- The practitioner's answer ------------------------------------------------------------------


@pytest.fixture
def requested(claire, consult, patient):
    request_mode(claire, hours=24)
    return book(consult, patient, paris(10, 10))


def test_accepting_a_request_confirms_it(requested, as_claire, claire):
    booking = lifecycle.request_accept(
        booking=requested, acting=as_claire, now=NOW + timedelta(hours=1)
    )
    assert booking.state == State.CONFIRMED and booking.respond_by is None
    assert trail(booking)[-1] == (State.REQUESTED, State.CONFIRMED, "practitioner", claire.user.pk)
    with pytest.raises(NotAllowed):
        lifecycle.request_accept(booking=booking, acting=as_claire, now=NOW + timedelta(hours=2))
    with pytest.raises(NotAllowed):
        lifecycle.request_decline(booking=booking, acting=as_claire, now=NOW + timedelta(hours=2))


def test_declining_a_request_frees_its_time(requested, as_claire, consult):
    booking = lifecycle.request_decline(
        booking=requested, acting=as_claire, now=NOW + timedelta(hours=1), reason="Complet"
    )
    assert booking.state == State.DECLINED
    event = last_event(booking)
    assert (event.from_state, event.to_state, event.reason) == (
        State.REQUESTED,
        State.DECLINED,
        "Complet",
    )
    assert free_at(consult, paris(10, 10))


def test_unanswered_requests_expire_at_their_deadline(requested, consult, as_claire):
    deadline = requested.respond_by
    assert lifecycle.requests_expire(now=deadline - SECOND) == 0
    assert lifecycle.requests_expire(now=deadline) == 1
    requested.refresh_from_db()
    assert requested.state == State.EXPIRED
    assert trail(requested)[-1] == (State.REQUESTED, State.EXPIRED, "system", None)
    assert free_at(consult, paris(10, 10), now=deadline)
    assert lifecycle.requests_expire(now=deadline + SECOND) == 0
    with pytest.raises(NotAllowed):
        lifecycle.request_accept(booking=requested, acting=as_claire, now=deadline)


def test_a_request_cannot_be_accepted_once_its_time_to_answer_is_over(requested, as_claire):
    with pytest.raises(NotAllowed):
        lifecycle.request_accept(booking=requested, acting=as_claire, now=requested.respond_by)
    requested.refresh_from_db()
    assert requested.state == State.REQUESTED  # the worker expires it and tells the patient
    lifecycle.request_accept(booking=requested, acting=as_claire, now=requested.respond_by - SECOND)


def test_answered_requests_do_not_expire(requested, as_claire):
    lifecycle.request_accept(booking=requested, acting=as_claire, now=NOW + SECOND)
    assert lifecycle.requests_expire(now=NOW + timedelta(days=2)) == 0


# --- Cancelling ---------------------------------------------------------------------------------


@pytest.mark.parametrize("hours", [24, 48])
@pytest.mark.parametrize(
    "offset, outcome",
    [(-SECOND, Outcome.FREE), (timedelta(0), Outcome.FREE), (SECOND, Outcome.FORGIVEN)],
    ids=["second-before", "at", "second-after"],
)
def test_cancelling_around_the_deadline(claire, consult, patient, hours, offset, outcome):
    claire.free_cancellation_hours = hours
    claire.save()
    booking = book(consult, patient, paris(10, 10))
    deadline = paris(10, 10) - timedelta(hours=hours)
    assert lifecycle.cancellation_deadline(booking) == deadline
    terms = lifecycle.cancellation_terms(booking=booking, now=deadline + offset)
    assert (terms.deadline, terms.outcome, terms.fee_cents) == (deadline, outcome, 0)
    assert terms.is_free
    cancelled = lifecycle.booking_cancel(
        booking=booking, acting=Acting.patient(patient), now=deadline + offset
    )
    cancelled.refresh_from_db()
    assert cancelled.state == State.CANCELLED_BY_PATIENT
    assert (cancelled.cancellation_outcome, cancelled.cancellation_fee_cents) == (outcome, 0)
    assert trail(cancelled)[-1] == (
        State.CONFIRMED,
        State.CANCELLED_BY_PATIENT,
        "patient",
        patient.pk,
    )
    assert free_at(consult, paris(10, 10), now=deadline + offset)


@pytest.mark.parametrize(
    "percent, price, fee", [(50, 6000, 3000), (100, 6000, 6000), (50, 4999, 2499)]
)
def test_the_first_late_cancellation_is_forgiven_the_next_ones_cost(
    claire, consult, patient, percent, price, fee
):
    claire.late_cancellation_fee_percent = percent
    claire.save()
    session_type(claire, price_cents=price)
    consult.refresh_from_db()
    late = timedelta(hours=2)
    outcomes = []
    for day in (8, 9, 10):
        booking = book(consult, patient, paris(day, 10))
        now = paris(day, 10) - late
        terms = lifecycle.cancellation_terms(booking=booking, now=now)
        booking = lifecycle.booking_cancel(booking=booking, acting=Acting.patient(patient), now=now)
        assert (booking.cancellation_outcome, booking.cancellation_fee_cents) == (
            terms.outcome,
            terms.fee_cents,
        )
        outcomes.append((booking.cancellation_outcome, booking.cancellation_fee_cents))
    assert outcomes == [(Outcome.FORGIVEN, 0), (Outcome.FEE, fee), (Outcome.FEE, fee)]


def test_forgiveness_is_counted_per_practitioner(claire, consult, patient):
    other = PractitionerFactory()
    session_type(other, min_notice_minutes=0, price_cents=5000)
    week(other)
    first = book(other.session_types.get(), patient, paris(8, 10))
    lifecycle.booking_cancel(booking=first, acting=Acting.patient(patient), now=paris(8, 9))
    first.refresh_from_db()
    assert first.cancellation_outcome == Outcome.FORGIVEN
    booking = book(consult, patient, paris(9, 10))
    terms = lifecycle.cancellation_terms(booking=booking, now=paris(9, 9))
    assert terms.outcome == Outcome.FORGIVEN


def test_no_fee_policy_makes_late_cancellations_free(claire, consult, patient):
    claire.late_cancellation_fee_percent = 0
    claire.save()
    outcomes = []
    for day in (8, 9):
        booking = book(consult, patient, paris(day, 10))
        booking = lifecycle.booking_cancel(
            booking=booking, acting=Acting.patient(patient), now=paris(day, 9)
        )
        outcomes.append((booking.cancellation_outcome, booking.cancellation_fee_cents))
    assert outcomes == [(Outcome.FREE, 0), (Outcome.FREE, 0)]


def test_a_free_session_costs_nothing_to_cancel_late(claire, consult, patient):
    session_type(claire, price_cents=0)
    consult.refresh_from_db()
    for day in (8, 9):
        booking = book(consult, patient, paris(day, 10))
        terms = lifecycle.cancellation_terms(booking=booking, now=paris(day, 9))
        assert terms.fee_cents == 0 and terms.is_free


def test_a_request_or_a_hold_costs_nothing_to_cancel_late(claire, consult, patient):
    forgiven = book(consult, patient, paris(8, 10))
    lifecycle.booking_cancel(booking=forgiven, acting=Acting.patient(patient), now=paris(8, 9))
    request_mode(claire)
    requested = book(consult, patient, paris(9, 10))
    held = hold(consult, paris(9, 11), patient=patient)
    for booking in (requested, held):
        cancelled = lifecycle.booking_cancel(
            booking=booking, acting=Acting.patient(patient), now=paris(9, 9)
        )
        assert (cancelled.cancellation_outcome, cancelled.cancellation_fee_cents) == (
            Outcome.FREE,
            0,
        )


def test_a_practitioners_cancellation_never_costs_the_patient(claire, consult, patient, as_claire):
    forgiven = book(consult, patient, paris(8, 10))
    lifecycle.booking_cancel(booking=forgiven, acting=Acting.patient(patient), now=paris(8, 9))
    booking = book(consult, patient, paris(9, 10))
    cancelled = lifecycle.booking_cancel(
        booking=booking, acting=as_claire, now=paris(9, 9, 59), reason="Malade"
    )
    assert cancelled.state == State.CANCELLED_BY_PRACTITIONER
    assert (cancelled.cancellation_outcome, cancelled.cancellation_fee_cents) == (
        Outcome.BY_PRACTITIONER,
        0,
    )
    event = last_event(cancelled)
    assert (event.actor_role, event.actor_id, event.reason) == (
        "practitioner",
        claire.user.pk,
        "Malade",
    )


def test_a_started_or_finished_booking_cannot_be_cancelled(consult, patient, as_claire):
    booking = book(consult, patient, paris(8, 10))
    for acting in (Acting.patient(patient), as_claire):
        with pytest.raises(NotAllowed):
            lifecycle.booking_cancel(booking=booking, acting=acting, now=paris(8, 10))
    lifecycle.booking_cancel(booking=booking, acting=as_claire, now=paris(8, 9))
    with pytest.raises(NotAllowed):
        lifecycle.booking_cancel(booking=booking, acting=as_claire, now=paris(8, 9))
    assert [t[1] for t in trail(booking)] == [
        State.HELD,
        State.CONFIRMED,
        State.CANCELLED_BY_PRACTITIONER,
    ]


# --- Moving -------------------------------------------------------------------------------------


def test_a_move_takes_the_new_time_and_frees_the_old_one(consult, patient):
    booking = book(consult, patient, paris(10, 10))
    moved = lifecycle.booking_reschedule(
        booking=booking, start=paris(11, 14), acting=Acting.patient(patient), now=NOW
    )
    moved.refresh_from_db()
    assert (moved.start, moved.end, moved.sequence) == (paris(11, 14), paris(11, 14, 50), 1)
    assert moved.state == State.CONFIRMED
    event = last_event(moved)
    assert (event.from_state, event.to_state, event.actor_role, event.actor_id) == (
        State.CONFIRMED,
        State.CONFIRMED,
        "patient",
        patient.pk,
    )
    assert event.previous_start == paris(10, 10)
    assert free_at(consult, paris(10, 10)) and not free_at(consult, paris(11, 14))
    assert Booking.objects.count() == 1
    lifecycle.booking_reschedule(
        booking=moved, start=paris(11, 15), acting=Acting.patient(patient), now=NOW
    )
    assert moved.sequence == 2


def test_a_move_may_overlap_its_own_old_time(claire, consult, patient):
    session_type(claire, slot_step_minutes=30)
    consult.refresh_from_db()
    booking = book(consult, patient, paris(10, 10))
    lifecycle.booking_reschedule(
        booking=booking, start=paris(10, 10, 30), acting=Acting.patient(patient), now=NOW
    )
    booking.refresh_from_db()
    assert (booking.start, booking.end, booking.sequence) == (
        paris(10, 10, 30),
        paris(10, 11, 20),
        1,
    )


def test_a_move_onto_another_booking_changes_nothing(consult, patient):
    booking = book(consult, patient, paris(10, 10))
    book(consult, UserFactory(), paris(11, 9))
    with pytest.raises(SlotTaken) as taken:
        lifecycle.booking_reschedule(
            booking=booking, start=paris(11, 9), acting=Acting.patient(patient), now=NOW
        )
    assert taken.value.alternatives and paris(11, 9) not in starts(taken.value.alternatives)
    assert (booking.start, booking.sequence) == (paris(10, 10), 0)
    booking.refresh_from_db()
    assert (booking.start, booking.end, booking.sequence) == (paris(10, 10), paris(10, 10, 50), 0)
    assert [t[1] for t in trail(booking)] == [State.HELD, State.CONFIRMED]


def test_the_database_guard_refuses_a_move_the_engine_let_through(monkeypatch, consult, patient):
    booking = book(consult, patient, paris(10, 10))
    book(consult, UserFactory(), paris(11, 9))
    monkeypatch.setattr(lifecycle, "_is_offered", lambda **kwargs: True)
    with pytest.raises(SlotTaken):
        lifecycle.booking_reschedule(
            booking=booking, start=paris(11, 9, 30), acting=Acting.patient(patient), now=NOW
        )
    assert (booking.start, booking.end, booking.sequence) == (paris(10, 10), paris(10, 10, 50), 0)
    booking.refresh_from_db()
    assert (booking.start, booking.sequence) == (paris(10, 10), 0)


@pytest.mark.parametrize("hours", [24, 48])
def test_patients_move_until_the_deadline_practitioners_after_it(
    claire, consult, patient, as_claire, hours
):
    claire.free_cancellation_hours = hours
    claire.save()
    booking = book(consult, patient, paris(11, 10))
    deadline = paris(11, 10) - timedelta(hours=hours)
    as_patient = Acting.patient(patient)
    assert lifecycle.can_reschedule(booking=booking, acting=as_patient, now=deadline)
    assert not lifecycle.can_reschedule(booking=booking, acting=as_patient, now=deadline + SECOND)
    with pytest.raises(NotAllowed):
        lifecycle.booking_reschedule(
            booking=booking, start=paris(11, 14), acting=as_patient, now=deadline + SECOND
        )
    booking.refresh_from_db()
    assert booking.start == paris(11, 10)
    assert lifecycle.can_reschedule(booking=booking, acting=as_claire, now=deadline + SECOND)
    lifecycle.booking_reschedule(
        booking=booking, start=paris(11, 14), acting=as_claire, now=deadline + SECOND
    )
    assert last_event(booking).actor_role == "practitioner"
    lifecycle.booking_reschedule(
        booking=booking, start=paris(11, 15), acting=as_patient, now=deadline - SECOND
    )


def test_what_cannot_be_moved(consult, patient, as_claire):
    booking = book(consult, patient, paris(10, 10))
    with pytest.raises(SlotTaken):  # to a past time
        lifecycle.booking_reschedule(booking=booking, start=paris(7, 6), acting=as_claire, now=NOW)
    with pytest.raises(NotAllowed):  # once started
        lifecycle.booking_reschedule(
            booking=booking, start=paris(11, 10), acting=as_claire, now=paris(10, 10)
        )
    held = hold(consult, paris(10, 11))
    with pytest.raises(NotAllowed):  # a hold is not a booking yet
        lifecycle.booking_reschedule(booking=held, start=paris(11, 10), acting=as_claire, now=NOW)
    lifecycle.booking_cancel(booking=booking, acting=as_claire, now=NOW)
    with pytest.raises(NotAllowed):
        lifecycle.booking_reschedule(
            booking=booking, start=paris(11, 10), acting=as_claire, now=NOW
        )


def test_a_moved_request_is_still_answered_before_it_starts(claire, consult, patient):
    request_mode(claire, hours=48)
    booking = book(consult, patient, paris(11, 10))
    assert booking.respond_by == NOW + timedelta(hours=48)
    lifecycle.booking_reschedule(
        booking=booking, start=paris(8, 9), acting=Acting.patient(patient), now=NOW
    )
    booking.refresh_from_db()
    assert booking.state == State.REQUESTED and booking.respond_by == paris(8, 9)


# --- Clock changes (Europe/Paris) ---------------------------------------------------------------


@pytest.fixture
def night_owl():
    """Sunday 01:00–06:00 in Paris, the night of each clock change; hourly slots."""
    practitioner = PractitionerFactory()
    session_type(practitioner, duration_minutes=50, buffer_after_minutes=10, min_notice_minutes=0)
    week(practitioner, {6: [("01:00", "06:00")]})
    return practitioner.session_types.get()


def test_spring_forward_sunday(night_owl, patient):
    now = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)
    night = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    slots = lifecycle.next_free_slots(session_type=night_owl, after=night, now=now, days=1)
    # 01:00 CET, then 03:00, 04:00 and 05:00 CEST: 02:00 does not exist that night.
    assert starts(slots) == [night + timedelta(hours=h) for h in range(4)]
    after_change = datetime(2026, 3, 29, 3, 0, tzinfo=PARIS)
    booking = book(night_owl, patient, after_change, now=now)
    booking.refresh_from_db()
    assert booking.start == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert booking.end == datetime(2026, 3, 29, 1, 50, tzinfo=UTC)
    assert booking.start.astimezone(PARIS).strftime("%H:%M %z") == "03:00 +0200"
    first = book(night_owl, UserFactory(), datetime(2026, 3, 29, 1, 0, tzinfo=PARIS), now=now)
    assert first.start == night
    assert first.end <= booking.start


def test_fall_back_sunday(night_owl, patient):
    now = datetime(2026, 10, 23, 12, 0, tzinfo=UTC)
    night = datetime(2026, 10, 24, 23, 0, tzinfo=UTC)  # 01:00 CEST
    slots = lifecycle.next_free_slots(session_type=night_owl, after=night, now=now, days=1)
    # Five hours of wall clock, six real hours: 02:00 comes twice.
    assert starts(slots) == [night + timedelta(hours=h) for h in range(6)]
    second_two_oclock = datetime(2026, 10, 25, 2, 0, fold=1, tzinfo=PARIS)
    booking = book(night_owl, patient, second_two_oclock, now=now)
    booking.refresh_from_db()
    assert booking.start == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert booking.start.astimezone(PARIS).strftime("%H:%M %z") == "02:00 +0100"
    first_two_oclock = book(
        night_owl, UserFactory(), datetime(2026, 10, 25, 2, 0, fold=0, tzinfo=PARIS), now=now
    )
    assert first_two_oclock.start == datetime(2026, 10, 25, 0, 0, tzinfo=UTC)
    assert Booking.objects.filter(state=State.CONFIRMED).count() == 2


def test_a_move_across_the_clock_change_keeps_the_duration(night_owl, patient):
    now = datetime(2026, 10, 23, 12, 0, tzinfo=UTC)
    booking = book(night_owl, patient, datetime(2026, 10, 25, 1, 0, tzinfo=PARIS), now=now)
    lifecycle.booking_reschedule(
        booking=booking,
        start=datetime(2026, 10, 25, 2, 0, fold=1, tzinfo=PARIS),
        acting=Acting.patient(patient),
        now=now,
    )
    booking.refresh_from_db()
    assert booking.end - booking.start == timedelta(minutes=50)
    assert booking.start == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)


# --- After the session --------------------------------------------------------------------------


def test_completed_and_no_show_only_once_the_session_started(consult, patient, as_claire, claire):
    done = book(consult, patient, paris(7, 9))
    missed = book(consult, patient, paris(7, 10))
    with pytest.raises(NotAllowed):
        lifecycle.booking_complete(booking=done, acting=as_claire, now=paris(7, 9) - SECOND)
    with pytest.raises(NotAllowed):
        lifecycle.booking_no_show(booking=missed, acting=as_claire, now=paris(7, 10) - SECOND)
    lifecycle.booking_complete(booking=done, acting=as_claire, now=paris(7, 9))
    lifecycle.booking_no_show(booking=missed, acting=as_claire, now=paris(7, 11))
    assert (done.state, missed.state) == (State.COMPLETED, State.NO_SHOW)
    assert trail(done)[-1] == (State.CONFIRMED, State.COMPLETED, "practitioner", claire.user.pk)
    assert trail(missed)[-1] == (State.CONFIRMED, State.NO_SHOW, "practitioner", claire.user.pk)
    with pytest.raises(NotAllowed):
        lifecycle.booking_no_show(booking=done, acting=as_claire, now=paris(7, 12))


def test_only_confirmed_sessions_can_be_completed(claire, consult, patient, as_claire):
    request_mode(claire)
    requested = book(consult, patient, paris(7, 9))
    with pytest.raises(NotAllowed):
        lifecycle.booking_complete(booking=requested, acting=as_claire, now=paris(7, 10))


# --- Time off over bookings ---------------------------------------------------------------------


@pytest.fixture
def tuesday(claire, consult, patient):
    """Tuesday 8 December: confirmed at 09:00 and 14:00, a request at 10:00, a hold at 11:00
    (and a cancelled booking at the same time)."""

    def make(hour, state):
        return BookingFactory(
            practitioner=claire,
            session_type=consult,
            patient=patient,
            start=paris(8, hour),
            state=state,
            hold_expires_at=NOW + HOLD if state == State.HELD else None,
        )

    return {
        "nine": make(9, State.CONFIRMED),
        "ten": make(10, State.REQUESTED),
        "eleven_cancelled": make(11, State.CANCELLED_BY_PATIENT),
        "eleven": make(11, State.HELD),
        "two": make(14, State.CONFIRMED),
    }


def test_bookings_hit_by_a_time_off(claire, tuesday):
    hit = lifecycle.bookings_hit_by(practitioner=claire, start=paris(8, 9, 30), end=paris(8, 14))
    assert list(hit) == [tuesday["nine"], tuesday["ten"]]
    with_holds = lifecycle.bookings_hit_by(
        practitioner=claire, start=paris(8, 9, 30), end=paris(8, 14), include_holds=True
    )
    assert list(with_holds) == [tuesday["nine"], tuesday["ten"], tuesday["eleven"]]
    assert not lifecycle.bookings_hit_by(
        practitioner=claire, start=paris(8, 9, 50), end=paris(8, 10)
    ).exists()
    other = PractitionerFactory()
    assert not lifecycle.bookings_hit_by(
        practitioner=other, start=paris(8, 0), end=paris(9, 0)
    ).exists()


def test_time_off_cancels_the_bookings_it_covers(claire, tuesday, as_claire, consult):
    now = paris(8, 9, 10)  # the 09:00 session is under way: it stays
    cancelled = lifecycle.bookings_cancel_for_time_off(
        practitioner=claire, start=paris(8, 0), end=paris(8, 12), acting=as_claire, now=now
    )
    assert cancelled == [tuesday["ten"], tuesday["eleven"]]
    for key in ("nine", "ten", "eleven", "two"):
        tuesday[key].refresh_from_db()
    assert tuesday["nine"].state == tuesday["two"].state == State.CONFIRMED
    for booking in cancelled:
        booking.refresh_from_db()
        assert booking.state == State.CANCELLED_BY_PRACTITIONER
        assert (booking.cancellation_outcome, booking.cancellation_fee_cents) == (
            Outcome.BY_PRACTITIONER,
            0,
        )
        event = last_event(booking)
        assert (event.actor_role, event.actor_id, event.reason) == (
            "practitioner",
            claire.user.pk,
            gettext("The practitioner is away"),
        )
    # A hold in the time off can no longer be confirmed into it.
    with pytest.raises(HoldExpired):
        lifecycle.hold_confirm(booking=tuesday["eleven"], patient=UserFactory(), now=now)


# --- A whole life, as recorded -------------------------------------------------------------------


def test_every_step_is_recorded_with_who_did_it(claire, consult, patient, as_claire):
    request_mode(claire)
    booking = hold(consult, paris(10, 10), patient=patient, client="192.0.2.1")
    lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW + SECOND)
    lifecycle.request_accept(booking=booking, acting=as_claire, now=NOW + timedelta(hours=1))
    lifecycle.booking_reschedule(
        booking=booking,
        start=paris(10, 11),
        acting=Acting.patient(patient),
        now=NOW + timedelta(hours=2),
    )
    lifecycle.booking_cancel(
        booking=booking, acting=Acting.patient(patient), now=NOW + timedelta(hours=3)
    )
    events = list(BookingEvent.objects.filter(booking=booking).order_by("at", "pk"))
    assert [(e.from_state, e.to_state, e.actor_role, e.actor_id) for e in events] == [
        ("", State.HELD, "patient", patient.pk),
        (State.HELD, State.REQUESTED, "patient", patient.pk),
        (State.REQUESTED, State.CONFIRMED, "practitioner", claire.user.pk),
        (State.CONFIRMED, State.CONFIRMED, "patient", patient.pk),
        (State.CONFIRMED, State.CANCELLED_BY_PATIENT, "patient", patient.pk),
    ]
    assert [e.at for e in events] == [
        NOW,
        NOW + SECOND,
        NOW + timedelta(hours=1),
        NOW + timedelta(hours=2),
        NOW + timedelta(hours=3),
    ]
    assert events[3].previous_start == paris(10, 10)


@pytest.mark.parametrize("change", ["accept", "decline", "cancel"])
def test_a_change_and_its_messages_commit_together(requested, as_claire, monkeypatch, change):
    """If the messages cannot be queued, the change does not happen either."""
    from bookings import notify

    def broken(*args, **kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(notify, "booking_changed", broken)
    run = {
        "accept": lambda: lifecycle.request_accept(booking=requested, acting=as_claire, now=NOW),
        "decline": lambda: lifecycle.request_decline(booking=requested, acting=as_claire, now=NOW),
        "cancel": lambda: lifecycle.booking_cancel(booking=requested, acting=as_claire, now=NOW),
    }[change]
    with pytest.raises(RuntimeError):
        run()
    requested.refresh_from_db()
    assert requested.state == State.REQUESTED
    assert not BookingEvent.objects.filter(booking=requested, from_state=State.REQUESTED).exists()
