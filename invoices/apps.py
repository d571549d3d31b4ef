import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def _enqueue(task_name: str, *args) -> None:
    """Enqueue an issuing task (the periodic catch-up issues it if this fails)."""
    from invoices import tasks

    try:
        getattr(tasks, task_name).enqueue(*args)
    except Exception:
        logger.exception("Could not enqueue %s%s.", task_name, args)


def _on_captured(sender, payment_id, **kwargs):
    _enqueue("issue_for_payment", payment_id)


def _on_refunded(sender, payment_id, call_id, **kwargs):
    _enqueue("issue_for_refund", call_id)


def _on_package_bought(sender, package_id, **kwargs):
    _enqueue("issue_for_package", package_id)


def _on_credit_spent(sender, use_id, **kwargs):
    _enqueue("issue_for_package_use", use_id)


class InvoicesConfig(AppConfig):
    name = "invoices"
    verbose_name = _("Invoices")

    def ready(self):
        from invoices import messages  # noqa: F401 - registers the message kinds
        from payments import signals

        signals.payment_captured.connect(_on_captured, dispatch_uid="invoices.captured")
        signals.payment_refunded.connect(_on_refunded, dispatch_uid="invoices.refunded")
        signals.package_bought.connect(_on_package_bought, dispatch_uid="invoices.package")
        signals.package_credit_spent.connect(_on_credit_spent, dispatch_uid="invoices.use")
