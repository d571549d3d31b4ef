import pytest
from django.utils import translation

from notifications import sms


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (French is the site's default language)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.reset()
    yield
    sms.reset()
