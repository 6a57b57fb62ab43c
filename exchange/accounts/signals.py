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
