"""Agenda records: session types, weekly schedules, exceptions, calendars, bookings.

Times of day (`TimeField`) are wall-clock hours in the practitioner's own time zone; instants
(`DateTimeField`) are stored in UTC. The availability engine (`availability.py`) turns the first
into the second, date by date.
"""

import hashlib
import hmac
import secrets
import uuid

import recurrence.fields
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from practitioners.models import Practitioner

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class SessionType(models.Model):
    """What a patient books: a duration, a price, and what the agenda needs around it."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="session_types"
    )
    name = models.CharField(
        _("name"), max_length=80, default=pgettext_lazy("session", "Consultation")
    )
    #: Shown on the English site; the French name is used when empty.
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=50)
    buffer_before_minutes = models.PositiveSmallIntegerField(
        _("free time before (minutes)"), default=0
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(
        _("free time after (minutes)"), default=10
    )
    min_notice_minutes = models.PositiveIntegerField(_("minimum notice (minutes)"), default=24 * 60)
    horizon_days = models.PositiveSmallIntegerField(_("bookable up to (days ahead)"), default=60)
    #: Minutes between two possible start times; empty means back to back.
    slot_step_minutes = models.PositiveSmallIntegerField(
        _("start times every (minutes)"), null=True, blank=True
    )
    price_cents = models.PositiveIntegerField(_("price (cents)"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    is_default = models.BooleanField(_("default"), default=False)
    is_active = models.BooleanField(_("bookable"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("session type")
        verbose_name_plural = _("session types")
        ordering = ["practitioner", "position", "duration_minutes", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner"],
                condition=Q(is_default=True),
                name="one_default_session_type_per_practitioner",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="session_type_duration_range",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.duration_minutes} min)"

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


class WeeklySchedule(models.Model):
    """A typical week ("standard week", "summer"), valid between two dates."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="weekly_schedules"
    )
    name = models.CharField(_("name"), max_length=80, default=_("Standard week"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    #: Which weeks apply (e.g. every other week). Empty: every week.
    recurrence = recurrence.fields.RecurrenceField(_("repeats"), blank=True, null=True)
    #: While valid, this week is used instead of the others (e.g. summer hours).
    replaces_others = models.BooleanField(_("replaces the other weeks while valid"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("weekly schedule")
        verbose_name_plural = _("weekly schedules")
        ordering = ["practitioner", "valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="weekly_schedule_valid_period",
            )
        ]

    def __str__(self):
        return self.name


class WeeklyRange(models.Model):
    """Working hours on one weekday of a weekly schedule."""

    schedule = models.ForeignKey(WeeklySchedule, on_delete=models.CASCADE, related_name="ranges")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))

    class Meta:
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        ordering = ["schedule", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="weekly_range_order"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="weekly_range_weekday"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class DateOverride(models.Model):
    """Different hours on one date; without ranges, not working that day."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="date_overrides"
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("different hours on a date")
        verbose_name_plural = _("different hours on a date")
        ordering = ["practitioner", "date"]
        constraints = [
            models.UniqueConstraint(fields=["practitioner", "date"], name="one_override_per_date")
        ]

    def __str__(self):
        return f"{self.practitioner} {self.date}"


class DateOverrideRange(models.Model):
    override = models.ForeignKey(DateOverride, on_delete=models.CASCADE, related_name="ranges")
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))

    class Meta:
        ordering = ["override", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="override_range_order"
            )
        ]

    def __str__(self):
        return f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"


class TimeOff(models.Model):
    """A period without sessions (holidays, training), whole days or hours."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="time_off"
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    all_day = models.BooleanField(_("whole days"), default=True)
    #: Private to the practitioner ("holidays"); never shown to patients.
    label = models.CharField(_("note (only for you)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("time off")
        verbose_name_plural = _("time off")
        ordering = ["practitioner", "start"]
        indexes = [models.Index(fields=["practitioner", "end"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="time_off_order")
        ]

    def __str__(self):
        return f"{self.practitioner} {self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"


class ExternalCalendar(models.Model):
    """A calendar the practitioner keeps elsewhere, read as busy time (iCalendar URL).

    Only start and end of its events are stored (`ExternalBusy`); never titles, places or
    attendees.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Not read yet")
        OK = "ok", _("Up to date")
        ERROR = "error", _("Could not be read")

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="external_calendars"
    )
    name = models.CharField(_("name"), max_length=80, default=_("My calendar"))
    #: A secret address (Google's "secret address in iCal format", Outlook's ICS link...).
    url = models.URLField(_("iCalendar address"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    #: What went wrong on the last attempt, in words the practitioner can act on.
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    busy_count = models.PositiveIntegerField(_("busy periods"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("external calendar")
        verbose_name_plural = _("external calendars")
        ordering = ["practitioner", "pk"]

    def __str__(self):
        return self.name


class ExternalBusy(models.Model):
    """One busy period read from an external calendar: nothing but its start and end."""

    calendar = models.ForeignKey(ExternalCalendar, on_delete=models.CASCADE, related_name="busy")
    #: Copied from the calendar so availability reads need no join.
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["practitioner", "end"])]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="busy_order")]

    def __str__(self):
        return f"{self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M}"


class CalendarFeed(models.Model):
    """The practitioner's own agenda as a private iCalendar address, for their phone."""

    practitioner = models.OneToOneField(
        Practitioner, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    #: Off by default: a calendar app may show event titles on a locked screen.
    show_patient_names = models.BooleanField(_("show patients' names in the events"), default=False)
    rotated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.practitioner} feed"


def new_booking_token() -> str:
    return secrets.token_urlsafe(24)


class CancellationOutcome(models.TextChoices):
    FREE = "free", _("Free (before the deadline)")
    FORGIVEN = "forgiven", _("Late, but the first one is free")
    FEE = "fee", _("Late: fee due")
    BY_PRACTITIONER = "practitioner", _("Cancelled by the practitioner: nothing due")


class Booking(models.Model):
    """One session in a practitioner's agenda.

    It copies what it was booked with (title, duration, buffers, price), so later edits of the
    session type change nothing here. States change only in `bookings.lifecycle`. While a booking
    is in an `OCCUPYING` state, the database refuses any other occupying booking of the same
    practitioner that overlaps it (an exclusion constraint on PostgreSQL, triggers on SQLite).
    """

    class State(models.TextChoices):
        HELD = "held", _("Held during booking")
        REQUESTED = "requested", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        COMPLETED = "completed", _("Completed")
        CANCELLED_BY_PATIENT = "cancelled_patient", _("Cancelled by the patient")
        CANCELLED_BY_PRACTITIONER = "cancelled_practitioner", _("Cancelled by the practitioner")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        NO_SHOW = "no_show", _("Missed")

    #: States that hold the practitioner's time (and keep others from booking it).
    OCCUPYING = (State.HELD, State.REQUESTED, State.CONFIRMED, State.COMPLETED, State.NO_SHOW)

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="bookings"
    )
    session_type = models.ForeignKey(
        SessionType, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    buffer_before_minutes = models.PositiveSmallIntegerField(default=0)
    buffer_after_minutes = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("session"), max_length=80)
    price_cents = models.PositiveIntegerField(_("price (cents)"), default=0)
    currency = models.CharField(max_length=3, default="EUR")
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.HELD)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    #: A request not answered by then expires (the patient is told).
    respond_by = models.DateTimeField(null=True, blank=True)
    #: The private key of the patient's "manage my booking" links (email, API).
    token = models.CharField(max_length=64, unique=True, default=new_booking_token, editable=False)
    #: Where and how the patient reads times and messages.
    time_zone = models.CharField(max_length=64, default="Europe/Paris")
    language = models.CharField(max_length=8, default="fr")
    #: Raised at each move, so calendar apps replace the event (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    #: The policy's outcome of a cancellation, handed to payments.
    cancellation_outcome = models.CharField(
        max_length=12, choices=CancellationOutcome.choices, blank=True
    )
    cancellation_fee_cents = models.PositiveIntegerField(default=0)
    #: Who asked for the hold (a keyed hash of the client address): limits holds per client.
    client_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["practitioner", "start"]),
            models.Index(fields=["state", "hold_expires_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_order")
        ]

    def __str__(self):
        return f"{self.title} {self.start:%Y-%m-%d %H:%M}"

    @property
    def video_url(self) -> str:
        """Where the session takes place: the practitioner's own room, or a room of the
        platform's video service named by an unguessable key derived from this booking."""
        if self.practitioner.video_room_url:
            return self.practitioner.video_room_url
        room = hmac.new(
            settings.SECRET_KEY.encode(), f"room:{self.reference}".encode(), hashlib.sha256
        ).hexdigest()[:24]
        return f"{settings.KHEPRI_VIDEO_BASE_URL.rstrip('/')}/khepri-{room}"


class BookingEvent(models.Model):
    """One step in a booking's life: who did what, when and why. Append-only."""

    class Actor(models.TextChoices):
        PATIENT = "patient", _("Patient")
        PRACTITIONER = "practitioner", _("Practitioner")
        STAFF = "staff", _("Staff")
        SYSTEM = "system", _("Khepri")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24)
    actor_role = models.CharField(max_length=16, choices=Actor.choices)
    #: The account that really acted (a secretary acting for a practitioner is recorded here).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Set when `actor` acted for the practitioner as their delegate (a secretary): the
    #: practitioner whose agenda it was, so the history reads "Anna, for Claire".
    on_behalf_of = models.ForeignKey(
        Practitioner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    #: For a move: where the session was before.
    previous_start = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["booking", "at", "pk"]
        verbose_name = _("booking event")
        verbose_name_plural = _("booking events")

    def __str__(self):
        return f"{self.booking_id}: {self.from_state or '-'} → {self.to_state}"


class BookingReminder(models.Model):
    """A reminder queued for a booking, for the start it was written for. Unique per booking,
    kind and start: running the job twice (or in two workers) queues it once, and a moved
    booking gets a fresh reminder for its new time."""

    class Kind(models.TextChoices):
        EMAIL_24H = "email_24h", _("Email the day before")
        SMS_2H = "sms_2h", _("Text message shortly before")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    #: The start the reminder announced (a moved booking's earlier reminders keep the old one).
    booking_start = models.DateTimeField(_("for the start"))
    queued_at = models.DateTimeField(_("queued at"))

    class Meta:
        verbose_name = _("booking reminder")
        verbose_name_plural = _("booking reminders")
        ordering = ["booking", "queued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "kind", "booking_start"], name="booking_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.booking_id}: {self.kind} {self.booking_start:%Y-%m-%d %H:%M}"


class AgendaDigest(models.Model):
    """The list of one day's sessions sent to a practitioner the evening before: one per
    practitioner and day, so a second run or a second worker sends nothing more."""

    practitioner = models.ForeignKey(
        "practitioners.Practitioner", on_delete=models.CASCADE, related_name="agenda_digests"
    )
    day = models.DateField(_("day"))
    sessions = models.PositiveSmallIntegerField(_("sessions"), default=0)
    queued_at = models.DateTimeField(_("queued at"))

    class Meta:
        verbose_name = _("agenda digest")
        verbose_name_plural = _("agenda digests")
        constraints = [
            models.UniqueConstraint(fields=["practitioner", "day"], name="agenda_digest_once")
        ]

    def __str__(self):
        return f"{self.practitioner_id} {self.day}"


class AgendaDelegation(models.Model):
    """A practitioner lets another account (a secretary) work on their agenda: bookings, the
    agenda, quick entry and availability — never their profile, settings, money or notes.
    Revoking keeps the row (the history still names who acted) and ends the access at once."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="delegations"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agenda_delegations",
        verbose_name=_("delegate"),
    )
    created_at = models.DateTimeField(_("granted on"))
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda delegation")
        verbose_name_plural = _("agenda delegations")
        ordering = ["practitioner", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "delegate"],
                condition=Q(revoked_at__isnull=True),
                name="agenda_delegation_active_once",
            )
        ]

    def __str__(self):
        return f"{self.delegate_id} → {self.practitioner_id}"
