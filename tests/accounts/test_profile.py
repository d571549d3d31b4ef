"""The patient's own profile: minimal, optional extras shown only to their practitioners."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(client):
    user = UserFactory(email="zoe@example.org", first_name="Zoé", last_name="Durand")
    client.force_login(user)
    return user


def test_a_patient_updates_their_profile(client, patient):
    response = client.post(
        "/en/account/profile/",
        {
            "first_name": "Zoé",
            "last_name": "Durand",
            "phone": "06 12 34 56 78",
            "preferred_channel": "sms",
            "language": "en",
            "time_zone": "America/Montreal",
            "accessibility_needs": "Subtitles",
        },
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.preferred_channel == "sms" and str(patient.time_zone) == "America/Montreal"
    assert patient.accessibility_needs == "Subtitles"


def test_text_messages_need_a_phone_number(client, patient):
    response = client.post(
        "/en/account/profile/",
        {
            "first_name": "Zoé",
            "last_name": "Durand",
            "preferred_channel": "sms",
            "language": "fr",
            "time_zone": "Europe/Paris",
        },
    )
    assert response.status_code == 400
    assert "Give a mobile number to receive text messages." in response.content.decode()


def test_the_profile_needs_a_login(client):
    assert client.get("/en/account/profile/").status_code == 302
