from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _settle_after_commit(sender, booking, before, now, **kwargs):
    """A booking that ended settles its employer-paid session once the change commits."""
    from django.db import transaction

    from employers.tasks import settle_covered_session

    if booking.state in ("held", "requested", "confirmed"):
        return

    def enqueue():
        try:
            settle_covered_session.enqueue(booking.pk)
        except Exception:  # the periodic catch-up settles it within minutes
            import logging

            logging.getLogger(__name__).exception("Could not enqueue a covered settlement.")

    transaction.on_commit(enqueue)


def _paid_by_employer(booking) -> bool:
    """The booking's session is paid by the patient's employer (not given back)."""
    from employers.models import CoveredSession

    return CoveredSession.objects.filter(booking=booking, returned_at__isnull=True).exists()


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = _("Employer programmes")

    def ready(self):
        from bookings.signals import booking_state_changed

        booking_state_changed.connect(_settle_after_commit, dispatch_uid="employers.settle")
        from payments.services import paid_otherwise_checks

        if _paid_by_employer not in paid_otherwise_checks:
            paid_otherwise_checks.append(_paid_by_employer)
