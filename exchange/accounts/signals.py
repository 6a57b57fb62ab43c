import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from .services import set_interface_language


@receiver(user_logged_in)
def remember_language_on_login(sender, request, user, **kwargs):
    # A person who chose a language on the welcome page before signing up keeps it.
    if not user.language and getattr(request, "LANGUAGE_CODE", None):
        set_interface_language(user=user, language=request.LANGUAGE_CODE)
    elif user.language:
        # The rest of this request (the library's "signed in" message among it) speaks the
        # person's language, not the one the signed-out page was shown in.
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language


FRESH = 120  # seconds: a password typed this recently needs no second asking


@receiver(user_logged_in)
def count_the_sign_in_as_recent_authentication(sender, request, user, **kwargs):
    """Someone who has just typed their password (and their code) is not asked for it again
    by the next sensitive page (setting up two factors right after the first sign-in,
    downloading their data): the library only counts an explicit re-authentication."""
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
    now = time.time()
    changed = False
    for record in records:
        if record.get("method") in ("password", "mfa") and now - record.get("at", 0) < FRESH:
            record["reauthenticated"] = True
            changed = True
    if changed:
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
