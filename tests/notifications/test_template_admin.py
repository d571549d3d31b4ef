# ruff: noqa: F811 - the booking fixtures are shared with tests/bookings/test_notify
"""Message templates in the Wagtail admin: an overview of every message in every language,
editing from the default wording, refusal of a broken template at save, "back to default",
the preview and the placeholders panel."""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from notifications.models import MessageTemplate
from notifications.templating import kind_for, kinds
from tests.bookings.test_notify import (  # noqa: F401 - fixtures
    book,
    claire,
    consult,
    paris,
    patient,
    sent,
    to,
)
from tests.factories import UserFactory
from tests.practitioners.test_onboarding import english_admin

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_notifications_messagetemplate"
CONFIRMED = "booking.confirmed.patient.email"
REMINDER_SMS = "booking.reminder.patient.sms"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def url(name, *args):
    return reverse(f"{VIEWS}:{name}", args=args)


def add_url(key, language):
    return f"{url('add')}?key={key}&language={language}"


def defaults(key, language):
    with translation.override(language):
        return kind_for(key).default_sources()


@pytest.fixture
def staff(client, site_tree):
    user = get_user_model().objects.create_superuser(
        email="admin@example.test", password="x-password-1"
    )
    client.force_login(english_admin(user))
    return user


def form_data(key=CONFIRMED, language="fr", subject="Votre rendez-vous", body="Le {{ when }}."):
    return {"key": key, "language": language, "subject": subject, "body": body}


def save(client, **values):
    return client.post(url("add"), form_data(**values))


# --- The overview -------------------------------------------------------------------------------


def test_the_settings_menu_leads_to_the_overview(client, staff):
    response = client.get(reverse("wagtailadmin_home"))
    assert url("index") in response.content.decode()
    assert url("index") == reverse("wagtailsnippets_notifications_messagetemplate:list")


def test_the_overview_lists_every_message_in_every_language(client, staff):
    response = client.get(url("index"))
    assert response.status_code == 200
    page = response.content.decode()
    every = kinds()
    assert len(every) > 20
    assert page.count("Default — customise") == len(every) * len(LANGUAGES)
    for kind in every:
        with translation.override("en"):
            assert escape(str(kind.label)) in page
        for language in LANGUAGES:
            assert add_url(kind.key, language).replace("&", "&amp;") in page


def test_the_overview_shows_what_staff_changed(client, staff):
    row = MessageTemplate.objects.create(
        key=CONFIRMED, language="en", subject="Your appointment", body="On {{ when }}."
    )
    page = client.get(url("index")).content.decode()
    assert page.count("Default — customise") == len(kinds()) * len(LANGUAGES) - 1
    assert url("edit", row.pk) in page
    assert url("delete", row.pk) in page and "Back to default" in page
    assert add_url(CONFIRMED, "en").replace("&", "&amp;") not in page
    assert add_url(CONFIRMED, "fr").replace("&", "&amp;") in page


# --- Creating from the default ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_starts_from_the_default_wording_in_its_language(client, staff, language):
    response = client.get(add_url(CONFIRMED, language))
    assert response.status_code == 200
    form = response.context["form"]
    subject, body = defaults(CONFIRMED, language)
    assert form["key"].value() == CONFIRMED
    assert form["language"].value() == language
    assert form["subject"].value() == subject
    assert form["body"].value() == body
    assert "{{ policy }}" in body


def test_an_unknown_key_opens_an_empty_form(client, staff):
    response = client.get(add_url("no.such.kind", "xx"))
    assert response.status_code == 200
    form = response.context["form"]
    assert not form["key"].value() and not form["body"].value()


def test_a_valid_edit_is_used_by_the_next_message(client, staff, consult, patient, sent):
    response = save(
        client,
        subject="Votre rendez-vous est noté",
        body="C'est noté pour le {{ when }}.\n\n{{ policy }}",
    )
    assert response.status_code == 302
    row = MessageTemplate.objects.get()
    assert (row.key, row.language, row.subject) == (CONFIRMED, "fr", "Votre rendez-vous est noté")

    _booking, emails = sent(lambda: book(consult, patient, paris(8, 10)))
    mail = to(emails, "alice@example.test")
    assert mail.subject == "Votre rendez-vous est noté"
    assert "C'est noté pour le mardi 8 décembre 2026 à 10:00." in mail.body
    # Escaped once in the HTML part (the text part is plain).
    assert "C&#x27;est noté pour le mardi 8 décembre 2026 à 10:00." in mail.alternatives[0][0]
    # The practitioner's message and the English one keep their defaults.
    subject, _body = defaults("booking.confirmed.practitioner.email", "fr")
    assert to(emails, "claire@example.test").subject == subject

    _booking, emails = sent(lambda: book(consult, patient, paris(8, 11), language="en"))
    assert to(emails, "alice@example.test").subject == defaults(CONFIRMED, "en")[0]


