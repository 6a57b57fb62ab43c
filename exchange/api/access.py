"""The API's one permission class. What a person may do is decided by the domains' rules
(services call them); here only the token's scope is checked: a read-only token reads."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken


class TokenScope(BasePermission):
    message = _("This token is read only: create a read-and-write token to change anything.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.can_write


class SignedIn(BasePermission):
    message = _("Sign in or send a personal API token.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)
