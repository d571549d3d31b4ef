from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _settle_after_commit(sender, booking, before, now, **kwargs):
    """A booking that ended (completed, cancelled, declined...) settles its payment once the
    change commits: the provider is never called with the agenda locked."""
    from django.db import transaction

    from payments.tasks import settle_booking_payment

    if booking.state in ("held", "requested", "confirmed"):
        return

    def enqueue():
        try:
            settle_booking_payment.enqueue(booking.pk)
        except Exception:  # the periodic catch-up settles it within minutes
            import logging

            logging.getLogger(__name__).exception("Could not enqueue payment settlement.")

    transaction.on_commit(enqueue)


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from bookings.signals import booking_state_changed

        booking_state_changed.connect(_settle_after_commit, dispatch_uid="payments.settle")
        from payments import messages  # noqa: F401 - registers the payment messages
