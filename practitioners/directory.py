"""The directory's web layer: the `directory` and `planning` routes of `PractitionerIndexPage`.

Every filter lives in the query string (shareable, works without JavaScript). Each parameter
is validated on its own: an invalid value is dropped and a notice says so; a request never
fails because of its query string. The reads are `practitioners.selectors.directory_search`
and `planning_search`; this module parses, picks the visitor's time zone and lays out.

The visitor's time zone: the `tz` parameter when valid, else the signed-in user's
`time_zone`, else Europe/Paris.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from practitioners import selectors
from practitioners.models import GENDERS, LANGUAGES
from practitioners.selectors import (
    HORIZON_DAYS,
    WINDOW_DAYS,
    DirectoryFilters,
    directory_search,
    folded,
    planning_search,
)

DEFAULT_ZONE = "Europe/Paris"
#: Zones offered in the filter form (any valid zone is accepted in the URL).
COMMON_ZONES = (
    "Pacific/Tahiti",
    "America/Los_Angeles",
    "America/New_York",
    "America/Montreal",
    "America/Martinique",
    "America/Cayenne",
    "America/Sao_Paulo",
    "UTC",
    "Europe/London",
    "Africa/Dakar",
    "Europe/Paris",
    "Africa/Casablanca",
    "Africa/Algiers",
    "Europe/Athens",
    "Asia/Dubai",
    "Indian/Reunion",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Noumea",
)
#: How far ahead a date may be asked for.
MAX_DAYS_AHEAD = 365
#: The planning's timeline, in the visitor's wall-clock hours.
TIMELINE_START, TIMELINE_END = 7, 22

FIELD_NOTICES = {
    "therapy": gettext_lazy("“%(value)s” is not a therapy: that filter was ignored."),
    "concern": gettext_lazy("“%(value)s” is not a concern: that filter was ignored."),
    "language": gettext_lazy(
        "“%(value)s” is not a language code we know (such as “en”): that filter was ignored."
    ),
    "gender": gettext_lazy("“%(value)s” is not a gender we filter on: that filter was ignored."),
    "q": gettext_lazy("The name searched was not understood: that filter was ignored."),
    "mode": gettext_lazy(
        "“%(value)s” is not a consultation mode (video or phone): that filter was ignored."
    ),
    "available_on": gettext_lazy(
        "“%(value)s” is not a date (YYYY-MM-DD): the date filter was ignored."
    ),
    "utc_from": gettext_lazy("“%(value)s” is not a time (HH:MM): the time window was ignored."),
    "utc_to": gettext_lazy("“%(value)s” is not a time (HH:MM): the time window was ignored."),
    "new_patients": gettext_lazy(
        "“%(value)s” is not understood for “accepts new patients” (use 1): that filter was ignored."
    ),
    "page": gettext_lazy("“%(value)s” is not a page number: the first page is shown."),
    "date": gettext_lazy("“%(value)s” is not a date (YYYY-MM-DD): tomorrow is shown."),
}
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


class _FiltersForm(forms.Form):
    """Fields shared by the directory and the planning. Every field is optional."""

    therapy = forms.SlugField(required=False, max_length=255, allow_unicode=True)
    language = forms.ChoiceField(required=False, choices=LANGUAGES)
    tz = forms.CharField(required=False, max_length=64)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def clean_tz(self):
        value = self.cleaned_data["tz"]
        if value and value not in known_zones():
            raise forms.ValidationError("unknown zone")
        return value


class DirectoryForm(_FiltersForm):
    concern = forms.SlugField(required=False, max_length=255, allow_unicode=True)
    gender = forms.ChoiceField(
        required=False, choices=[(c, label) for c, label in GENDERS if c != "unspecified"]
    )
    q = forms.CharField(required=False, max_length=100)
    mode = forms.ChoiceField(required=False, choices=[("video", "video"), ("phone", "phone")])
    available_on = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    utc_from = forms.TimeField(required=False, input_formats=TIME_FORMATS)
    utc_to = forms.TimeField(required=False, input_formats=TIME_FORMATS)
    new_patients = forms.ChoiceField(required=False, choices=[("1", "1")])


class PlanningForm(_FiltersForm):
    date = forms.DateField(required=False, input_formats=["%Y-%m-%d"])


# --- Routes ------------------------------------------------------------------------------------


def directory_response(*, request, page) -> TemplateResponse:
    """ "Our practitioners": filters, ordered cards with their next free slots, pagination."""
    now = timezone.now()
    form = DirectoryForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    notices = field_notices(form)
    tz, zone_notice = visitor_time_zone(request=request, form=form)
    notices += zone_notice
    today = now.astimezone(tz).date()
    available_on = data.get("available_on")
    if available_on is not None:
        available_on, notice = _date_within_reach(available_on, today=today)
        notices += notice
    utc_from, utc_to, window_notices = _window(form)
    notices += window_notices
    filters = DirectoryFilters(
        therapy=data.get("therapy") or None,
        concern=data.get("concern") or None,
        language=data.get("language") or None,
        gender=data.get("gender") or None,
        name=data.get("q") or "",
        mode=data.get("mode") or None,
        available_on=available_on,
        utc_from=utc_from,
        utc_to=utc_to,
        new_patients=data.get("new_patients") == "1",
    )
    result = directory_search(
        locale_id=page.locale_id,
        filters=filters,
        tz=tz,
        page_number=data.get("page") or 1,
        per_page=selectors.PER_PAGE,
        now=now,
    )
    notices += result.notices
    applied = result.filters
    context = page.get_context(request)
    context.update(
        {
            "result": result,
            "notices": notices,
            "visitor_tz": tz,
            # Passed on to the profile (slot links) only when chosen here, as it does itself.
            "tz_query": tz.key if form.cleaned_data.get("tz") else "",
            "zone_options": zone_options(selected=tz, now=now),
            "language_options": sorted(LANGUAGES, key=lambda item: folded(str(item[1]))),
            "gender_options": [(c, label) for c, label in GENDERS if c != "unspecified"],
            "values": {
                "therapy": applied.therapy or "",
                "concern": applied.concern or "",
                "language": applied.language or "",
                "gender": applied.gender or "",
                "q": applied.name,
                "mode": applied.mode or "",
                "available_on": applied.available_on.isoformat() if applied.available_on else "",
                "utc_from": applied.utc_from.strftime("%H:%M") if applied.utc_from else "",
                "utc_to": applied.utc_to.strftime("%H:%M") if applied.utc_to else "",
                "new_patients": applied.new_patients,
            },
            "is_filtered": applied != DirectoryFilters(),
            "availability_summary": availability_summary(availability=result.availability, tz=tz),
            "today": today.isoformat(),
            "last_day": (today + timedelta(days=MAX_DAYS_AHEAD)).isoformat(),
            "horizon_days": HORIZON_DAYS,
            "planning_url": page.url + page.reverse_subpage("planning"),
            "window_days": WINDOW_DAYS,
            **pagination_context(result.pagination),
        }
    )
    return TemplateResponse(request, "practitioners/practitioner_index_page.html", context)


def planning_response(*, request, page) -> TemplateResponse:
    """Who is free on one day and when: a timeline per practitioner, and the same as text."""
    now = timezone.now()
    form = PlanningForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    notices = field_notices(form)
    tz, zone_notice = visitor_time_zone(request=request, form=form)
    notices += zone_notice
    today = now.astimezone(tz).date()
    tomorrow = today + timedelta(days=1)
    day = data.get("date")
    if day is None:
        day = tomorrow
    elif day < today:
        notices.append(
            _("%(date)s has passed: tomorrow is shown.") % {"date": date_format(day, "j F Y")}
        )
        day = tomorrow
    elif day > today + timedelta(days=MAX_DAYS_AHEAD):
        notices.append(_("That date is more than a year ahead: tomorrow is shown."))
        day = tomorrow
    result = planning_search(
        locale_id=page.locale_id,
        day=day,
        tz=tz,
        therapy=data.get("therapy") or None,
        language=data.get("language") or None,
        page_number=data.get("page") or 1,
        per_page=selectors.PER_PAGE,
        now=now,
    )
    notices += result.notices
    context = page.get_context(request)
    context.update(
        {
            "result": result,
            "notices": notices,
            "visitor_tz": tz,
            "zone_options": zone_options(selected=tz, now=now),
            "language_options": sorted(LANGUAGES, key=lambda item: folded(str(item[1]))),
            "values": {
                "therapy": result.filters.therapy or "",
                "language": result.filters.language or "",
                "date": day.isoformat(),
            },
            "day": day,
            "previous_day": (day - timedelta(days=1)).isoformat() if day > today else None,
            "next_day": (day + timedelta(days=1)).isoformat()
            if day < today + timedelta(days=MAX_DAYS_AHEAD)
            else None,
            "today": today.isoformat(),
            "last_day": (today + timedelta(days=MAX_DAYS_AHEAD)).isoformat(),
            "rows": [timeline_row(row=row, tz=tz) for row in result.rows],
            "hours": timeline_hours(),
            "directory_url": page.url,
            **pagination_context(result.pagination),
        }
    )
    return TemplateResponse(request, "practitioners/planning.html", context)


# --- Parsing -----------------------------------------------------------------------------------


def _shown_value(value) -> str:
    """A rejected value, safe and short enough to be quoted back in a notice."""
    text = "".join(c if c.isprintable() else "\ufffd" for c in str(value))
    return Truncator(text).chars(40)


def field_notices(form: forms.Form) -> list[str]:
    """One notice per invalid parameter; the form drops the value itself."""
    notices = []
    for name in form.errors:
        message = FIELD_NOTICES.get(name)
        if message is not None and name != "tz":  # the zone's notice names the fallback
            notices.append(str(message) % {"value": _shown_value(form.data.get(name, ""))})
    return notices


def visitor_time_zone(*, request, form: forms.Form) -> tuple[ZoneInfo, list[str]]:
    """The zone times are shown in, and a notice when the `tz` asked for was not valid."""
    asked = form.cleaned_data.get("tz")
    if asked:
        return ZoneInfo(asked), []
    user = getattr(request, "user", None)
    zone = getattr(user, "time_zone", None) if user and user.is_authenticated else None
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(str(zone) if zone else DEFAULT_ZONE)
    notices = []
    if "tz" in form.errors:
        notices.append(
            _("“%(value)s” is not a time zone we know: times are shown in %(zone)s.")
            % {"value": _shown_value(form.data.get("tz", "")), "zone": tz.key}
        )
    return tz, notices


def _date_within_reach(day: date, *, today: date) -> tuple[date | None, list[str]]:
    if day < today:
        return None, [
            _("%(date)s has passed: the date filter was ignored.")
            % {"date": date_format(day, "j F Y")}
        ]
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        return None, [_("That date is more than a year ahead: the date filter was ignored.")]
    return day, []


def _window(form: forms.Form) -> tuple[time | None, time | None, list[str]]:
    """The UTC window if both ends are valid and differ (a wrapping window is fine)."""
    if "utc_from" in form.errors or "utc_to" in form.errors:
        return None, None, []  # already said by the field's notice
    start, end = form.cleaned_data.get("utc_from"), form.cleaned_data.get("utc_to")
    if start is None and end is None:
        return None, None, []
    if start is None or end is None:
        return None, None, [_("A time window needs a start and an end: it was ignored.")]
    if start == end:
        return None, None, [_("The time window starts and ends at the same time: it was ignored.")]
    return start, end, []


# --- Presentation ------------------------------------------------------------------------------


def pagination_context(pagination) -> dict:
    """Page numbers for the pagination nav: the first, the last, and those around the current
    one, with gaps (`ellipsis`) between."""
    paginator = pagination.paginator
    return {
        "page_range": list(
            paginator.get_elided_page_range(pagination.number, on_each_side=1, on_ends=1)
        ),
        "ellipsis": paginator.ELLIPSIS,
    }


def zone_options(*, selected: ZoneInfo, now: datetime) -> list[dict]:
    """The common zones, with the visitor's own if it is not one of them, by UTC offset."""
    names = list(COMMON_ZONES)
    if selected.key not in names:
        names.append(selected.key)
    options = []
    for name in names:
        offset = now.astimezone(ZoneInfo(name)).utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "−"
        label = "{city} (UTC{sign}{hours:02d}:{minutes:02d})".format(
            city=name.rsplit("/", 1)[-1].replace("_", " "),
            sign=sign,
            hours=abs(minutes) // 60,
            minutes=abs(minutes) % 60,
        )
        options.append({"value": name, "label": label, "offset": minutes})
    options.sort(key=lambda option: (option["offset"], option["label"]))
    return options


