from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from exchange.core.zones import zone_named

from .services import has_two_factor


class UserPreferencesMiddleware:
    """Shows the site in a signed-in person's language and time zone.

    Anonymous visitors get the language from the cookie/browser (LocaleMiddleware) and the
    time zone their browser reports (the `tz` cookie set by static/js/site.js).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        timezone.deactivate()
        # A person's chosen zone, else the one their browser reports (URL-encoded in the
        # cookie); anything that is not a zone leaves the page in UTC.
        zone = zone_named(user.timezone if user.is_authenticated else None) or zone_named(
            request.COOKIES.get("tz", "")
        )
        if zone is not None:
            timezone.activate(zone)
        if user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """Staff must set up two-factor authentication before doing anything else."""

    allowed_prefixes = ("/accounts/", "/i18n/", "/static/", "/privacy/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and not request.path.startswith(self.allowed_prefixes)
        ):
            if not has_two_factor(user):
                return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)
