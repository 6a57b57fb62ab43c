"""The settings pages where a person creates, names, scopes and revokes API tokens."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.accounts.services import has_two_factor

from . import tokens
from .forms import TokenForm


@login_required
@require_GET
def token_list(request):
    context = {
        "tokens": tokens.list_tokens(request.user),
        "needs_two_factor": tokens.needs_two_factor(request.user)
        and not has_two_factor(request.user),
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
@never_cache
def token_create(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = tokens.create_token(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Shown on this response only: it is stored as a digest and cannot be shown again.
            return render(request, "api/token_created.html", {"token": token, "secret": secret})
    return render(
        request, "api/token_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = tokens.get_token_of(request.user, pk) if 0 < pk < 2**63 else None
    if token is None:
        raise Http404
    tokens.revoke_token(token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("tokens:list")
