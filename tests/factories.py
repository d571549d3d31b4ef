"""factory_boy factories for the records tests need most; pages have their own builders."""

from datetime import time, timedelta

import factory

from accounts.models import User
from bookings import services
from bookings.models import Booking, SessionType
from practitioners.models import Practitioner


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password("a-long-test-password")


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"practitioner-{n}")
    legal_name = factory.LazyAttribute(lambda o: f"{o.user.first_name} {o.user.last_name}")
    profession = "Sophrologue"
    time_zone = "Europe/Paris"
    status = Practitioner.Status.ACTIVE

    @factory.post_generation
    def agenda(obj, create, extracted, **kwargs):
        if create:
            services.agenda_setup(practitioner=obj)


def week(practitioner, hours=None, **options):
    """A weekly schedule: `hours` maps weekday → [("09:00", "12:00"), ...];
    default Monday–Friday 09:00–12:00 and 14:00–18:00."""
    hours = hours or {day: [("09:00", "12:00"), ("14:00", "18:00")] for day in range(5)}
    return services.weekly_schedule_save(
        practitioner=practitioner,
        name=options.pop("name", "Semaine type"),
        ranges=[
            services.RangeInput(weekday=day, start=time.fromisoformat(a), end=time.fromisoformat(b))
            for day, spans in hours.items()
            for a, b in spans
        ],
        **options,
    )


def session_type(practitioner, **values):
    """Update the practitioner's default session type (created by `agenda_setup`)."""
    default = SessionType.objects.get(practitioner=practitioner, is_default=True)
    return services.session_type_save(
        practitioner=practitioner, session_type_id=default.pk, **values
    )


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    practitioner = factory.SubFactory(PractitionerFactory)
    title = "Consultation"
    state = Booking.State.CONFIRMED
    end = factory.LazyAttribute(lambda o: o.start + timedelta(minutes=50))
