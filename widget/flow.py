"""The widget's own state, carried in signed tokens instead of cookies.

Why. The widget runs in a frame on another site. There, the browser does not send the site's
cookies: the session and CSRF cookies are `SameSite=Lax` (only sent to the site's own pages),
and browsers block or partition third-party cookies anyway. Measured with Debian's Chromium
156 in a fresh Playwright context (the browser tests' setup), in a frame on another site: a
`SameSite=Lax` cookie is not sent, an unpartitioned `SameSite=None; Secure` cookie is neither
stored nor sent (third-party cookies are blocked there, as in incognito windows and for users
who chose so), only a `Partitioned` (CHIPS) cookie is; Safari and Firefox block or partition
them too. So the normal flow — the hold kept in the session under `booking_holds`, logging in
with a session cookie, Django's CSRF cookie — cannot work inside the frame; loosening those
cookies to `SameSite=None` would weaken the whole site, and CHIPS alone would still leave
browsers that refuse every third-party cookie.

Design. The widget uses no cookie at all:

* `Flow` is the whole state: which booking page (kind and slug), the held booking's
  reference, the patient once identified, and the host page's origin (for `postMessage`).
  It travels signed (`django.core.signing`, salted, time-limited) in the address of each
  widget page, so nobody can change a value or forge a token for another hold.
* Before a hold exists, the week page signs a *start* token (kind, slug, host) into its form;
  the hold is only made when it comes back valid (a per-flow CSRF token: another site cannot
  produce one). After the hold, the flow token in the address is both the key to that one
  hold and the CSRF token of the forms that act on it. The widget views are therefore exempt
  from the cookie-based CSRF check, and never read `request.user` or `request.session`:
  a session cookie that a browser might still send gives no power inside the frame.
* Identifying: a new patient fills in the same details as on the site (an account is made
  without a password, as there); someone with an account types their email and password
  (allauth's own login form and rate limits: the password is checked, no session is opened;
  the patient's id goes into the next flow token). Accounts without a password are offered the
  password email, or the same booking page on the site in a new tab (first-party cookies).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from django.core import signing

START_SALT = "khepri.widget.start"
FLOW_SALT = "khepri.widget.flow"
PREVIEW_SALT = "khepri.widget.preview"
#: A week page's form stays usable this long (seconds).
START_MAX_AGE = 4 * 3600
#: A flow's pages (the hold, then the confirmation page) stay reachable this long; the hold
#: itself lapses after KHEPRI_HOLD_MINUTES whatever the token says.
FLOW_MAX_AGE = 12 * 3600


@dataclass(frozen=True)
class Flow:
    kind: str
    slug: str
    host: str = ""  # the host page's origin, "" when unknown
    reference: str = ""  # the held booking's reference
    patient_id: int | None = None

    def signed(self, salt: str = FLOW_SALT) -> str:
        return signing.dumps(asdict(self), salt=salt, compress=True)

    def but(self, **changes) -> Flow:
        return replace(self, **changes)


def flow_load(token: str, *, salt: str = FLOW_SALT, max_age: int = FLOW_MAX_AGE) -> Flow | None:
    """The flow signed in `token`; None when tampered with, expired or malformed."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        return Flow(**data)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def preview_dumps(draft: dict) -> str:
    return signing.dumps(draft, salt=PREVIEW_SALT, compress=True)


def preview_load(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=PREVIEW_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None
