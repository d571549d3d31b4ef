"""SMS length, the checks before sending, and the console and in-memory backends."""

import io
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifications import checks, sms
from notifications.sms import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    LocmemBackend,
    SegmentInfo,
    SmsError,
    SmsRefused,
    segments,
    send_sms,
)

MOBILE = "+33612345678"

# --- Segments --------------------------------------------------------------------------------


def test_the_gsm_alphabet_is_the_whole_03_38_table():
    # 128 codes less the escape; the extension table: form feed and ^ { } \ [ ~ ] | €.
    assert len(GSM7_BASIC) == 127
    assert len(GSM7_EXTENSION) == 10
    assert GSM7_BASIC.isdisjoint(GSM7_EXTENSION)
    info = segments("".join(sorted(GSM7_BASIC)))
    assert (info.encoding, info.length) == ("GSM-7", 127)


def test_a_short_plain_text_is_one_gsm_segment():
    assert segments("Khepri: RDV mardi 8 dec, 10:00") == SegmentInfo("GSM-7", 30, 1, 160)


def test_an_empty_text_is_no_segment():
    assert segments("") == SegmentInfo("GSM-7", 0, 0, 160)


@pytest.mark.parametrize(
    "text",
    [
        "Séance confirmée à 10h. Où ? En vidéo.",  # é à ù
        "Élodie, Ça va ? Ñ Ü Ä Ö Å Æ Ø ß ä ö ñ ü å æ ø è ì ò ¿ ¡ § £ ¥ ¤",
        "Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ @ _ $",
    ],
)
def test_french_accents_of_the_gsm_table_stay_gsm(text):
    info = segments(text)
    assert info.encoding == "GSM-7"
    assert info.length == len(text)


@pytest.mark.parametrize(
    "char", ["ê", "â", "î", "ô", "û", "ç", "ë", "ï", "ÿ", "œ", "À", "È", "Ù", "Ê", "’", "…"]
)
def test_accents_outside_the_gsm_table_force_ucs2(char):
    info = segments(f"Rendez-vous {char} 10h")
    assert info.encoding == "UCS-2"
    assert info.per_segment == 70
    assert info.length == len("Rendez-vous  10h") + 1


def test_extension_characters_count_twice():
    assert segments("€") == SegmentInfo("GSM-7", 2, 1, 160)
    assert segments("{}[]~^\\|€") == SegmentInfo("GSM-7", 18, 1, 160)
    assert segments("Prix : 60 €").length == 12


@pytest.mark.parametrize(
    ("length", "expected"),
    [(160, (1, 160)), (161, (2, 153)), (306, (2, 153)), (307, (3, 153)), (459, (3, 153))],
)
def test_gsm_limits(length, expected):
    info = segments("a" * length)
    assert info.length == length
    assert (info.segments, info.per_segment) == expected


def test_an_extension_character_can_tip_a_text_over_160():
    assert segments("a" * 158 + "€").segments == 1
    assert segments("a" * 159 + "€") == SegmentInfo("GSM-7", 161, 2, 153)


def test_an_escape_sequence_is_never_cut_between_two_segments():
    # 306 units would fit two segments of 153, but the € cannot start at the last place of
    # the first one: it moves to the second, which then overflows into a third.
    info = segments("a" * 152 + "€" + "a" * 152)
    assert info.length == 306
    assert info.segments == 3


@pytest.mark.parametrize(
    ("length", "expected"),
    [(70, (1, 70)), (71, (2, 67)), (134, (2, 67)), (135, (3, 67))],
)
def test_ucs2_limits(length, expected):
    info = segments("ê" * length)
    assert (info.encoding, info.length) == ("UCS-2", length)
    assert (info.segments, info.per_segment) == expected


def test_an_emoji_is_two_ucs2_units():
    assert segments("😀") == SegmentInfo("UCS-2", 2, 1, 70)
    assert segments("a" * 68 + "😀").segments == 1
    assert segments("a" * 69 + "😀") == SegmentInfo("UCS-2", 71, 2, 67)


@given(st.text(alphabet=sorted(GSM7_BASIC | GSM7_EXTENSION | {"ê", "😀"}), max_size=600))
def test_segments_always_hold_the_text(text):
    info = segments(text)
    limit = 160 if info.encoding == "GSM-7" else 70
    if info.length <= limit:
        assert info.segments == (1 if text else 0)
    else:
        # Never fewer segments than the units need; at most one unit lost per segment.
        assert info.segments >= math.ceil(info.length / info.per_segment)
        assert info.segments <= math.ceil(info.length / (info.per_segment - 1))


# --- Checks before sending -------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["+33612345678", "06 12 34 56 78", "0612345678", "+33 6 12 34 56 78"]
)
def test_numbers_are_sent_in_e164(number):
    send_sms(to=number, text="Bonjour")
    assert sms.outbox[-1]["to"] == MOBILE


def test_a_foreign_number_keeps_its_country():
    send_sms(to="+44 7911 123456", text="Hello")
    assert sms.outbox[-1]["to"] == "+447911123456"


@pytest.mark.parametrize("number", ["", "not a number", "+3361234567", "12"])
def test_an_invalid_number_is_refused(number):
    with pytest.raises(ValueError, match="is not a valid phone number") as caught:
        send_sms(to=number, text="Bonjour")
    assert isinstance(caught.value, SmsRefused)
    assert sms.outbox == []


