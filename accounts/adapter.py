"""allauth, fitted to Khepri's `User`: the phone number lives on the user, and its verification
code goes out through the platform's SMS backend (`notifications.sms`)."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    def set_phone(self, user: User, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user: User) -> tuple[str, bool] | None:
        if not user.phone:
            return None
        return str(user.phone), user.phone_verified

    def set_phone_verified(self, user: User, phone: str) -> None:
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str) -> User | None:
        # Only a verified number belongs to someone: a family may share an unverified phone.
        return User.objects.filter(phone=phone, phone_verified=True).order_by("pk").first()

    def send_verification_code_sms(self, user: User, phone: str, code: str, **kwargs) -> None:
        from notifications.sms import send_sms

        with translation.override(user.language or None):
            text = _("Your Khepri code: %(code)s. It expires in 15 minutes.") % {"code": code}
        send_sms(to=phone, text=text)
