"""The embeddable booking widget (pages shown in a frame on a practitioner's own site) and
its settings page in the practitioner's space.

The frame's pages run the whole booking flow — choose a time, hold it, identify (sign up or
log in), pay, confirm — without cookies: `widget.flow` explains why and how. They are the only
pages of the site another site may frame (`frame-ancestors` from the practitioner's list, no
X-Frame-Options); every other page answers `DENY` / `frame-ancestors 'none'`.

When a booking is made, the last page sends the host page a `postMessage` event
`{"type": "khepri:booking", "status": "confirmed" | "requested", "start": "<ISO 8601 UTC>"}`
— no name, therapy or other detail — and every page sends `{"type": "khepri:resize",
"height": <pixels>}` so `embed.js` can fit the frame to its content.
"""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlencode, urlsplit

from allauth.account.forms import LoginForm
from allauth.account.utils import has_verified_email
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.services import EmailTaken, guardian_consent_record, patient_create
from bookings import lifecycle
from bookings.booking_forms import GuardianForm, PatientDetailsForm
from bookings.booking_views import _client_address, _summary
from bookings.models import Booking
from bookings.week import parse_instant, slot_iso
from payments.card_views import typed_card_entered
from payments.gateways import get_gateway
from payments.models import Payment
from payments.services import (
    payment_confirm_or_refusal,
    payment_required,
    payment_start,
)
from practitioners.access import practitioner_required
from practitioners.models import Practitioner
from practitioners.profile import euros, visitor_zone, zone_or_none
from widget import flow as flows
from widget import kinds, selectors, services, theme
from widget.flow import Flow
from widget.forms import WidgetThemeForm

State = Booking.State

#: Messages shown after a redirect (the widget has no cookie, so no `messages` framework).
PROBLEMS = {
    "card": gettext_lazy("The card was not authorised. Nothing was charged."),
    "released": gettext_lazy(
        "This time was released before the booking finished; nothing was charged. Please "
        "choose a time again."
    ),
    "expired": gettext_lazy(
        "This page had been open too long. Nothing was booked: please choose a time again."
    ),
}


# --- Helpers -----------------------------------------------------------------------------------


def _own_origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}".lower()


def _referring_host(request) -> str:
    """The host page's origin, from the Referer of the frame's first request (browsers send
    the embedding page's origin); "" when absent or when it is this site."""
    parts = urlsplit(request.META.get("HTTP_REFERER", ""))
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    if not theme.ORIGIN.match(origin) or origin == _own_origin(request):
        return ""
    return origin


class Page:
    """One widget page's booking page (kind, owner) and the theme that applies to it."""

    def __init__(self, kind_name: str, slug: str, *, preview: str = ""):
        self.kind_name, self.slug = kind_name, slug
        self.kind = kinds.get_kind(kind_name)
        self.owner = self.kind.find(slug)
        row = selectors.theme_for(self.kind.theme_owner(self.owner))
        self.values = selectors.theme_values(row)
        draft = flows.preview_load(preview) if preview else None
        if draft is not None:
            self.values.update({k: v for k, v in draft.items() if k in selectors.THEME_FIELDS})
        self.origins = row.origins  # a preview never changes who may frame the page

    def render(self, request, template, context, *, host="", event=None, status=200):
        context.update(
            {
                "theme_css": selectors.theme_css(self.values),
                "widget_data": {
                    "targets": selectors.message_targets(self.origins, host),
                    "event": event,
                },
                "site_url": self.kind.page_url(self.owner),
                "kind_name": self.kind_name,
                "slug": self.slug,
                # The widget's forms carry their own signed token: no CSRF cookie is made.
                "csrf_token": "NOTPROVIDED",
            }
        )
        response = render(request, template, context, status=status)
        response["Content-Security-Policy"] = selectors.frame_ancestors(self.origins)
        response.xframe_options_exempt = True
        # Same-origin: the flow token in the address never goes to another site.
        response["Referrer-Policy"] = "same-origin"
        add_never_cache_headers(response)
        return response


def _entry_url(flow: Flow, **query) -> str:
    start = Flow(kind=flow.kind, slug=flow.slug, host=flow.host).signed(flows.START_SALT)
    url = reverse("widget:entry", args=[flow.kind, flow.slug])
    return url + "?" + urlencode({"f": start, **query})