@pytest.mark.parametrize("number", ["+33123456789", "+33912345678"])
def test_a_landline_is_refused(number):
    with pytest.raises(SmsRefused, match="cannot receive text messages"):
        send_sms(to=number, text="Bonjour")
    assert sms.outbox == []


@pytest.mark.parametrize("text", ["", "   \n"])
def test_an_empty_text_is_refused(text):
    with pytest.raises(SmsRefused, match="cannot be empty"):
        send_sms(to=MOBILE, text=text)


def test_two_segments_pass_and_three_are_refused():
    send_sms(to=MOBILE, text="a" * 306)
    assert sms.outbox[-1]["segments"] == 2
    with pytest.raises(SmsRefused) as caught:
        send_sms(to=MOBILE, text="a" * 307)
    assert str(caught.value) == (
        "This text is too long: it makes 3 SMS segments (307 characters) and the limit is "
        "2 segments."
    )
    assert len(sms.outbox) == 1


def test_the_limit_is_a_setting(settings):
    settings.KHEPRI_SMS_MAX_SEGMENTS = 1
    send_sms(to=MOBILE, text="a" * 160)
    with pytest.raises(SmsRefused, match=r"the limit is 1 segment\.$"):
        send_sms(to=MOBILE, text="a" * 161)


def test_a_refused_ucs2_text_says_why_it_is_short(settings):
    settings.KHEPRI_SMS_MAX_SEGMENTS = 1
    with pytest.raises(SmsRefused, match="reduce an SMS to 70 characters instead of 160"):
        send_sms(to=MOBILE, text="À très bientôt ! " * 5)


@pytest.mark.parametrize("sender", ["", "Khepri Santé", "Khepri Sante", "TwelveLetter", "K-hepri"])
def test_an_invalid_sender_is_a_configuration_error(settings, sender):
    settings.KHEPRI_SMS_SENDER = sender
    with pytest.raises(SmsError, match="sender name") as caught:
        send_sms(to=MOBILE, text="Bonjour")
    assert caught.value.retryable is False
    assert sms.outbox == []


@pytest.mark.parametrize("sender", ["Khepri", "ABCDEFGHIJK", "33612345678", "+33612345678"])
def test_valid_senders(settings, sender):
    settings.KHEPRI_SMS_SENDER = sender
    send_sms(to=MOBILE, text="Bonjour")
    assert sms.outbox[-1]["sender"] == sender


# --- Backends --------------------------------------------------------------------------------


def test_the_test_settings_keep_messages_in_the_outbox():
    result = send_sms(to="06 12 34 56 78", text="Khepri: RDV confirmé mardi 10:00")
    assert sms.outbox == [
        {
            "to": MOBILE,
            "text": "Khepri: RDV confirmé mardi 10:00",
            "sender": "Khepri",
            "segments": 1,
        }
    ]
    assert result.segments == 1
    assert result.message_id.startswith("locmem-")
    assert send_sms(to=MOBILE, text="Bis").message_id != result.message_id


def test_reset_empties_the_same_outbox():
    outbox = sms.outbox
    send_sms(to=MOBILE, text="Bonjour")
    sms.reset()
    assert outbox == [] and sms.outbox is outbox


def test_the_backend_is_a_setting(settings, capsys):
    settings.KHEPRI_SMS_BACKEND = "notifications.sms.ConsoleBackend"
    settings.KHEPRI_SMS_SENDER = "Cabinet"
    result = send_sms(to="0612345678", text="Rappel : rendez-vous demain à 10:00")
    out = capsys.readouterr().out
    assert f"to {MOBILE}" in out
    assert "from Cabinet" in out
    assert "Rappel : rendez-vous demain à 10:00\n" in out
    assert result.message_id in out
    assert result.segments == 1
    assert sms.outbox == []


def test_the_console_backend_writes_to_its_stream():
    stream = io.StringIO()
    info = segments("Bonjour €")
    sms.ConsoleBackend(stream=stream).send(to=MOBILE, text="Bonjour €", sender="Khepri", info=info)
    assert "(1 segment(s), GSM-7, 10 units)\nBonjour €\n" in stream.getvalue()


def test_locmem_backend_directly():
    result = LocmemBackend().send(
        to=MOBILE, text="x", sender="Khepri", info=SegmentInfo("GSM-7", 1, 1, 160)
    )
    assert result.segments == 1
    assert sms.outbox[-1]["to"] == MOBILE


# --- System checks ---------------------------------------------------------------------------


def check_ids(check):
    return [message.id for message in check(None)]


def test_the_test_settings_pass_the_checks():
    assert check_ids(checks.sms_settings_check) == []
    assert check_ids(checks.sms_deploy_check) == []


def test_checks_report_a_bad_configuration(settings):
    settings.KHEPRI_SMS_SENDER = "Hypnothérapie"
    settings.KHEPRI_SMS_BACKEND = "notifications.sms.NoSuchBackend"
    assert check_ids(checks.sms_settings_check) == ["notifications.E001", "notifications.E002"]
    settings.KHEPRI_SMS_SENDER = "Khepri"
    settings.KHEPRI_SMS_BACKEND = "notifications.sms.BrevoBackend"
    settings.KHEPRI_SMS_BREVO_API_KEY = ""
    assert check_ids(checks.sms_settings_check) == ["notifications.E003"]
    settings.KHEPRI_SMS_BACKEND = "notifications.sms.ConsoleBackend"
    assert check_ids(checks.sms_deploy_check) == ["notifications.W001"]
