"""The JSON API (django-ninja) under /api/v1/.

Each app that exposes endpoints has an `api.py` with a `router`; they are mounted here in a
fixed order so the OpenAPI document is stable. Errors are `application/problem+json`
(RFC 9457) with a `detail` a person can read, in the request's language.
"""

from importlib import import_module

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

API_APPS = ["practitioners", "bookings", "pools", "payments", "invoices", "accounts"]

api = NinjaAPI(
    title="Khepri API",
    version="1",
    description=str(gettext_lazy("Availability and booking API of Khepri.")),
    urls_namespace="api-v1",
)


class Problem(Schema):
    """An error, as RFC 9457 describes it."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str


class ProblemError(Exception):
    """Raise from an endpoint to answer with a problem document.

    `extra` adds members to the document (RFC 9457 "extension members"), e.g. the next free
    times of a taken slot.
    """

    def __init__(
        self, status: int, detail: str, title: str | None = None, extra: dict | None = None
    ):
        super().__init__(detail)
        self.status = status
        self.detail = str(detail)
        self.title = title
        self.extra = extra or {}


TITLES = {
    400: gettext_lazy("Bad request"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    409: gettext_lazy("Conflict"),
    410: gettext_lazy("No longer available"),
    422: gettext_lazy("Cannot be done"),
    429: gettext_lazy("Too many requests"),
}


def problem_response(
    *, status: int, detail: str, title: str | None = None, extra: dict | None = None
) -> HttpResponse:
    body = {
        **(extra or {}),
        "type": "about:blank",
        "title": str(title or TITLES.get(status, "Error")),
        "status": status,
        "detail": str(detail),
    }
    return HttpResponse(
        JSONRenderer().render(None, body, response_status=status),
        status=status,
        content_type="application/problem+json",
    )


@api.exception_handler(ProblemError)
def _on_problem(request, exc: ProblemError):
    return problem_response(status=exc.status, detail=exc.detail, title=exc.title, extra=exc.extra)


@api.exception_handler(ValidationError)
def _on_validation_error(request, exc: ValidationError):
    """Invalid parameters: 400 with every field named, instead of ninja's bare 422."""
    parts = []
    for error in exc.errors:
        location = ".".join(str(item) for item in error.get("loc", ())[1:] if item != "query")
        parts.append(f"{location}: {error.get('msg', '')}" if location else error.get("msg", ""))
    detail = _("Invalid parameters — %(errors)s") % {"errors": "; ".join(parts)}
    return problem_response(status=400, detail=detail)


def _mount_routers() -> None:
    for app in API_APPS:
        try:
            module = import_module(f"{app}.api")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.api":
                raise
            continue
        api.add_router("/", module.router)


_mount_routers()
