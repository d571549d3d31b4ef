from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import PatientProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = PatientProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)
