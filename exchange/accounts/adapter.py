"""The sign-up library's e-mails speak as the platform: its name (not the host that served
the request) and absolute links made from the one configured site address."""

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from exchange.core.links import absolute_url, site_host


@dataclass(frozen=True)
class Site:
    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        base = request.build_absolute_uri("/").rstrip("/") if request is not None else ""
        context = dict(context)
        for key, value in context.items():
            # activate_url, password_reset_url, signup_url: made from the request's host by
            # the library; rewritten onto the configured address.
            if isinstance(value, str) and base and value.startswith(base + "/"):
                context[key] = absolute_url(value[len(base) :])
        context["current_site"] = Site(settings.SITE_NAME, site_host())
        msg = self.render_mail(
            template_prefix, email, {"request": request, "email": email, **context}
        )
        msg.send()
