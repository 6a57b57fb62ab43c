"""Who is asking: a personal API token (`Authorization: Bearer cse_…`), else the browser
session (DRF's SessionAuthentication: its unsafe requests need the CSRF token, as the pages'
forms do)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from . import tokens


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1", "replace")
        if not header:
            return None
        keyword, _space, raw = header.partition(" ")
        if keyword.lower() != self.keyword.lower() or not raw.strip() or " " in raw.strip():
            raise exceptions.AuthenticationFailed(
                _("Send a personal API token as: Authorization: Bearer <token>.")
            )
        token = tokens.find(raw.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(
                _(
                    "This token is not valid: it may have been revoked, or a staff account "
                    "has no second factor."
                )
            )
        tokens.touch(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
