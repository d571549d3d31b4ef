"""Being written (issue #5): every view answers 404 until it lands."""

from django.http import Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


signup = space_home = guide = submit_for_review = listing_toggle = _not_yet
profile_edit = profile_preview = credentials = _not_yet
