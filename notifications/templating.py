"""Message templates staff can edit: what each message may say, how its text is checked and
rendered. No ORM here (the stored texts are read by `notifications.selectors`).

Contract:

* Each app declares the messages it sends as `MessageKind`s (`register`), with the
  placeholders a template may use and the default subject and body (gettext strings, so the
  defaults exist in every language).
* A template is a subject and a body in a deliberately small language: `{{ placeholder }}`
  and `{% if placeholder %}…{% else %}…{% endif %}`, nothing else (no filters, no tags that
  load or include anything). `template_check` refuses anything outside it, an unknown
  placeholder, a subject over one line, a text message over the SMS limit with example
  values, and a word that names care (`notifications.discretion`) — at save, with the reason,
  so a message never fails at sending because of its wording.
* Placeholder values are plain strings, prepared by the sender in the reader's language and
  time zone; an empty string is false in `{% if %}`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.template.defaulttags import IfNode
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EMAIL = "email"
SMS = "sms"

#: What each placeholder stands for, shown to staff beside the editor.
PLACEHOLDERS: dict[str, Promise] = {
    "when": gettext_lazy("Date and time of the session, in the reader's own time zone."),
    "previous_when": gettext_lazy("Date and time the session had before it moved."),
    "deadline": gettext_lazy("When the practitioner has to answer a request by."),
    "manage_url": gettext_lazy("Link to the booking's page: details, move, cancel."),
    "video_url": gettext_lazy("Link to join the session by video."),
    "policy": gettext_lazy("The practitioner's cancellation policy, in one sentence."),
    "fee": gettext_lazy("Late-cancellation fee with its currency; empty when nothing is due."),
    "late_forgiven": gettext_lazy(
        "Not empty when a late cancellation was forgiven (the first one is free)."
    ),
    "patient_name": gettext_lazy("The patient's full name (messages to practitioners only)."),
    "bookings_url": gettext_lazy("Link to the practitioner's bookings."),
    "day": gettext_lazy("The day the list is for."),
    "count": gettext_lazy("How many sessions the list holds."),
    "sessions": gettext_lazy("The sessions, one per line: time, length and patient."),
    "sender_name": gettext_lazy("The platform's name as it signs its messages."),
    "amount": gettext_lazy("An amount of money with its currency."),
    "balance_url": gettext_lazy("Link to the reader's prepaid balance in their account."),
    "credits_left": gettext_lazy("How many sessions are left in the patient's package."),
    "sessions_total": gettext_lazy("How many sessions the patient's package had."),
    "valid_until": gettext_lazy("The last day the patient's package can be used."),
    "packages_url": gettext_lazy("Link to the patient's packages in their account."),
    # A company's invoice (employer programmes).
    "number": gettext_lazy("The invoice's number."),
    "issued_on": gettext_lazy("The day the invoice was issued."),
    "due_on": gettext_lazy("The day the invoice was due."),
    "remaining": gettext_lazy("What is still to be paid on the invoice, with its currency."),
    "invoices_url": gettext_lazy("Link to the company's page with its invoices."),
}


@dataclass(frozen=True)
class MessageKind:
    """One message the platform sends, on one channel."""

    #: What happened and to whom, e.g. "booking.confirmed.patient" (the outbox's `kind`).
    event: str
    channel: str
    label: Promise
    placeholders: tuple[str, ...]
    body: Promise
    subject: Promise | str = ""
    #: Example values (in the active language) for the preview and the checks at save.
    sample: Callable[[], dict[str, str]] = field(default=dict, compare=False)
    #: Emails: the button under the text, and the placeholder holding its address.
    action_label: Promise | str = ""
    action: str = ""

    @property
    def key(self) -> str:
        return f"{self.event}.{self.channel}"

    def default_sources(self) -> tuple[str, str]:
        """Subject and body as shipped, in the active language."""
        return str(self.subject), str(self.body)


_KINDS: dict[str, MessageKind] = {}


def register(*kinds: MessageKind) -> None:
    for kind in kinds:
        unknown = set(kind.placeholders) - PLACEHOLDERS.keys()
        if unknown:
            raise ValueError(f"{kind.key}: undocumented placeholders {sorted(unknown)}")
        _KINDS[kind.key] = kind


def kinds() -> list[MessageKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.key)


def kind_for(key: str) -> MessageKind:
    return _KINDS[key]


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in kinds()]


# --- The template language ---------------------------------------------------------------------

# Only the built-in tags and no filter library beyond Django's own; every node is checked
# anyway (`_check_nodes`), so nothing but text, placeholders and `if` can reach rendering.
_ENGINE = Engine(autoescape=False, libraries={}, loaders=[])


class TemplateProblem(ValueError):
    """Why a template cannot be used, in words staff can act on."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _expression_name(expression: FilterExpression) -> str:
    if expression.filters:
        raise TemplateProblem(
            _("Filters such as “|%(filter)s” are not available: write the placeholder alone.")
            % {"filter": expression.filters[0][0].__name__}
        )
    if not isinstance(expression.var, Variable) or expression.var.literal is not None:
        raise TemplateProblem(
            _("Only placeholders can go between {{ and }}, e.g. {{ when }}: “%(text)s”.")
            % {"text": expression.token}
        )
    return expression.var.var


