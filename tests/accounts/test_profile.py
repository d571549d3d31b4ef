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
            "preferred_channel": "email",
            "language": "en",
            "time_zone": "America/Montreal",
            "accessibility_needs": "Subtitles",
        },
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert str(patient.time_zone) == "America/Montreal" and patient.language == "en"
    assert patient.accessibility_needs == "Subtitles"


def test_text_messages_need_a_confirmed_phone_number(client, patient):
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
    assert "confirm a mobile number first" in response.content.decode()
    patient.phone, patient.phone_verified = "+33612345678", True
    patient.save()
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
    assert response.status_code == 302


def test_the_profile_needs_a_login(client):
    assert client.get("/en/account/profile/").status_code == 302
