"""The directory ("Our practitioners") and the day planning: filters, order, cards, notices,
query count. Selector tests run on a fixed clock; page tests on the real one (the agendas in
conftest are open every day, so there is always something free)."""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from bookings.models import Booking
from practitioners import selectors
from practitioners.models import Practitioner
from practitioners.selectors import DirectoryFilters, directory_search, planning_search
from tests.factories import BookingFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

PARIS = ZoneInfo("Europe/Paris")
TOKYO = ZoneInfo("Asia/Tokyo")
# Monday 7 December 2026, 06:00 UTC (07:00 in Paris): far from any clock change.
NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
MONDAY, TUESDAY = date(2026, 12, 7), date(2026, 12, 8)


def search(page, *, tz=PARIS, now=NOW, **filters):
    return directory_search(
        locale_id=page.locale_id, filters=DirectoryFilters(**filters), tz=tz, now=now
    )


def names(result) -> list[str]:
    return [card.page.title for card in result.cards]


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def visitor_today(tz=PARIS) -> date:
    return timezone.now().astimezone(tz).date()


# --- What is listed -------------------------------------------------------------------------------


def test_only_live_bookable_pages_of_the_locale_are_listed(
    directory, english_directory, make_practitioner
):
    make_practitioner("Anne Active")
    make_practitioner("Paula Paused", status=Practitioner.Status.PAUSED)
    make_practitioner("Denis Draft", live=False)
    make_practitioner("Emma English", english=True)

    assert names(search(directory)) == ["Anne Active", "Emma English"]
    assert names(search(english_directory)) == ["Emma English"]


def test_therapy_filter_accepts_the_slug_in_either_language(
    directory, english_directory, make_practitioner
):
    make_practitioner("Sophie Sophro", therapies=["sophrologie"], english=True)
    make_practitioner("Henri Hypno", therapies=["hypnotherapie"], english=True)

    french = search(directory, therapy="sophrologie")
    assert names(french) == ["Sophie Sophro"]
    assert french.notices == []
    from_english_slug = search(directory, therapy="sophrology")
    assert names(from_english_slug) == ["Sophie Sophro"]
    assert from_english_slug.filters.therapy == "sophrologie"  # selected in the French form
    english = search(english_directory, therapy="sophrologie")
    assert names(english) == ["Sophie Sophro"]
    assert english.filters.therapy == "sophrology"
    assert names(search(english_directory, therapy="hypnotherapy")) == ["Henri Hypno"]


def test_concern_filter_accepts_the_slug_in_either_language(directory, make_practitioner):
    make_practitioner("Sarah Sommeil", concerns=["sommeil"])
    make_practitioner("Serge Stress", concerns=["stress"])

    assert names(search(directory, concern="sommeil")) == ["Sarah Sommeil"]
    assert names(search(directory, concern="sleep-problems")) == ["Sarah Sommeil"]
    assert names(search(directory, concern="stress")) == ["Serge Stress"]


def test_language_gender_mode_and_new_patients_filters(directory, make_practitioner):
    make_practitioner("Alice Anglais", languages=["fr", "en"], gender="female", video=True)
    make_practitioner(
        "Bruno Bref", gender="male", video=False, phone=True, new_patients=False, completed=1
    )
    make_practitioner(
        "Cam Castillan", languages=["es"], gender="non_binary", video=True, phone=True
    )

    def found(**filters):
        return sorted(names(search(directory, **filters)))

    assert found(language="en") == ["Alice Anglais"]
    assert found(language="es") == ["Cam Castillan"]
    assert found(language="de") == []
    assert found(gender="male") == ["Bruno Bref"]
    assert found(gender="non_binary") == ["Cam Castillan"]
    assert found(mode="phone") == ["Bruno Bref", "Cam Castillan"]
    assert found(mode="video") == ["Alice Anglais", "Cam Castillan"]
    assert found(new_patients=True) == ["Alice Anglais", "Cam Castillan"]
    assert found(new_patients=False) == ["Alice Anglais", "Bruno Bref", "Cam Castillan"]


