"""The test-mode card form of the offline gateway (real cards go to Stripe's own form and never
reach this server)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _


def luhn_valid(number: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


class TestCardForm(forms.Form):
    card_number = forms.CharField(
        label=_("Card number"),
        max_length=23,
        widget=forms.TextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric"}),
    )
    expiry = forms.CharField(
        label=_("Expiry date (MM/YY)"),
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "cc-exp", "inputmode": "numeric"}),
    )
    security_code = forms.CharField(
        label=_("Security code"),
        max_length=4,
        help_text=_("The 3 digits on the back of the card."),
        widget=forms.TextInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric"}),
    )

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or date.today()

    def clean_card_number(self):
        number = "".join(self.cleaned_data["card_number"].split()).replace("-", "")
        if not number.isdigit() or not 13 <= len(number) <= 19 or not luhn_valid(number):
            raise forms.ValidationError(
                _("This card number is not valid: check the digits on the front of the card.")
            )
        return number

    def clean_expiry(self):
        value = self.cleaned_data["expiry"].replace(" ", "")
        try:
            month, year = value.split("/")
            month, year = int(month), int(year)
        except ValueError:
            raise forms.ValidationError(
                _("Write the expiry date as on the card, e.g. 04/29.")
            ) from None
        year += 2000 if year < 100 else 0
        if not 1 <= month <= 12:
            raise forms.ValidationError(_("Write the expiry date as on the card, e.g. 04/29."))
        if (year, month) < (self.today.year, self.today.month):
            raise forms.ValidationError(_("This card has expired."))
        return f"{month:02d}/{year % 100:02d}"

    def clean_security_code(self):
        code = self.cleaned_data["security_code"].strip()
        if not code.isdigit() or len(code) not in (3, 4):
            raise forms.ValidationError(_("The security code is 3 digits (4 on some cards)."))
        return code


class CaptureAmountForm(forms.Form):
    """What to charge when closing a session (euros, as the practitioner types them)."""

    amount = forms.DecimalField(
        label=_("Amount to charge (€)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
    )

    @property
    def cents(self) -> int:
        return int(self.cleaned_data["amount"] * 100)


class RefundAmountForm(CaptureAmountForm):
    """What to give back to the patient's card (staff). `request_key` names this request: the
    same form sent twice refunds once."""

    request_key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = _("Amount to refund (€)")


class TopUpForm(forms.Form):
    """How much to put on the balance: one of the usual amounts, or another within bounds."""

    OTHER = "other"

    choice = forms.ChoiceField(label=_("Amount"), widget=forms.RadioSelect)
    other_amount = forms.DecimalField(
        label=_("Other amount (€)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
    )
    #: Names this submission: the same form sent twice pays once.
    request_key = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from payments.balance import TOPUP_CHOICES_CENTS, TOPUP_MAX_CENTS, TOPUP_MIN_CENTS
        from site_pages.templatetags.khepri_tags import cents

        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [
            (str(amount), cents(amount)) for amount in TOPUP_CHOICES_CENTS
        ] + [(self.OTHER, _("Another amount"))]
        self.fields["choice"].initial = str(TOPUP_CHOICES_CENTS[1])
        self.fields["other_amount"].help_text = _("Between %(low)s and %(high)s.") % {
            "low": cents(TOPUP_MIN_CENTS),
            "high": cents(TOPUP_MAX_CENTS),
        }
        self.bounds = (TOPUP_MIN_CENTS, TOPUP_MAX_CENTS)

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("choice")
        if choice is None:
            return cleaned
        if choice == self.OTHER:
            other = cleaned.get("other_amount")
            if other is None:
                if "other_amount" not in self.errors:
                    self.add_error("other_amount", _("Write the amount to add, e.g. 35."))
                return cleaned
            amount = int(other * 100)
        else:
            amount = int(choice)
        low, high = self.bounds
        if not low <= amount <= high:
            self.add_error("other_amount", self.fields["other_amount"].help_text)
            return cleaned
        cleaned["amount_cents"] = amount
        return cleaned


class TopUpRefundForm(RefundAmountForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = _("Amount to give back to the card (€)")
