"""Booking with a service, not a person: its free times are the union of its members', a time
holds as many bookings as members free then, the least loaded member is assigned, and a
manager gives a booking to another free member (events, messages, both agendas)."""

from datetime import timedelta

import pytest
from django.utils import translation

from bookings import availability as engine
from bookings import lifecycle
from bookings.lifecycle import Acting
from bookings.models import Booking, BookingEvent, SessionType
from bookings.selectors import practitioner_agenda_entries
from notifications.models import OutboundMessage
from pools import selectors, services
from pools.models import ServiceBooking
from pools.services import ServiceSlotTaken, service_hold
from practitioners.profile import session_offers
from tests.factories import BookingFactory, UserFactory
from tests.pools.conftest import NINE, NOW, TEN

pytestmark = pytest.mark.django_db

WINDOW = engine.Interval(NOW, NOW + timedelta(days=1))


def test_the_service_offers_the_union_of_its_members_times_with_their_capacity(pool):
    service, (anna, ben, chloe) = pool
    slots = {s.start: s for s in selectors.service_slots(service=service, window=WINDOW, now=NOW)}
    assert slots[NINE].members == tuple(sorted([anna.pk, ben.pk, chloe.pk]))
    assert slots[TEN].capacity == 2  # Ben stops at 10:00; Chloé, in Montreal, is still there
    assert set(slots[TEN].members) == {anna.pk, chloe.pk}
    # 20 minutes and 10 free after: a start every half hour, until 10:30 (ends 10:50).
    assert sorted(slots)[-1] == NINE + timedelta(minutes=90)
    assert all(slot.end - slot.start == timedelta(minutes=20) for slot in slots.values())


def test_a_time_takes_as_many_bookings_as_members_free_then_then_a_clear_conflict(pool):
    service, members = pool
    bookings = [service_hold(service=service, start=NINE, now=NOW) for _ in range(3)]
    assert {b.practitioner_id for b in bookings} == {m.pk for m in members}
    assert ServiceBooking.objects.filter(service=service).count() == 3
    with pytest.raises(ServiceSlotTaken) as taken, translation.override("en"):
        service_hold(service=service, start=NINE, now=NOW)
    assert "just taken" in taken.value.message
    assert taken.value.alternatives and taken.value.alternatives[0].start > NINE
    assert Booking.objects.count() == 3


def test_the_least_loaded_member_is_assigned_and_ties_go_to_who_joined_first(pool):
    service, (anna, ben, chloe) = pool
    first = service_hold(service=service, start=TEN, now=NOW)
    assert first.practitioner == anna  # nobody has any: the first member
    second = service_hold(service=service, start=NINE, now=NOW)
    assert second.practitioner == ben  # Anna has one now
    third = service_hold(service=service, start=NINE + timedelta(minutes=30), now=NOW)
    assert third.practitioner == chloe
    # A booking made on a member's own page is theirs, not the service's: no load counted.
    BookingFactory(practitioner=anna, start=TEN + timedelta(minutes=30), state="confirmed")
    fourth = service_hold(service=service, start=NINE, now=NOW)  # Anna or Chloé (Ben has it)
    assert fourth.practitioner == anna  # one each: the first who joined
    # A hold whose time is up counts for nothing.
    late = NOW + timedelta(minutes=30)
    assert selectors.member_loads(service=service, around=NINE, now=late) == {}


def test_when_the_database_refuses_a_member_the_next_one_is_tried(pool, monkeypatch):
    service, (anna, ben, _chloe) = pool
    # Anna is taken between the read and the write: every member still looks free.
    BookingFactory(practitioner=anna, start=NINE, end=NINE + timedelta(minutes=20))
    members = selectors.service_members(service)
    monkeypatch.setattr(services, "members_free_at", lambda **kwargs: members)
    booking = service_hold(service=service, start=NINE, now=NOW)
    assert booking.practitioner == ben
    assert Booking.objects.filter(practitioner=anna).count() == 1


def test_a_past_time_or_a_closed_service_is_refused(pool):
    service, _members = pool
    with pytest.raises(ServiceSlotTaken):
        service_hold(service=service, start=NOW - timedelta(hours=1), now=NOW)
    service.is_active = False
    with pytest.raises(lifecycle.NotAllowed):
        service_hold(service=service, start=NINE, now=NOW)


