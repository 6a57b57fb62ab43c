"""Every change of state of organisations, their members and invitations."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from exchange.core import events, limits, text, tokens
from exchange.core.permissions import Refused, require
from exchange.core.textsearch import document_keys, tag

from . import permissions, taxonomy
from .models import (
    CapacityStatement,
    Invitation,
    Membership,
    Organisation,
    SearchDocument,
    ThematicField,
    WorkingLanguage,
    side_of,
)
from .workflows import INVITATION


@dataclass
class Statement:
    area: str = ""
    text: str = ""


@dataclass
class ProfileLists:
    """The list-valued parts of a profile, as plain data."""

    languages: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    needs: list[Statement] = field(default_factory=list)
    offers: list[Statement] = field(default_factory=list)


# --- Profiles ----------------------------------------------------------------------------


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = (
        slugify(name.translate(str.maketrans({"ı": "i", "İ": "i", "ß": "ss"})))[:200]
        or "organisation"
    )
    slug, n = base, 1
    qs = Organisation.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def filter_tags(
    *, need="", offer="", language="", kind="", country="", side="", visibility="", hosts=False
) -> list[str]:
    """The index keys standing for structured facts of a profile, so that a text search
    with filters is one lookup in the full-text index (an intersection of its lists)
    instead of joins over the tables (DirectoryFilter uses the same keys)."""
    keys = []
    for name, value in (
        ("need", need),
        ("offer", offer),
        ("lang", language),
        ("kind", kind),
        ("country", country),
        ("side", side),
        ("vis", visibility),
    ):
        if value:
            keys.append(tag(name, str(value).lower()))
    if hosts:
        keys.append(tag("hosts", "yes"))
    return keys


def search_documents(organisation: Organisation, lists: ProfileLists) -> tuple[str, str]:
    """The search keys of a profile: its name, and the body (city, description, needs and
    offers in its own words, plus one tag per capacity area and thematic field, which a
    search for the term's label in EN, TR or DE matches: see taxonomy.label_synonyms, and
    the tags of its structured facts for filtered searches: filter_tags)."""
    areas = [taxonomy.area(s.area) for s in lists.needs + lists.offers if s.area]
    fields = [taxonomy.field(k) for k in lists.fields]
    body = [
        organisation.city,
        organisation.description,
        *(s.text for s in lists.needs + lists.offers),
    ]
    facts = [
        *(filter_tags(need=s.area)[0] for s in lists.needs if s.area),
        *(filter_tags(offer=s.area)[0] for s in lists.offers if s.area),
        *(filter_tags(language=code)[0] for code in lists.languages),
        *filter_tags(
            kind=organisation.kind,
            country=str(organisation.country),
            # The side as the settings say today (EXCHANGE_TURKEY / EXCHANGE_EUROPE); after a
            # change of those lists, `manage.py reindex_search` writes it again.
            side=side_of(str(organisation.country)) or "",
            visibility=organisation.visibility,
            hosts=organisation.hosts_visits,
        ),
    ]
    tags = " ".join(dict.fromkeys([*(taxonomy.search_tag(t) for t in areas + fields), *facts]))
    return document_keys(organisation.name), (document_keys(*body) + " " + tags).strip()


def _write_lists(organisation: Organisation, lists: ProfileLists) -> None:
    organisation.languages.all().delete()
    organisation.fields.all().delete()
    organisation.statements.all().delete()
    WorkingLanguage.objects.bulk_create(
        [WorkingLanguage(organisation=organisation, code=c) for c in dict.fromkeys(lists.languages)]
    )
    ThematicField.objects.bulk_create(
        [ThematicField(organisation=organisation, key=k) for k in dict.fromkeys(lists.fields)]
    )
    rows = []
    for kind, statements in (
        (CapacityStatement.Kind.NEED, lists.needs),
        (CapacityStatement.Kind.OFFER, lists.offers),
    ):
        for position, s in enumerate(statements):
            rows.append(
                CapacityStatement(
                    organisation=organisation,
                    kind=kind,
                    area=s.area,
                    text=s.text,
                    position=position,
                )
            )
    CapacityStatement.objects.bulk_create(rows)
    name_keys, body_keys = search_documents(organisation, lists)
    SearchDocument.objects.update_or_create(
        organisation=organisation, defaults={"name_keys": name_keys, "body_keys": body_keys}
    )
    # The profile's texts changed: matching reads them again (after commit, in a task).
    events.emit(
        "organisations.profile_changed",
        key=f"organisations.profile_changed:{organisation.pk}:{organisation.updated_at}",
        target=organisation,
    )


def check_profile(organisation: Organisation, lists: ProfileLists) -> None:
    """Every text of a profile within its limit and free of hidden characters (NUL,
    direction overrides); the form checks the same, imports and the API rely on this."""
    for name in ("name", "city", "description"):
        setattr(organisation, name, text.clean(getattr(organisation, name) or "").strip())
    for statement in lists.needs + lists.offers:
        statement.text = text.clean(statement.text or "").strip()
    limits.check(
        name=(organisation.name, limits.NAME),
        city=(organisation.city, limits.CITY),
        description=(organisation.description, limits.DESCRIPTION),
        website=(organisation.website, limits.URL),
    )
    for field_name, statements in (("needs", lists.needs), ("offers", lists.offers)):
        for statement in statements:
            limits.check(**{field_name: (statement.text, limits.STATEMENT)})
    if text.has_unwanted(organisation.website or ""):
        raise ValidationError({"website": [_("This address contains hidden characters.")]})


def validate_lists(lists: ProfileLists) -> dict[str, list[str]]:
    """Programme rules on the list parts; returns errors by field name."""
    errors: dict[str, list[str]] = {}
    if not lists.languages:
        errors.setdefault("languages", []).append(_("Choose at least one working language."))
    if unknown := set(lists.languages) - taxonomy.LANGUAGE_CODES:
        errors.setdefault("languages", []).append(
            _("Unknown language: %s") % ", ".join(sorted(unknown))
        )
    if unknown := set(lists.fields) - taxonomy.FIELD_KEYS:
        errors.setdefault("fields", []).append(
            _("Unknown thematic field: %s") % ", ".join(sorted(unknown))
        )
    for name, statements in (("needs", lists.needs), ("offers", lists.offers)):
        areas = [s.area for s in statements if s.area]
        if unknown := set(areas) - taxonomy.AREA_KEYS:
            errors.setdefault(name, []).append(
                _("Unknown capacity area: %s") % ", ".join(sorted(unknown))
            )
        if len(areas) != len(set(areas)):
            errors.setdefault(name, []).append(_("Each capacity area can be listed only once."))
    both = {s.area for s in lists.needs if s.area} & {s.area for s in lists.offers if s.area}
    if both:
        labels = ", ".join(
            str(taxonomy.area(a).label) for a in sorted(both) if a in taxonomy.AREA_KEYS
        )
        errors.setdefault("offers", []).append(
            _("An area cannot be both a need and an offer: %s") % labels
        )
    return errors


@transaction.atomic
def create_organisation(*, by, organisation: Organisation, lists: ProfileLists) -> Organisation:
    """Save a new profile; its creator becomes its first administrator."""
    require(permissions.can_create_organisation(by))
    check_profile(organisation, lists)
    if errors := validate_lists(lists):
        raise ValidationError(errors)
    organisation.slug = unique_slug(organisation.name)
    organisation.save()
    _write_lists(organisation, lists)
    Membership.objects.create(organisation=organisation, user=by, role=Membership.Role.ADMIN)
    return organisation


@transaction.atomic
def update_organisation(*, by, organisation: Organisation, lists: ProfileLists) -> Organisation:
    require(permissions.can_edit(by, organisation))
    check_profile(organisation, lists)
    if errors := validate_lists(lists):
        raise ValidationError(errors)
    organisation.save()
    _write_lists(organisation, lists)
    return organisation


def lists_of(organisation: Organisation) -> ProfileLists:
    statements = list(organisation.statements.all())
    return ProfileLists(
        languages=[lang.code for lang in organisation.languages.all()],
        fields=[f.key for f in organisation.fields.all()],
        needs=[
            Statement(s.area, s.text) for s in statements if s.kind == CapacityStatement.Kind.NEED
        ],
        offers=[
            Statement(s.area, s.text) for s in statements if s.kind == CapacityStatement.Kind.OFFER
        ],
    )


def reindex(organisation: Organisation) -> None:
    """After a change outside the services (the admin): lists and search keys written
    again, and matching told the texts may have changed."""
    _write_lists(organisation, lists_of(organisation))


def write_search_document(organisation: Organisation) -> None:
    """Only the search keys, from the profile as it is (reindex_search)."""
    name_keys, body_keys = search_documents(organisation, lists_of(organisation))
    SearchDocument.objects.update_or_create(
        organisation=organisation, defaults={"name_keys": name_keys, "body_keys": body_keys}
    )


# --- Members and invitations -------------------------------------------------------------


TOKEN_PURPOSE = "organisations.invitation"


def invitation_token(invitation: Invitation) -> str:
    return tokens.make(TOKEN_PURPOSE, invitation.pk, e=invitation.email)


def read_invitation(token: str) -> Invitation | None:
    """The invitation a genuine, unexpired link names, whatever its state now."""
    data = tokens.read(TOKEN_PURPOSE, token)
    if data is None:
        return None
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(pk=data["i"]).first()
    )
    if invitation is None or invitation.email != data.get("e"):
        return None
    return invitation


def invitation_from_token(token: str) -> Invitation | None:
    """The open invitation a token stands for, or None if it is forged, expired or used."""
    invitation = read_invitation(token)
    return invitation if invitation and invitation.is_open else None


@transaction.atomic
def invite_member(
    *, organisation: Organisation, by, email: str, role: str = Membership.Role.MEMBER
) -> Invitation:
    require(permissions.can_manage_members(by, organisation))
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": [_("This person is already a member.")]})
    for earlier in organisation.invitations.filter(email=email, status=Invitation.Status.PENDING):
        INVITATION.transition(earlier, Invitation.Status.CANCELLED, by=by, reason="replaced")
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + tokens.lifetime(),
    )
    events.emit(
        "organisations.invitation_sent",
        key=f"organisations.invitation_sent:{invitation.pk}",
        target=invitation,
        actor=by,
        token=invitation_token(invitation),
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> Membership:
    invitation = Invitation.objects.select_related("organisation").get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise Refused(_("This invitation has already been used or withdrawn."), "state")
    INVITATION.transition(invitation, Invitation.Status.ACCEPTED, by=user)
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_by"])
    return membership


@transaction.atomic
def decline_invitation(*, invitation: Invitation, user) -> None:
    INVITATION.transition(invitation, Invitation.Status.DECLINED, by=user)


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by) -> None:
    if invitation.status == Invitation.Status.CANCELLED:
        return
    INVITATION.transition(invitation, Invitation.Status.CANCELLED, by=by)


def expire_invitations() -> int:
    """Record as expired every pending invitation past its expiry (the daily job)."""
    expired = 0
    for invitation in Invitation.objects.filter(
        status=Invitation.Status.PENDING, expires_at__lte=timezone.now()
    ):
        with transaction.atomic():
            INVITATION.transition(invitation, Invitation.Status.EXPIRED, by=None)
        expired += 1
    return expired


def _lock_admins(organisation: Organisation) -> int:
    # Locks the organisation's memberships so two admins demoting each other at once
    # cannot leave it without one.
    return len(
        list(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=Membership.Role.ADMIN)
            .values_list("pk", flat=True)
        )
    )


@transaction.atomic
def change_role(*, membership: Membership, role: str, by) -> Membership:
    require(permissions.can_manage_members(by, membership.organisation))
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    admins = _lock_admins(membership.organisation)
    if membership.is_admin and role != Membership.Role.ADMIN and admins <= 1:
        raise ValidationError(_("An organisation needs at least one administrator."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by) -> None:
    require(permissions.can_manage_members(by, membership.organisation))
    admins = _lock_admins(membership.organisation)
    if membership.is_admin and admins <= 1:
        raise ValidationError(_("An organisation needs at least one administrator."))
    membership.delete()


@transaction.atomic
def leave_organisation(*, organisation: Organisation, user) -> None:
    _lock_admins(organisation)
    decision = permissions.can_leave(user, organisation)
    if not decision:
        raise ValidationError(decision.reason)
    Membership.objects.filter(organisation=organisation, user=user).delete()


def attach_logo(*, organisation: Organisation, content, by) -> None:
    require(permissions.can_edit(by, organisation))
    if organisation.logo:
        organisation.logo.delete(save=False)
    organisation.logo.save(f"{organisation.slug}.png", content, save=True)
