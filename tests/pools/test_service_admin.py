"""Staff set up a pooled service in the Wagtail admin: its terms, members and managers; the
service page opens in the page editor and its English translation keeps the service."""

import pytest

from bookings.models import SessionType
from pools.models import Service, ServiceMember, ServicePage
from site_pages.demo import page_with_translation
from tests.factories import PractitionerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x" * 12)
    client.force_login(admin)
    return client


def form(**values):
    return {
        "name": "Appel d'orientation",
        "name_en": "Orientation call",
        "slug": "orientation",
        "duration_minutes": "20",
        "buffer_after_minutes": "10",
        "min_notice_minutes": "240",
        "horizon_days": "30",
        "price_cents": "0",
        "currency": "EUR",
        "is_active": "on",
        **values,
    }


def test_staff_create_a_service_with_members_then_change_them(admin_client):
    anna, ben, chloe = (PractitionerFactory() for _ in range(3))
    manager = UserFactory()
    assert admin_client.get("/admin/pooled_services/new/").status_code == 200
    response = admin_client.post(
        "/admin/pooled_services/new/",
        form(members=[anna.pk, ben.pk], managers=[manager.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get()
    assert list(service.managers.all()) == [manager]
    assert {m.practitioner for m in service.members.all()} == {anna, ben}
    assert {m.session_type.duration_minutes for m in service.members.all()} == {20}

    edit = f"/admin/pooled_services/edit/{service.pk}/"
    page = admin_client.get(edit).content.decode()
    assert f'value="{anna.pk}"' in page and "checked" in page
    response = admin_client.post(
        edit, form(duration_minutes="30", members=[ben.pk, chloe.pk], managers=[manager.pk])
    )
    assert response.status_code == 302
    assert {m.practitioner for m in ServiceMember.objects.all()} == {ben, chloe}
    assert set(
        SessionType.objects.filter(service_member__service=service).values_list(
            "duration_minutes", flat=True
        )
    ) == {30}
    # Anna left: her session type for the service is switched off, nothing more is booked.
    assert not SessionType.objects.get(practitioner=anna, name="Appel d'orientation").is_active


def test_the_service_page_opens_in_the_editor(admin_client, home):
    service = Service.objects.create(slug="orientation", name="Appel", duration_minutes=20)

    def fill(page, lang):
        page.title = {"fr": "Appel", "en": "Call"}[lang]
        page.service = service

    page = page_with_translation(parent=home, model=ServicePage, slug="appel", en="call", fill=fill)
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    english = ServicePage.objects.get(locale__language_code="en")
    assert english.service == service and english.title == "Call"
    assert admin_client.get(f"/admin/pages/{english.pk}/edit/").status_code == 200