def _flow_url(name: str, flow: Flow, **query) -> str:
    url = reverse(name, args=[flow.signed()])
    return url + ("?" + urlencode(query) if query else "")


def _load_flow(token: str) -> tuple[Flow, Booking]:
    flow = flows.flow_load(token)
    if flow is None or not flow.reference:
        raise Http404
    booking = (
        Booking.objects.select_related("practitioner", "practitioner__user", "patient")
        .filter(reference=flow.reference)
        .first()
    )
    if booking is None:
        raise Http404
    return flow, booking


# --- 1. Choose a time, hold it -----------------------------------------------------------------


@require_GET
def entry(request, kind, slug):
    page = Page(kind, slug, preview=request.GET.get("theme", ""))
    start = flows.flow_load(
        request.GET.get("f", ""), salt=flows.START_SALT, max_age=flows.START_MAX_AGE
    )
    if start is None or (start.kind, start.slug) != (kind, slug):
        start = Flow(kind=kind, slug=slug, host=_referring_host(request))
    start_token = start.signed(flows.START_SALT)
    tz = visitor_zone(request)[0]
    context = page.kind.week_context(request, page.owner, tz=tz, now=timezone.now())
    carried = {"f": start_token}
    if request.GET.get("theme"):
        carried["theme"] = request.GET["theme"]
    for name in ("previous_link", "next_link"):
        if context.get(name):
            context[name] += "&" + urlencode(carried)
    context.update(
        {
            "start_token": start_token,
            "carried": carried,
            "visitor_tz": tz,
            "problem": PROBLEMS.get(request.GET.get("problem", "")),
        }
    )
    return page.render(request, "widget/week.html", context, host=start.host)


@csrf_exempt  # the signed start token is this form's CSRF token (see widget.flow)
@require_POST
def hold(request, kind, slug):
    page = Page(kind, slug)
    start = flows.flow_load(
        request.POST.get("f", ""), salt=flows.START_SALT, max_age=flows.START_MAX_AGE
    )
    if start is None or (start.kind, start.slug) != (kind, slug):
        return redirect(_entry_url(Flow(kind=kind, slug=slug), problem="expired"))
    instant = parse_instant(request.POST.get("start"))
    tz = zone_or_none(request.POST.get("tz")) or visitor_zone(request)[0]
    if instant is None:
        return redirect(_entry_url(start))
    try:
        booking = page.kind.hold(
            request,
            page.owner,
            session_type_id=request.POST.get("session_type"),
            start=instant,
            tz=tz,
            now=timezone.now(),
            client=_client_address(request),
            language=get_language(),
        )
    except lifecycle.BookingError as error:
        status = (
            409
            if isinstance(error, lifecycle.SlotTaken)  # a service's own conflict included
            else 429
            if isinstance(error, lifecycle.TooManyHolds)
            else 403
        )
        context = {
            "message": error.message,
            "alternatives": [
                (slot.start.astimezone(tz), slot_iso(slot.start))
                for slot in getattr(error, "alternatives", [])
            ],
            "start_token": start.signed(flows.START_SALT),
            "session_type_id": request.POST.get("session_type", ""),
            "visitor_tz": tz,
            "entry_url": _entry_url(start),
        }
        return page.render(request, "widget/taken.html", context, host=start.host, status=status)
    return redirect(_flow_url("widget:checkout", start.but(reference=str(booking.reference))))


# --- 2. Identify, pay, confirm -----------------------------------------------------------------


