"""The language of message templates: placeholders and `{% if %}`, nothing else; what
`template_check` refuses at save (with a reason staff can act on); and `find_sensitive`, the
words a message must never contain."""

import pytest
from django.utils import translation

from notifications import sms
from notifications.discretion import find_sensitive
from notifications.templating import (
    EMAIL,
    PLACEHOLDERS,
    SMS,
    MessageKind,
    TemplateProblem,
    kind_for,
    render,
    render_message,
    template_check,
)

MANAGE_URL = "https://khepri.example/appointments/" + "x" * 32 + "/"
VIDEO_URL = "https://meet.example/khepri-" + "7" * 24


def sample():
    return {
        "when": "Thursday 3 December 2026 at 14:30",
        "manage_url": MANAGE_URL,
        "video_url": VIDEO_URL,
        "fee": "30.00 EUR",
        "late_forgiven": "",
        "sender_name": "Khepri",
    }


#: Kinds of their own (not registered): the checks do not depend on the booking messages.
EMAIL_KIND = MessageKind(
    event="test.thing.patient",
    channel=EMAIL,
    label="Test email",
    placeholders=("when", "manage_url", "fee", "late_forgiven", "sender_name"),
    subject="Your appointment",
    body="Your appointment is booked for {{ when }}.",
    sample=sample,
)
SMS_KIND = MessageKind(
    event="test.thing.patient",
    channel=SMS,
    label="Test SMS",
    placeholders=("when", "manage_url", "video_url", "sender_name"),
    body="{{ sender_name }}: appointment {{ when }}. {{ manage_url }}",
    sample=sample,
)
ALLOWED = set(EMAIL_KIND.placeholders)


def problems(source, *, subject="Your appointment", kind=EMAIL_KIND, sensitive_words=()):
    return template_check(kind, subject, source, sensitive_words=sensitive_words)


def refusal(source: str) -> str:
    with pytest.raises(TemplateProblem) as caught:
        render(source, sample(), ALLOWED)
    return caught.value.message


# --- What renders -----------------------------------------------------------------------------


def test_placeholders_are_replaced_by_their_values():
    assert render("On {{ when }}, see {{manage_url}}.", sample(), ALLOWED) == (
        f"On Thursday 3 December 2026 at 14:30, see {MANAGE_URL}."
    )


def test_values_are_not_escaped_in_the_text():
    # The text is plain: escaping belongs to the HTML layout (see test_compose).
    assert render("{{ when }}", {"when": "<b>Tom & Jerry</b>"}) == "<b>Tom & Jerry</b>"


def test_a_missing_value_renders_empty():
    assert render("[{{ fee }}]", {}, {"fee"}) == "[]"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"fee": "30 EUR", "late_forgiven": "1"}, "fee 30 EUR"),
        ({"fee": "", "late_forgiven": "1"}, "forgiven"),
        ({"fee": "", "late_forgiven": ""}, "nothing"),
    ],
)
def test_if_elif_else(values, expected):
    source = "{% if fee %}fee {{ fee }}{% elif late_forgiven %}forgiven{% else %}nothing{% endif %}"
    assert render(source, values, {"fee", "late_forgiven"}) == expected


@pytest.mark.parametrize(
    ("condition", "values", "shown"),
    [
        ("not fee", {"fee": ""}, True),
        ("not fee", {"fee": "1"}, False),
        ("fee and when", {"fee": "1", "when": "x"}, True),
        ("fee and when", {"fee": "1", "when": ""}, False),
        ("fee or when", {"fee": "", "when": "x"}, True),
        ("fee or when", {"fee": "", "when": ""}, False),
        ("not fee and when", {"fee": "", "when": "x"}, True),
    ],
)
def test_conditions_with_not_and_or(condition, values, shown):
    source = f"{{% if {condition} %}}yes{{% endif %}}"
    assert render(source, values, {"fee", "when"}) == ("yes" if shown else "")


def test_render_message_puts_the_subject_on_one_line_and_trims_the_body():
    rendered = render_message(
        EMAIL_KIND, "  Your   appointment\n ", "\n\nFirst.\n\n\nSecond {{ when }}.\n\n", sample()
    )
    assert rendered.subject == "Your appointment"
    assert rendered.body.startswith("First.")
    assert rendered.paragraphs == ["First.", "Second Thursday 3 December 2026 at 14:30."]


# --- What is refused, and why -----------------------------------------------------------------


def test_an_unknown_placeholder_is_refused_with_the_allowed_ones():
    message = refusal("Hello {{ therapy }}")
    assert "{{ therapy }}" in message
    assert "fee, late_forgiven, manage_url, sender_name, when" in message