def test_the_services_session_type_is_not_offered_on_the_members_own_page(pool):
    service, (anna, _ben, _chloe) = pool
    own = [offer.name for offer in session_offers(practitioner=anna, language="fr")]
    assert own == ["Consultation"]
    service.duration_minutes = 30
    services.service_save(service=service)
    assert set(
        SessionType.objects.filter(service_member__service=service).values_list(
            "duration_minutes", flat=True
        )
    ) == {30}


def confirmed_booking(service, patient):
    booking = service_hold(service=service, start=NINE, now=NOW)
    return lifecycle.hold_confirm(booking=booking, patient=patient, now=NOW)


def test_a_manager_gives_a_booking_to_another_free_member_and_everyone_is_told(
    pool, django_capture_on_commit_callbacks
):
    service, (anna, _ben, chloe) = pool
    manager = UserFactory(email="manager@example.org")
    service.managers.add(manager)
    patient = UserFactory(email="zoe@example.org")
    booking = confirmed_booking(service, patient)
    assert booking.practitioner == anna
    OutboundMessage.objects.all().delete()

    services.service_booking_reassign(
        service=service, booking=booking, practitioner=chloe, user=manager, now=NOW
    )
    booking.refresh_from_db()
    assert booking.practitioner == chloe and booking.state == Booking.State.CONFIRMED
    assert booking.session_type.service_member.practitioner == chloe
    assert booking.sequence == 1  # calendar apps replace the event
    event = booking.events.order_by("pk").last()
    assert event.actor == manager and event.actor_role == BookingEvent.Actor.STAFF
    assert event.on_behalf_of is None and "Anna Arnaud" in event.reason

    sent = {(m.kind, m.to) for m in OutboundMessage.objects.all()}
    assert sent == {
        ("booking.reassigned.patient", "zoe@example.org"),
        ("booking.reassigned_away.practitioner", anna.user.email),
        ("booking.reassigned_to.practitioner", chloe.user.email),
    }
    day = {"start": NOW, "end": NOW + timedelta(days=1), "now": NOW}
    assert [e.data for e in practitioner_agenda_entries(practitioner=chloe, **day)] == [booking]
    assert practitioner_agenda_entries(practitioner=anna, **day) == []


def test_only_to_a_member_free_then_and_only_by_a_manager(pool):
    service, (anna, ben, chloe) = pool
    manager = UserFactory()
    service.managers.add(manager)
    booking = confirmed_booking(service, UserFactory())
    BookingFactory(practitioner=ben, start=NINE, end=NINE + timedelta(minutes=50))
    with pytest.raises(lifecycle.SlotTaken):
        services.service_booking_reassign(
            service=service, booking=booking, practitioner=ben, user=manager, now=NOW
        )
    with pytest.raises(lifecycle.NotAllowed):  # someone who does not manage it
        services.service_booking_reassign(
            service=service, booking=booking, practitioner=chloe, user=UserFactory(), now=NOW
        )
    outsider = BookingFactory(start=NINE + timedelta(hours=3))
    with pytest.raises(lifecycle.NotAllowed):  # not a booking of the service
        services.service_booking_reassign(
            service=service, booking=outsider, practitioner=chloe, user=manager, now=NOW
        )
    lifecycle.booking_cancel(booking=booking, acting=Acting.practitioner(), now=NOW)
    with pytest.raises(lifecycle.NotAllowed):  # cancelled meanwhile
        services.service_booking_reassign(
            service=service, booking=booking, practitioner=chloe, user=manager, now=NOW
        )
    booking.refresh_from_db()
    assert booking.practitioner == anna
    assert not booking.events.filter(actor=manager).exists()


def test_the_manager_sees_who_is_free_for_each_booking(pool):
    service, (_anna, ben, chloe) = pool
    booking = confirmed_booking(service, UserFactory())
    (row,) = selectors.service_bookings_with_free_members(service=service, now=NOW)
    assert row.booking == booking and row.free_members == [ben, chloe]


def test_a_member_not_taking_new_patients_is_not_assigned(home, pool):
    from practitioners.models import PractitionerPage
    from tests.practitioners.test_profile import catalogue_build, directory_build, profile_build

    service, (anna, ben, _chloe) = pool
    profile_build(
        practitioner=anna, directory=directory_build(home), catalogue=catalogue_build(home)
    )
    PractitionerPage.objects.filter(practitioner=anna).update(accepts_new_patients=False)
    slots = selectors.service_slots(service=service, window=WINDOW, now=NOW)
    assert anna.pk not in slots[0].members and slots[0].capacity == 2
    assert service_hold(service=service, start=NINE, now=NOW).practitioner == ben


