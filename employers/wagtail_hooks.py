"""Employer programmes in the Wagtail admin (see `employers.admin_views`)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from employers.admin_views import EmployerViewSetGroup
from employers.models import Enrolment
from khepri.admin_policies import ReadOnlyPermissionPolicy

register_permission_policy(Enrolment, ReadOnlyPermissionPolicy(Enrolment))


@hooks.register("register_admin_viewset")
def register_employers_viewsets():
    return EmployerViewSetGroup()
