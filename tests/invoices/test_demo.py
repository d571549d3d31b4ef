"""The demo: Claire Martin has billing details, and the demo patient's paid session last week
has its fee note, downloadable in French or English; loading twice issues nothing twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from invoices.models import Document
from tests.invoices.conftest import pdf_text


@pytest.mark.django_db
def test_the_demo_patient_downloads_the_fee_note_of_last_weeks_session(
    site_tree, settings, tmp_path
):
    from wagtail.models import Collection

    settings.KHEPRI_ALLOW_DEMO = True
    if not Collection.objects.exists():  # flushed by a transactional test (reused database)
        Collection.add_root(name="Root")
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    note = Document.objects.get(kind="fee_note", patient__email="patient@khepri.example")
    assert note.issuer["name"] == "Claire Martin" and note.issuer["siret"] == "84215397500011"
    # Once each, loaded twice: the patient's card session and Acme's employee's session.
    assert Document.objects.filter(kind="fee_note").count() == 2
    employee_note = Document.objects.get(kind="fee_note", patient__email="employe@acme.example")
    assert employee_note.paid_with == "employer"

    client = Client()
    assert client.login(email="patient@khepri.example", password="khepri-demo")
    assert note.number in client.get("/account/fee-notes/").content.decode()
    for language, title in (("fr", "note d’honoraires"), ("en", "fee note")):
        response = client.get(f"/account/fee-notes/{note.pk}/{language}.pdf")
        assert response.status_code == 200
        text = pdf_text(response.content, tmp_path).casefold()
        assert title in text and "claire martin" in text
