"""Staff: the read-only listing of documents and the accounting CSV of a period; refused to
people without the permission; a mistyped month is a form error."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from invoices.models import Document
from payments import services as payments
from tests.invoices.conftest import NOW
from tests.practitioners.test_onboarding import english_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser(
        email="admin@example.test", password="x-password-1"
    )
    client.force_login(english_admin(user))
    return user


def test_staff_export_the_documents_of_a_period(
    client, staff, details, captured, django_capture_on_commit_callbacks
):
    _booking, payment = captured
    with django_capture_on_commit_callbacks(execute=True):
        payments.payment_refund(payment=payment, amount_cents=1000, now=NOW, request_key="r")
    note = Document.objects.get(kind="fee_note")
    listing = client.get("/admin/invoicing_document/")
    assert listing.status_code == 200 and note.number in listing.content.decode()
    pdf_url = f"/admin/invoicing_document/{note.pk}/en.pdf"
    assert pdf_url in listing.content.decode()
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"/admin/invoicing_document/{note.pk}/de.pdf").status_code == 404
    assert client.get("/admin/invoicing_document/export/").status_code == 200
    month = f"{note.issued_at:%Y-%m}"
    response = client.post(
        "/admin/invoicing_document/export/", {"first_month": month, "last_month": month}
    )
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "number"
    assert [(row[0], row[5], row[8]) for row in rows[1:]] == [
        (note.number, "Alice Durand", "60.00"),
        ("2026-00002", "Alice Durand", "-10.00"),
    ]
    assert rows[2][7] == note.number  # the credit note refers to the fee note


def test_a_mistyped_month_is_explained(client, staff):
    response = client.post(
        "/admin/invoicing_document/export/", {"first_month": "2026-13", "last_month": "x"}
    )
    assert response.status_code == 400
    assert "Write a month as YYYY-MM" in response.content.decode()


def test_documents_cannot_be_edited_or_deleted_in_the_admin(client, staff, details, captured):
    note = Document.objects.get()
    assert client.get(f"/admin/invoicing_document/edit/{note.pk}/").status_code == 404
    assert client.get(f"/admin/invoicing_document/delete/{note.pk}/").status_code == 404


def test_people_without_the_permission_get_no_export(client, details, captured):
    user = get_user_model().objects.create_user(email="editor@example.test", password="x" * 12)
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get("/admin/invoicing_document/export/")
    assert response.status_code in (302, 403)
    note = Document.objects.get()
    assert client.get(f"/admin/invoicing_document/{note.pk}/fr.pdf").status_code in (302, 403)
