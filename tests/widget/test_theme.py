"""The widget's theme: WCAG contrast arithmetic, the form's clear refusals, the allowed sites'
validation, the CSS a theme produces, and the settings page (preview, snippet, saving; the
practitioner's own page, closed to secretaries)."""

import re

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import PractitionerFactory, UserFactory
from widget import theme
from widget.forms import WidgetThemeForm
from widget.models import WidgetTheme
from widget.selectors import theme_css, theme_values

colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")

VALID = {
    "scheme": "light",
    "accent": "#2f6f6a",
    "background": "#ffffff",
    "accent_dark": "#8fd0c7",
    "background_dark": "#141b1b",
    "font": "system",
    "button_style": "pill",
    "allowed_origins": "",
}


def test_contrast_matches_the_wcag_reference_values():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert theme.contrast("#2f6f6a", "#ffffff") == pytest.approx(5.9, abs=0.1)


@given(colours)
def test_the_button_label_colour_always_reads_on_its_button(colour):
    assert theme.contrast(theme.on_colour(colour), colour) >= 4.5


@given(colours, colours)
def test_a_theme_the_form_accepts_is_readable(accent, background):
    form = WidgetThemeForm({**VALID, "accent": accent, "background": background})
    if form.is_valid():
        assert theme.contrast(accent, background) >= 4.5
        for text in theme.SITE_TEXT["light"]:
            assert theme.contrast(text, background) >= 4.5


def test_a_pale_accent_is_refused_with_the_measured_ratio():
    form = WidgetThemeForm({**VALID, "accent": "#a0d0c0"})
    assert not form.is_valid()
    (error,) = form.errors["accent"]
    assert "1.7:1" in error and "4.5:1" in error and "darker accent" in error


def test_a_dark_background_is_refused_for_the_light_scheme():
    form = WidgetThemeForm({**VALID, "background": "#333333"})
    assert not form.is_valid()
    assert "lighter background" in form.errors["background"][0]


def test_the_dark_colours_are_checked_only_when_used():
    pale_dark = {**VALID, "accent_dark": "#203030"}
    assert WidgetThemeForm(pale_dark).is_valid()  # light scheme: the dark colours are unused
    for scheme in ("dark", "auto"):
        form = WidgetThemeForm({**pale_dark, "scheme": scheme})
        assert not form.is_valid()
        assert "lighter accent" in form.errors["accent_dark"][0]


@pytest.mark.parametrize("bad", ["red", "#12345", "#gggggg", "#1234567", "", "url(x)"])
def test_a_colour_must_be_six_hex_digits(bad):
    form = WidgetThemeForm({**VALID, "accent": bad})
    assert not form.is_valid() and "accent" in form.errors


@pytest.mark.parametrize("field,bad", [("font", "comic"), ("scheme", "neon"),
                                       ("button_style", "blob")])  # fmt: skip
def test_fonts_schemes_and_button_styles_come_from_the_lists(field, bad):
    assert field in WidgetThemeForm({**VALID, field: bad}).errors


