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