def availability_summary(*, availability, tz: ZoneInfo) -> str:
    """One sentence saying which availability the results were filtered on."""
    if availability is None:
        return ""
    if availability.kind == "date":
        return _("Free on %(date)s (in your time zone, %(zone)s).") % {
            "date": date_format(availability.day, "l j F Y"),
            "zone": tz.key,
        }
    span = availability.spans[0]
    local = {
        "local_start": time_format(span.start.astimezone(tz), "H:i"),
        "local_end": time_format(span.end.astimezone(tz), "H:i"),
        "zone": tz.key,
        "start": availability.utc_from.strftime("%H:%M"),
        "end": availability.utc_to.strftime("%H:%M"),
    }
    if availability.kind == "window_on_date":
        return _(
            "Free between %(start)s and %(end)s UTC on %(date)s "
            "(%(local_start)s to %(local_end)s in %(zone)s)."
        ) % {**local, "date": date_format(availability.day, "l j F Y")}
    return _(
        "Free between %(start)s and %(end)s UTC on at least one of the next %(days)s days "
        "(%(local_start)s to %(local_end)s in %(zone)s)."
    ) % {**local, "days": WINDOW_DAYS}


def _minutes_into_timeline(moment: datetime, tz: ZoneInfo, day: date) -> int:
    local = moment.astimezone(tz)
    minutes = (local.date() - day).days * 1440 + local.hour * 60 + local.minute
    return minutes - TIMELINE_START * 60


