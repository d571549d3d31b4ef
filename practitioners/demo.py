"""Demo practitioners: an account, a `Practitioner` record and a profile page (French, with its
English translation through wagtail-localize) each, and a generated portrait. Idempotent."""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Collection, Locale

from accounts.models import User
from practitioners.demo_data import PRACTITIONERS
from practitioners.models import (
    Practitioner,
    PractitionerDiploma,
    PractitionerIndexPage,
    PractitionerLanguage,
    PractitionerPage,
)
from site_pages.demo import page_translate, page_upsert, page_with_translation
from site_pages.models import HomePage
from therapies.models import ConcernPage, TherapyPage

#: A practitioner who has just signed up: an account, a record, nothing published yet.
ONBOARDING_EMAIL = "samuel.okafor@khepri.example"

INDEX = {
    "slug": "praticiens",
    "en_slug": "practitioners",
    "title": {"fr": "Nos praticiens", "en": "Our practitioners"},
    "intro": {
        "fr": "Des praticiens vérifiés, qui consultent à distance, en vidéo ou par téléphone. "
        "Filtrez par approche, par langue ou par disponibilité, puis choisissez l'horaire qui "
        "vous convient.",
        "en": "Verified practitioners who see people remotely, by video or phone. Filter by "
        "approach, language or availability, then choose the time that suits you.",
    },
}

#: Calm backgrounds for the generated portraits (no faces: initials on a soft colour).
PALETTE = ["#d8e4dc", "#dfe3ee", "#f1e4d8", "#e6dff0", "#dcebea", "#efe6d2", "#e3e9d6"]


def demo_email(data: dict) -> str:
    return f"{data['slug'].replace('-', '.')}@khepri.example"


def portrait(data: dict) -> Image:
    """A generated portrait (initials), made here: the demo never downloads anything."""
    title = f"Portrait — {data['first_name']} {data['last_name']}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    digest = int(hashlib.sha256(data["slug"].encode()).hexdigest(), 16)
    picture = PILImage.new("RGB", (480, 480), PALETTE[digest % len(PALETTE)])
    draw = ImageDraw.Draw(picture)
    draw.ellipse((90, 60, 390, 360), fill="#ffffff")
    draw.ellipse((60, 330, 420, 560), fill="#ffffff")
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 120)
    except OSError:
        font = ImageFont.load_default()
    initials = data["first_name"][0] + data["last_name"][0]
    draw.text((240, 210), initials, fill="#3d5a52", font=font, anchor="mm")
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    collection = _collection()
    return Image.objects.create(
        title=title,
        file=ImageFile(BytesIO(buffer.getvalue()), name=f"{data['slug']}.png"),
        collection=collection,
    )


def _collection() -> Collection:
    existing = Collection.objects.filter(name="Practitioners").first()
    if existing:
        return existing
    return Collection.get_first_root_node().add_child(name="Practitioners")


def _index_fill(page, lang):
    page.title = INDEX["title"][lang]
    page.intro = INDEX["intro"][lang]
    page.search_description = INDEX["intro"][lang][:300]
    page.show_in_menus = True


def _profile_filler(data: dict, practitioner: Practitioner, photo: Image):
    def fill(page, lang):
        page.title = f"{data['first_name']} {data['last_name']}"
        page.headline = data["headline"][lang]
        page.presentation = data["presentation"][lang]
        page.career = data["career"][lang]
        page.search_description = data["headline"][lang][:300]
        page.diplomas = [
            PractitionerDiploma(
                title=diploma["title"][lang], year=diploma["year"], school=diploma["school"]
            )
            for diploma in data["diplomas"]
        ]
        if lang != "fr":
            return  # the rest is synchronised from the French page
        page.practitioner = practitioner
        page.photo = photo
        page.gender = data["gender"]
        page.languages = [PractitionerLanguage(code=code) for code in data["languages"]]
        page.therapies = list(
            TherapyPage.objects.filter(locale=page.locale, slug__in=data["therapies"])
        )
        page.concerns = list(
            ConcernPage.objects.filter(locale=page.locale, slug__in=data["concerns"])
        )
        page.offers_video = "video" in data["modes"]
        page.offers_phone = "phone" in data["modes"]
        page.accepts_new_patients = data["accepts_new_patients"]
        page.offers_follow_up = data.get("offers_follow_up", True)

    return fill


@transaction.atomic
def _records() -> dict[str, Practitioner]:
    records = {}
    checked = timezone.now()
    for data in PRACTITIONERS:
        user, created = User.objects.get_or_create(
            email=demo_email(data),
            defaults={
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "time_zone": data["timezone"],
            },
        )
        if created:
            user.set_unusable_password()  # only the accounts printed by `make run` can log in
            user.save()
        practitioner, created = Practitioner.objects.update_or_create(
            user=user,
            defaults={
                "slug": data["slug"],
                "legal_name": f"{data['first_name']} {data['last_name']}",
                "profession": data["profession"]["fr"],
                "siret": data.get("siret") or "",
                "adeli": data.get("adeli") or "",
                "address": data.get("address") or "",
                "time_zone": data["timezone"],
                "status": Practitioner.Status.ACTIVE,
                "confirmation_mode": data["confirmation"],
            },
        )
        if created:  # the demo's practitioners were all checked when they joined
            practitioner.identity_verified_at = checked
            practitioner.diplomas_verified_at = checked
            practitioner.insurance_verified_at = checked
            practitioner.guide_acknowledged_at = checked
            practitioner.save()
        records[data["slug"]] = practitioner
    newcomer = User.objects.filter(email=ONBOARDING_EMAIL).first()
    if newcomer is not None:
        Practitioner.objects.get_or_create(
            user=newcomer,
            defaults={
                "slug": "samuel-okafor",
                "legal_name": newcomer.get_full_name(),
                "status": Practitioner.Status.ONBOARDING,
            },
        )
    return records


def load(*, stdout) -> None:
    records = _records()
    fr = Locale.objects.get(language_code="fr")
    home = HomePage.objects.get(locale=fr, depth=2)
    index = page_with_translation(
        parent=home,
        model=PractitionerIndexPage,
        slug=INDEX["slug"],
        en=INDEX["en_slug"],
        fill=_index_fill,
    )
    for data in PRACTITIONERS:
        fill = _profile_filler(data, records[data["slug"]], portrait(data))
        page = page_upsert(parent=index, model=PractitionerPage, slug=data["slug"], fill=fill)
        page_translate(page=page, fill=fill, slug=data["slug"])
    stdout.write(
        f"  {Practitioner.objects.count()} practitioners, "
        f"{PractitionerPage.objects.filter(locale=fr).count()} profiles"
    )
