"""Wagtail admin screen "Kunci masuk": current login lockouts and an audited unlock action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .lockouts import lockout_list, lockout_release, may_unlock


def lockouts(request):
    if not may_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            removed = lockout_release(
                username=request.POST.get("username", "")[:150],
                ip_address=request.POST.get("ip_address", "")[:45],
                actor=request.user,
                reason=request.POST.get("reason", "")[:400],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Kunci dibuka (%(n)s catatan percobaan dihapus).") % {"n": removed})
        return redirect("ops_lockouts")
    return TemplateResponse(request, "ops/lockouts.html", {"lockouts": lockout_list()})