def test_name_is_matched_without_accents_or_capitals(directory, make_practitioner):
    make_practitioner("Hélène Dupont")
    make_practitioner("Marc Petit")

    for query in ("helene", "HÉLÈNE", "Helene", "dupont hél", "  ène  "):
        assert names(search(directory, name=query)) == ["Hélène Dupont"], query
    assert names(search(directory, name="zoé")) == []


def test_filters_combine(directory, make_practitioner):
    make_practitioner("Hélène Dupont", languages=["fr", "en"], therapies=["sophrologie"])
    make_practitioner("Hélène Martin", languages=["fr"], therapies=["sophrologie"])
    make_practitioner("Hélène Durand", languages=["en"], therapies=["hypnotherapie"])
    make_practitioner("Paul Dupont", languages=["en"], therapies=["sophrologie"], phone=True)

    result = search(directory, name="helene", language="en", therapy="sophrologie")
    assert names(result) == ["Hélène Dupont"]
    assert names(search(directory, language="en", therapy="sophrologie", mode="phone")) == [
        "Paul Dupont"
    ]
    assert names(
        search(directory, language="en", therapy="sophrologie", available_on=MONDAY, name="du")
    ) == ["Hélène Dupont", "Paul Dupont"]


# --- Availability -------------------------------------------------------------------------------


def test_a_date_is_read_in_the_visitor_time_zone(directory, make_practitioner):
    # Mondays 20:00–23:00 in Paris = Monday 19:00–22:00 UTC = Tuesday 04:00–07:00 in Tokyo.
    make_practitioner("Nadia Nuit", hours={0: [("20:00", "23:00")]})
    make_practitioner("Jules Journée", hours={1: [("09:00", "12:00")]})  # Tuesdays in Paris

    assert names(search(directory, available_on=MONDAY)) == ["Nadia Nuit"]
    assert names(search(directory, available_on=TUESDAY)) == ["Jules Journée"]
    # In Tokyo, Tuesday 8 December runs from Monday 15:00 to Tuesday 15:00 UTC.
    tokyo = search(directory, available_on=TUESDAY, tz=TOKYO)
    assert names(tokyo) == ["Nadia Nuit", "Jules Journée"]
    assert [slot.start for slot in tokyo.cards[0].slots] == [
        utc(MONDAY, 19),
        utc(MONDAY, 20),
        utc(MONDAY, 21),
    ]
    assert tokyo.availability.kind == "date"
    assert names(search(directory, available_on=MONDAY, tz=TOKYO)) == []


def test_a_utc_window_on_a_date_including_one_across_midnight(directory, make_practitioner):
    # Winter: Paris is UTC+1. Evenings 19:00–22:00 Paris = 18:00–21:00 UTC.
    make_practitioner("Sylvie Soir", hours={day: [("19:00", "22:00")] for day in range(7)})
    # Nights 00:00–02:00 Paris = 23:00–01:00 UTC, the evening before.
    make_practitioner("Noé Nuit", hours={day: [("00:00", "02:00")] for day in range(7)})

    evening = search(directory, available_on=TUESDAY, utc_from=time(18), utc_to=time(21))
    assert names(evening) == ["Sylvie Soir"]
    assert [slot.start for slot in evening.cards[0].slots] == [
        utc(TUESDAY, 18),
        utc(TUESDAY, 19),
        utc(TUESDAY, 20),  # ends 20:50, inside the window
    ]
    assert evening.availability.kind == "window_on_date"

    night = search(directory, available_on=TUESDAY, utc_from=time(22), utc_to=time(2))
    assert names(night) == ["Noé Nuit"]
    assert [slot.start for slot in night.cards[0].slots] == [
        utc(TUESDAY, 23),
        utc(TUESDAY + timedelta(days=1), 0),
    ]
    # A slot must fit in the window: 20:00–20:50 UTC does not fit in 20:30–21:30.
    assert (
        names(search(directory, available_on=TUESDAY, utc_from=time(20, 30), utc_to=time(21, 30)))
        == []
    )


