"""A person's rights over their data (GDPR art. 15, 17 and 20; KVKK art. 11): download all
of it, and have it erased.

Each domain knows what it holds about a person, so each declares a `Section` in its own
`privacy.py` and registers it in its AppConfig.ready (this app imports no domain):

* `export(user)` -> plain JSON-able data: what the person wrote, where they took part;
* `erase(user)` removes or anonymises it so that what others rely on stays consistent
  (an application the programme must keep shows "a former member", a conversation keeps
  its messages from "a former member");
* `blockers(user)` -> reasons erasure must wait (an organisation's last administrator is
  asked to hand over first);
* `models`: the models whose personal fields the section covers. A test fails when a model
  with personal fields is covered by no section and not declared impersonal with a reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    name: str
    models: tuple[str, ...]  # "app_label.ModelName"
    export: Callable[[object], object]
    erase: Callable[[object], None]
    blockers: Callable[[object], Iterable[str]] = field(default=lambda user: ())


SECTIONS: list[Section] = []
# The account itself, handled by accounts.services.export_account / delete_account.
ACCOUNT_MODELS = (
    "accounts.User",
    "accounts.Consent",
    "account.EmailAddress",
    "mfa.Authenticator",
    "auditlog.LogEntry",
    "admin.LogEntry",
    "core.StatusChange",
)
# Models with person-like fields that hold no person's data, and why ("app.Model": reason).
IMPERSONAL: dict[str, str] = {
    "auth.Permission": "names of permissions, not of people",
    "auth.Group": "names of groups of permissions",
    "calls.Programme": "a programme's name; its staff are people, kept as their accounts",
}


def register(section: Section) -> None:
    if all(s.name != section.name for s in SECTIONS):
        SECTIONS.append(section)


def declare_impersonal(label: str, reason: str) -> None:
    IMPERSONAL[label] = reason


def covered_models() -> set[str]:
    return set(ACCOUNT_MODELS) | {label for section in SECTIONS for label in section.models}
