"""The shape every permission rule in the project returns."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str | Promise = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str | Promise) -> Decision:
    return Decision(False, reason)
