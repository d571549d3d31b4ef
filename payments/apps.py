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


def _enqueue(task, *args) -> None:
    """Receivers of payments' own signals (already after commit) hand the work to a task."""
    try:
        task.enqueue(*args)
    except Exception:  # a failed transfer is retried; a lost one is left to the payout
        import logging

        logging.getLogger(__name__).exception("Could not enqueue %s.", task)


def _transfer_package_sale(sender, package_id, **kwargs):
    from payments.tasks import transfer_package_sale

    _enqueue(transfer_package_sale, package_id)


def _transfer_package_session(sender, use_id, **kwargs):
    from payments.tasks import transfer_package_session

    _enqueue(transfer_package_session, use_id)


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from bookings.signals import booking_state_changed

        booking_state_changed.connect(_settle_after_commit, dispatch_uid="payments.settle")
        from payments import signals

        signals.package_bought.connect(_transfer_package_sale, dispatch_uid="payments.connect")
        signals.package_credit_spent.connect(
            _transfer_package_session, dispatch_uid="payments.connect"
        )
        from allauth.account.signals import user_signed_up

        from payments import messages  # noqa: F401 - registers the payments messages
        from payments.referrals import record_at_signup

        user_signed_up.connect(record_at_signup, dispatch_uid="payments.referral_at_signup")
