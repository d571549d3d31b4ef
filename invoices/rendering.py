"""PDF rendering: the only module that imports WeasyPrint (ruff's banned-api enforces it).

Contract: HTML from Django templates in, PDF bytes out — A4, text selectable, fonts embedded
(DejaVu, installed by `scripts/system-deps.sh` on every machine that renders), tagged for
screen readers (PDF/UA-1: `pdf_variant`, `pdf_tags`), the document's language and title in
its metadata. Nothing is ever fetched from the network: the URL fetcher only reads local
static files and `data:` URLs; any other address is refused (the stylesheet is inline, so
nothing needs fetching).

One font configuration per process, reused by every rendering: WeasyPrint builds a new one
per document by default, and each keeps native (fontconfig/Pango) memory that Python never
sees — about 200 KiB per note, so a worker rendering thousands of notes grew without bound
(`benchmarks/bench_invoices.py` measures it). Renderings in one process take turns (a lock):
the shared configuration is not meant for concurrent use.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from invoices.models import Document, VatRegime


class LocalOnlyFetcher(URLFetcher):
    """Reads `data:` URLs and files under the static folders; refuses everything else."""

    def fetch(self, url, headers=None):
        scheme = urlparse(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            roots = [Path(root).resolve() for root in settings.STATICFILES_DIRS]
            roots.append(Path(settings.STATIC_ROOT).resolve())
            roots.append(Path(__file__).resolve().parent / "static")
            if any(path.is_relative_to(root) for root in roots):
                return super().fetch(url, headers)
        raise ValueError(f"Invoices never fetch {url!r}: only local static files.")


_font_config: FontConfiguration | None = None
_rendering = threading.Lock()


def pdf_from_html(html: str) -> bytes:
    global _font_config
    base = Path(__file__).resolve().parent / "static"
    document = HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=LocalOnlyFetcher())
    with _rendering:
        if _font_config is None:
            _font_config = FontConfiguration()
        return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, font_config=_font_config)


def vat_mention(issuer: dict) -> str:
    """The VAT line the issuer's regime requires (in the active language)."""
    from django.utils.translation import gettext

    regime = issuer.get("vat_regime")
    if regime == VatRegime.EXEMPT_HEALTH:
        return gettext("VAT not applicable, art. 261-4-1° of the French tax code (CGI)")
    if regime == VatRegime.FRANCHISE:
        return gettext("VAT not applicable, art. 293 B of the French tax code (CGI)")
    return ""


def _document_context(document: Document, language: str) -> dict:
    lines = []
    for line in document.lines:
        lines.append(
            {
                "label": line["label_en"] if language == "en" else line["label"],
                "day": date.fromisoformat(line["date"]) if line.get("date") else None,
                "start": line.get("start", ""),
                "minutes": line.get("minutes"),
                "amount_cents": line["amount_cents"],
            }
        )
    rate = (
        document.issuer.get("vat_rate_bp", 0)
        if document.issuer.get("vat_regime") == VatRegime.RATE
        else 0
    )
    return {
        "document": document,
        "issuer": document.issuer,
        "recipient": document.recipient,
        "lines": lines,
        "vat_mention": vat_mention(document.issuer),
        "vat_rate_percent": rate / 100 if rate else None,
        "show_duration": any(line["minutes"] for line in lines),
        "before_tax_cents": document.total_cents - document.vat_cents,
        "language": language,
    }


def render_document_pdf(document: Document, *, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string("invoices/pdf/document.html", _document_context(document, language))
    return pdf_from_html(html)


def render_recap_pdf(
    *, patient_name: str, year: int, documents: list[Document], language: str
) -> bytes:
    """The year's fee notes of a patient on one page, for their insurer."""
    with translation.override(language):
        rows = []
        total = 0
        for document in documents:
            sign = -1 if document.is_credit else 1
            total += sign * document.total_cents
            context = _document_context(document, language)
            rows.append({"document": document, "sign": sign, **context})
        html = render_to_string(
            "invoices/pdf/recap.html",
            {
                "patient_name": patient_name,
                "year": year,
                "rows": rows,
                "total_cents": total,
                "language": language,
            },
        )
    return pdf_from_html(html)


def render_statement_pdf(*, statement, language: str) -> bytes:
    """A practitioner's monthly statement (`invoices.selectors.MonthlyStatement`)."""
    with translation.override(language):
        html = render_to_string(
            "invoices/pdf/statement.html", {"statement": statement, "language": language}
        )
    return pdf_from_html(html)
