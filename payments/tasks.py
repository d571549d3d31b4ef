"""Background jobs of payments. Tasks take ids and call a service; they decide nothing."""

import logging

from django.utils import timezone
from django_tasks import task

from khepri.periodic import every
from payments import services
from payments.gateways import GatewayError
from payments.models import Payment

logger = logging.getLogger(__name__)


@task()
def settle_booking_payment(booking_id: int) -> str | None:
    """Capture, take the fee or release the payment of a booking that just ended (or give
    back or spend its package credit)."""
    from bookings.models import Booking
    from payments.packages import package_settle

    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is not None:
        package_settle(booking=booking, now=timezone.now())
    payment = Payment.objects.filter(booking_id=booking_id).first()
    status = None
    if payment is not None:
        try:
            status = services.payment_settle(payment=payment, now=timezone.now()).status
        except (GatewayError, services.PaymentError) as error:
            # The periodic catch-up tries again; staff see the call's error.
            logger.warning("Settling the payment of booking %s failed: %s", booking_id, error)
    if booking is not None:
        from payments.referrals import referral_reward

        referral_reward(referred_id=booking.patient_id, now=timezone.now())
    return status


@every(minutes=5)
@task()
def settle_payments() -> int:
    """Catch up: payments of ended bookings still open (provider down, lost tasks), and
    sessions nobody closed."""
    return services.payments_settle_due(now=timezone.now())


@every(minutes=15)
@task()
def authorise_saved_cards() -> dict[str, int]:
    """Sessions booked far ahead: authorise their saved card a few days before, renew
    authorisations about to lapse, remind patients whose card is still needed."""
    from payments.cards import authorisations_run

    return authorisations_run(now=timezone.now())


@task()
def transfer_package_sale(package_id: int) -> str:
    """A practitioner's own package was bought: their share to their connected account."""
    from payments.connect import package_sale_transfer

    try:
        row = package_sale_transfer(package_id=package_id, now=timezone.now())
    except GatewayError as error:  # kept on the transfer's row; `retry_transfers` retries
        logger.warning("The transfer of package %s failed: %s", package_id, error)
        return "failed"
    return row.gateway_reference if row else "none"


@task()
def transfer_package_session(use_id: int) -> str:
    """A platform-wide package's credit was spent: the session's part to the account of the
    practitioner who held it."""
    from payments.connect import package_session_transfer

    try:
        row = package_session_transfer(use_id=use_id, now=timezone.now())
    except GatewayError as error:
        logger.warning("The transfer of package use %s failed: %s", use_id, error)
        return "failed"
    return row.gateway_reference if row else "none"


@every(minutes=30)
@task()
def retry_transfers() -> int:
    """Catch up: package transfers to connected accounts that failed (provider down)."""
    from payments.connect import transfers_retry

    return transfers_retry(now=timezone.now())
