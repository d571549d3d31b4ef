"""Writes of the widget: a practitioner's theme."""

from django.db import transaction

from practitioners.models import Practitioner
from widget.models import WidgetTheme


def widget_theme_save(*, practitioner: Practitioner, values: dict) -> WidgetTheme:
    """Save the practitioner's theme (`values` already validated by `WidgetThemeForm`)."""
    with transaction.atomic():
        row, _created = WidgetTheme.objects.select_for_update().get_or_create(
            practitioner=practitioner
        )
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return row