def _identify(request, flow: Flow, booking: Booking, context: dict):
    """A new patient's details, or an existing account's email and password. Returns a
    redirect once the patient is known."""
    step = request.POST.get("step") if request.method == "POST" else None
    details_form = PatientDetailsForm(request.POST if step == "details" else None)
    login_form = LoginForm(request.POST if step == "login" else None, request=request)
    if step == "details" and details_form.is_valid():
        data = details_form.cleaned_data
        try:
            patient = patient_create(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                language=get_language(),
                time_zone=booking.time_zone,
            )
        except EmailTaken as error:
            email = data["email"]
            details_form.add_error("email", error.message)  # removes it from cleaned_data
            login_form = LoginForm(initial={"login": email}, request=request)
            context["email_taken"] = True
        else:
            if data["is_minor"]:
                guardian_consent_record(
                    user=patient,
                    name=data["guardian_name"],
                    contact=data["guardian_contact"],
                    now=timezone.now(),
                )
            return redirect(_flow_url("widget:checkout", flow.but(patient_id=patient.pk)))
    if step == "login" and login_form.is_valid():
        # The password is checked (with allauth's rate limits); no session is opened. As on
        # the site (mandatory verification), an address never confirmed does not identify
        # anyone: the site's login sends the confirmation email.
        email = login_form.user_credentials().get("email")
        if has_verified_email(login_form.user, email):
            return redirect(_flow_url("widget:checkout", flow.but(patient_id=login_form.user.pk)))
        context.update(email_unconfirmed=True, site_login_url=reverse("account_login"))
    login_form.fields["login"].label = _("Email")
    context.update(
        details_form=details_form,
        login_form=login_form,
        login_open=step == "login" or context.get("email_taken", False),
    )
    return None


def _payment_step(request, flow: Flow, token: str, booking: Booking, patient: User):
    gateway = get_gateway()
    step = {"amount": euros(booking.price_cents), "test_mode": gateway.test_mode}
    now = timezone.now()
    confirm_url = reverse("widget:confirm", args=[token])  # the same token: a stable address
    if gateway.name != "offline":
        payment = payment_start(booking=booking, patient=patient, now=now)
        step.update(
            stripe_key=settings.STRIPE_PUBLISHABLE_KEY,
            client_secret=payment.client_secret,
            return_url=request.build_absolute_uri(confirm_url),
            confirm_url=confirm_url,
        )
        return step
    payment = typed_card_entered(request, booking, patient, step, now=now)
    if payment is None:
        return step
    return _after_payment(request, flow, booking, payment)


def _refused(request, flow: Flow, error: lifecycle.BookingError, *, card_released=False):
    """The booking itself was refused (the practitioner takes no new patients, ...): its
    reason, in the frame, and a way to choose another time."""
    page = Page(flow.kind, flow.slug)
    context = {
        "message": error.message,
        "card_released": card_released,
        "flow_token": flow.signed(),
        "entry_url": _entry_url(flow),
    }
    return page.render(request, "widget/refused.html", context, host=flow.host, status=403)


def _after_payment(request, flow: Flow, booking: Booking, payment: Payment):
    """The card is authorised: the booking is confirmed (or the card released if the hold
    lapsed meanwhile, or if the booking is refused)."""
    refusal = payment_confirm_or_refusal(payment=payment, now=timezone.now())
    if refusal is not None:
        return _refused(request, flow, refusal, card_released=True)
    booking.refresh_from_db()
    if booking.state in (State.CONFIRMED, State.REQUESTED):
        return redirect(_flow_url("widget:done", flow))
    if booking.state == State.HELD:
        return redirect(_flow_url("widget:checkout", flow, problem="card"))
    return redirect(_entry_url(flow, problem="released"))


@csrf_exempt  # the signed flow token in the address is this form's CSRF token
@require_http_methods(["GET", "POST"])
def checkout(request, token):
    flow, booking = _load_flow(token)
    page = Page(flow.kind, flow.slug)
    if booking.state in (State.REQUESTED, State.CONFIRMED):
        return redirect(_flow_url("widget:done", flow))
    context = _summary(booking)
    context.update(
        flow_token=token,
        entry_url=_entry_url(flow),
        problem=PROBLEMS.get(request.GET.get("problem", "")),
        is_request=booking.practitioner.confirmation_mode == Practitioner.ConfirmationMode.REQUEST,
        profile_url=None,  # links leave the frame only where said (new tab)
    )
    if booking.state != State.HELD:
        context["released"] = True
        return page.render(request, "widget/checkout.html", context, host=flow.host, status=410)
    patient = User.objects.filter(pk=flow.patient_id).first() if flow.patient_id else None
    if patient is None:
        done = _identify(request, flow, booking, context)
        if done is not None:
            return done
    elif patient.needs_guardian_consent:
        guardian_form = GuardianForm(request.POST or None)
        if request.method == "POST" and guardian_form.is_valid():
            guardian_consent_record(
                user=patient,
                name=guardian_form.cleaned_data["guardian_name"],
                contact=guardian_form.cleaned_data["guardian_contact"],
                now=timezone.now(),
            )
            return redirect(_flow_url("widget:checkout", flow))
        context["guardian_form"] = guardian_form
    elif payment_required(booking):
        step = _payment_step(request, flow, token, booking, patient)
        if not isinstance(step, dict):
            return step
        context["payment_step"] = step
    context.update(
        patient=patient,
        expires_at=booking.hold_expires_at.astimezone(context["visitor_tz"])
        if booking.hold_expires_at
        else None,
        password_reset_url=reverse("account_reset_password"),
        hold_minutes=settings.KHEPRI_HOLD_MINUTES,
    )
    status = 400 if request.method == "POST" else 200
    return page.render(request, "widget/checkout.html", context, host=flow.host, status=status)


