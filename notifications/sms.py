"""Text messages: how long they are, whether they may be sent, and the backend that sends them.

Contract:

* `segments(text)` counts what an operator bills. A text written only with the GSM 03.38
  alphabet is sent as GSM-7 (160 characters in a single SMS, 153 per segment once split;
  `€ { } [ ] ~ ^ \\ |` take two); any other character (`ê`, `ç`, `ô`, an emoji...) turns the
  whole text into UCS-2 (70 characters, 67 per segment).
* `send_sms(to=..., text=...)` refuses with `SmsRefused` (a `ValueError`) what can never be
  sent: an invalid or non-mobile number, an empty text, a text over
  `KHEPRI_SMS_MAX_SEGMENTS` segments. Otherwise it hands the message, with the number in
  E.164, to the backend named by `KHEPRI_SMS_BACKEND` and returns its `SmsResult`.
* A backend raises `SmsError` when a message could not be sent; `SmsError.retryable` tells
  whether trying again later may succeed (provider down, timeout) or not (number refused,
  wrong API key). The message is readable by staff and never repeats the text of the SMS.
* The sender is `KHEPRI_SMS_SENDER`: 1-11 letters or digits (or a number of up to 15 digits),
  and, for discretion, never the name of a therapy or a speciality.
"""

from __future__ import annotations

import abc
import itertools
import logging
import re
import sys
import threading
import uuid
from dataclasses import dataclass
from typing import Literal

import phonenumbers
import requests
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from phonenumber_field.phonenumber import PhoneNumber, to_python

logger = logging.getLogger(__name__)

GSM7 = "GSM-7"
UCS2 = "UCS-2"

#: GSM 03.38 default alphabet (3GPP TS 23.038), without the escape code 0x1B.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: Characters of the extension table (form feed and 9 printable ones): each is sent as the
#: escape code and its own code, so it counts twice.
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

#: Units in one SMS alone, and per segment once a text is split (the rest of each segment
#: carries the header that lets the phone put the parts back together).
SINGLE_LIMIT = {GSM7: 160, UCS2: 70}
CONCATENATED_LIMIT = {GSM7: 153, UCS2: 67}

#: Alphanumeric sender ID (what the phone shows instead of a number), or a plain number.
SENDER_PATTERN = re.compile(r"[A-Za-z0-9]{1,11}|\+?[0-9]{1,15}")

#: Number types that can receive a text. `FIXED_LINE_OR_MOBILE` is what countries that do
#: not tell them apart (the United States, Canada) use for every number.
SMS_NUMBER_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


# --- Values and errors -----------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentInfo:
    encoding: Literal["GSM-7", "UCS-2"]
    #: Length in units of the encoding: GSM-7 extension characters and characters outside
    #: the Basic Multilingual Plane (most emoji) in UCS-2 count 2.
    length: int
    #: SMS billed for the text (0 for an empty text).
    segments: int
    #: Units one segment holds: 160 / 70 for a single SMS, 153 / 67 once split.
    per_segment: int


@dataclass
class SmsResult:
    #: The provider's identifier of the message (to match delivery reports and support).
    message_id: str
    segments: int


