"""A practitioner's widget theme as pure values: colours checked against WCAG 2.2 AA, a calm
list of font stacks, the palette (CSS custom properties of the site's stylesheet) each scheme
gets, and the origins a widget may be framed by. No Django import.

The theme chooses an accent (links, buttons, focus ring) and a background per scheme; text
colours are the site's own, and a theme is refused when one of them, or the accent, would fall
below 4.5:1 against its background — so any saved theme is readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

#: The minimum contrast of text (and of a button against the page) for WCAG 2.2 AA.
AA_TEXT = 4.5

#: Font stacks that need no download (system fonts only): calm, legible, fast.
FONT_STACKS = {
    "system": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    "humanist": 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, '
    "sans-serif",
    "rounded": 'ui-rounded, "Hiragino Maru Gothic ProN", Quicksand, Comfortaa, Manjari, '
    '"Arial Rounded MT", "Arial Rounded MT Bold", Calibri, source-sans-pro, sans-serif',
    "serif": 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
}

#: Corner radius of buttons and time buttons per button style.
BUTTON_RADII = {"rounded": "10px", "pill": "999px", "square": "2px"}

#: The site's own text colours per scheme (text, muted, error), which every theme keeps.
SITE_TEXT = {
    "light": ("#1f2a2a", "#4d5b5a", "#9b2c2c"),
    "dark": ("#e7eeec", "#b3c2bf", "#f1a3a3"),
}


def luminance(colour: str) -> float:
    """Relative luminance of `#rrggbb` (WCAG 2.x definition)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """Contrast ratio between two `#rrggbb` colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`share` of `other` blended into `colour` (both `#rrggbb`)."""
    values = [
        round(int(colour[i : i + 2], 16) * (1 - share) + int(other[i : i + 2], 16) * share)
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{value:02x}" for value in values)


def on_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (always at least 4.58:1)."""
    return (
        "#000000"
        if contrast("#000000", background) >= contrast("#ffffff", background)
        else ("#ffffff")
    )


@dataclass(frozen=True)
class Problem:
    """A reason a theme is refused: which field, and the numbers to show."""

    field: str
    kind: str  # "accent" (accent vs background) or "background" (site text vs background)
    scheme: str
    ratio: float
    foreground: str
    background: str


def scheme_problems(*, scheme: str, accent: str, background: str) -> list[Problem]:
    """What would be unreadable in one scheme ("light" or "dark")."""
    problems = []
    suffix = "" if scheme == "light" else "_dark"
    for text in SITE_TEXT[scheme]:
        ratio = contrast(text, background)
        if ratio < AA_TEXT:
            problems.append(
                Problem("background" + suffix, "background", scheme, ratio, text, background)
            )
            break
    ratio = contrast(accent, background)
    if ratio < AA_TEXT:
        problems.append(Problem("accent" + suffix, "accent", scheme, ratio, accent, background))
    return problems


def schemes_used(mode: str) -> tuple[str, ...]:
    return {"light": ("light",), "dark": ("dark",)}.get(mode, ("light", "dark"))


def palette(*, scheme: str, accent: str, background: str) -> dict[str, str]:
    """The site stylesheet's custom properties for one scheme of a (valid) theme."""
    text, muted, danger = SITE_TEXT[scheme]
    return {
        "--bg": background,
        "--surface": background,
        "--text": text,
        "--muted": muted,
        "--primary": accent,
        "--primary-strong": accent,
        "--on-primary": on_colour(accent),
        "--accent": mix(background, accent, 0.1),
        "--border": mix(background, text, 0.3),
        "--focus": accent,
        "--danger": danger,
    }


# --- Origins allowed to frame the widget --------------------------------------------------------

ORIGIN = re.compile(
    r"^(?P<scheme>https?)://(?P<host>(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)"
    r"(:(?P<port>[0-9]{1,5}))?$"
)
LOCAL_HOSTS = {"localhost", "127.0.0.1"}
MAX_ORIGINS = 10


class OriginError(ValueError):
    """`value` is not an origin a widget may be framed by; `reason` names the rule."""

    def __init__(self, value: str, reason: str):
        super().__init__(value)
        self.value, self.reason = value, reason


def parse_origins(text: str) -> list[str]:
    """The origins of a list typed one per line (or separated by spaces or commas), normalised
    to `scheme://host[:port]`. Raises `OriginError` for the first one that is not acceptable:
    https only (http for localhost, to try a site locally), no path, query or credentials."""
    origins: list[str] = []
    for raw in re.split(r"[\s,]+", text.strip()):
        if not raw:
            continue
        value = raw.lower().rstrip("/")
        parts = urlsplit(value)
        if parts.username or parts.password or "@" in value:
            raise OriginError(raw, "credentials")
        match = ORIGIN.match(value)
        if not match:
            reason = "path" if parts.scheme and parts.netloc and parts.path else "format"
            raise OriginError(raw, reason)
        if match["scheme"] == "http" and match["host"] not in LOCAL_HOSTS:
            raise OriginError(raw, "https")
        if match["port"] and not 0 < int(match["port"]) < 65536:
            raise OriginError(raw, "format")
        if value not in origins:
            origins.append(value)
    if len(origins) > MAX_ORIGINS:
        raise OriginError(origins[MAX_ORIGINS], "too_many")
    return origins


def origin_allowed(origin: str, patterns: list[str]) -> bool:
    """Whether `origin` (`scheme://host[:port]`) is one of `patterns` (a `*.` pattern matches
    subdomains, as in CSP)."""
    for pattern in patterns:
        if pattern == origin:
            return True
        scheme, _, rest = pattern.partition("://")
        if (
            rest.startswith("*.")
            and origin.startswith(scheme + "://")
            and origin.partition("://")[2].endswith(rest[1:])
        ):
            return True
    return False