def test_a_text_message_template_is_saved_without_a_subject(client, staff):
    response = save(
        client,
        key=REMINDER_SMS,
        language="en",
        subject="ignored",
        body="{{ sender_name }}: see you {{ when }}. {{ video_url }}",
    )
    assert response.status_code == 302
    assert MessageTemplate.objects.get().subject == ""


@pytest.mark.parametrize(
    ("values", "field", "reason"),
    [
        ({"body": "Le {{ when|upper }}."}, "body", "|upper"),
        ({"body": "{{ nope }}"}, "body", "You can use: manage_url, policy, sender_name, when"),
        ({"body": "{% if when %}unclosed"}, "body", "Unclosed tag"),
        ({"subject": "Votre séance d'hypnose"}, "subject", "hypnose"),
        ({"subject": ""}, "subject", "A message needs a subject."),
        ({"body": "{% load static %}"}, "body", "static"),
    ],
)
def test_a_broken_template_is_refused_with_its_reason(client, staff, values, field, reason):
    response = save(client, **{"language": "en", "subject": "Your appointment", **values})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and any(reason in message for message in errors[field])
    assert reason.replace("'", "&#x27;") in response.content.decode()
    assert not MessageTemplate.objects.exists()


def test_a_french_template_is_checked_with_french_values(client, staff):
    """The check renders the template with French example values, so a text message is
    measured as French readers would get it; the reason is written in the editor's language."""
    text = "{{ sender_name }}: rendez-vous {{ when }}, vidéo {{ video_url }}. "
    response = save(client, key=REMINDER_SMS, language="fr", body=text * 4)
    (message,) = response.context["form"].errors["body"]
    assert message.startswith("With example values: ")
    assert not MessageTemplate.objects.exists()
    # Three times fits in two segments with the short French date ("Jeu 3/12, 14:30").
    assert save(client, key=REMINDER_SMS, language="fr", body=text * 3).status_code == 302


def test_a_duplicate_key_and_language_is_refused(client, staff):
    assert save(client).status_code == 302
    response = save(client, body="Autre texte, le {{ when }}.")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "already exists" in response.content.decode()
    assert MessageTemplate.objects.count() == 1
    # The same message in the other language is another template.
    assert save(client, language="en", subject="Your appointment").status_code == 302


def test_editing_a_stored_template(client, staff):
    save(client)
    row = MessageTemplate.objects.get()
    response = client.get(url("edit", row.pk))
    assert response.status_code == 200
    assert "Le {{ when }}." in response.content.decode()
    response = client.post(url("edit", row.pk), form_data(body="Rendez-vous {{ when }}."))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.body == "Rendez-vous {{ when }}."
    response = client.post(url("edit", row.pk), form_data(body="{{ when.year }}"))
    assert response.status_code == 200 and "body" in response.context["form"].errors
    row.refresh_from_db()
    assert row.body == "Rendez-vous {{ when }}."


def test_back_to_default(client, staff, consult, patient, sent):
    save(client, subject="Rendez-vous noté", body="Noté : {{ when }}.")
    row = MessageTemplate.objects.get()
    _b, emails = sent(lambda: book(consult, patient, paris(8, 10)))
    assert to(emails, "alice@example.test").subject == "Rendez-vous noté"

    assert client.get(url("delete", row.pk)).status_code == 200
    response = client.post(url("delete", row.pk))
    assert response.status_code == 302
    assert not MessageTemplate.objects.exists()
    _b, emails = sent(lambda: book(consult, patient, paris(8, 11)))
    assert to(emails, "alice@example.test").subject == defaults(CONFIRMED, "fr")[0]
    page = client.get(url("index")).content.decode()
    assert page.count("Default — customise") == len(kinds()) * len(LANGUAGES)


