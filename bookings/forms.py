"""Forms of the practitioner's availability editor.

They parse and check what was typed, with errors placed next to the field they are about;
the services in `bookings.services` check again and do the writing. No form saves anything.

Ranges of hours are pairs of `<input type="time">` named `<prefix>-<index>-start` and
`<prefix>-<index>-end` (`day0-1-start`: Monday, second range). Without JavaScript a form shows
`MIN_RANGE_ROWS` rows per day (one more than already filled); the editor's script can add rows
by cloning one with the next index, so the number of rows is read back from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from bookings.services import SESSION_TYPE_FIELDS, RangeInput, Repeat, repeat_weeks

MIN_RANGE_ROWS = 3
MAX_RANGE_ROWS = 12
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh", "%H.%M"]
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
#: Highest price a session may have, in cents.
MAX_PRICE_CENTS = 10_000 * 100


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def time_field(label, **kwargs) -> forms.TimeField:
    return forms.TimeField(
        label=label, required=False, input_formats=TIME_INPUT_FORMATS, widget=TimeInput, **kwargs
    )


def date_field(label, *, required=False, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        **kwargs,
    )


# --- Ranges of hours --------------------------------------------------------------------------


@dataclass
class RangeRow:
    """One "from … to …" pair of a day, as the template draws it."""

    index: int
    start: forms.BoundField
    end: forms.BoundField

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def has_errors(self) -> bool:
        return bool(self.start.errors or self.end.errors)

    @property
    def is_filled(self) -> bool:
        return bool(self.start.value() or self.end.value())


@dataclass
class RangeGroup:
    """The rows of one weekday (or of one date)."""

    prefix: str
    label: str
    rows: list[RangeRow]
    weekday: int | None = None


class RangeRowsMixin:
    """Adds `<prefix>-<i>-start/end` time fields and checks them like the services do."""

    range_labels = (pgettext_lazy("hours", "From"), pgettext_lazy("hours", "to"))

    def _row_count(self, prefix: str, filled: int) -> int:
        """Rows to draw: the highest index in the data, or one more than already filled."""
        if self.is_bound:
            pattern = re.compile(rf"^{re.escape(self.add_prefix(prefix))}-(\d+)-(?:start|end)$")
            indexes = [int(m.group(1)) for key in self.data if (m := pattern.match(key))]
            needed = max(indexes, default=-1) + 1
        else:
            needed = filled + 1
        return min(max(MIN_RANGE_ROWS, needed), MAX_RANGE_ROWS)

    def _add_range_fields(self, prefix: str, count: int) -> None:
        start_label, end_label = self.range_labels
        for index in range(count):
            self.fields[f"{prefix}-{index}-start"] = time_field(start_label)
            self.fields[f"{prefix}-{index}-end"] = time_field(end_label)

    def _range_rows(self, prefix: str, count: int) -> list[RangeRow]:
        return [
            RangeRow(index, self[f"{prefix}-{index}-start"], self[f"{prefix}-{index}-end"])
            for index in range(count)
        ]

    def _clean_ranges(self, prefix: str, count: int) -> list[tuple[time, time]]:
        """The valid, non-overlapping ranges of one day; errors go on the fields at fault."""
        found: list[tuple[time, time, int]] = []
        for index in range(count):
            start_name, end_name = f"{prefix}-{index}-start", f"{prefix}-{index}-end"
            if start_name in self.errors or end_name in self.errors:
                continue  # not a time: the field already says so
            start = self.cleaned_data.get(start_name)
            end = self.cleaned_data.get(end_name)
            if start is None and end is None:
                continue
            if start is None:
                self.add_error(start_name, _("Give the start time too."))
            elif end is None:
                self.add_error(end_name, _("Give the end time too."))
            elif end <= start:
                self.add_error(
                    end_name,
                    _("The end (%(end)s) must be after the start (%(start)s).")
                    % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
                )
            else:
                found.append((start, end, index))
        found.sort()
        kept: list[tuple[time, time, int]] = []
        for start, end, index in found:
            previous = kept[-1] if kept else None
            if previous and start < previous[1]:
                self.add_error(
                    f"{prefix}-{index}-start",
                    _("These hours overlap %(start)s–%(end)s: merge them into one range.")
                    % {"start": f"{previous[0]:%H:%M}", "end": f"{previous[1]:%H:%M}"},
                )
                continue
            kept.append((start, end, index))
        return [(start, end) for start, end, _index in kept]


class EditorForm(forms.Form):
    """Labels without a colon; every error as (field id, text) for the summary on top."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def error_summary(self) -> list[tuple[str, str]]:
        items = [("", str(error)) for error in self.non_field_errors()]
        for name in self.fields:
            bound = self[name]
            for error in bound.errors:
                items.append((bound.id_for_label, self.error_label(name, bound, error)))
        return items

    def error_label(self, name, bound, error) -> str:
        return f"{bound.label} — {error}"