def test_a_placeholder_another_message_has_is_refused():
    # "video_url" exists, but not in this message.
    assert "{{ video_url }}" in refusal("{{ video_url }}")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("{{ when|upper }}", "|upper"),
        ("{{ when|default:'soon' }}", "|default"),
        ("{% if when|length %}x{% endif %}", "|length"),
        ("{% load i18n %}", "i18n"),
        ("{% include 'notifications/email/message.txt' %}", "{% include"),
        ("{% for letter in when %}{{ letter }}{% endfor %}", "{% for letter in when %}"),
        ("{% now 'Y' %}", "{% now 'Y' %}"),
        ("{% comment %}x{% endcomment %}", "{% comment %}"),
        ("{% verbatim %}{{ when }}{% endverbatim %}", "{% verbatim %}"),
        ("{% templatetag openblock %}", "{% templatetag"),
        ("{% csrf_token %}", "{% csrf_token %}"),
        ("{% debug %}", "{% debug %}"),
        ('{{ "x" }}', '"x"'),
        ("{{ 42 }}", "42"),
        ("{{ _('Hello') }}", "_('Hello')"),
        ("{% if 1 %}x{% endif %}", "1"),
        ("{{ when.year }}", "{{ when.year }}"),
        ("{{ when.0 }}", "{{ when.0 }}"),
        ("{% if when %}unclosed", "Unclosed tag"),
        ("{% if when %}x{% else %}y", "Unclosed tag"),
        ("{% endif %}", "endif"),
        ("{{ when", "“{{”"),
        ("when }}", "“}}”"),
        ("{% if when", "“{%”"),
        ('{% if fee == "1" %}x{% endif %}', "“==”"),
        ("{% if fee != when %}x{% endif %}", "“!=”"),
        ("{% if fee in when %}x{% endif %}", "“in”"),
        ("{% if fee is None %}x{% endif %}", "“is”"),
        ("{% if fee > when %}x{% endif %}", "“>”"),
    ],
)
def test_anything_but_placeholders_and_if_is_refused(source, reason):
    message = refusal(source)
    assert reason in message


def test_the_reasons_say_what_to_do():
    assert "write the placeholder alone" in refusal("{{ when|upper }}")
    assert "only placeholders and {% if %} are allowed" in refusal("{% now 'Y' %}")
    assert "Only placeholders can go between {{ and }}" in refusal('{{ "x" }}')
    assert "cannot be read" in refusal("{% if when %}")
    assert "Conditions can only use “not”, “and” and “or”" in refusal(
        '{% if fee == "1" %}{% endif %}'
    )


def test_a_placeholder_inside_a_branch_not_taken_is_still_checked():
    assert "{{ therapy }}" in refusal("{% if late_forgiven %}{{ therapy }}{% endif %}")
    assert "{{ therapy }}" in refusal("{% if fee %}{% elif therapy %}x{% endif %}")


def test_the_reasons_are_translated():
    with translation.override("fr"):
        message = refusal("{% now 'Y' %}")
    assert "n’est pas possible ici" in message and "{% now 'Y' %}" in message


# --- template_check: the whole message, with example values -----------------------------------


def test_a_good_template_has_no_problem():
    assert problems("Your appointment: {{ when }}.{% if fee %} Fee: {{ fee }}.{% endif %}") == []


def test_problems_are_reported_per_field():
    found = problems("{{ when|upper }}", subject="{{ nope }}")
    assert [field for field, _message in found] == ["body", "subject"]
    assert "|upper" in found[0][1] and "{{ nope }}" in found[1][1]


@pytest.mark.parametrize("subject", ["", "   ", "{% if late_forgiven %}Forgiven{% endif %}"])
def test_an_email_needs_a_subject(subject):
    assert problems("Body.", subject=subject) == [("subject", "A message needs a subject.")]


def test_a_subject_is_one_line():
    assert problems("Body.", subject="Your appointment\n{{ when }}") == [
        ("subject", "A subject is a single line.")
    ]
    # A value cannot break it either: the check sees the rendered subject.
    kind = MessageKind(**{**EMAIL_KIND.__dict__, "sample": lambda: {"when": "a\nb"}})
    assert template_check(kind, "On {{ when }}", "Body.") == [
        ("subject", "A subject is a single line.")
    ]


def test_an_empty_body_is_refused():
    assert problems("  {% if late_forgiven %}x{% endif %} ") == [
        ("body", "The message cannot be empty.")
    ]


def test_a_text_message_has_no_subject_to_check():
    assert template_check(SMS_KIND, "", "{{ sender_name }}: {{ when }}") == []
    assert template_check(SMS_KIND, "{{ nope }}", "{{ sender_name }}: {{ when }}") == []


def test_a_text_message_over_the_limit_with_example_values_is_refused():
    ok = "{{ sender_name }}: appointment {{ when }}. Video: {{ video_url }} {{ manage_url }}"
    assert template_check(SMS_KIND, "", ok) == []
    assert sms.segments(render(ok, sample())).segments == 2
    too_long = ok + " Please be on time, and check your camera and sound before you join." * 2
    ((field, message),) = template_check(SMS_KIND, "", too_long)
    assert field == "body"
    assert message.startswith("With example values: This text is too long")
    assert "the limit is 2 segments" in message