def test_who_is_free_for_the_managers_page_is_read_in_a_fixed_number_of_queries(
    pool, django_assert_max_num_queries
):
    service, (anna, ben, chloe) = pool
    for start in (NINE, NINE, TEN):
        booking = service_hold(service=service, start=start, now=NOW)
        lifecycle.hold_confirm(booking=booking, patient=UserFactory(), now=NOW)
    # Short notice does not matter to a manager: 20 minutes before, still offered.
    late = NINE - timedelta(minutes=20)
    with django_assert_max_num_queries(14):
        rows = selectors.service_bookings_with_free_members(service=service, now=late)
    by_start = [(row.booking.start, row.booking.practitioner, row.free_members) for row in rows]
    assert by_start == [
        (NINE, anna, [chloe]),
        (NINE, ben, [chloe]),
        (TEN, chloe, [anna]),
    ]


def _close_to_newcomers(home, practitioner):
    from practitioners.models import PractitionerPage
    from tests.practitioners.test_profile import catalogue_build, directory_build, profile_build

    profile_build(
        practitioner=practitioner,
        directory=directory_build(home),
        catalogue=catalogue_build(home),
    )
    PractitionerPage.objects.filter(practitioner=practitioner).update(accepts_new_patients=False)


def _refused_to(service, booking, practitioner, manager):
    with translation.override("en"), pytest.raises(lifecycle.NotAllowed) as refused:
        services.service_booking_reassign(
            service=service, booking=booking, practitioner=practitioner, user=manager, now=NOW
        )
    booking.refresh_from_db()
    assert booking.practitioner != practitioner
    assert not booking.events.filter(actor=manager).exists()
    (row,) = selectors.service_bookings_with_free_members(service=service, now=NOW)
    assert practitioner not in row.free_members  # not offered in "Give it to" either
    return str(refused.value)


def test_a_booking_is_not_given_to_a_paused_member(pool):
    from practitioners.models import Practitioner

    service, (_anna, ben, chloe) = pool
    manager = UserFactory()
    service.managers.add(manager)
    booking = confirmed_booking(service, UserFactory())
    Practitioner.objects.filter(pk=chloe.pk).update(status=Practitioner.Status.PAUSED)
    chloe.refresh_from_db()
    assert "paused" in _refused_to(service, booking, chloe, manager)
    (row,) = selectors.service_bookings_with_free_members(service=service, now=NOW)
    assert row.free_members == [ben]


def test_a_booking_is_not_given_to_a_member_whose_session_type_is_off(pool):
    service, (_anna, _ben, chloe) = pool
    manager = UserFactory()
    service.managers.add(manager)
    booking = confirmed_booking(service, UserFactory())
    SessionType.objects.filter(service_member__practitioner=chloe).update(is_active=False)
    _refused_to(service, booking, chloe, manager)


def test_a_newcomer_is_not_given_to_a_member_closed_to_new_patients(home, pool):
    service, (_anna, ben, chloe) = pool
    manager = UserFactory()
    service.managers.add(manager)
    booking = confirmed_booking(service, UserFactory())  # Chloé has never seen this patient
    _close_to_newcomers(home, chloe)
    assert "not taking new patients" in _refused_to(service, booking, chloe, manager)
    (row,) = selectors.service_bookings_with_free_members(service=service, now=NOW)
    assert row.free_members == [ben]


def test_a_member_closed_to_new_patients_takes_one_they_already_see(home, pool):
    service, (anna, ben, chloe) = pool
    manager = UserFactory()
    service.managers.add(manager)
    patient = UserFactory()
    booking = confirmed_booking(service, patient)
    assert booking.practitioner == anna
    BookingFactory(
        practitioner=chloe,
        patient=patient,
        state=Booking.State.COMPLETED,
        start=NOW - timedelta(days=7),
    )
    _close_to_newcomers(home, chloe)
    # Closed, she is not given the service's new bookings...
    assert chloe not in [m.practitioner for m in selectors.service_members(service)]
    # ...but her own patient's booking may go to her.
    (row,) = selectors.service_bookings_with_free_members(service=service, now=NOW)
    assert row.free_members == [ben, chloe]
    services.service_booking_reassign(
        service=service, booking=booking, practitioner=chloe, user=manager, now=NOW
    )
    booking.refresh_from_db()
    assert booking.practitioner == chloe
