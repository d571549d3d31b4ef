"""Project-wide middleware."""

from django.utils import translation


class ApiLanguageMiddleware:
    """The JSON API answers in the language the client asks for (Accept-Language).

    Pages take their language from the URL (`/` French, `/en/` English); `/api/` has no
    language prefix, so LocaleMiddleware would always pick French there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class FrameAncestorsMiddleware:
    """Says in CSP what X-Frame-Options says (`frame-ancestors 'none'` or `'self'`), for
    browsers that follow only CSP. Responses exempt from X-Frame-Options (the booking widget)
    set their own `frame-ancestors`. Listed before XFrameOptionsMiddleware, so it sees its
    header."""

    SOURCES = {"DENY": "'none'", "SAMEORIGIN": "'self'"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = response.get("Content-Security-Policy", "")
        source = self.SOURCES.get(response.get("X-Frame-Options", "").upper())
        if source and "frame-ancestors" not in policy:
            directive = f"frame-ancestors {source}"
            response["Content-Security-Policy"] = f"{policy}; {directive}" if policy else directive
        return response
