from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page

from site_pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(home):
    page = StandardPage(title="Le concept", slug="concept", intro="Première version")
    home.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def test_pages_go_through_moderation_before_publishing(concept, django_user_model):
    from site_pages.demo import ensure_moderation_workflow

    ensure_moderation_workflow()
    editor = django_user_model.objects.create_user(email="editor@example.org", password="x" * 12)
    concept.intro = "Deuxième version"
    revision = concept.save_revision(user=editor)

    workflow = concept.get_workflow()
    assert workflow is not None
    workflow.start(concept, editor)

    concept.refresh_from_db()
    assert concept.workflow_in_progress
    assert StandardPage.objects.get(pk=concept.pk).intro == "Première version"  # not live yet
    assert concept.revisions.count() >= 2
    assert revision.content["intro"] == "Deuxième version"


def test_scheduled_publishing_runs_as_a_periodic_task(concept):
    from khepri.periodic import periodic_jobs
    from site_pages.tasks import publish_scheduled_pages

    concept.intro = "Publiée plus tard"
    revision = concept.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    assert StandardPage.objects.get(pk=concept.pk).intro != "Publiée plus tard"

    publish_scheduled_pages.enqueue()  # the immediate backend runs it now

    assert StandardPage.objects.get(pk=concept.pk).intro == "Publiée plus tard"
    assert "site_pages.tasks.publish_scheduled_pages" in [job.name for job in periodic_jobs()]


def test_rendered_pages_are_cached_and_purged_on_publish(client, concept, settings):
    settings.KHEPRI_PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.get("/concept/")  # the first render creates the site settings, which purges
    assert "Première version" in client.get("/concept/").content.decode()

    # A change that bypasses Wagtail (no publish) is not seen: the page comes from the cache.
    StandardPage.objects.filter(pk=concept.pk).update(intro="Changée en douce")
    assert "Première version" in client.get("/concept/").content.decode()

    # Publishing any page purges the cache.
    other = StandardPage(title="Partenaires", slug="partenaires")
    Page.objects.get(pk=concept.get_parent().pk).add_child(instance=other)
    other.save_revision().publish()
    assert "Changée en douce" in client.get("/concept/").content.decode()


def test_logged_in_visitors_are_never_served_from_the_cache(client, concept, django_user_model):
    cache.clear()
    client.get("/concept/")
    StandardPage.objects.filter(pk=concept.pk).update(intro="Vue connectée")
    user = django_user_model.objects.create_user(email="u@example.org", password="x" * 12)
    client.force_login(user)

    assert "Vue connectée" in client.get("/concept/").content.decode()