def _condition_names(condition) -> list[str]:
    """Placeholders a `{% if %}` condition reads (`a`, `not a`, `a and b`, `a or b`)."""
    names = []
    value = getattr(condition, "value", None)
    if isinstance(value, FilterExpression):
        names.append(_expression_name(value))
    if condition.id not in ("literal", "not", "and", "or"):
        raise TemplateProblem(
            _("Conditions can only use “not”, “and” and “or” (not “%(word)s”).")
            % {"word": condition.id}
        )
    for part in (getattr(condition, "first", None), getattr(condition, "second", None)):
        if part is not None:
            names.extend(_condition_names(part))
    return names


def _check_nodes(nodes, allowed: set[str]) -> None:
    for node in nodes:
        if isinstance(node, TextNode):
            _check_text(node.s)
            continue
        if isinstance(node, VariableNode):
            names = [_expression_name(node.filter_expression)]
            children = []
        elif isinstance(node, IfNode):
            names, children = [], []
            for condition, nodelist in node.conditions_nodelists:
                if condition is not None:
                    names.extend(_condition_names(condition))
                children.append(nodelist)
        else:
            # Not `%`: the message's own "{% if %}" would be read as a format directive.
            raise TemplateProblem(
                _(
                    "“%(tag)s” cannot be used here: only placeholders and {% if %} are allowed."
                ).replace("%(tag)s", _node_source(node))
            )
        for name in names:
            if name not in allowed:
                raise TemplateProblem(
                    _("“{{ %(name)s }}” is not available in this message. You can use: %(list)s.")
                    % {"name": name, "list": ", ".join(sorted(allowed)) or "—"}
                )
        for nodelist in children:
            _check_nodes(nodelist, allowed)


#: Delimiters Django leaves as plain text when they are not closed (`{{ when`): a message
#: would show them to its reader.
_STRAY_DELIMITERS = ("{{", "}}", "{%", "%}", "{#")


def _check_text(text: str) -> None:
    for delimiter in _STRAY_DELIMITERS:
        if delimiter in text:
            raise TemplateProblem(
                _("The template cannot be read: “%(delimiter)s” is not closed or not opened.")
                % {"delimiter": delimiter}
            )


def _node_source(node: Node) -> str:
    token = getattr(node, "token", None)
    return f"{{% {token.contents} %}}" if token is not None else type(node).__name__


def template_compile(source: str, allowed: set[str]):
    """The compiled template, or `TemplateProblem` saying what is wrong with it."""
    try:
        template = _ENGINE.from_string(source)
    except TemplateSyntaxError as error:
        raise TemplateProblem(
            _("The template cannot be read: %(error)s") % {"error": error}
        ) from error
    _check_nodes(template.nodelist, allowed)
    return template


def render(source: str, values: Mapping[str, str], allowed: set[str] | None = None) -> str:
    """`source` with its placeholders replaced (checked first: only `allowed` names)."""
    allowed = set(values) if allowed is None else allowed
    template = template_compile(source, allowed)
    # Plain text: a `Context` escapes HTML unless told otherwise, whatever the engine says.
    context = Context({name: str(values.get(name, "")) for name in allowed}, autoescape=False)
    return template.render(context)


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs (separated by blank lines), for the HTML version."""
        blocks = [block.strip() for block in self.body.replace("\r\n", "\n").split("\n\n")]
        return [block for block in blocks if block]


def render_message(kind: MessageKind, subject: str, body: str, values: Mapping[str, str]):
    allowed = set(kind.placeholders)
    return Rendered(
        subject=" ".join(render(subject, values, allowed).split()),
        body=render(body, values, allowed).strip(),
    )


def template_check(
    kind: MessageKind,
    subject: str,
    body: str,
    *,
    sensitive_words=(),
    values: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """Problems of a template as `(field, message)` pairs; empty when it can be saved.

    Rendered with `values` (default: the kind's example values in the active language; give
    those of the template's language so the checks see what its readers would, while the
    problems are written in the active language, the editor's)."""
    from notifications import discretion, sms

    problems: list[tuple[str, str]] = []
    allowed = set(kind.placeholders)
    fields = [("body", body)] + ([("subject", subject)] if kind.channel == EMAIL else [])
    rendered: dict[str, str] = {}
    values = kind.sample() if values is None else values
    for name, source in fields:
        try:
            rendered[name] = render(source, values, allowed)
        except TemplateProblem as problem:
            problems.append((name, problem.message))
    if kind.channel == EMAIL and "subject" in rendered:
        if not rendered["subject"].strip():
            problems.append(("subject", _("A message needs a subject.")))
        elif "\n" in rendered["subject"].strip():
            problems.append(("subject", _("A subject is a single line.")))
    if "body" in rendered and not rendered["body"].strip():
        problems.append(("body", _("The message cannot be empty.")))
    elif "body" in rendered and kind.channel == SMS:
        try:
            sms.check_text(rendered["body"].strip())
        except sms.SmsRefused as refused:
            problems.append(("body", _("With example values: %(reason)s") % {"reason": refused}))
    for name, source in fields:
        # The source too: a word inside an {% if %} branch the example does not take.
        found = discretion.find_sensitive(f"{source}\n{rendered.get(name, '')}", sensitive_words)
        if found:
            problems.append(
                (
                    name,
                    _(
                        "Messages must stay discreet: “%(word)s” could tell someone reading "
                        "over the patient's shoulder what the session is about. Remove it."
                    )
                    % {"word": found[0]},
                )
            )
    return problems