def test_a_utc_window_without_a_date_is_tried_on_each_of_the_next_14_days(
    directory, make_practitioner
):
    make_practitioner("Sylvie Soir", hours={3: [("19:00", "22:00")]})  # Thursdays only
    make_practitioner("Marie Matin", hours={day: [("08:00", "12:00")] for day in range(7)})

    result = search(directory, utc_from=time(18), utc_to=time(21))
    assert names(result) == ["Sylvie Soir"]
    assert result.availability.kind == "window_daily"
    assert len(result.availability.spans) == 14
    thursday = MONDAY + timedelta(days=3)
    assert [slot.start for slot in result.cards[0].slots] == [
        utc(thursday, 18),
        utc(thursday, 19),
        utc(thursday, 20),
    ]
    # The evening of today counts too (now is 06:00 UTC).
    morning = search(directory, utc_from=time(7), utc_to=time(9))
    assert names(morning) == ["Marie Matin"]
    assert morning.cards[0].slots[0].start == utc(MONDAY, 7)


# --- Order ------------------------------------------------------------------------------------


def test_soonest_first_then_more_completed_sessions_on_the_same_day(directory, make_practitioner):
    early = make_practitioner("Théo Tôt", hours={0: [("08:00", "20:00")]})
    for index in range(6):  # bookings not completed do not count
        BookingFactory(
            practitioner=early.practitioner,
            state=Booking.State.CONFIRMED,
            start=datetime(2025, 3, 3, 9, tzinfo=UTC) + timedelta(days=index),
        )
    make_practitioner("Fanny Fidèle", hours={0: [("15:00", "18:00")]}, completed=5)
    make_practitioner("Paul Ponctuel", hours={0: [("12:00", "14:00")]})
    make_practitioner("Denise Demain", hours={1: [("08:00", "12:00")]}, completed=20)
    make_practitioner("Pierre Personne", hours={}, completed=50)

    result = search(directory)
    assert names(result) == [
        "Fanny Fidèle",  # Monday, 5 completed sessions
        "Théo Tôt",  # Monday 08:00, none completed
        "Paul Ponctuel",  # Monday 12:00, none completed
        "Denise Demain",  # Tuesday, however loyal
        "Pierre Personne",  # nothing free: last
    ]
    assert result.cards[-1].slots == []
    assert len(result.cards[0].slots) == 3
    # An availability filter leaves out those with nothing matching.
    assert "Pierre Personne" not in names(search(directory, available_on=MONDAY))


def test_same_day_is_the_visitor_day(directory, make_practitioner):
    # Monday 23:00 Paris (22:00 UTC) and Tuesday 08:00 Paris: different days in Paris, the
    # same day (Tuesday) in Tokyo, where loyalty then decides.
    make_practitioner("Luc Late", hours={0: [("23:00", "23:59")]})
    make_practitioner("Lola Loyale", hours={1: [("08:00", "09:00")]}, completed=3)

    assert names(search(directory)) == ["Luc Late", "Lola Loyale"]
    assert names(search(directory, tz=TOKYO)) == ["Lola Loyale", "Luc Late"]


# --- Cards -------------------------------------------------------------------------------------


def test_english_cards_show_english_therapies_and_language_names(
    english_directory, make_practitioner
):
    make_practitioner(
        "Hélène Dupont",
        languages=["fr", "en"],
        therapies=["sophrologie", "hypnotherapie"],
        english=True,
    )
    with translation.override("en"):
        result = search(english_directory)
        card = result.cards[0]
        assert card.therapies == ["Hypnotherapy", "Sophrology"]
        assert card.languages == ["French", "English"]
    assert card.page.locale.language_code == "en"
    assert [slot.start for slot in card.slots] == [utc(MONDAY, 7), utc(MONDAY, 8), utc(MONDAY, 9)]
    assert card.slots[0].iso == "2026-12-07T07:00:00Z"


