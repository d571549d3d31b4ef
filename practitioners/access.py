"""Who may enter a practitioner's own space.

`practitioner_required` lets in a signed-in person with a `Practitioner` record and puts that
record on `request.practitioner`. Views then pass `practitioner=request.practitioner` to the
services and selectors, which only ever act on that practitioner's own objects.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied

from practitioners.models import Practitioner


def practitioner_of(user) -> Practitioner | None:
    """The user's practitioner record, or None (anonymous users and everyone else)."""
    if not user.is_authenticated:
        return None
    try:
        return user.practitioner
    except ObjectDoesNotExist:
        return None


def practitioner_required(view):
    """Anonymous: to the login page and back. Signed in without a practitioner record: 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            # settings.LOGIN_URL, resolved in the active language.
            return redirect_to_login(request.get_full_path())
        practitioner = practitioner_of(request.user)
        if practitioner is None:
            raise PermissionDenied
        request.practitioner = practitioner
        return view(request, *args, **kwargs)

    return wrapped
