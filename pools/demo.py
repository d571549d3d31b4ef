"""Demo service: an orientation call of 20 minutes, free, taken by three demo practitioners
(Claire Martin, who can log in, also manages it), its page in French and English, and the home
page's call to action pointing at it. Idempotent."""

from django.db import transaction
from wagtail.models import Locale

from pools.models import Service, ServicePage
from pools.services import service_member_add, service_save
from practitioners.models import Practitioner
from site_pages.demo import page_with_translation, translate_home
from site_pages.models import HomePage

SERVICE = {
    "slug": "appel-orientation",
    "name": "Appel d'orientation",
    "name_en": "Orientation call",
    "members": ["claire-martin", "karim-benali", "lea-fontaine"],
    "manager": "claire-martin",
}
PAGE = {
    "slug": "appel-orientation",
    "en_slug": "orientation-call",
    "title": {"fr": "Appel d'orientation gratuit", "en": "Free orientation call"},
    "intro": {
        "fr": "<p>Vous ne savez pas vers qui vous tourner ? Réservez un appel de 20 minutes avec "
        "un praticien de l'équipe. Il vous écoute, répond à vos questions et vous aide à choisir "
        "l'accompagnement qui vous convient. C'est gratuit et sans engagement.</p>",
        "en": "<p>Not sure whom to turn to? Book a 20-minute call with a practitioner of the "
        "team. They listen, answer your questions and help you choose the support that suits "
        "you. It is free, with no commitment.</p>",
    },
}


def _page_fill(service: Service):
    def fill(page, lang):
        page.title = PAGE["title"][lang]
        page.intro = PAGE["intro"][lang]
        page.service = service
        page.seo_title = PAGE["title"][lang]

    return fill


@transaction.atomic
def load(*, stdout) -> None:
    service = Service.objects.filter(slug=SERVICE["slug"]).first() or Service(slug=SERVICE["slug"])
    service.name, service.name_en = SERVICE["name"], SERVICE["name_en"]
    service.duration_minutes, service.price_cents = 20, 0
    service_save(service=service)
    for slug in SERVICE["members"]:
        practitioner = Practitioner.objects.filter(slug=slug).first()
        if practitioner is not None:
            service_member_add(service=service, practitioner=practitioner)
    manager = Practitioner.objects.filter(slug=SERVICE["manager"]).first()
    if manager is not None:
        service.managers.add(manager.user)

    home = HomePage.objects.get(locale=Locale.objects.get(language_code="fr"), depth=2)
    page = page_with_translation(
        parent=home,
        model=ServicePage,
        slug=PAGE["slug"],
        en=PAGE["en_slug"],
        fill=_page_fill(service),
    )
    _home_points_at(home, page)
    stdout.write(f"  service “{service.name}”: {service.members.count()} members, its page")


def _home_points_at(home: HomePage, page: ServicePage) -> None:
    """The home page's orientation call to action leads to the service's page."""
    body = list(home.body.raw_data)
    for block in body:
        if block["type"] == "call_to_action":
            block["value"]["page"] = page.pk
    home.body = body
    home.save_revision().publish()
    translate_home(HomePage.objects.get(pk=home.pk))
