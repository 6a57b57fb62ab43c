"""One way to change state, for every domain.

A domain states its process as data in its `workflows.py`:

    APPLICATION = Workflow(
        "applications.application", Application, Application.Status,
        [
            Transition(S.DRAFT, S.SUBMITTED, rule=permissions.can_submit,
                       guards=[IN_TIME, COMPLETE], effects=[stamp_submission],
                       event="applications.submitted"),
            ...
        ],
    )

* `rule(user, obj) -> Decision` decides *who* (a function from the domain's permissions.py);
  `SYSTEM` is the rule of changes only the platform makes (expiry).
* `guards` decide *whether now*: each is `check(obj) -> Decision` whose refusal carries a
  stable code ("deadline", "incomplete"). A `Guard(check, at_completion=True)` is checked
  again after the change is written, so that what counts is the moment the change
  completes (the deadline rule).
* `stamps(obj, by) -> field names` set fields of the object that are saved together with its
  new status (a submission's time: the database refuses a submitted application without
  one); `effects(change)` are the change's other consequences in the database (free the
  organisations, open a conversation); `event` is the name emitted for everyone else
  (notifications).

`WORKFLOW.transition(obj, to, by=user, reason="")` is the only code that changes a status:
in one transaction it checks the rule and the guards, writes the status and one
`core.StatusChange` row, runs the effects and emits the event. Every refusal is one
exception, `core.permissions.Refused`, with a code and a translated message, which pages
and the API show the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import events
from .models import STATUS_CHOICES, StatusChange
from .permissions import ALLOW, Decision, Refused, deny, require

Rule = Callable[[Any, Any], Decision]


def SYSTEM(user, obj) -> Decision:  # noqa: N802 - reads as a constant in the tables
    """Changes only the platform makes (an invitation expiring), never a person."""
    if user is None:
        return ALLOW
    return deny(gettext_lazy("Only the platform makes this change."))


SYSTEM.allows_system = True


def or_system(rule: Rule) -> Rule:
    """`rule` for people, and the platform itself may also make the change (an invitation
    to an address whose owner deleted their account is cancelled by the platform)."""

    def either(user, obj) -> Decision:
        return ALLOW if user is None else rule(user, obj)

    either.allows_system = True
    either.__name__ = f"or_system({getattr(rule, '__name__', 'rule')})"
    return either


def has_expired(obj) -> Decision:
    """The guard of expiry, for anything with an `is_open` that time ends (invitations)."""
    if obj.is_open:
        return deny(gettext_lazy("This has not expired yet."), "state")
    return ALLOW


@dataclass(frozen=True)
class Guard:
    check: Callable[[Any], Decision]
    at_completion: bool = False  # checked again once the change is written


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    rule: Rule
    guards: tuple = ()
    stamps: tuple = ()
    effects: tuple = ()
    event: str = ""

    def __post_init__(self):
        object.__setattr__(
            self, "guards", tuple(g if isinstance(g, Guard) else Guard(g) for g in self.guards)
        )
        object.__setattr__(self, "stamps", tuple(self.stamps))
        object.__setattr__(self, "effects", tuple(self.effects))


@dataclass(frozen=True)
class Change:
    """What effects and callers receive about a change that was made."""

    obj: Any
    source: str
    target: str
    by: Any
    reason: str
    record: StatusChange
    step: Transition


class Workflow:
    def __init__(
        self,
        name: str,
        model: type[models.Model],
        states: type[models.TextChoices],
        transitions: Iterable[Transition],
        *,
        field: str = "status",
    ):
        self.name = name
        self.model = model
        self.states = states
        self.field = field
        self.transitions = tuple(transitions)
        self._by_pair: dict[tuple[str, str], Transition] = {}
        for step in self.transitions:
            for state in (step.source, step.target):
                if state not in states.values:
                    raise ValueError(f"{name}: unknown state {state!r}")
            if (step.source, step.target) in self._by_pair:
                raise ValueError(f"{name}: {step.source} -> {step.target} is listed twice")
            self._by_pair[(step.source, step.target)] = step
        self._touch = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        STATUS_CHOICES[name] = states

    def __repr__(self):
        return f"<Workflow {self.name}>"

    # --- Reading the table -----------------------------------------------------------

    def find(self, source: str, target: str) -> Transition | None:
        return self._by_pair.get((source, target))

    def targets(self, source: str) -> list[str]:
        return [t.target for t in self.transitions if t.source == source]

    def label(self, state: str) -> str:
        return str(self.states(state).label)

    def check(self, obj, to: str, *, by) -> Decision:
        """Whether `by` may move `obj` to `to` now: the rule first, then the guards."""
        source = getattr(obj, self.field)
        step = self.find(source, to)
        if step is None:
            return deny(
                _("This cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.label(source), "to": self.label(to)},
                "transition",
            )
        if by is None and not getattr(step.rule, "allows_system", False):
            return deny(_("Only a person can make this change."))
        decision = step.rule(by, obj)
        if not decision:
            return decision
        for guard in step.guards:
            decision = guard.check(obj)
            if not decision:
                return decision
        return ALLOW

    def permitted(self, obj, *, by) -> list[str]:
        """The states `by` may move `obj` to now (for forms and buttons)."""
        source = getattr(obj, self.field)
        return [t for t in self.targets(source) if self.check(obj, t, by=by)]

    # --- Changing state --------------------------------------------------------------

    def transition(self, obj, to: str, *, by, reason: str = "", locked: bool = False) -> Change:
        """Move `obj` to the state `to`. Pass `locked=True` when the caller has already
        re-read the object under a row lock in this transaction; otherwise its status is
        re-read under lock here, so two people acting at once are served one by one."""
        with transaction.atomic():
            if not locked:
                current = (
                    self.model.objects.select_for_update()
                    .filter(pk=obj.pk)
                    .values_list(self.field, flat=True)
                    .first()
                )
                if current is None:
                    raise Refused(_("This no longer exists."), "not_found")
                setattr(obj, self.field, current)
            require(self.check(obj, to, by=by))
            step = self.find(getattr(obj, self.field), to)
            source = getattr(obj, self.field)
            setattr(obj, self.field, to)
            fields = [self.field, *self._touch]
            for stamp in step.stamps:
                fields += [f for f in stamp(obj, by) if f not in fields]
            obj.save(update_fields=fields)
            record = StatusChange.objects.create(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=obj.pk,
                workflow=self.name,
                from_status=source,
                to_status=to,
                by=by,
                reason=reason or "",
            )
            change = Change(obj, source, to, by, reason or "", record, step)
            for effect in step.effects:
                effect(change)
            for guard in step.guards:
                if guard.at_completion:
                    require(guard.check(obj))
            if step.event:
                events.emit(
                    step.event,
                    key=f"{step.event}:{record.pk}",
                    target=obj,
                    actor=by,
                    source=source,
                    status=to,
                    reason=reason or "",
                )
            return change
