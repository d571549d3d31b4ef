"""The outbox in the Wagtail admin: a read-only listing without bodies, and "resend"."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from notifications.models import OutboundMessage
from notifications.services import message_queue
from tests.practitioners.test_onboarding import english_admin

pytestmark = pytest.mark.django_db

Status = OutboundMessage.Status
T0 = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
SECRET_BODY = "Votre séance d'hypnothérapie"


@pytest.fixture
def staff(client, site_tree):
    user = get_user_model().objects.create_superuser(
        email="admin@example.test", password="x-password-1"
    )
    client.force_login(english_admin(user))
    return user


def queued(**values) -> OutboundMessage:
    return message_queue(
        **{
            "channel": "email",
            "to": "alice@example.test",
            "subject": "Rendez-vous confirmé",
            "body_text": SECRET_BODY,
            "body_html": f"<p>{SECRET_BODY}</p>",
            "kind": "booking.confirmed.patient",
            "now": T0,
            **values,
        }
    )


def set_status(message, status, error=""):
    OutboundMessage.objects.filter(pk=message.pk).update(status=status, last_error=error)
    message.refresh_from_db()
    return message


def test_the_listing_shows_recipients_and_status_but_no_body(client, staff):
    failed = set_status(queued(), Status.FAILED, "The mail server refused the message (550)")
    queued(channel="sms", to="+33612345678", body_text=SECRET_BODY, kind="booking.sms")
    response = client.get(reverse("outboundmessage:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "alice@example.test" in page and "+33612345678" in page
    assert "booking.confirmed.patient" in page
    assert "The mail server refused the message (550)" in page
    assert "hypnoth" not in page
    assert reverse("outboundmessage:resend", args=[failed.pk]) in page
    assert "/edit/" not in page and "/delete/" not in page


def test_the_listing_filters_by_status_and_channel(client, staff):
    set_status(queued(to="failed@example.test"), Status.FAILED, "no")
    queued(to="waiting@example.test")
    queued(channel="sms", to="+33612345678", body_text="Khepri: RDV")
    response = client.get(reverse("outboundmessage:index"), {"status": "failed"})
    page = response.content.decode()
    assert "failed@example.test" in page and "waiting@example.test" not in page
    response = client.get(reverse("outboundmessage:index"), {"channel": "sms"})
    page = response.content.decode()
    assert "+33612345678" in page and "waiting@example.test" not in page


def test_the_detail_shows_no_body(client, staff):
    message = queued()
    response = client.get(reverse("outboundmessage:inspect", args=[message.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "alice@example.test" in page and "hypnoth" not in page


def test_messages_cannot_be_added_edited_or_deleted(client, staff):
    message = queued()
    for url in (f"edit/{message.pk}/", f"delete/{message.pk}/", "new/"):
        assert client.get(reverse("outboundmessage:index") + url).status_code == 404


def test_resending_a_failed_message_queues_a_copy(
    client, staff, django_capture_on_commit_callbacks, mailoutbox
):
    failed = set_status(queued(), Status.FAILED, "550")
    url = reverse("outboundmessage:resend", args=[failed.pk])
    assert client.get(url).status_code == 200  # asks first
    assert OutboundMessage.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    copy = OutboundMessage.objects.exclude(pk=failed.pk).get()
    assert copy.resent_from == failed and copy.body_text == SECRET_BODY
    assert copy.status == Status.SENT and [m.to for m in mailoutbox] == [["alice@example.test"]]
    assert OutboundMessage.objects.get(pk=failed.pk).status == Status.FAILED


def test_a_queued_message_is_not_resent(client, staff):
    message = queued()
    response = client.post(reverse("outboundmessage:resend", args=[message.pk]), follow=True)
    assert OutboundMessage.objects.count() == 1
    assert "Only a sent or failed message can be sent again." in response.content.decode()


def test_staff_without_the_permission_cannot_resend(client, site_tree):
    user = get_user_model().objects.create_user(email="editor@example.test", password="x-pw-1")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_outboundmessage"),
    )
    client.force_login(user)
    failed = set_status(queued(), Status.FAILED, "550")
    listing = client.get(reverse("outboundmessage:index"))
    assert listing.status_code == 200
    resend_url = reverse("outboundmessage:resend", args=[failed.pk])
    assert resend_url not in listing.content.decode()
    # Wagtail turns the refusal into a redirect to the dashboard with an error message.
    response = client.post(resend_url)
    assert response.status_code in (302, 403) and response.get("Location") != reverse(
        "outboundmessage:index"
    )
    assert OutboundMessage.objects.count() == 1
