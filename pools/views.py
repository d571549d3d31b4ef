"""Pages of pooled services: the public week of a service (on its Wagtail page), holding a time
through it (then the ordinary booking flow: checkout, confirm, manage), and the managers' page
of the service's bookings where one is given to another free member."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from bookings import lifecycle
from bookings.booking_views import _client_address, _remember_hold, remember_chosen_on
from bookings.models import Booking
from bookings.week import parse_instant, slot_iso
from pools import selectors, services
from pools.models import Service, ServiceMember
from practitioners.models import Practitioner
from practitioners.profile import euros, visitor_zone, zone_or_none
from widget import selectors as widget_selectors


def _monday(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def service_page_url(service: Service) -> str:
    """The service's page in the current language (its CMS page when published, else its
    plain week)."""
    pages = service.pages.live()
    page = pages.filter(locale__language_code=get_language()).first() or pages.first()
    return page.url if page else reverse("pools:service_week", args=[service.slug])


def service_page_context(request, *, service: Service) -> dict:
    """The service's week of free times in the visitor's zone (for its Wagtail page)."""
    tz, _chosen = visitor_zone(request)
    now = timezone.now()
    context = {
        "service": service,
        "service_name": service.display_name(get_language()),
        "price": euros(service.price_cents),
        "visitor_tz": tz,
        "is_bookable": service.is_active and bool(selectors.service_members(service)),
    }
    if not context["is_bookable"]:
        return context
    week = selectors.service_week(
        service=service, tz=tz, now=now, monday=_monday(request.GET.get("week"))
    )
    base = {"tz": tz.key} if request.GET.get("tz") else {}

    def link(monday: date | None) -> str | None:
        return "?" + urlencode({**base, "week": monday.isoformat()}) if monday else None

    context.update(
        {
            "week": week,
            "previous_link": link(week.previous_monday),
            "next_link": link(week.next_monday),
        }
    )
    return context


@never_cache
def service_week(request, slug):
    """The service's week on its own, without the CMS page around it (for services without a
    page, and to embed)."""
    service = get_object_or_404(Service, slug=slug)
    return render(
        request, "pools/service_week.html", service_page_context(request, service=service)
    )


@require_POST
def service_book(request, slug):
    """Hold the chosen time with a free member, then on to the usual checkout."""
    service = get_object_or_404(Service, slug=slug)
    start = parse_instant(request.POST.get("start"))
    tz = zone_or_none(request.POST.get("tz")) or visitor_zone(request)[0]
    back = service_page_url(service)
    if start is None:
        messages.error(request, _("Please choose a time from the list."))
        return redirect(back)
    try:
        booking = services.service_hold(
            service=service,
            start=start,
            now=timezone.now(),
            time_zone=tz.key,
            language=get_language(),
            client=_client_address(request),
            patient=request.user if request.user.is_authenticated else None,
        )
    except (lifecycle.SlotTaken, lifecycle.TooManyHolds, lifecycle.NotAllowed) as error:
        status = {lifecycle.TooManyHolds: 429, lifecycle.NotAllowed: 403}.get(type(error), 409)
        return render(
            request,
            "pools/taken.html",
            {
                "message": error.message,
                "service": service,
                "alternatives": [
                    (slot.start.astimezone(tz), slot_iso(slot.start))
                    for slot in getattr(error, "alternatives", [])
                ],
                "visitor_tz": tz,
                "week_url": back + "?" + urlencode({"tz": tz.key}),
            },
            status=status,
        )
    _remember_hold(request, booking)
    remember_chosen_on(request, booking, back + "?" + urlencode({"tz": tz.key}))
    return redirect("bookings:checkout", reference=booking.reference)


# --- Managers ---------------------------------------------------------------------------------


def _managed(request, slug) -> Service:
    service = get_object_or_404(Service, slug=slug)
    if not services.can_manage(user=request.user, service=service):
        raise Http404  # as if it did not exist: nobody learns which services there are
    return service


@login_required
def services_list(request):
    return render(
        request,
        "pools/pro/services.html",
        {
            "services": [
                (service.slug, service.display_name(get_language()))
                for service in selectors.managed_services(request.user)
            ]
        },
    )


@never_cache
@login_required
def service_bookings(request, slug):
    service = _managed(request, slug)
    now = timezone.now()
    rows = selectors.service_bookings_with_free_members(service=service, now=now)
    return render(
        request,
        "pools/pro/service.html",
        {
            "service": service,
            "service_name": service.display_name(get_language()),
            "rows": rows,
            "members": ServiceMember.objects.filter(service=service).select_related("practitioner"),
            "page_url": service_page_url(service),
            "snippet": widget_selectors.snippet(
                frame_url=request.build_absolute_uri(
                    reverse("widget:entry", args=["service", service.slug])
                ),
                script_url=request.build_absolute_uri(widget_selectors.embed_script_path()),
                title=service.display_name(get_language()),
            ),
        },
    )


@require_http_methods(["POST"])
@login_required
def service_reassign(request, slug, booking_id):
    service = _managed(request, slug)
    booking = get_object_or_404(Booking, pk=booking_id, service_link__service=service)
    practitioner = Practitioner.objects.filter(
        pk=_int(request.POST.get("practitioner")), service_memberships__service=service
    ).first()
    if practitioner is None:
        messages.error(request, _("Please choose a member of the service."))
        return redirect("pools:service_bookings", slug=service.slug)
    try:
        services.service_booking_reassign(
            service=service,
            booking=booking,
            practitioner=practitioner,
            user=request.user,
            now=timezone.now(),
        )
    except lifecycle.BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The session is now with %(name)s. Both practitioners and the patient are told.")
            % {"name": practitioner.legal_name},
        )
    return redirect("pools:service_bookings", slug=service.slug)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
