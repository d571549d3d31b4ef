"""Who may enter a practitioner's own space.

`practitioner_required` lets in a signed-in person with a `Practitioner` record and puts that
record on `request.practitioner`. Views then pass `practitioner=request.practitioner` to the
services and selectors, which only ever act on that practitioner's own objects.

Secretaries. A practitioner may delegate their agenda to another account
(`bookings.AgendaDelegation`). On the views named in `DELEGABLE_VIEWS` — and only there —
`practitioner_required` also lets such a delegate in, with `request.practitioner` set to the
practitioner they act for. Every other view stays the practitioner's own: a view added later
(session notes, money, the profile) is closed to secretaries unless it is added to the list.
`tests/bookings/test_delegation.py` opens every address of the space as a secretary.

Which practitioner a delegate acts for is always chosen, never guessed: the one they picked
in the space's switcher (kept in the session, checked against the delegation at every
request); a secretary who works for one practitioner only needs no choice; someone who is a
practitioner themself works on their own agenda until they pick another one.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from practitioners.models import Practitioner

#: The session key holding the id of the practitioner a delegate chose to act for.
ACTING_FOR_SESSION_KEY = "khepri_acting_for"

#: The views a secretary may open for a practitioner who delegated their agenda to them
#: (`module.function`): the agenda, bookings and their actions, quick entry, working hours and
#: time off. Not the profile, booking settings and policy, session types and prices, linked
#: calendars and the private feed, earnings, or anything added later.
DELEGABLE_VIEWS = frozenset(
    {
        "bookings.agenda_views.agenda",
        "bookings.agenda_views.agenda_move",
        "bookings.quick_entry_views.quick_entry",
        "bookings.booking_views.pro_bookings",
        "bookings.booking_views.pro_booking_action",
        "bookings.views.availability",
        "bookings.views.schedule_edit",
        "bookings.views.schedule_delete",
        "bookings.views.dates",
        "bookings.views.override_delete",
        "bookings.views.time_off_delete",
    }
)


def practitioner_of(user) -> Practitioner | None:
    """The user's practitioner record, or None (anonymous users and everyone else)."""
    if not user.is_authenticated:
        return None
    try:
        return user.practitioner
    except ObjectDoesNotExist:
        return None


class ChoiceNeeded(Exception):
    """A secretary working for several practitioners has not chosen one yet."""


def acting_for(request, own: Practitioner | None, delegating: list) -> Practitioner | None:
    """The practitioner whose agenda the signed-in person works on, as their delegate; None
    when they work on their own (or may not work on any). `delegating`: the practitioners who
    currently delegate to them. Raises `ChoiceNeeded`."""
    chosen = request.session.get(ACTING_FOR_SESSION_KEY)
    if chosen is not None:
        for practitioner in delegating:
            if practitioner.pk == chosen:
                return practitioner
        if own is None or chosen != own.pk:
            del request.session[ACTING_FOR_SESSION_KEY]  # revoked meanwhile
    if own is not None:
        return None
    if len(delegating) > 1:
        raise ChoiceNeeded
    return delegating[0] if delegating else None


def view_name(view) -> str:
    return f"{view.__module__}.{view.__qualname__}"


def practitioner_required(view):
    """Anonymous: to the login page and back. Signed in without a practitioner record (and,
    on a delegable view, without a delegation): 403.

    Sets `request.practitioner`; on delegable views also `request.delegating` (the
    practitioner a secretary acts for, None on their own agenda) and `request.acting_choices`
    (whom they may act for) for the switcher in the space's header."""
    delegable = view_name(view) in DELEGABLE_VIEWS

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            # settings.LOGIN_URL, resolved in the active language.
            return redirect_to_login(request.get_full_path())
        own = practitioner_of(request.user)
        request.own_practitioner = own
        request.delegating, request.acting_choices = None, []
        if delegable:
            from bookings.delegation import practitioners_delegating_to

            request.acting_choices = practitioners_delegating_to(user=request.user)
            try:
                request.delegating = acting_for(request, own, request.acting_choices)
            except ChoiceNeeded:
                return redirect(
                    reverse("bookings:acting_for")
                    + "?"
                    + urlencode({"next": request.get_full_path()})
                )
        practitioner = request.delegating or own
        if practitioner is None:
            raise PermissionDenied
        request.practitioner = practitioner
        return view(request, *args, **kwargs)

    #: Read by the tests that list the space: "delegates" or "practitioner".
    wrapped.space_access = "delegates" if delegable else "practitioner"
    return wrapped
