from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from therapies.models import TherapyCategory


class TherapyCategoryViewSet(SnippetViewSet):
    model = TherapyCategory
    icon = "folder-open-inverse"
    menu_label = _("Therapy categories")
    list_display = ["title", "key", "sort_order", "locale"]
    list_filter = ["locale"]


register_snippet(TherapyCategoryViewSet)
