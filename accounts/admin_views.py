"""Staff erasing a patient's account in the Wagtail admin, for a request received by email or
post: the same service and the same refusals as the patient's own page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from accounts import selectors, services
from accounts.models import User

#: Who may erase someone else's account: whoever may delete users in the admin.
ERASE_PERMISSION = "accounts.delete_user"


def staff_may_erase(user) -> bool:
    return user.has_perm(ERASE_PERMISSION)


class AccountEraseView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/erase.html"
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not staff_may_erase(request.user):
            raise PermissionDenied
        self.person = get_object_or_404(User, pk=self.kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Erase a person's data")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        now = timezone.now()
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["blockers"] = selectors.erasure_blockers(user=self.person, now=now)
        context["losses"] = selectors.erasure_losses(user=self.person, now=now)
        return context

    def post(self, request, user_id: int):
        if request.POST.get("confirm") != str(self.person.pk):
            messages.error(request, _("Tick the confirmation to erase this account."))
            return self.get(request)
        try:
            erased = services.account_erase(user=self.person, now=timezone.now(), by=request.user)
        except services.ErasureRefused:
            return self.get(request)
        log(instance=erased, action="khepri.account.erase", user=request.user)
        messages.success(request, _("The account's personal data is erased."))
        return redirect("wagtailusers_users:index")