def timeline_row(*, row, tz: ZoneInfo) -> dict:
    """A planning row: the slots as blocks on the day's timeline (CSS percentages, always
    with a dot, whatever the language), and a sentence for everyone."""
    length = (TIMELINE_END - TIMELINE_START) * 60
    day = row.slots[0].start.astimezone(tz).date()
    blocks = []
    for slot in row.slots:
        start = max(_minutes_into_timeline(slot.start, tz, day), 0)
        end = min(_minutes_into_timeline(slot.end, tz, day), length)
        if end <= start:
            continue
        blocks.append(
            {
                "left": f"{start * 100 / length:.3f}%",
                "width": f"{(end - start) * 100 / length:.3f}%",
                "label": time_format(slot.start.astimezone(tz), "H:i"),
            }
        )
    first = time_format(row.slots[0].start.astimezone(tz), "H:i")
    last = time_format(row.slots[-1].start.astimezone(tz), "H:i")
    count = len(row.slots)
    summary = ngettext(
        "One free time, at %(first)s.",
        "%(count)s free times: the first at %(first)s, the last at %(last)s.",
        count,
    ) % {"count": count, "first": first, "last": last}
    return {
        "page": row.page,
        "slots": row.slots,
        "blocks": blocks,
        "summary": summary,
        "outside": count - len(blocks),
    }


def timeline_hours() -> list[dict]:
    length = TIMELINE_END - TIMELINE_START
    return [
        {
            "label": f"{hour:02d}:00",
            "left": f"{(hour - TIMELINE_START) * 100 / length:.3f}%",
            "major": (hour - TIMELINE_START) % 3 == 0,
        }
        for hour in range(TIMELINE_START, TIMELINE_END + 1)
    ]
