"""What the API holds about a person: their tokens (names, access, dates; never a secret,
which is not kept). Erasure revokes and deletes them."""

from exchange.accounts.privacy import Section

from .models import ApiToken


def export(user) -> list:
    return [
        {
            "name": t.name,
            "access": t.scope,
            "created": t.created_at.isoformat(),
            "last_used": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in ApiToken.objects.filter(user=user)
    ]


def erase(user) -> None:
    ApiToken.objects.filter(user=user).delete()


SECTION = Section("api_tokens", models=("api.ApiToken",), export=export, erase=erase)
