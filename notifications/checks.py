"""System checks: an SMS configuration that could not send is reported at start-up, not when
the first reminder fails."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from notifications.sms import SENDER_PATTERN, BrevoBackend, ConsoleBackend


@checks.register()
def sms_settings_check(app_configs, **kwargs):
    errors = []
    sender = str(getattr(settings, "KHEPRI_SMS_SENDER", ""))
    if not SENDER_PATTERN.fullmatch(sender):
        errors.append(
            checks.Error(
                f"KHEPRI_SMS_SENDER {sender!r} is not a valid SMS sender.",
                hint="Use 1 to 11 letters or digits (no spaces, no accents), or a number.",
                id="notifications.E001",
            )
        )
    path = getattr(settings, "KHEPRI_SMS_BACKEND", "")
    try:
        backend = import_string(path)
    except ImportError:
        errors.append(
            checks.Error(
                f"KHEPRI_SMS_BACKEND {path!r} cannot be imported.",
                hint="For example notifications.sms.BrevoBackend.",
                id="notifications.E002",
            )
        )
        return errors
    is_brevo = isinstance(backend, type) and issubclass(backend, BrevoBackend)
    if is_brevo and not getattr(settings, "KHEPRI_SMS_BREVO_API_KEY", ""):
        errors.append(
            checks.Error(
                "The Brevo SMS backend has no API key.",
                hint="Set KHEPRI_SMS_BREVO_API_KEY (or BREVO_API_KEY) in the environment.",
                id="notifications.E003",
            )
        )
    return errors


@checks.register(deploy=True)
def sms_deploy_check(app_configs, **kwargs):
    path = getattr(settings, "KHEPRI_SMS_BACKEND", "")
    try:
        backend = import_string(path)
    except ImportError:
        return []  # reported by sms_settings_check
    if isinstance(backend, type) and issubclass(backend, ConsoleBackend):
        return [
            checks.Warning(
                "Text messages are only written to the console.",
                hint="Set KHEPRI_SMS_BACKEND to a real provider, e.g. "
                "notifications.sms.BrevoBackend.",
                id="notifications.W001",
            )
        ]
    return []
