"""The practitioner's billing details form: every identifier checked, with a clear reason."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from invoices.models import BillingDetails, VatRegime
from practitioners.forms import SpaceForm

#: La Poste's establishments share one SIREN and follow another check (sum of digits ÷ 5).
LA_POSTE_SIREN = "356000000"


def ascii_digits(value: str, length: int) -> bool:
    """Exactly `length` digits 0–9 (`str.isdigit` also accepts "²" or full-width digits)."""
    return re.fullmatch(rf"[0-9]{{{length}}}", value) is not None


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def siret_valid(siret: str) -> bool:
    if not ascii_digits(siret, 14):
        return False
    if siret.startswith(LA_POSTE_SIREN):
        return sum(int(char) for char in siret) % 5 == 0
    return luhn_valid(siret[:9]) and luhn_valid(siret)


def _digits(value: str) -> str:
    return "".join(value.split())


class BillingDetailsForm(SpaceForm):
    legal_name = forms.CharField(
        label=_("Legal name"), max_length=200, help_text=_("As registered for your SIRET.")
    )
    profession = forms.CharField(
        label=_("Profession"),
        max_length=120,
        help_text=_("As printed on your fee notes, e.g. “Sophrologue”."),
    )
    address = forms.CharField(
        label=_("Professional address"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=20,
        help_text=_("14 digits, spaces allowed."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    adeli = forms.CharField(
        label=_("ADELI number (if you have one)"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    rpps = forms.CharField(
        label=_("RPPS number (if you have one)"),
        max_length=14,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    vat_regime = forms.ChoiceField(
        label=_("Your VAT regime"), choices=VatRegime.choices, widget=forms.RadioSelect
    )
    vat_rate = forms.CharField(
        label=_("VAT rate (%)"),
        required=False,
        max_length=6,
        help_text=_("Only if you charge VAT, e.g. 20."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def clean_siret(self):
        siret = _digits(self.cleaned_data["siret"])
        if not ascii_digits(siret, 14):
            raise forms.ValidationError(_("A SIRET has 14 digits."))
        if not siret_valid(siret):
            raise forms.ValidationError(
                _("This SIRET is not valid (its check digit does not match): please check it.")
            )
        return siret

    def clean_adeli(self):
        adeli = _digits(self.cleaned_data["adeli"])
        if adeli and not ascii_digits(adeli, 9):
            raise forms.ValidationError(_("An ADELI number has 9 digits."))
        return adeli

    def clean_rpps(self):
        rpps = _digits(self.cleaned_data["rpps"])
        if rpps and not ascii_digits(rpps, 11):
            raise forms.ValidationError(_("An RPPS number has 11 digits."))
        return rpps

    def clean(self):
        cleaned = super().clean()
        rate_text = (cleaned.get("vat_rate") or "").strip().replace(",", ".").rstrip("%").strip()
        cleaned["vat_rate_bp"] = 0
        if cleaned.get("vat_regime") == VatRegime.RATE:
            try:
                rate = Decimal(rate_text)
                if not rate.is_finite():  # "NaN", "Infinity"
                    raise InvalidOperation
            except InvalidOperation:
                self.add_error("vat_rate", _("Give the VAT rate you charge, e.g. 20."))
                return cleaned
            if not Decimal(0) < rate <= Decimal(30) or rate * 100 != int(rate * 100):
                self.add_error("vat_rate", _("A VAT rate between 0.01 and 30 %, e.g. 20."))
                return cleaned
            cleaned["vat_rate_bp"] = int(rate * 100)
        return cleaned

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "legal_name": data["legal_name"].strip(),
            "profession": data["profession"].strip(),
            "address": data["address"].strip(),
            "siret": data["siret"],
            "adeli": data["adeli"],
            "rpps": data["rpps"],
            "vat_regime": data["vat_regime"],
            "vat_rate_bp": data["vat_rate_bp"],
        }

    @classmethod
    def initial_for(cls, practitioner) -> dict:
        """Saved details, else what the practitioner's record already says."""
        details = BillingDetails.objects.filter(practitioner=practitioner).first()
        if details is not None:
            rate = details.vat_rate_bp
            return {
                "legal_name": details.legal_name,
                "profession": details.profession,
                "address": details.address,
                "siret": details.siret,
                "adeli": details.adeli,
                "rpps": details.rpps,
                "vat_regime": details.vat_regime,
                "vat_rate": f"{Decimal(rate) / 100:g}" if rate else "",
            }
        return {
            "legal_name": practitioner.legal_name,
            "profession": practitioner.profession,
            "address": practitioner.address,
            "siret": practitioner.siret,
            "adeli": practitioner.adeli,
            "rpps": practitioner.rpps,
            "vat_regime": VatRegime.FRANCHISE,
        }


# --- Staff recording a company's payment ---------------------------------------------------------

#: A company pays a month of sessions at most: far below this, which only catches typing slips.
MAX_COMPANY_PAYMENT_CENTS = 1_000_000 * 100


def amount_cents(text: str) -> int:
    """Euros as staff type them, French or English style, into exact cents (never a float):
    "1 200,50", "1200.50", "1.200,50", "1,200.50", "45 €". A single separator followed by three
    digits ("1,200") could be either style: refused rather than guessed."""
    invalid = forms.ValidationError(
        _("Write an amount in euros, for example 1200,50 or 1200.50."), code="format"
    )
    cleaned = re.sub(r"(?i)(€|eur)$", "", (text or "").strip()).strip()
    cleaned = re.sub(r"[\s\u00a0\u202f]", " ", cleaned)
    if not cleaned.isascii():  # "１２" or "٣" are digits to `re`, not amounts
        raise invalid
    if " " in cleaned:  # spaces only between thousands ("1 200")
        if not re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d{1,2})?", cleaned):
            raise invalid
        cleaned = cleaned.replace(" ", "")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rindex(",") > cleaned.rindex(".") else "."
        thousands = "." if decimal_mark == "," else ","
        if not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+\{decimal_mark}\d{{1,2}}", cleaned):
            raise invalid
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif re.fullmatch(r"\d+[.,]\d{3}", cleaned):
        raise forms.ValidationError(
            _("Is that thousands or cents? Write 1200 or 1200,00 (no thousands separator)."),
            code="ambiguous",
        )
    else:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", cleaned):
        raise invalid
    try:
        cents = int(Decimal(cleaned) * 100)
    except InvalidOperation:
        raise invalid from None
    if cents <= 0:
        raise forms.ValidationError(_("The amount must be more than zero."), code="min")
    if cents > MAX_COMPANY_PAYMENT_CENTS:
        raise invalid
    return cents


class CompanyPaymentForm(forms.Form):
    """A bank transfer received from a company, against one of its invoices."""

    amount = forms.CharField(
        label=_("Amount received (€)"),
        max_length=30,
        help_text=_("In euros, for example 1200,50 or 1200.50."),
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Write a date, for example 2026-12-07.")},
    )
    bank_reference = forms.CharField(
        label=_("Bank reference"),
        max_length=80,
        help_text=_("As it appears on the bank statement."),
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_amount(self):
        return amount_cents(self.cleaned_data["amount"])

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > self.today:
            raise forms.ValidationError(_("A payment cannot be received in the future."))
        return received_on

    def clean_bank_reference(self):
        reference = " ".join(self.cleaned_data["bank_reference"].split())
        if not reference:
            raise forms.ValidationError(_("Write the bank reference of the transfer."))
        return reference


class CompanyPaymentReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this record wrong?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the reversal, for the accountants."),
    )