def test_one_accented_letter_can_make_a_french_text_too_long():
    """ê is not in the GSM-7 alphabet: the whole text becomes UCS-2 (70 characters a
    segment instead of 160)."""
    plain = (
        "{{ sender_name }} : votre rendez-vous du {{ when }} est pret. "
        "Video : {{ video_url }} Le gerer : {{ manage_url }}"
    )
    with translation.override("fr"):
        assert template_check(SMS_KIND, "", plain) == []
        ((field, message),) = template_check(SMS_KIND, "", plain.replace("pret", "prêt"))
    assert field == "body"
    assert sms.segments(render(plain.replace("pret", "prêt"), sample())).encoding == sms.UCS2
    assert "ê, ç, ô" in message and "70" in message


@pytest.mark.parametrize(
    ("subject", "body", "field"),
    [
        ("Your hypnotherapy session", "On {{ when }}.", "subject"),
        ("Your appointment", "Your sophrology session is on {{ when }}.", "body"),
        ("Your appointment", "Votre séance d'HYPNOTHÉRAPIE : {{ when }}.", "body"),
        ("Your appointment", "{% if late_forgiven %}For your burn-out.{% endif %}Hi.", "body"),
        ("{% if fee %}Hello{% else %}About stress{% endif %}", "Hi.", "subject"),
    ],
)
def test_a_sensitive_word_is_refused_wherever_it_is(subject, body, field):
    ((found_field, message),) = problems(body, subject=subject)
    assert found_field == field
    assert message.startswith("Messages must stay discreet")


def test_the_discretion_message_names_the_word_as_written():
    ((_field, message),) = problems("Votre séance d'Hypnothérapie.")
    assert "“Hypnothérapie”" in message


def test_a_sensitive_word_in_a_value_is_refused():
    kind = MessageKind(**{**EMAIL_KIND.__dict__, "sample": lambda: {"when": "your therapy"}})
    ((field, _message),) = template_check(kind, "Your appointment", "{{ when }}")
    assert field == "body"


def test_catalogue_words_passed_in_are_refused():
    catalogue = ["Kinésiologie et Brain Gym", "Art-thérapie Nature"]
    assert problems("Your nature walk.") == []  # not a care word by itself
    ((field, message),) = problems("Your art-therapie nature session.", sensitive_words=catalogue)
    assert field == "body" and "“art-therapie nature”" in message.lower()
    ((field, _message),) = problems(
        "Hi.", subject="Kinesiologie et brain gym", sensitive_words=catalogue
    )
    assert field == "subject"


def test_a_text_message_is_checked_for_words_too():
    ((field, _message),) = template_check(SMS_KIND, "", "{{ sender_name }}: your EFT session")
    assert field == "body"


def test_every_documented_placeholder_has_a_description():
    for name, description in PLACEHOLDERS.items():
        assert str(description), name


def test_registering_an_undocumented_placeholder_fails():
    from notifications.templating import register

    with pytest.raises(ValueError, match="undocumented placeholders"):
        register(MessageKind(**{**EMAIL_KIND.__dict__, "placeholders": ("therapy",)}))


def test_the_booking_kinds_are_registered():
    kind = kind_for("booking.reminder.patient.sms")
    assert kind.channel == SMS and "video_url" in kind.placeholders


# --- find_sensitive -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Votre séance d'Hypnothérapie", ["Hypnothérapie"]),
        ("SOPHROLOGIE demain", ["SOPHROLOGIE"]),
        ("hypnotherapie", ["hypnotherapie"]),  # accents left out
        ("Psychologue, psychotherapy", ["Psychologue", "psychotherapy"]),  # stems
        ("therapist", ["therapist"]),
        ("Art-thérapie", ["thérapie"]),
        ("Une séance d'EFT", ["EFT"]),
        ("le burn-out", ["burn-out"]),
        ("BURNOUT", ["BURNOUT"]),
        ("Troubles alimentaires graves", ["Troubles alimentaires"]),  # a phrase
        ("a sleep\n  disorder", ["sleep\n  disorder"]),  # across spaces and lines
        ("stress, stress", ["stress"]),  # each word once
    ],
)
def test_care_words_are_found_whatever_their_case_and_accents(text, found):
    assert find_sensitive(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Your appointment is confirmed",
        "Rappel de votre rendez-vous",
        "https://khepri.example/appointments/theftABC_x/",  # "eft" inside letters
        "left, deft, Efta",
        "trouble",  # half of a phrase
        "sleep well",
        "distressing",  # a care word inside another word is not one
        "",
    ],
)
def test_discreet_texts_have_nothing_found(text):
    assert find_sensitive(text) == []


def test_catalogue_words_are_phrases_matched_whole():
    words = ["Kinésiologie et Brain Gym", "Santé physique", "EFT (Emotional Freedom Techniques)"]
    assert find_sensitive("KINESIOLOGIE ET  brain gym!", words) == ["KINESIOLOGIE ET  brain gym"]
    assert find_sensitive("Votre santé physique", words) == ["santé physique"]
    assert find_sensitive("Brain", words) == []
    assert find_sensitive("Emotional freedom techniques", words) == []
    assert find_sensitive("Read: EFT (Emotional Freedom Techniques).", words) == ["EFT"]
    assert find_sensitive("x", ["", "y"]) == []
