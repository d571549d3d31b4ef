"""Background jobs of the outbox. Tasks take ids and call a service; they decide nothing."""

from django.utils import timezone
from django_tasks import task

from khepri.periodic import every
from notifications import services


@task()
def send_message(message_id: int) -> str | None:
    """Send one outbound message (enqueued when the transaction that wrote it commits)."""
    return services.message_send(message_id=message_id, now=timezone.now())


@every(minutes=1)
@task()
def send_due_messages() -> int:
    """Send what is due and was not sent: lost enqueues, retries after a provider error."""
    return services.messages_send_due(now=timezone.now())
