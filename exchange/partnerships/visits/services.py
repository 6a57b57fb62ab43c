"""Every change to visits, travellers and invitation letters."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.core import events
from exchange.core.permissions import Refused, require

from . import permissions
from .models import InvitationLetter, Traveller, Visit
from .workflows import LETTER, VISIT

V = Visit.Status
L = InvitationLetter.Status

# Days after a visit's last day when its travellers' passport numbers are deleted: long
# enough for a late border question, short enough to keep little (data minimisation).
PASSPORT_KEPT_DAYS = 30

# The languages a letter can be written in: English always, and the host country's own
# language where we have a template (visits/letter_<language>.html).
LETTER_LANGUAGES = {"DE": "de", "AT": "de", "TR": "tr"}
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "tr": "Türkçe"}

VISIT_FIELDS = (
    "host", "from_city", "from_country", "starts_on", "ends_on", "purpose", "programme", "mode",
)  # fmt: skip
TRAVELLER_FIELDS = (
    "name", "organisation", "email", "needs_visa", "nationality", "date_of_birth",
    "accessibility_needs", "other_needs", "costs_covered",
)  # fmt: skip


def letter_languages(host) -> list[str]:
    own = LETTER_LANGUAGES.get(str(host.country.code if host.country else ""))
    return ["en", own] if own else ["en"]


# --- Visits ---------------------------------------------------------------------------------


def _check_visit(partnership, *, host, starts_on, ends_on, **_ignored) -> None:
    errors = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("A visit cannot end before it starts.")
    if host is None or not partnership.members.filter(organisation=host).exists():
        errors["host"] = _("Choose one of the partnership's organisations.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_visit(*, partnership, by, **fields) -> Visit:
    require(permissions.can_plan(by, partnership))
    fields = {k: fields[k] for k in VISIT_FIELDS if k in fields}
    _check_visit(partnership, **fields)
    visit = Visit.objects.create(partnership=partnership, created_by=by, **fields)
    events.emit("visits.planned", key=f"visits.planned:{visit.pk}", target=visit, actor=by)
    return visit


@transaction.atomic
def edit_visit(*, visit: Visit, by, **fields) -> Visit:
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    require(permissions.can_change(by, visit))
    fields = {k: fields[k] for k in VISIT_FIELDS if k in fields}
    merged = {k: fields.get(k, getattr(visit, k)) for k in ("host", "starts_on", "ends_on")}
    _check_visit(visit.partnership, **merged)
    if merged["host"].pk != visit.host_id and visit.letters.exists():
        raise ValidationError(
            {"host": _("The host has issued letters for this visit; it cannot change.")}
        )
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.save()
    return visit


def move_visit(*, visit: Visit, to: str, by, reason: str = "") -> Visit:
    if to not in V.values:
        raise Refused(_("Choose what the visit's status becomes."), "transition")
    with transaction.atomic():
        VISIT.transition(visit, to, by=by, reason=reason)
        if to == V.CANCELLED:
            # A cancelled visit invites nobody: its letters stop being valid too.
            for letter in visit.letters.filter(status=L.ISSUED):
                LETTER.transition(letter, L.REVOKED, by=None, reason="the visit was cancelled")
    return visit


# --- Travellers -----------------------------------------------------------------------------


def _check_traveller(visit, *, organisation, **_ignored) -> None:
    if (
        organisation is None
        or not visit.partnership.members.filter(organisation=organisation).exists()
    ):
        raise ValidationError({"organisation": _("Choose one of the partnership's organisations.")})


@transaction.atomic
def add_traveller(*, visit: Visit, by, passport_number: str = "", **fields) -> Traveller:
    require(permissions.can_change_travellers(by, visit))
    fields = {k: fields[k] for k in TRAVELLER_FIELDS if k in fields}
    _check_traveller(visit, **fields)
    return Traveller.objects.create(
        visit=visit, passport_number=(passport_number or "").strip() or None, **fields
    )


@transaction.atomic
def edit_traveller(
    *, traveller: Traveller, by, passport_number: str | None = None, forget_passport=False, **fields
) -> Traveller:
    """`passport_number` None or "" keeps the number on file; `forget_passport` deletes it."""
    require(permissions.can_change_travellers(by, traveller.visit))
    fields = {k: fields[k] for k in TRAVELLER_FIELDS if k in fields}
    _check_traveller(
        traveller.visit, organisation=fields.get("organisation", traveller.organisation)
    )
    for name, value in fields.items():
        setattr(traveller, name, value)
    if forget_passport:
        traveller.passport_number = None
    elif passport_number and passport_number.strip():
        traveller.passport_number = passport_number.strip()
        traveller.passport_deleted_at = None
    traveller.save()
    return traveller


@transaction.atomic
def remove_traveller(*, traveller: Traveller, by) -> None:
    require(permissions.can_change_travellers(by, traveller.visit))
    if traveller.letters.exists():
        raise Refused(
            _("An invitation letter names this traveller: the letter stays on record, and so "
              "does the traveller. The host can revoke the letter."),
            "state",
        )  # fmt: skip
    traveller.delete()


# --- Invitation letters ---------------------------------------------------------------------


@transaction.atomic
def issue_letter(
    *,
    visit: Visit,
    traveller: Traveller,
    by,
    language: str,
    host_address: str,
    signatory_name: str,
    signatory_role: str,
    costs_covered: str,
) -> InvitationLetter:
    require(permissions.can_issue_letter(by, visit))
    if traveller.visit_id != visit.pk:
        raise ValidationError({"traveller": _("Choose one of this visit's travellers.")})
    if language not in letter_languages(visit.host):
        raise ValidationError({"language": _("There is no letter in this language.")})
    letter = InvitationLetter.objects.create(
        visit=visit,
        traveller=traveller,
        language=language,
        host_address=host_address,
        signatory_name=signatory_name,
        signatory_role=signatory_role,
        costs_covered=costs_covered,
        starts_on=visit.starts_on,
        ends_on=visit.ends_on,
    )
    LETTER.transition(letter, L.ISSUED, by=by)
    return letter


def revoke_letter(*, letter: InvitationLetter, by, reason: str) -> InvitationLetter:
    letter.revoked_reason = reason
    LETTER.transition(letter, L.REVOKED, by=by, reason=reason)
    return letter


# --- Verification (the QR code) -------------------------------------------------------------

_VERIFY_SALT = "exchange.visits.letter-verification"


def verification_token(letter: InvitationLetter) -> str:
    """A signed token naming the letter's number. It never expires: a consulate may ask
    months later, and a revoked letter answers "revoked"."""
    return signing.Signer(salt=_VERIFY_SALT).sign(letter.number)


def letter_from_token(token: str) -> InvitationLetter | None:
    try:
        number = signing.Signer(salt=_VERIFY_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return (
        InvitationLetter.objects.select_related("visit__host")
        .exclude(status=L.DRAFT)
        .filter(number=number)
        .first()
    )


def verification_url(letter: InvitationLetter) -> str:
    return settings.SITE_URL + reverse("visits:verify", args=[verification_token(letter)])


# --- Passport numbers after the visit -------------------------------------------------------


def purge_passport_numbers(
    today: datetime.date | None = None, *, days: int = PASSPORT_KEPT_DAYS
) -> int:
    """Delete the passport numbers of travellers whose visit ended more than `days` ago
    (or was cancelled that long ago). Safe to run more than once; returns how many."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=days)
    # The encrypted column cannot be compared: select the rows that still have a value.
    travellers = Traveller.objects.filter(visit__ends_on__lt=cutoff, passport_number__isnull=False)
    return travellers.update(passport_number=None, passport_deleted_at=timezone.now())
