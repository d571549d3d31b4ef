"""Programmatic translations through wagtail-localize (used by the demo loader and imports).

A translation is made the way an editor would make it in wagtail-localize: the source page is
synchronised into a TranslationSource, each extracted string gets a StringTranslation, and the
target page is saved from those. Translated pages therefore stay synchronised with their source
instead of being independent copies.

The English strings are given as a *shadow* instance: an unsaved copy of the source carrying the
English values in the same structure (same StreamField block ids). Segments of both are paired
by content path, in order.
"""

import copy
import json
import re
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TranslationMismatch(ValueError):
    """The shadow instance does not have the same translatable structure as the source."""


UUID_IN_PATH = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _shape(path: str) -> str:
    """A content path with its StreamField ids blanked: the same place in any copy."""
    return UUID_IN_PATH.sub("*", path)


def streamfields_normalise(instance) -> None:
    """Give every StreamField item of `instance` its block form, ids included.

    wagtail-localize only extracts list items that carry an id; content written in the short
    form (plain dicts in a ListBlock) must be normalised before the source page is saved.
    """
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(instance, field.name)
            list(value)  # bind every child block
            setattr(instance, field.name, value.get_prep_value())


def _round_trip(instance):
    """The instance as wagtail-localize sees it: rebuilt from its serialised content.

    StreamField values are first bound and re-serialised, so list items given in the short
    form get the block form (with ids) that segment extraction expects.
    """
    instance = copy.copy(instance)
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(instance, field.name)
            list(value)  # bind every child block
            setattr(instance, field.name, value.get_prep_value())
    data = json.loads(json.dumps(instance.serializable_data(), cls=DjangoJSONEncoder))
    if isinstance(instance, Page):
        return instance.with_content_json(data)
    return instance.__class__.from_json(json.dumps(data, cls=DjangoJSONEncoder))


def _strings_by_shape(instance) -> dict[str, list[str]]:
    strings: dict[str, list[str]] = defaultdict(list)
    for segment in extract_segments(_round_trip(instance)):
        if isinstance(segment, StringSegmentValue):
            strings[_shape(segment.path)].append(segment.string.data)
    return strings


@transaction.atomic
def translation_apply(*, source_instance, shadow_instance, locale_code: str, publish=True):
    """Create or refresh the `locale_code` translation of `source_instance`; return it.

    Segments are paired by their place in the content (path shape, then order), so the shadow
    may carry fresh StreamField ids as long as its structure is the same.
    """
    target_locale = Locale.objects.get(language_code=locale_code)
    source, _ = TranslationSource.update_or_create_from_instance(source_instance)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=target_locale, defaults={"enabled": True}
    )
    target_strings = _strings_by_shape(shadow_instance)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    seen_per_shape: dict[str, int] = defaultdict(int)
    for segment in segments.order_by("order"):
        shape = _shape(segment.context.path)
        index = seen_per_shape[shape]
        seen_per_shape[shape] += 1
        candidates = target_strings.get(shape, [])
        if index >= len(candidates):
            raise TranslationMismatch(
                f"{source_instance!r}: no translation for {shape} #{index + 1} "
                f"({segment.string.data[:60]!r})."
            )
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=target_locale,
            context=segment.context,
            defaults={"data": candidates[index]},
        )
    if isinstance(source_instance, DraftStateMixin):
        # wagtail-localize publishes on commit; publishing here keeps the result visible
        # inside the caller's transaction (demo loader, tests) as well.
        translation.save_target(publish=False)
        target = translation.get_target_instance()
        if publish:
            target.get_latest_revision().publish()
    else:
        translation.save_target(publish=publish)
        target = translation.get_target_instance()
    return type(target).objects.get(pk=target.pk)  # fresh: save_target works on its own copy