def test_selector_paginates(directory, make_practitioner):
    for name in ("Ana A", "Bea B", "Cyd C"):
        make_practitioner(name)

    first = directory_search(
        locale_id=directory.locale_id, filters=DirectoryFilters(), tz=PARIS, now=NOW, per_page=2
    )
    assert (first.total, len(first.cards), first.pagination.has_next()) == (3, 2, True)
    beyond = directory_search(
        locale_id=directory.locale_id,
        filters=DirectoryFilters(),
        tz=PARIS,
        now=NOW,
        per_page=2,
        page_number=99,
    )
    assert beyond.pagination.number == 2
    assert len(beyond.cards) == 1


# --- Pages -------------------------------------------------------------------------------------


def test_directory_page_shows_cards_with_photo_slots_and_explanations(
    client, english_directory, make_practitioner
):
    make_practitioner(
        "Hélène Dupont", languages=["fr", "en"], photo=True, english=True, completed=2
    )
    make_practitioner("Marc Petit", new_patients=False, hours={}, english=True)

    response = client.get("/en/practitioners/")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["page"].pk == english_directory.pk
    assert response.context["self"].pk == english_directory.pk
    assert '<p class="result-count" role="status">2 practitioners match.</p>' in html
    assert "How are practitioners ordered?" in html
    assert "Times are shown in your time zone: Europe/Paris." in html
    assert "fill-160x160" in html  # the photo's rendition
    assert "practitioner-card__photo--none" in html  # Marc has none
    assert html.count('href="/en/practitioners/helene-dupont/?slot=') == 3
    assert "No free time in the next 60 days." in html
    assert "Not taking new patients at the moment" in html
    assert "Accepts new patients" in html
    assert "Sophrology" in html and "French, English" in html
    assert "rating" not in html.lower()
    # A time opens the profile with that time chosen (its own link format).
    link = re.search(r'href="(/en/practitioners/helene-dupont/\?slot=[^"]+)"', html).group(1)
    assert "&amp;session_type=" in link and link.endswith("#chosen-time")
    profile = client.get(link.replace("&amp;", "&").split("#")[0])
    assert profile.status_code == 200
    assert profile.context["chosen_slot"] is not None


def test_pagination_keeps_the_filters(client, directory, make_practitioner, monkeypatch):
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    for name in ("Ana Anglais", "Bea Anglais", "Cyd Anglais"):
        make_practitioner(name, languages=["en"])
    make_practitioner("Didier Français", languages=["fr"])

    response = client.get("/praticiens/", {"language": "en", "q": "anglais"})
    html = response.content.decode()
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    next_link = re.search(r'href="([^"]+)" rel="next"', nav).group(1).replace("&amp;", "&")
    assert "language=en" in next_link and "q=anglais" in next_link and "page=2" in next_link
    assert 'aria-current="page"' in nav

    second = client.get("/praticiens/" + next_link)
    assert second.context["result"].pagination.number == 2
    assert [card.page.title for card in second.context["result"].cards] == ["Cyd Anglais"]
    assert 'rel="prev"' in second.content.decode()


def test_invalid_values_are_ignored_with_a_notice(client, english_directory, make_practitioner):
    make_practitioner("Hélène Dupont", languages=["fr", "en"], english=True)
    too_far = (visitor_today() + timedelta(days=400)).isoformat()
    garbage = {
        "therapy": ["nope", "<script>", "x" * 300, "\x00"],
        "concern": ["nope", "é é"],
        "language": ["xx", "english", "\x00"],
        "gender": ["robot", "unspecified"],
        "q": ["x" * 500, "a\x00b"],
        "mode": ["fax", "VIDEO"],
        "available_on": ["tomorrow", "2026-02-30", "2020-01-01", "9999-12-31", too_far, "\x00"],
        "utc_from": ["25:00", "18h", "\x00"],
        "utc_to": ["noon"],
        "new_patients": ["yes", "2"],
        "tz": ["Mars/Olympus", "../../etc/passwd", "\x00", "x" * 100],
        "page": ["abc", "-1", "0", "1e3", "99999999999999999999"],
    }
    for name, values in garbage.items():
        for value in values:
            response = client.get("/en/practitioners/", {name: value})
            assert response.status_code == 200, (name, value)
            html = response.content.decode()
            assert len(response.context["notices"]) == 1, (name, value)
            assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0], (name, value)
            # The filter is dropped, not applied: everyone is still listed.
            assert response.context["result"].total == 1, (name, value)
    for query in (
        {"utc_from": "18:00"},
        {"utc_to": "21:00"},
        {"utc_from": "18:00", "utc_to": "18:00"},
    ):
        response = client.get("/en/practitioners/", query)
        assert "time window" in response.content.decode(), query
        assert response.context["result"].availability is None
    # A page number past the end shows the last page, without a fuss.
    response = client.get("/en/practitioners/", {"page": "7"})
    assert response.context["result"].pagination.number == 1
    assert response.context["notices"] == []
    # Valid values alongside an invalid one still apply.
    response = client.get("/en/practitioners/", {"language": "de", "mode": "fax"})
    assert response.context["result"].total == 0
    assert response.context["values"]["language"] == "de"

    for name, value in [
        ("date", "2026-99-01"),
        ("date", "1999-01-01"),
        ("date", "9999-12-31"),
        ("therapy", "nope"),
        ("language", "xx"),
        ("tz", "Nowhere/Land"),
        ("page", "zero"),
    ]:
        response = client.get("/en/practitioners/planning/", {name: value})
        assert response.status_code == 200, (name, value)
        assert "Some of your choices could not be used" in response.content.decode(), (name, value)


