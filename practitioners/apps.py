from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def grant_reviews_to_moderators(sender, using, **kwargs):
    """Wagtail's "Moderators" review practitioners' profiles too (the review queue checks
    `practitioners.change_practitioner`). Idempotent; a group renamed by staff is left alone."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from practitioners.models import Practitioner

    group = Group.objects.using(using).filter(name="Moderators").first()
    if group is None:
        return
    permission, _ = Permission.objects.using(using).get_or_create(
        codename="change_practitioner",
        content_type=ContentType.objects.db_manager(using).get_for_model(Practitioner),
        defaults={"name": "Can change practitioner"},
    )
    group.permissions.add(permission)


class PractitionersConfig(AppConfig):
    name = "practitioners"
    verbose_name = _("Practitioners")

    def ready(self):
        from practitioners import editing  # noqa: F401  (connects its page_published receiver)

        post_migrate.connect(grant_reviews_to_moderators, sender=self)
