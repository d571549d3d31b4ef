"""Background jobs of accounts. Tasks take ids and call a service; they decide nothing."""

from django_tasks import task

from accounts import services
from khepri.periodic import every


@task()
def erased_cards_detach(card_ids: list[int]) -> int:
    """Right after an erasure: forget its saved cards at the provider and here."""
    return services.erased_cards_forget(card_ids=card_ids)


@every(hours=1)
@task()
def erased_cards_catch_up() -> int:
    """Cards of erased accounts the provider could not detach at once (it was out of reach)."""
    return services.erased_cards_forget()