def test_visitor_time_zone_from_parameter_then_account_then_paris(
    client, english_directory, make_practitioner
):
    make_practitioner("Hélène Dupont", english=True)

    response = client.get("/en/practitioners/")
    assert response.context["visitor_tz"] == PARIS
    user = UserFactory(time_zone="Asia/Tokyo")
    client.force_login(user)
    response = client.get("/en/practitioners/")
    assert response.context["visitor_tz"] == TOKYO
    assert '<option value="Asia/Tokyo" selected>' in response.content.decode()
    response = client.get("/en/practitioners/", {"tz": "America/Montreal"})
    assert response.context["visitor_tz"] == ZoneInfo("America/Montreal")
    response = client.get("/en/practitioners/", {"tz": "Nowhere/Land"})
    assert response.context["visitor_tz"] == TOKYO
    assert "is not a time zone we know: times are shown in Asia/Tokyo." in (
        response.content.decode()
    )
    # A zone outside the common list is offered too, once chosen.
    response = client.get("/en/practitioners/", {"tz": "Pacific/Kiritimati"})
    assert '<option value="Pacific/Kiritimati" selected>' in response.content.decode()


def test_date_and_window_filters_through_the_page(client, english_directory, make_practitioner):
    make_practitioner(
        "Sylvie Soir", hours={day: [("19:00", "22:00")] for day in range(7)}, english=True
    )
    make_practitioner(
        "Marie Matin", hours={day: [("08:00", "12:00")] for day in range(7)}, english=True
    )
    day = (visitor_today() + timedelta(days=2)).isoformat()

    response = client.get("/en/practitioners/", {"available_on": day})
    assert response.context["result"].total == 2
    assert "Free on" in response.content.decode()
    response = client.get(
        "/en/practitioners/", {"available_on": day, "utc_from": "22:00", "utc_to": "23:30"}
    )
    assert [c.page.title for c in response.context["result"].cards] == []
    response = client.get("/en/practitioners/", {"utc_from": "06:00", "utc_to": "12:00"})
    assert [c.page.title for c in response.context["result"].cards] == ["Marie Matin"]
    assert "on at least one of the next 14 days" in response.content.decode()
    assert "Free times matching your search" in response.content.decode()


def test_english_directory_reads_the_french_slug_and_selects_the_english_one(
    client, english_directory, make_practitioner
):
    make_practitioner("Sophie Sophro", therapies=["sophrologie"], english=True)
    make_practitioner("Henri Hypno", therapies=["hypnotherapie"], english=True)

    response = client.get("/en/practitioners/", {"therapy": "sophrologie"})
    html = response.content.decode()
    assert [c.page.title for c in response.context["result"].cards] == ["Sophie Sophro"]
    assert '<option value="sophrology" selected>Sophrology</option>' in html


