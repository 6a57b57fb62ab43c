import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.core.permissions import Refused

from . import services
from .forms import DeleteAccountForm, ProfileForm
from .services import set_interface_language


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        response = redirect("accounts:profile")
        if form.cleaned_data["language"]:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["language"], samesite="Lax"
            )
        messages.success(request, _("Your profile has been saved."))
        return response
    return render(
        request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200
    )


@require_POST
def set_language(request):
    """Like Django's set_language, and remembers the choice for a signed-in person."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            set_interface_language(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 86400,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


@require_GET
def privacy(request):
    return render(request, "accounts/privacy.html")


@login_required
@require_GET
def data(request):
    """The person's privacy rights: download everything, or delete the account."""
    return render(
        request,
        "accounts/data.html",
        {"blockers": services.erasure_blockers(request.user)},
    )


@login_required
@require_POST
@reauthentication_required
@never_cache
def data_download(request):
    archive = services.export_data(user=request.user)
    response = HttpResponse(
        json.dumps(archive, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def account_delete(request):
    form = DeleteAccountForm(request.POST or None)
    blockers = services.erasure_blockers(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user=request.user)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Thank you for being with us."))
            return redirect("site:landing")
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "blockers": blockers},
        status=400 if form.errors else 200,
    )
