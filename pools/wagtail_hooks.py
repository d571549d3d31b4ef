"""Staff manage pooled services in the Wagtail admin ("Pooled services"): the service, its
members and its managers. Members are set through `pools.services`, which gives each one the
session type the service's bookings are made with."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from pools import services
from pools.models import Service
from practitioners.models import Practitioner

FIELDS = [
    "name",
    "name_en",
    "slug",
    "duration_minutes",
    "buffer_after_minutes",
    "min_notice_minutes",
    "horizon_days",
    "price_cents",
    "currency",
    "is_active",
    "managers",
]


class ServiceForm(WagtailAdminModelForm):
    members = forms.ModelMultipleChoiceField(
        queryset=Practitioner.objects.filter(status=Practitioner.Status.ACTIVE).order_by(
            "legal_name"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Members"),
        help_text=_("The practitioners who take the service's bookings."),
    )

    class Meta:
        model = Service
        fields = FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["members"].initial = Practitioner.objects.filter(
                service_memberships__service=self.instance
            )


class MembersMixin:
    def save_instance(self):
        instance = super().save_instance()
        services.service_members_set(
            service=instance, practitioners=list(self.form.cleaned_data["members"])
        )
        return instance


class ServiceCreateView(MembersMixin, CreateView):
    pass


class ServiceEditView(MembersMixin, EditView):
    pass


class ServiceViewSet(ModelViewSet):
    model = Service
    icon = "group"
    menu_label = _("Pooled services")
    add_to_admin_menu = True
    form_fields = [*FIELDS, "members"]
    list_display = ["name", "slug", "duration_minutes", "is_active"]
    search_fields = ["name", "slug"]
    add_view_class = ServiceCreateView
    edit_view_class = ServiceEditView

    def get_form_class(self, for_update=False):
        return ServiceForm


@hooks.register("register_admin_viewset")
def register_service_viewset():
    return ServiceViewSet("pooled_services")