# --- Preview ------------------------------------------------------------------------------------


def preview(client, data, *, pk=None):
    """What the editor's preview panel does: post the form, then get the preview."""
    address = url("preview_on_edit", pk) if pk else url("preview_on_add")
    state = json.loads(client.post(address, data).content)
    return state, client.get(address)


def test_the_preview_shows_the_email_with_example_values(client, staff):
    state, response = preview(
        client, form_data(subject="Votre rendez-vous", body="À bientôt, le {{ when }}.")
    )
    assert state == {"is_valid": True, "is_available": True}
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "À bientôt, le jeudi 3 décembre 2026 à 14:30." in page
    assert "<title>Votre rendez-vous</title>" in page
    assert not MessageTemplate.objects.exists()  # a preview saves nothing


def test_the_preview_of_a_text_message_counts_its_segments(client, staff):
    state, response = preview(
        client,
        form_data(
            key=REMINDER_SMS,
            language="en",
            subject="",
            body="{{ sender_name }}: see you {{ when }}. Video: {{ video_url }}",
        ),
    )
    assert state["is_valid"]
    page = response.content.decode()
    assert "Khepri: see you Thu 3 Dec, 14:30. Video: https://" in page
    assert "(GSM-7): 1 SMS segment, the limit is 2." in page


def test_the_preview_of_a_stored_template(client, staff):
    save(client)
    row = MessageTemplate.objects.get()
    state, response = preview(client, form_data(body="Modifié : {{ when }}."), pk=row.pk)
    assert state["is_valid"]
    assert "Modifié : jeudi 3 décembre 2026 à 14:30." in response.content.decode()
    row.refresh_from_db()
    assert row.body == "Le {{ when }}."


def test_a_broken_template_has_no_preview(client, staff):
    state, response = preview(client, form_data(body="{{ when|upper }}"))
    assert state == {"is_valid": False, "is_available": False}
    assert "jeudi 3 décembre" not in response.content.decode()


# --- The placeholders panel ---------------------------------------------------------------------


def test_the_panel_lists_the_messages_placeholders_and_its_default(client, staff):
    page = client.get(add_url(REMINDER_SMS, "en")).content.decode()
    assert "Placeholders you can use" in page
    for name in kind_for(REMINDER_SMS).placeholders:
        assert f"<code>{{{{ {name} }}}}</code>" in page
    assert "Link to join the session by video." in page
    assert "{{ patient_name }}" not in page and "{{ policy }}" not in page
    assert "Default wording" in page


def test_the_panel_of_an_email_shows_its_default_subject(client, staff):
    page = client.get(add_url(CONFIRMED, "fr")).content.decode()
    assert "<code>{{ policy }}</code>" in page
    assert defaults(CONFIRMED, "fr")[0] in page


# --- Permissions --------------------------------------------------------------------------------


@pytest.fixture
def editor(client, site_tree):
    """Staff with admin access but no permission on message templates."""
    user = UserFactory(email="editor@example.test", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(english_admin(user))
    return user


def test_staff_without_the_permission_cannot_see_or_change_templates(client, editor):
    row = MessageTemplate.objects.create(
        key=CONFIRMED, language="en", subject="Your appointment", body="On {{ when }}."
    )
    for address in (url("index"), add_url(CONFIRMED, "fr"), url("edit", row.pk)):
        response = client.get(address)
        assert response.status_code in (302, 403), address
        assert "Default — customise" not in response.content.decode()
    response = save(client)
    assert response.status_code in (302, 403)
    assert client.post(url("delete", row.pk)).status_code in (302, 403)
    assert client.post(url("preview_on_add"), form_data()).status_code in (302, 403)
    assert list(MessageTemplate.objects.values_list("body", flat=True)) == ["On {{ when }}."]
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_user_with_the_permissions_may_edit(client, editor):
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="notifications", codename__endswith="_messagetemplate"
        )
    )
    assert client.get(url("index")).status_code == 200
    assert save(client).status_code == 302


def test_anonymous_visitors_are_sent_to_the_login(client, site_tree):
    response = client.get(url("index"))
    assert response.status_code == 302 and "login" in response["Location"]
