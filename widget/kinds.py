"""What the widget can embed: a registry of kinds of booking pages.

The widget's first step (choose a time, hold it) belongs to the kind of page; everything after
the hold (identify, pay, confirm) works on the `Booking` alone and is shared. A kind is an
object with five methods, registered under a name that appears in the widget's address
(`/widget/<kind>/<slug>/`):

    find(slug) -> owner                 # the page's object, or raise Http404
    theme_owner(owner) -> Practitioner  # whose theme and allowed sites apply (None: defaults)
    week_context(request, owner, *, tz, now) -> dict
        # "heading", "offers", "session_type", "is_bookable", "policy", "confirmation_mode",
        # and (when bookable) the week picker's context (`booking_views._week_context`)
    # optional keys: "summary_line" (what is booked, when there are no offers to choose)
    hold(request, owner, *, session_type_id, start, tz, now, client, language) -> Booking
        # lifecycle.hold_create or the kind's own equivalent; raises lifecycle.BookingError
    page_url(owner) -> str              # the same booking page on the site (a new tab)

A pooled service registers itself from its app's `ready()` —
`widget.kinds.register("service", ServiceWidgetKind())` — with a kind whose `find` reads the
service by slug, `week_context` returns the service page's week (`heading`, `is_bookable`,
`week`, `previous_link`, `next_link`, `summary_line`), `hold` calls the service's own hold
(which assigns a free member), and `theme_owner` returns None (the default look) or the
practitioner whose theme the service uses. The widget's address is then
`/widget/service/<slug>/`; the settings page of the service includes `widget/_snippet.html`.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bookings import lifecycle
from bookings.booking_views import _session_type, _week_context
from bookings.notify import policy_text
from practitioners.models import Practitioner
from practitioners.profile import session_offers

KINDS: dict[str, object] = {}


def register(name: str, kind) -> None:
    KINDS[name] = kind


def get_kind(name: str):
    try:
        return KINDS[name]
    except KeyError:
        raise Http404 from None


class PractitionerWidgetKind:
    """A practitioner's own booking page (`bookings:week`)."""

    def find(self, slug: str) -> Practitioner:
        return get_object_or_404(Practitioner.objects.select_related("user"), slug=slug)

    def theme_owner(self, owner: Practitioner) -> Practitioner:
        return owner

    def week_context(self, request, owner: Practitioner, *, tz, now) -> dict:
        session_type = _session_type(owner, request.GET.get("session_type"))
        context = {
            "heading": _("Book with %(name)s") % {"name": owner.legal_name},
            "offers": session_offers(practitioner=owner, language=get_language()),
            "session_type": session_type,
            "is_bookable": owner.is_bookable and session_type is not None,
            "policy": policy_text(owner),
            "confirmation_mode": owner.confirmation_mode,
        }
        if context["is_bookable"]:
            context.update(
                _week_context(
                    request, practitioner=owner, session_type=session_type, tz=tz, now=now
                )
            )
        return context

    def hold(self, request, owner, *, session_type_id, start, tz, now, client, language):
        session_type = _session_type(owner, session_type_id)
        if session_type is None:
            raise lifecycle.NotAllowed(_("This practitioner is not taking bookings right now."))
        return lifecycle.hold_create(
            session_type=session_type,
            start=start,
            now=now,
            time_zone=tz.key,
            language=language,
            client=client,
        )

    def page_url(self, owner: Practitioner) -> str:
        return reverse("bookings:week", args=[owner.slug])


register("practitioner", PractitionerWidgetKind())
