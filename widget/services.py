"""Writes of the widget: a practitioner's theme."""

from django.db import transaction

from practitioners.models import Practitioner
from widget import theme
from widget.models import WidgetTheme


def widget_theme_save(*, practitioner: Practitioner, values: dict) -> WidgetTheme:
    """Save the practitioner's theme (`values` validated by `WidgetThemeForm`, which explains
    each problem). The rules hold here too, whoever calls: an unreadable colour pair or a
    site that is not a plain origin is refused (`ValueError`)."""
    scheme = values.get("scheme", "auto")
    for used in theme.schemes_used(scheme):
        suffix = "" if used == "light" else "_dark"
        accent, background = values.get("accent" + suffix), values.get("background" + suffix)
        if (
            accent
            and background
            and theme.scheme_problems(scheme=used, accent=accent, background=background)
        ):
            raise ValueError(f"unreadable {used} colours: {accent} on {background}")
    theme.parse_origins(values.get("allowed_origins", ""))  # raises OriginError (a ValueError)
    with transaction.atomic():
        row, _created = WidgetTheme.objects.select_for_update().get_or_create(
            practitioner=practitioner
        )
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return row
