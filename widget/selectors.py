"""Reads for the widget: a practitioner's theme (saved or default), its CSS, its framing."""

from __future__ import annotations

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape

from practitioners.models import Practitioner
from widget import theme
from widget.models import WidgetTheme

THEME_FIELDS = (
    "scheme",
    "accent",
    "background",
    "accent_dark",
    "background_dark",
    "font",
    "button_style",
    "allowed_origins",
)


def theme_for(practitioner: Practitioner | None) -> WidgetTheme:
    """The practitioner's saved theme, or the defaults (unsaved) when there is none."""
    if practitioner is not None:
        saved = WidgetTheme.objects.filter(practitioner=practitioner).first()
        if saved is not None:
            return saved
    return WidgetTheme(practitioner=practitioner)


def theme_values(row: WidgetTheme) -> dict:
    return {name: getattr(row, name) for name in THEME_FIELDS}


def _rules(values: dict, scheme: str) -> str:
    suffix = "" if scheme == "light" else "_dark"
    default = WidgetTheme()
    # Colours go into a style sheet: only `#rrggbb` ever reaches it.
    accent, background = (
        value if theme.HEX.match(str(value)) else getattr(default, name + suffix)
        for name, value in (
            ("accent", values.get("accent" + suffix)),
            ("background", values.get("background" + suffix)),
        )
    )
    properties = theme.palette(scheme=scheme, accent=accent, background=background)
    return " ".join(f"{name}: {value};" for name, value in properties.items())


def theme_css(values: dict) -> str:
    """The style sheet of a (validated) theme: the site's custom properties for its schemes,
    its font stack and button shape."""
    font = theme.FONT_STACKS.get(values["font"], theme.FONT_STACKS["system"])
    radius = theme.BUTTON_RADII.get(values["button_style"], theme.BUTTON_RADII["pill"])
    common = f"--font: {font}; --button-radius: {radius};"
    if values["scheme"] == "auto":
        return (
            f":root {{ color-scheme: light dark; {common} {_rules(values, 'light')} }}\n"
            "@media (prefers-color-scheme: dark) { "
            f":root {{ {_rules(values, 'dark')} }} }}"
        )
    scheme = "dark" if values["scheme"] == "dark" else "light"
    return f":root {{ color-scheme: {scheme}; {common} {_rules(values, scheme)} }}"


def frame_ancestors(origins: list[str]) -> str:
    """The `frame-ancestors` source list of a widget page: the site itself (the settings
    page's preview) and the practitioner's sites; with none listed, any https site and the
    local addresses of `KHEPRI_WIDGET_DEV_FRAME_ANCESTORS` (development and tests only)."""
    sources = ["'self'"] + (
        list(origins) if origins else ["https:", *settings.KHEPRI_WIDGET_DEV_FRAME_ANCESTORS]
    )
    return "frame-ancestors " + " ".join(sources)


def message_targets(origins: list[str], host: str) -> list[str]:
    """Where the widget's `postMessage` events may go (the browser delivers a message only when
    its target is the host page's origin).

    The host page's origin when it is known (from the first request's Referer) and allowed;
    else every site the practitioner listed (only the one framing the widget receives it);
    else "*": no list means any site may frame the widget, and the events carry nothing
    private (a status and a time, never a name or a therapy)."""
    if host and (not origins or theme.origin_allowed(host, origins)):
        return [host]
    exact = [origin for origin in origins if "*" not in origin]
    if exact and len(exact) == len(origins):
        return exact
    return ["*"]


def embed_script_path() -> str:
    return static("widget/embed.js")


def snippet(*, frame_url: str, script_url: str, title: str) -> str:
    """The HTML a practitioner pastes into their site: the frame, and the optional script that
    fits its height to the content."""
    return (
        f'<iframe src="{escape(frame_url)}" title="{escape(title)}" '
        'style="width:100%;max-width:44rem;height:760px;border:0" loading="lazy" '
        "data-khepri-widget></iframe>\n"
        f'<script src="{escape(script_url)}" async></script>'
    )
