"""A pooled service of three members in two time zones, all free on Monday 7 December 2026
at 09:00 in Paris."""

from datetime import UTC, datetime

import pytest

from pools.models import Service
from pools.services import service_member_add
from tests.factories import PractitionerFactory, week

NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)  # Monday 07:00 in Paris
NINE = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # 09:00 in Paris, 03:00 in Montreal
TEN = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # 10:00 in Paris


def make_service(*, managers=()) -> tuple[Service, list]:
    """Anna and Ben in Paris (Monday 09–11 and 09–10), Chloé in Montreal (Monday 03–05 there,
    09–11 in Paris), members in that order."""
    service = Service.objects.create(
        slug="orientation",
        name="Appel d'orientation",
        name_en="Orientation call",
        duration_minutes=20,
        buffer_after_minutes=10,
        min_notice_minutes=60,
        horizon_days=30,
    )
    anna = PractitionerFactory(slug="anna", legal_name="Anna Arnaud")
    ben = PractitionerFactory(slug="ben", legal_name="Ben Bernard")
    chloe = PractitionerFactory(
        slug="chloe", legal_name="Chloé Chevalier", time_zone="America/Montreal"
    )
    week(anna, {0: [("09:00", "11:00")]})
    week(ben, {0: [("09:00", "10:00")]})
    week(chloe, {0: [("03:00", "05:00")]})
    for practitioner in (anna, ben, chloe):
        service_member_add(service=service, practitioner=practitioner)
    service.managers.add(*managers)
    return service, [anna, ben, chloe]


@pytest.fixture
def pool(db):
    return make_service()
