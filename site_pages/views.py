"""Thin views: newsletter subscription, confirmation, unsubscription; site search."""

from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from site_pages import selectors, services
from site_pages.errors import SitePagesError
from site_pages.forms import NewsletterForm, SearchForm


def newsletter_page_serve(request, *, page):
    """GET shows the form; POST records a pending subscription and says to check the inbox."""
    form = NewsletterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.newsletter_subscribe(
            email=form.cleaned_data["email"], language=get_language() or "fr"
        )
        return TemplateResponse(
            request, "site_pages/newsletter_page.html", {"page": page, "sent": True}
        )
    return TemplateResponse(
        request, "site_pages/newsletter_page.html", {"page": page, "form": form}
    )


def _newsletter_link(request, token, *, action, template):
    # A GET only shows a button: mail scanners that open links must not (un)subscribe anyone.
    context = {"done": False, "error": None}
    if request.method == "POST":
        try:
            action(token=token)
            context["done"] = True
        except SitePagesError as error:
            context["error"] = str(error)
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token):
    return _newsletter_link(
        request,
        token,
        action=services.newsletter_confirm,
        template="site_pages/newsletter_confirm.html",
    )


@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token):
    return _newsletter_link(
        request,
        token,
        action=services.newsletter_unsubscribe,
        template="site_pages/newsletter_unsubscribe.html",
    )


@require_http_methods(["GET"])
def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.page_search(query=query)
    return render(
        request, "site_pages/search.html", {"form": form, "query": query, "results": results}
    )
