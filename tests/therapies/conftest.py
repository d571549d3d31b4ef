import pytest


def _text(fr, en):
    return {"fr": fr, "en": en}


@pytest.fixture
def catalogue(home):
    """One category, concern, therapy and domain, in French with English translations."""
    from therapies import demo
    from therapies.models import (
        ConcernIndexPage,
        ConcernPage,
        DomainIndexPage,
        DomainPage,
        TherapyCategory,
        TherapyIndexPage,
        TherapyPage,
    )

    concern_index = demo._index(home, ConcernIndexPage, "concerns")
    concern_data = {
        "slug": "sommeil",
        "title": _text("Troubles du sommeil", "Sleep problems"),
        "summary": _text("Mal dormir fatigue.", "Poor sleep is tiring."),
        "body": _text("<p>Le sommeil compte.</p>", "<p>Sleep matters.</p>"),
    }
    concern = demo._upsert_and_translate(
        parent=concern_index,
        model=ConcernPage,
        data=concern_data,
        fill=demo._concern_filler(concern_data),
    )
    category = TherapyCategory.objects.create(
        locale=home.locale, key="mind-body", title="Corps et esprit", intro="Intro"
    )
    import copy

    from site_pages.localization import translation_apply

    shadow = copy.deepcopy(category)
    shadow.title, shadow.intro = "Mind and body", "Intro EN"
    translation_apply(source_instance=category, shadow_instance=shadow, locale_code="en")

    therapy_index = demo._index(home, TherapyIndexPage, "therapies")
    therapy_data = {
        "slug": "sophrologie",
        "title": _text("Sophrologie", "Sophrology"),
        "summary": _text("Respirer et se détendre.", "Breathe and relax."),
        "body": _text("<p>Une méthode douce.</p>", "<p>A gentle method.</p>"),
        "remote_session": _text(
            "<ol><li>Installez-vous.</li></ol>", "<ol><li>Settle in.</li></ol>"
        ),
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 5000,
        "price_max": 7000,
        "modes": ["video", "phone"],
    }
    therapy = demo._upsert_and_translate(
        parent=therapy_index,
        model=TherapyPage,
        data=therapy_data,
        fill=demo._therapy_filler(therapy_data, category, [concern]),
    )
    domain_index = demo._index(home, DomainIndexPage, "domains")
    domain_data = {
        "slug": "sante-physique",
        "title": _text("Santé physique", "Physical health"),
        "summary": _text("Le corps.", "The body."),
        "body": _text("<p>Corps et esprit.</p>", "<p>Body and mind.</p>"),
    }
    domain = demo._upsert_and_translate(
        parent=domain_index,
        model=DomainPage,
        data=domain_data,
        fill=demo._domain_filler(domain_data, [therapy], [concern]),
    )
    return {
        "concern": concern,
        "therapy": therapy,
        "domain": domain,
        "category": category,
        "indexes": [therapy_index, concern_index, domain_index],
    }