def test_allowed_sites_are_normalised():
    form = WidgetThemeForm(
        {
            **VALID,
            "allowed_origins": "https://www.Cabinet-Martin.fr/\n https://*.martin.fr, "
            "http://localhost:8000 https://www.cabinet-martin.fr",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["allowed_origins"] == (
        "https://www.cabinet-martin.fr\nhttps://*.martin.fr\nhttp://localhost:8000"
    )


@pytest.mark.parametrize(
    "bad,says",
    [
        ("http://www.martin.fr", "not secure"),
        ("https://www.martin.fr/booking", "page path"),
        ("https://user:pw@martin.fr", "user name"),
        ("martin.fr", "not a site address"),
        ("https://martin.fr;script-src", "not a site address"),
        ("https://martin.fr 'unsafe-inline'", "not a site address"),
        ("javascript:alert(1)", "not a site address"),
        ("*", "not a site address"),
        ("https://*", "not a site address"),
    ],
)
def test_bad_sites_are_refused_clearly(bad, says):
    form = WidgetThemeForm({**VALID, "allowed_origins": bad})
    assert not form.is_valid()
    assert says in form.errors["allowed_origins"][0]


def test_at_most_ten_sites():
    many = "\n".join(f"https://site{n}.fr" for n in range(11))
    assert (
        "At most 10"
        in WidgetThemeForm({**VALID, "allowed_origins": many}).errors["allowed_origins"][0]
    )


def test_wildcards_match_subdomains_only():
    assert theme.origin_allowed("https://www.martin.fr", ["https://*.martin.fr"])
    assert not theme.origin_allowed("https://evilmartin.fr", ["https://*.martin.fr"])
    assert not theme.origin_allowed("http://www.martin.fr", ["https://*.martin.fr"])


def test_the_css_of_a_theme():
    values = {**VALID, "scheme": "auto", "font": "serif", "button_style": "square"}
    css = theme_css(values)
    assert "--primary: #2f6f6a;" in css and "--on-primary: #ffffff;" in css
    assert "@media (prefers-color-scheme: dark)" in css and "--primary: #8fd0c7;" in css
    assert "--font: Charter" in css and "--button-radius: 2px;" in css
    assert "@media" not in theme_css(VALID) and "color-scheme: light;" in theme_css(VALID)


def test_the_css_never_contains_anything_but_hex_colours():
    css = theme_css({**VALID, "accent": "red;}</style><script>", "background": "#fff"})
    assert "<" not in css and "--primary: #2f6f6a;" in css and "--bg: #ffffff;" in css


# --- The settings page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_settings_page_shows_the_preview_and_the_snippet(client):
    practitioner = PractitionerFactory(slug="claire-martin", legal_name="Claire Martin")
    client.force_login(practitioner.user)
    response = client.get("/en/pro/widget/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/en/widget/practitioner/claire-martin/"' in html
    assert (
        "&lt;iframe src=&quot;http://testserver/en/widget/practitioner/claire-martin/&quot; "
        "title=&quot;Book an appointment with Claire Martin&quot;"
    ) in html
    assert "&lt;script src=&quot;http://testserver/static/widget/embed.js&quot; async" in html
    assert 'data-copy="widget-snippet"' in html


@pytest.mark.django_db
def test_preview_without_javascript_shows_the_draft_and_saves_nothing(client):
    practitioner = PractitionerFactory(slug="claire-martin")
    client.force_login(practitioner.user)
    response = client.post(
        "/en/pro/widget/", {**VALID, "accent": "#7a2e5c", "font": "serif", "preview": "1"}
    )
    assert response.status_code == 200
    assert not WidgetTheme.objects.exists()
    preview_url = re.search(
        r'src="(/en/widget/practitioner/claire-martin/\?theme=[^"]+)"',
        response.content.decode().replace("&amp;", "&"),
    ).group(1)
    frame = client.get(preview_url).content.decode()
    assert "--primary: #7a2e5c;" in frame and "--font: Charter" in frame
    # A forged draft is ignored: the saved (here default) theme shows.
    forged = client.get("/en/widget/practitioner/claire-martin/?theme=abc").content.decode()
    assert "--primary: #2f6f6a;" in forged


@pytest.mark.django_db
def test_saving_a_theme_and_refusing_an_unreadable_one(client):
    practitioner = PractitionerFactory(slug="claire-martin")
    client.force_login(practitioner.user)
    refused = client.post("/en/pro/widget/", {**VALID, "accent": "#dddddd", "save": "1"})
    assert refused.status_code == 400
    assert "Not readable enough" in refused.content.decode()
    assert not WidgetTheme.objects.exists()
    saved = client.post(
        "/en/pro/widget/",
        {**VALID, "accent": "#7a2e5c", "allowed_origins": "https://martin.fr", "save": "1"},
    )
    assert saved.status_code == 302
    row = WidgetTheme.objects.get(practitioner=practitioner)
    assert theme_values(row)["accent"] == "#7a2e5c" and row.origins == ["https://martin.fr"]
    widget = client.get("/en/widget/practitioner/claire-martin/")
    assert "--primary: #7a2e5c;" in widget.content.decode()
    assert widget["Content-Security-Policy"] == "frame-ancestors 'self' https://martin.fr"


@pytest.mark.django_db
def test_the_settings_page_is_the_practitioners_own(client):
    from bookings.models import AgendaDelegation

    practitioner = PractitionerFactory()
    secretary = UserFactory()
    AgendaDelegation.objects.create(
        practitioner=practitioner, delegate=secretary, created_at=timezone.now()
    )
    client.force_login(secretary)
    assert client.get("/en/pro/widget/").status_code == 403
    client.force_login(UserFactory())
    assert client.get("/en/pro/widget/").status_code == 403
    client.logout()
    assert client.get("/en/pro/widget/").status_code == 302


@pytest.mark.django_db
def test_the_theme_service_refuses_what_the_form_would():
    """The rules hold whoever saves: an unreadable colour pair, or a site that is not a plain
    https origin, never reaches the database."""
    from widget.services import widget_theme_save

    claire = PractitionerFactory()

    readable = {"scheme": "light", "accent": "#2f6f6a", "background": "#ffffff"}
    with pytest.raises(ValueError, match="unreadable light colours"):
        widget_theme_save(practitioner=claire, values={**readable, "accent": "#a0d0c0"})
    with pytest.raises(ValueError):
        widget_theme_save(
            practitioner=claire, values={**readable, "allowed_origins": "https://x.fr; script-src"}
        )
    assert not WidgetTheme.objects.exists()
    saved = widget_theme_save(
        practitioner=claire, values={**readable, "allowed_origins": "https://www.cabinet.fr"}
    )
    assert saved.accent == "#2f6f6a"