def test_query_count_does_not_depend_on_the_number_of_practitioners(
    client, directory, make_practitioner, settings
):
    settings.KHEPRI_PAGE_CACHE_SECONDS = 0  # measure the page, not the page cache

    def add(count, start):
        for index in range(start, start + count):
            make_practitioner(
                f"Person {index:02d}",
                languages=["fr", "en"],
                therapies=["sophrologie", "hypnotherapie"],
                concerns=["sommeil"],
                photo=True,
                completed=index % 3,
            )

    day = (visitor_today() + timedelta(days=2)).isoformat()
    urls = [
        "/praticiens/",
        "/praticiens/?language=en&therapy=sophrologie&new_patients=1&q=person&available_on=" + day,
        "/praticiens/?utc_from=07:00&utc_to=18:00&concern=sommeil",
        "/praticiens/planning/?language=en",
    ]

    def counts():
        result = []
        for url in urls:
            client.get(url)  # first render creates the photos' renditions
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            result.append(len(queries))
        return result

    add(3, 0)
    few = counts()
    add(9, 3)
    many = counts()
    assert client.get(urls[0]).context["result"].total == 12
    assert few == many
    print(dict(zip(urls, many, strict=True)))


def test_planning_shows_who_is_free_on_a_day(client, english_directory, make_practitioner):
    make_practitioner("Hélène Dupont", languages=["fr", "en"], english=True)
    make_practitioner("Hugo Hypno", therapies=["hypnotherapie"], languages=["es"], english=True)
    make_practitioner("Rita Repos", hours={}, english=True)
    today = visitor_today()
    tomorrow = today + timedelta(days=1)

    response = client.get("/en/practitioners/planning/")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["day"] == tomorrow
    result = response.context["result"]
    assert [row.page.title for row in result.rows] == ["Hélène Dupont", "Hugo Hypno"]
    row = response.context["rows"][0]
    assert len(row["slots"]) == 12  # 08:00 … 19:00, every hour
    assert len(row["blocks"]) == 12
    assert row["blocks"][0]["left"] == "6.667%"  # 08:00 on a 07:00–22:00 line
    assert row["summary"] == "12 free times: the first at 08:00, the last at 19:00."
    assert "08:00–08:50" in html  # the text list
    assert f"date={today.isoformat()}" in html  # previous day
    assert f"date={(tomorrow + timedelta(days=1)).isoformat()}" in html  # next day
    assert 'aria-hidden="true"' in html

    response = client.get(
        "/en/practitioners/planning/", {"therapy": "sophrology", "language": "fr"}
    )
    assert [row.page.title for row in response.context["result"].rows] == ["Hélène Dupont"]
    response = client.get("/en/practitioners/planning/", {"date": today.isoformat()})
    assert response.context["previous_day"] is None


def test_planning_selector_on_a_fixed_day(directory, make_practitioner):
    make_practitioner("Nadia Nuit", hours={0: [("20:00", "23:00")]})
    make_practitioner("Jules Journée", hours={1: [("09:00", "12:00")]})

    result = planning_search(locale_id=directory.locale_id, day=TUESDAY, tz=TOKYO, now=NOW)
    assert [row.page.title for row in result.rows] == ["Nadia Nuit", "Jules Journée"]
    assert [slot.start for slot in result.rows[0].slots] == [
        utc(MONDAY, 19),
        utc(MONDAY, 20),
        utc(MONDAY, 21),
    ]


def test_directory_is_never_served_from_the_page_cache(client, directory, make_practitioner):
    ana = make_practitioner("Ana Anglais", languages=["en"])
    make_practitioner("Esteban Español", languages=["es"])

    for language, name in (("en", "Ana Anglais"), ("es", "Esteban Español"), ("en", "Ana")):
        response = client.get("/praticiens/", {"language": language})
        assert name in response.content.decode()
        assert response.context["result"].total == 1
    assert client.get("/praticiens/").context["result"].total == 2
    # Availability and status change without any page being published (no cache purge).
    Practitioner.objects.filter(pk=ana.practitioner_id).update(status=Practitioner.Status.PAUSED)
    assert client.get("/praticiens/").context["result"].total == 1
