"""Rate limits: per token (or signed-in person) and per address. A request over the limit
gets 429 with Retry-After (DRF's Throttled)."""

from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class PerToken(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"t{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"u{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class PerAddress(SimpleRateThrottle):
    scope = "address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
