import pytest

pytestmark = pytest.mark.django_db


def test_catalogue_pages_and_categories_open_in_the_editor(client, catalogue, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x" * 12)
    client.force_login(admin)

    for page in [
        catalogue["therapy"],
        catalogue["concern"],
        catalogue["domain"],
        *catalogue["indexes"],
    ]:
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page
    category = catalogue["category"]
    url = f"/admin/snippets/therapies/therapycategory/edit/{category.pk}/"
    assert client.get(url).status_code == 200
