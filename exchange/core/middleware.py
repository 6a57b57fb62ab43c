from django.shortcuts import render

from .permissions import Refused


class RefusalMiddleware:
    """Renders every `Refused` a view lets through inside the site's layout, with its
    reason and the status its code stands for (an htmx request gets the fragment alone)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refused):
            return None
        template = (
            "core/partials/refusal.html" if getattr(request, "htmx", False) else "refused.html"
        )
        return render(
            request,
            template,
            {"reason": exception.message, "code": exception.code},
            status=exception.status,
        )
