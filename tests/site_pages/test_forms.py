import re

import pytest
from django.core import mail
from django.utils.html import escape
from wagtail.contrib.forms.models import FormSubmission

from site_pages.models import ContactPage, NewsletterPage, NewsletterSubscriber
from tests.site_pages.conftest import page_pair

pytestmark = pytest.mark.django_db


def _contact_data(**extra):
    return {"name": "Camille", "email": "camille@example.org", "message": "Bonjour", **extra}


def test_contact_submission_is_stored_and_emailed(client, site, django_capture_on_commit_callbacks):
    page, _english = page_pair(ContactPage, "contact")

    response = client.post(page.url, _contact_data())

    assert response.status_code == 200
    assert escape(page.thank_you_text) in response.content.decode()
    submission = FormSubmission.objects.get(page=page)
    assert submission.form_data["email"] == "camille@example.org"
    assert "website" not in submission.form_data
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bonjour@khepri.example"]
    assert "Camille" in mail.outbox[0].body
    # The subject names no therapy and no concern.
    assert mail.outbox[0].subject == "Nouveau message du site"


def test_contact_honeypot_keeps_robots_out(client, site):
    page, _english = page_pair(ContactPage, "contact")

    response = client.post(page.url, _contact_data(website="http://spam.example"))

    assert response.status_code == 200
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_english_contact_form_has_english_labels(client, site):
    _french, english = page_pair(ContactPage, "contact")

    html = client.get(english.url).content.decode()

    assert "Your email address" in html
    assert "Votre adresse" not in html


def _confirm_path(message) -> str:
    return re.search(r"https?://[^/]+(/\S*newsletter/confirm/\S+/)", message.body).group(1)


def test_newsletter_needs_the_confirmation_link(client, site, django_capture_on_commit_callbacks):
    page, _english = page_pair(NewsletterPage, "lettre")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, {"email": "Lea@Example.org"})

    assert response.status_code == 200
    subscriber = NewsletterSubscriber.objects.get(email="lea@example.org")
    assert subscriber.status == NewsletterSubscriber.Status.PENDING
    assert len(mail.outbox) == 1
    confirm_path = _confirm_path(mail.outbox[0])
    # Opening the link (a mail scanner does) changes nothing; the button does.
    assert client.get(confirm_path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == NewsletterSubscriber.Status.PENDING

    client.post(confirm_path)

    subscriber.refresh_from_db()
    assert subscriber.status == NewsletterSubscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_newsletter_unsubscribe_link(client, site):
    subscriber = NewsletterSubscriber.objects.create(
        email="a@example.org", status=NewsletterSubscriber.Status.CONFIRMED
    )

    response = client.post(f"/newsletter/unsubscribe/{subscriber.token}/")

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == NewsletterSubscriber.Status.UNSUBSCRIBED
    # The confirmation link cannot bring an unsubscribed address back.
    html = client.post(f"/newsletter/confirm/{subscriber.token}/").content.decode()
    assert 'role="alert"' in html
    subscriber.refresh_from_db()
    assert subscriber.status == NewsletterSubscriber.Status.UNSUBSCRIBED


def test_unknown_newsletter_token_is_refused_politely(client, site):
    html = client.post("/en/newsletter/confirm/not-a-token/").content.decode()

    assert 'role="alert"' in html


def test_staff_export_subscribers_as_csv(client, site, django_user_model):
    NewsletterSubscriber.objects.create(email="one@example.org")
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x" * 12)
    client.force_login(admin)

    response = client.get("/admin/newsletter_subscribers/", {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "one@example.org" in body


def test_anonymous_visitors_cannot_export(client, site):
    response = client.get("/admin/newsletter_subscribers/", {"export": "csv"})

    assert response.status_code == 302