class SmsError(Exception):
    """A message the backend could not send. `retryable`: whether a later try may succeed."""

    def __init__(
        self, message: str, *, retryable: bool, status: int | None = None, detail: str = ""
    ):
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        #: HTTP status of the provider's answer, when there was one.
        self.status = status
        #: The provider's own words (untranslated, for logs and support).
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class SmsRefused(ValueError):
    """A message that can never be sent as it is (number, length): nothing to retry."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- Length ----------------------------------------------------------------------------------


def _units(text: str, encoding: str) -> list[int]:
    if encoding == GSM7:
        return [2 if char in GSM7_EXTENSION else 1 for char in text]
    # UTF-16 code units: a character outside the BMP is a surrogate pair.
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def segments(text: str) -> SegmentInfo:
    """Encoding, length and number of SMS segments of `text`, as an operator counts them."""
    gsm = all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)
    encoding = GSM7 if gsm else UCS2
    units = _units(text, encoding)
    length = sum(units)
    if length <= SINGLE_LIMIT[encoding]:
        return SegmentInfo(encoding, length, 1 if length else 0, SINGLE_LIMIT[encoding])
    # Split texts are filled segment by segment: an escape sequence or a surrogate pair is
    # never cut in two, so a segment may hold one unit less than `per_segment`.
    per_segment = CONCATENATED_LIMIT[encoding]
    count, used = 1, 0
    for unit in units:
        if used + unit > per_segment:
            count, used = count + 1, 0
        used += unit
    return SegmentInfo(encoding, length, count, per_segment)


def max_segments() -> int:
    return int(getattr(settings, "KHEPRI_SMS_MAX_SEGMENTS", 2))


# --- Checks before sending -------------------------------------------------------------------


def sms_number(value: str) -> str:
    """`value` in E.164 (`+33612345678`) if it is a valid number able to receive a text.

    A number without a country code is read in `PHONENUMBER_DEFAULT_REGION`."""
    number = to_python(value, region=getattr(settings, "PHONENUMBER_DEFAULT_REGION", None))
    if not isinstance(number, PhoneNumber) or not number.is_valid():
        raise SmsRefused(_("“%(number)s” is not a valid phone number.") % {"number": value})
    if phonenumbers.number_type(number) not in SMS_NUMBER_TYPES:
        raise SmsRefused(
            _("“%(number)s” cannot receive text messages: give a mobile number.")
            % {"number": value}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def sms_sender() -> str:
    """The configured sender ID, or `SmsError` when an operator would refuse it."""
    sender = str(getattr(settings, "KHEPRI_SMS_SENDER", "Khepri"))
    if not SENDER_PATTERN.fullmatch(sender):
        raise SmsError(
            _(
                "The SMS sender name “%(sender)s” is not valid: use 1 to 11 letters or digits, "
                "without spaces or accents."
            )
            % {"sender": sender},
            retryable=False,
        )
    return sender


def check_text(text: str) -> SegmentInfo:
    """The segments of `text`, or `SmsRefused` when it is empty or over the limit."""
    if not text.strip():
        raise SmsRefused(_("A text message cannot be empty."))
    info = segments(text)
    limit = max_segments()
    if info.segments > limit:
        message = ngettext(
            "This text is too long: it makes %(segments)d SMS segments (%(length)d "
            "characters) and the limit is %(limit)d segment.",
            "This text is too long: it makes %(segments)d SMS segments (%(length)d "
            "characters) and the limit is %(limit)d segments.",
            limit,
        ) % {"segments": info.segments, "length": info.length, "limit": limit}
        if info.encoding == UCS2:
            message += " " + _(
                "Characters such as ê, ç, ô or emoji reduce an SMS to %(single)d characters "
                "instead of %(gsm)d."
            ) % {"single": SINGLE_LIMIT[UCS2], "gsm": SINGLE_LIMIT[GSM7]}
        raise SmsRefused(message)
    return info


# --- Sending ---------------------------------------------------------------------------------


def get_backend() -> BaseSmsBackend:
    path = getattr(settings, "KHEPRI_SMS_BACKEND", "notifications.sms.ConsoleBackend")
    return import_string(path)()


def send_sms(*, to: str, text: str) -> SmsResult:
    """Send `text` to the number `to` through the configured backend.

    Raises `SmsRefused` (a `ValueError`) for a number or a text that can never be sent, and
    `SmsError` when the backend could not send it."""
    number = sms_number(to)
    info = check_text(text)
    sender = sms_sender()
    result = get_backend().send(to=number, text=text, sender=sender, info=info)
    # Neither the number nor the text in the log: both say too much about a patient.
    logger.info("SMS sent: id %s, %d segment(s)", result.message_id, result.segments)
    return result


class BaseSmsBackend(abc.ABC):
    """The interface every backend implements (console, locmem, Brevo): send one message that
    `send_sms` has already checked (E.164 number, valid sender, length within the limit).
    Returns `SmsResult` or raises `SmsError`."""

    @abc.abstractmethod
    def send(self, *, to: str, text: str, sender: str, info: SegmentInfo) -> SmsResult: ...


class ConsoleBackend(BaseSmsBackend):
    """Development: writes each message to standard output (`make run`'s log)."""

    _lock = threading.Lock()

    def __init__(self, stream=None):
        self.stream = stream

    def send(self, *, to: str, text: str, sender: str, info: SegmentInfo) -> SmsResult:
        message_id = f"console-{uuid.uuid4().hex[:12]}"
        stream = self.stream or sys.stdout
        with self._lock:
            stream.write(
                f"SMS {message_id} from {sender} to {to} "
                f"({info.segments} segment(s), {info.encoding}, {info.length} units)\n"
                f"{text}\n{'-' * 79}\n"
            )
            stream.flush()
        return SmsResult(message_id=message_id, segments=info.segments)


#: Messages "sent" by `LocmemBackend`, oldest first: dicts with to, text, sender, segments.
outbox: list[dict] = []
_locmem_ids = itertools.count(1)


def reset() -> None:
    """Empty `outbox` (the same list object, so references to it stay valid)."""
    outbox.clear()


class LocmemBackend(BaseSmsBackend):
    """Tests: keeps each message in `notifications.sms.outbox`."""

    def send(self, *, to: str, text: str, sender: str, info: SegmentInfo) -> SmsResult:
        outbox.append({"to": to, "text": text, "sender": sender, "segments": info.segments})
        return SmsResult(message_id=f"locmem-{next(_locmem_ids)}", segments=info.segments)


class BrevoBackend(BaseSmsBackend):
    """Brevo's transactional SMS API (https://developers.brevo.com, "Send SMS").

    `POST {KHEPRI_SMS_BREVO_URL}/transactionalSMS/send` with the `api-key` header; the answer
    carries `messageId`. This is the endpoint Brevo recommends since it deprecated
    `/transactionalSMS/sms` (which answered with the same `messageId`)."""

    path = "/transactionalSMS/send"

    def __init__(
        self,
        *,
        api_url: str | None = None,
        api_key: str | None = None,
        timeout: float | None = None,
    ):
        self.api_url = (api_url or settings.KHEPRI_SMS_BREVO_URL).rstrip("/")
        self.api_key = settings.KHEPRI_SMS_BREVO_API_KEY if api_key is None else api_key
        self.timeout = float(settings.KHEPRI_SMS_TIMEOUT if timeout is None else timeout)

    def send(self, *, to: str, text: str, sender: str, info: SegmentInfo) -> SmsResult:
        if not self.api_key:
            raise SmsError(
                _("SMS sending is not configured: the provider's API key is missing."),
                retryable=False,
            )
        payload = {
            "sender": sender,
            # Brevo documents the number "with the country code" and its examples drop the
            # "+": digits only is the form every route accepts.
            "recipient": to.removeprefix("+"),
            "content": text,
            "type": "transactional",
            # Without it Brevo replaces the characters outside GSM-7 (ê becomes e).
            "unicodeEnabled": info.encoding == UCS2,
        }
        headers = {"api-key": self.api_key, "accept": "application/json"}
        try:
            response = requests.post(
                self.api_url + self.path,
                json=payload,
                headers=headers,
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.Timeout:
            # The provider may have sent the message before the time ran out: a retry risks
            # a duplicate, which is better than a reminder never sent.
            raise SmsError(
                _("The SMS provider did not answer within %(seconds)s seconds.")
                % {"seconds": f"{self.timeout:g}"},
                retryable=True,
                detail="timeout",
            ) from None
        except requests.ConnectionError as exc:
            raise SmsError(
                _("The SMS provider could not be reached."),
                retryable=True,
                detail=type(exc).__name__,
            ) from None
        except requests.RequestException as exc:
            # An invalid address or the like: a configuration error, no retry will fix it.
            raise SmsError(
                _("The SMS provider could not be called."),
                retryable=False,
                detail=type(exc).__name__,
            ) from None
        return self._result(response, info)

    def _result(self, response: requests.Response, info: SegmentInfo) -> SmsResult:
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if 200 <= status < 300:
            message_id = body.get("messageId") if isinstance(body, dict) else None
            if message_id in (None, ""):
                # The message may have gone out: not retryable, so it is never sent twice.
                raise SmsError(
                    _("The SMS provider gave an unexpected answer."),
                    retryable=False,
                    status=status,
                    detail=response.text[:200],
                )
            count = body.get("smsCount")
            return SmsResult(
                message_id=str(message_id),
                segments=count if isinstance(count, int) and count > 0 else info.segments,
            )
        raise _status_error(status, _provider_detail(body, response))


def _provider_detail(body, response: requests.Response) -> str:
    """Brevo's explanation (`{"code": ..., "message": ...}`), short."""
    if isinstance(body, dict):
        detail = " ".join(str(body[key]) for key in ("code", "message") if body.get(key))
    else:
        detail = response.text
    return " ".join(detail.split())[:200]


def _status_error(status: int, detail: str) -> SmsError:
    values = {"status": status, "detail": detail or "-"}
    if status == 429 or status == 408 or status >= 500:
        return SmsError(
            _("The SMS provider is unavailable for now (HTTP %(status)s): %(detail)s") % values,
            retryable=True,
            status=status,
            detail=detail,
        )
    if status in (401, 403):
        message = _("The SMS provider refused the API key (HTTP %(status)s): %(detail)s")
    elif status == 402:
        message = _("The SMS account has no credits left (HTTP %(status)s): %(detail)s")
    else:
        message = _("The SMS provider refused the message (HTTP %(status)s): %(detail)s")
    return SmsError(message % values, retryable=False, status=status, detail=detail)