@csrf_exempt  # the signed flow token in the address is this form's CSRF token
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A free session is confirmed on POST; a priced one once its card is authorised (Stripe's
    form comes back here, by its return address or the page's script)."""
    flow, booking = _load_flow(token)
    patient = User.objects.filter(pk=flow.patient_id).first() if flow.patient_id else None
    if patient is None:
        return redirect(_flow_url("widget:checkout", flow))
    if payment_required(booking):
        payment = Payment.objects.filter(booking=booking).first()
        if payment is None:
            return redirect(_flow_url("widget:checkout", flow))
        return _after_payment(request, flow, booking, payment)
    if request.method != "POST":
        return redirect(_flow_url("widget:checkout", flow))
    try:
        lifecycle.hold_confirm(booking=booking, patient=patient, now=timezone.now())
    except lifecycle.HoldExpired:
        return redirect(_entry_url(flow, problem="released"))
    except lifecycle.NotAllowed as error:
        return _refused(request, flow, error)
    return redirect(_flow_url("widget:done", flow))


@csrf_exempt  # the signed flow token in the address is this form's CSRF token
@require_POST
def release(request, token):
    flow, booking = _load_flow(token)
    if booking.state == State.HELD:
        lifecycle.hold_release(booking=booking, now=timezone.now())
    return redirect(_entry_url(flow))


@require_GET
def done(request, token):
    """The booking is made: what happens next, a link to manage it (on the site, in a new
    tab), and the `khepri:booking` event for the host page."""
    flow, booking = _load_flow(token)
    if booking.state == State.HELD:
        return redirect(_flow_url("widget:checkout", flow))
    page = Page(flow.kind, flow.slug)
    context = _summary(booking)
    context.update(
        profile_url=None,
        manage_url=reverse("bookings:manage", args=[booking.token]),
        entry_url=_entry_url(flow),
        payment=Payment.objects.filter(booking=booking).first(),
    )
    event = None
    if booking.state in (State.CONFIRMED, State.REQUESTED):
        event = {
            "type": "khepri:booking",
            "status": "confirmed" if booking.state == State.CONFIRMED else "requested",
            "start": booking.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    return page.render(request, "widget/done.html", context, host=flow.host, event=event)


# --- The practitioner's settings page ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@practitioner_required
def widget_settings(request):
    """Theme, allowed sites, live preview and the snippet to copy (the practitioner's own page:
    not one a secretary may open)."""
    practitioner = request.practitioner
    row = selectors.theme_for(practitioner)
    form = WidgetThemeForm(request.POST or None, instance=row)
    preview_token = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if "save" in request.POST:
                services.widget_theme_save(practitioner=practitioner, values=form.draft())
                messages.success(request, _("Your widget's look is saved."))
                return redirect("widget:settings")
            preview_token = flows.preview_dumps(form.draft())
        else:
            status = 400
    entry = reverse("widget:entry", args=["practitioner", practitioner.slug])
    frame_url = request.build_absolute_uri(entry)
    context = {
        "form": form,
        "space_section": "widget",
        "preview_url": entry + ("?" + urlencode({"theme": preview_token}) if preview_token else ""),
        "is_preview": bool(preview_token),
        "snippet": selectors.snippet(
            frame_url=frame_url,
            script_url=request.build_absolute_uri(selectors.embed_script_path()),
            title=_("Book an appointment with %(name)s") % {"name": practitioner.legal_name},
        ),
        "saved": row.pk is not None,
        "theme_options": {
            "fonts": theme.FONT_STACKS,
            "radii": theme.BUTTON_RADII,
            "text": theme.SITE_TEXT,
        },
    }
    return render(request, "widget/settings.html", context, status=status)
