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