# --- Weekly schedule --------------------------------------------------------------------------


class WeeklyScheduleForm(RangeRowsMixin, EditorForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        required=False,
        help_text=_("Only for you, for example “Standard week” or “Summer”."),
    )
    valid_from = date_field(_("Valid from"), help_text=_("Leave empty to start now."))
    valid_until = date_field(_("Valid until"), help_text=_("Leave empty if it has no end."))
    every_weeks = forms.ChoiceField(
        label=_("Repeats"),
        choices=Repeat.CHOICES,
        initial=Repeat.EVERY_WEEK,
        widget=forms.RadioSelect,
        help_text=_("Weeks are counted from the “valid from” date, or from this week."),
    )
    replaces_others = forms.BooleanField(
        label=_("Replaces the other weeks while valid"),
        required=False,
        help_text=_(
            "For a period with different hours, such as the summer: your other weekly "
            "schedules are paused while this one is valid."
        ),
    )

    def __init__(self, *args, ranges_by_day: dict[int, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        ranges_by_day = ranges_by_day or {}
        self.row_counts = {
            weekday: self._row_count(f"day{weekday}", ranges_by_day.get(weekday, 0))
            for weekday in range(7)
        }
        for weekday, count in self.row_counts.items():
            self._add_range_fields(f"day{weekday}", count)

    @classmethod
    def for_schedule(cls, schedule, **kwargs) -> WeeklyScheduleForm:
        """The form filled with a saved schedule (its `ranges` prefetched)."""
        initial = {
            "name": schedule.name,
            "valid_from": schedule.valid_from,
            "valid_until": schedule.valid_until,
            "every_weeks": str(repeat_weeks(schedule)),
            "replaces_others": schedule.replaces_others,
        }
        counts: dict[int, int] = {}
        for weekly_range in sorted(schedule.ranges.all(), key=lambda r: (r.weekday, r.start_time)):
            index = counts.get(weekly_range.weekday, 0)
            if index >= MAX_RANGE_ROWS:
                continue
            initial[f"day{weekly_range.weekday}-{index}-start"] = weekly_range.start_time
            initial[f"day{weekly_range.weekday}-{index}-end"] = weekly_range.end_time
            counts[weekly_range.weekday] = index + 1
        return cls(initial=initial, ranges_by_day=counts, **kwargs)

    @property
    def days(self) -> list[RangeGroup]:
        return [
            RangeGroup(
                prefix=f"day{weekday}",
                label=capfirst(WEEKDAYS[weekday]),
                rows=self._range_rows(f"day{weekday}", count),
                weekday=weekday,
            )
            for weekday, count in self.row_counts.items()
        ]

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("The end of the period is before its start."))
        cleaned["ranges"] = [
            RangeInput(weekday=weekday, start=start, end=end)
            for weekday, count in self.row_counts.items()
            for start, end in self._clean_ranges(f"day{weekday}", count)
        ]
        return cleaned

    def error_label(self, name, bound, error) -> str:
        match = re.fullmatch(r"day(\d)-(\d+)-(start|end)", name)
        if match:
            weekday, index = int(match.group(1)), int(match.group(2))
            return _("%(day)s, hours %(number)s — %(error)s") % {
                "day": capfirst(WEEKDAYS[weekday]),
                "number": index + 1,
                "error": error,
            }
        return super().error_label(name, bound, error)

    def service_arguments(self) -> dict:
        """Keyword arguments of `weekly_schedule_save` (without practitioner and id)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "ranges": data["ranges"],
            "valid_from": data["valid_from"],
            "valid_until": data["valid_until"],
            "every_weeks": int(data["every_weeks"]),
            "replaces_others": data["replaces_others"],
        }

    def draft_arguments(self) -> dict:
        """Keyword arguments of `selectors.draft_template` (without `today`)."""
        data = self.cleaned_data
        return {
            "ranges": [(r.weekday, r.start, r.end) for r in data["ranges"]],
            "valid_from": data["valid_from"],
            "valid_until": data["valid_until"],
            "every_weeks": int(data["every_weeks"]),
            "replaces_others": data["replaces_others"],
        }


# --- Dates: different hours, time off ---------------------------------------------------------


class DateOverrideForm(RangeRowsMixin, EditorForm):
    HOURS = "hours"
    OFF = "off"

    day = date_field(_("Date"), required=True)
    working = forms.ChoiceField(
        label=_("That day"),
        choices=[(HOURS, _("I work different hours")), (OFF, _("I do not work that day"))],
        initial=HOURS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "override")
        super().__init__(*args, **kwargs)
        self.row_count = self._row_count("r", 0)
        self._add_range_fields("r", self.row_count)

    @property
    def hours(self) -> RangeGroup:
        return RangeGroup(prefix="r", label=_("Hours"), rows=self._range_rows("r", self.row_count))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("working") == self.OFF:
            cleaned["ranges"] = []  # hours typed before choosing "not working" are ignored
            return cleaned
        cleaned["ranges"] = self._clean_ranges("r", self.row_count)
        if not cleaned["ranges"] and not any(f.startswith("r-") for f in self.errors):
            self.add_error(
                "r-0-start",
                _("Give at least one range of hours, or choose “I do not work that day”."),
            )
        return cleaned

    def error_label(self, name, bound, error) -> str:
        match = re.fullmatch(r"r-(\d+)-(start|end)", name)
        if match:
            return _("Hours %(number)s — %(error)s") % {
                "number": int(match.group(1)) + 1,
                "error": error,
            }
        return super().error_label(name, bound, error)


class TimeOffForm(EditorForm):
    first_day = date_field(_("First day"), required=True)
    last_day = date_field(_("Last day"), help_text=_("Leave empty for a single day."))
    start_time = time_field(
        _("Starting at"),
        help_text=_("Only for part of a day: leave both times empty for whole days."),
    )
    end_time = time_field(_("Ending at"), help_text=_("On the last day."))
    label = forms.CharField(
        label=_("Note (only for you)"),
        max_length=120,
        required=False,
        help_text=_("For example “Holidays” or “Training”. Patients never see it."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "timeoff")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first_day, last_day = cleaned.get("first_day"), cleaned.get("last_day")
        if first_day and not last_day and "last_day" not in self.errors:
            cleaned["last_day"] = last_day = first_day
        if first_day and last_day and last_day < first_day:
            self.add_error("last_day", _("The last day is before the first one."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if "start_time" in self.errors or "end_time" in self.errors:
            return cleaned
        if start and not end:
            self.add_error("end_time", _("Give the end time too, or no times for whole days."))
        elif end and not start:
            self.add_error("start_time", _("Give the start time too, or no times for whole days."))
        elif start and end and first_day and first_day == last_day and end <= start:
            self.add_error(
                "end_time",
                _("The end (%(end)s) must be after the start (%(start)s).")
                % {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
            )
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "first_day": data["first_day"],
            "last_day": data["last_day"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "label": data["label"],
        }


# --- Session types ----------------------------------------------------------------------------


def parse_euros(text: str) -> int:
    """ "60", "60,5", "1 200,50 €" → cents, exactly (Decimal, never float)."""
    cleaned = re.sub(r"(?i)(€|eur)$", "", (text or "").strip()).strip()
    # Spaces may only separate thousands ("1 200"), never digits at random ("60 50").
    if re.search(r"\s", cleaned):
        if not re.fullmatch(r"\d{1,3}([\s\u00a0\u202f]\d{3})+([.,]\d+)?", cleaned):
            raise ValidationError(
                _("Write a price in euros, for example 60 or 60,50."), code="format"
            )
        cleaned = re.sub(r"\s", "", cleaned)
    if cleaned.count(",") + cleaned.count(".") > 1:
        raise ValidationError(
            _("Write the price with one comma at most, for example 1200,50."), code="format"
        )
    cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"\d{1,7}(\.\d{1,2})?", cleaned):
        raise ValidationError(_("Write a price in euros, for example 60 or 60,50."), code="format")
    cents = int(Decimal(cleaned) * 100)
    if cents > MAX_PRICE_CENTS:
        raise ValidationError(
            _("The price can be %(amount)s € at most.") % {"amount": MAX_PRICE_CENTS // 100},
            code="max",
        )
    return cents


def format_euros(cents: int) -> str:
    """Cents as the price field shows them: "60" or "60,50" (in French)."""
    amount = Decimal(cents) / 100
    decimals = 0 if cents % 100 == 0 else 2
    return number_format(amount, decimal_pos=decimals, use_l10n=True)


def minutes_label(minutes: int) -> str:
    if minutes == 0:
        return gettext("No minimum")
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


NOTICE_CHOICES = (0, 60, 2 * 60, 4 * 60, 12 * 60, 24 * 60, 48 * 60, 72 * 60, 7 * 24 * 60)
STEP_CHOICES = (15, 30, 60)


def step_label(minutes: int) -> str:
    if minutes == 60:
        return gettext("Every hour, from the start of your hours")
    return gettext("Every %(minutes)s minutes, from the start of your hours") % {"minutes": minutes}


class SessionTypeForm(EditorForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What patients book, for example “First consultation”."),
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=80,
        required=False,
        help_text=_("Shown on the English site; the French name is used when empty."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=480, initial=50
    )
    price = forms.CharField(
        label=_("Price (euros)"),
        max_length=20,
        help_text=_("For example 60 or 60,50."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    buffer_before_minutes = forms.IntegerField(
        label=_("Free time before (minutes)"),
        min_value=0,
        max_value=240,
        initial=0,
        help_text=_("Kept free before each session, to get ready."),
    )
    buffer_after_minutes = forms.IntegerField(
        label=_("Free time after (minutes)"),
        min_value=0,
        max_value=240,
        initial=10,
        help_text=_("Kept free after each session, for notes or a break."),
    )
    min_notice_minutes = forms.TypedChoiceField(
        label=_("Minimum notice"),
        coerce=int,
        initial=24 * 60,
        help_text=_("How long before a session patients can still book it."),
    )
    horizon_days = forms.IntegerField(
        label=_("Bookable up to (days ahead)"), min_value=1, max_value=365, initial=60
    )
    slot_step_minutes = forms.TypedChoiceField(
        label=_("Start times"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Back to back: one session after the other, with the free time in between. "
            "Or fixed start times, such as every hour."
        ),
    )
    is_active = forms.BooleanField(label=_("Patients can book it"), required=False, initial=True)
    make_default = forms.BooleanField(
        label=_("Make it the default session type"),
        required=False,
        help_text=_("Shown first to patients, and used for “Your next two weeks”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        notice = self._current_value("min_notice_minutes")
        notice_values = sorted({*NOTICE_CHOICES, *([notice] if notice is not None else [])})
        self.fields["min_notice_minutes"].choices = [
            (value, minutes_label(value)) for value in notice_values
        ]
        step = self._current_value("slot_step_minutes")
        step_values = sorted({*STEP_CHOICES, *([step] if step else [])})
        self.fields["slot_step_minutes"].choices = [
            ("", _("Back to back")),
            *((value, step_label(value)) for value in step_values),
        ]

        if self.initial.get("make_default"):
            # The default session type stays bookable and stays the default until another
            # one is made the default (the service enforces both).
            for name in ("is_active", "make_default"):
                self.fields[name].disabled = True
            self.fields["make_default"].label = _("This is your default session type")
            self.fields["make_default"].help_text = _(
                "It is always bookable. To change the default, make another session type "
                "the default."
            )

    def _current_value(self, name) -> int | None:
        value = self.initial.get(name)
        return value if isinstance(value, int) else None

    @classmethod
    def for_session_type(cls, session_type, **kwargs) -> SessionTypeForm:
        initial = {name: getattr(session_type, name) for name in SESSION_TYPE_FIELDS}
        initial["price"] = format_euros(initial.pop("price_cents"))
        initial["make_default"] = session_type.is_default
        return cls(initial=initial, **kwargs)

    def clean_price(self) -> int:
        return parse_euros(self.cleaned_data["price"])

    def service_arguments(self) -> dict:
        """Keyword arguments of `session_type_save`: the fields it knows, and `make_default`."""
        data = dict(self.cleaned_data)
        values = {name: data[name] for name in SESSION_TYPE_FIELDS if name in data}
        values["price_cents"] = data["price"]
        values["make_default"] = data["make_default"]
        return values


# --- Calendars --------------------------------------------------------------------------------


class ExternalCalendarForm(EditorForm):
    """The address is checked by `bookings.calendars.external_calendar_connect` alone."""

    url = forms.CharField(
        label=_("iCalendar address"),
        max_length=2000,
        help_text=_("It starts with https:// (or webcal://) and often ends with .ics."),
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=80,
        required=False,
        help_text=_("For you, for example “Personal” or “Doctolib”."),
    )
