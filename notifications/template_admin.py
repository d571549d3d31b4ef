"""Message templates in the Wagtail admin: every message the platform sends, per language,
with its placeholders, a live preview, and "back to the default wording".

The overview lists every message kind in every language, whether staff changed its wording or
not; a message without a stored template uses the default (see `notifications.templating`).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from notifications.models import MessageTemplate
from notifications.templating import EMAIL, PLACEHOLDERS, kind_for, kinds


class PlaceholdersPanel(Panel):
    """The placeholders the edited message may use, and its default wording."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "notifications/admin/placeholders_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            key = self.instance.key
            try:
                kind = kind_for(key) if key else None
            except KeyError:
                kind = None
            names = kind.placeholders if kind else sorted(PLACEHOLDERS)
            context["placeholders"] = [(name, PLACEHOLDERS[name]) for name in names]
            if kind is not None:
                with translation.override(self.instance.language or settings.LANGUAGE_CODE):
                    context["default_subject"], context["default_body"] = kind.default_sources()
                context["is_email"] = kind.channel == EMAIL
            return context


class MessageTemplateCreateView(CreateView):
    """Opened from the overview with `?key=…&language=…`: starts from the default wording."""

    def get_initial_form_instance(self):
        key, language = self.request.GET.get("key", ""), self.request.GET.get("language", "")
        instance = MessageTemplate()
        if language in dict(settings.LANGUAGES):
            instance.language = language
        try:
            kind = kind_for(key)
        except KeyError:
            return instance
        instance.key = key
        with translation.override(instance.language or settings.LANGUAGE_CODE):
            instance.subject, instance.body = kind.default_sources()
        return instance


def overview(request):
    """Every message × language: customised (edit, back to default) or default (customise)."""
    user = request.user
    if not (
        user.has_perm("notifications.change_messagetemplate")
        or user.has_perm("notifications.add_messagetemplate")
    ):
        raise PermissionDenied
    stored = {(row.key, row.language): row for row in MessageTemplate.objects.all()}
    languages = settings.LANGUAGES
    rows = []
    for kind in kinds():
        cells = []
        for code, name in languages:
            row = stored.get((kind.key, code))
            if row is not None:
                cells.append(
                    {
                        "language": name,
                        "customised": row,
                        "edit_url": reverse(
                            "wagtailsnippets_notifications_messagetemplate:edit",
                            args=[quote(row.pk)],
                        ),
                        "reset_url": reverse(
                            "wagtailsnippets_notifications_messagetemplate:delete",
                            args=[quote(row.pk)],
                        ),
                    }
                )
            else:
                cells.append(
                    {
                        "language": name,
                        "customised": None,
                        "edit_url": reverse("wagtailsnippets_notifications_messagetemplate:add")
                        + f"?key={kind.key}&language={code}",
                    }
                )
        rows.append({"kind": kind, "cells": cells})
    return TemplateResponse(
        request,
        "notifications/admin/templates_overview.html",
        {"rows": rows, "languages": languages},
    )


class MessageTemplateViewSet(SnippetViewSet):
    model = MessageTemplate
    icon = "mail"
    menu_label = gettext_lazy("Message templates")
    add_to_settings_menu = True
    menu_order = 900
    add_view_class = MessageTemplateCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    panels = [
        FieldPanel("key"),
        FieldPanel("language"),
        FieldPanel("subject"),
        FieldPanel("body", widget=forms.Textarea(attrs={"rows": 10})),
        PlaceholdersPanel(heading=gettext_lazy("Placeholders you can use")),
    ]

    def get_urlpatterns(self):
        # The overview replaces the plain listing (it shows messages not customised too).
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("index", "index_results")
        ]
        return [path("", overview, name="index"), *patterns]
