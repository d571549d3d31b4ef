"""Reads for notifications: the wording of a message, the words messages must not contain."""

from __future__ import annotations

import logging

from notifications.models import MessageTemplate
from notifications.templating import MessageKind

logger = logging.getLogger(__name__)


def template_sources(kind: MessageKind, language: str) -> tuple[str, str] | None:
    """Staff's subject and body for `kind` in `language`, or None to use the default."""
    row = (
        MessageTemplate.objects.filter(key=kind.key, language=language)
        .values_list("subject", "body")
        .first()
    )
    return tuple(row) if row else None


def catalogue_words() -> list[str]:
    """Titles of the therapies, concerns, domains and therapy categories, in every language:
    none may appear in a message."""
    from wagtail.models import Page

    from therapies.models import ConcernPage, DomainPage, TherapyCategory, TherapyPage

    titles = Page.objects.type(TherapyPage, ConcernPage, DomainPage).values_list("title", flat=True)
    return sorted({*titles, *TherapyCategory.objects.values_list("title", flat=True)})
