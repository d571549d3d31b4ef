"""A pooled service in the embeddable widget (`/widget/service/<slug>/`): the service's week
and its own hold (which assigns a free member); the rest of the widget's flow is shared."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pools import services, views
from pools.models import Service
from site_pages.templatetags.khepri_tags import euros


class ServiceWidgetKind:
    def find(self, slug: str) -> Service:
        return get_object_or_404(Service, slug=slug)

    def theme_owner(self, owner: Service):
        return None  # a service has no practitioner's theme: the default look

    def week_context(self, request, owner: Service, *, tz, now) -> dict:
        context = views.service_page_context(request, service=owner)
        price = euros(context["price"]) if owner.price_cents else _("Free")
        return {
            **context,
            "heading": context["service_name"],
            "summary_line": _("%(minutes)s min · %(price)s")
            % {"minutes": owner.duration_minutes, "price": price},
            "offers": [],
            "session_type": None,
            "policy": "",
        }

    def hold(self, request, owner: Service, *, start, tz, now, client, language, **_values):
        return services.service_hold(
            service=owner,
            start=start,
            now=now,
            time_zone=tz.key,
            language=language or get_language(),
            client=client,
        )

    def page_url(self, owner: Service) -> str:
        return views.service_page_url(owner)
