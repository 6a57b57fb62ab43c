"""Who may do what in the model library. The only place these rules are written.

A published model is public: anyone reads it, without an account. Its working copy
(a draft, an update in progress, staff's comments) is for the people of its author
organisations — a partnership's organisations, or the one organisation that submitted it
from outside the programme — and for the programme's staff who review it; for anyone else
it does not exist (404). The people of the author organisations write; each
organisation's admins approve for it; staff publish or send back. Any organisation other
than the authors can adopt a published model."""

from django.utils.translation import gettext_lazy as _

from exchange.calls.models import Programme
from exchange.calls.permissions import can_run_programme
from exchange.core.permissions import ALLOW, Decision, deny, memo
from exchange.organisations.models import Membership, Organisation
from exchange.partnerships import permissions as partnership_permissions

from .models import PracticeModel

NOT_FOUND = _("There is no such model, or it is not yours to see.")
S = PracticeModel.Status


def author_ids(model: PracticeModel) -> list[int]:
    """The author organisations: a partnership's members, or the submitting organisation."""
    return memo(
        model,
        "authors",
        None,
        lambda: (
            list(model.partnership.members.values_list("organisation_id", flat=True))
            if model.partnership_id
            else [model.organisation_id]
        ),
    )


def roles_in(user, model: PracticeModel) -> dict[int, str]:
    """author organisation id -> the user's role in it."""
    if user is None or not user.is_authenticated:
        return {}
    return memo(
        model,
        "roles",
        user.pk,
        lambda: dict(
            Membership.objects.filter(user=user, organisation_id__in=author_ids(model)).values_list(
                "organisation_id", "role"
            )
        ),
    )


def is_library_staff(user) -> bool:
    """Staff of a programme: they review the models submitted from outside it."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return memo(user, "library_staff", None, lambda: Programme.objects.filter(staff=user).exists())


def is_reviewer_of(user, model: PracticeModel) -> bool:
    if model.partnership_id:
        return bool(can_run_programme(user, model.partnership.cohort.call.programme))
    return is_library_staff(user)


def can_read(user, model: PracticeModel) -> Decision:
    """The published version: everyone."""
    if model.is_public:
        return ALLOW
    return can_view_draft(user, model)


def can_view_draft(user, model: PracticeModel) -> Decision:
    """The working copy, its approvals and staff's comments."""
    if roles_in(user, model) or is_reviewer_of(user, model):
        return ALLOW
    return deny(NOT_FOUND, "not_found")


def can_edit(user, model: PracticeModel) -> Decision:
    if not roles_in(user, model):
        if is_reviewer_of(user, model):
            return deny(_("Only the model's authors can change it."))
        return deny(NOT_FOUND, "not_found")
    if model.status == S.IN_REVIEW:
        return deny(_("The model is in review. Withdraw it from review to change it."), "state")
    return ALLOW


def can_approve(user, model: PracticeModel) -> Decision:
    """An organisation's approval is given by one of its admins."""
    roles = roles_in(user, model)
    if not roles:
        return can_edit(user, model)
    if Membership.Role.ADMIN not in roles.values():
        return deny(_("Only an admin of an author organisation can approve the model for it."))
    if model.status not in (S.DRAFT, S.APPROVED):
        return deny(_("Only a draft can be approved."), "state")
    return ALLOW


def can_submit(user, model: PracticeModel) -> Decision:
    if not roles_in(user, model):
        return can_edit(user, model)
    return ALLOW


def can_be_named(user, model: PracticeModel) -> Decision:
    """A person of an author organisation agrees to be named (at any stage)."""
    if roles_in(user, model):
        return ALLOW
    return can_edit(user, model)


def can_review(user, model: PracticeModel) -> Decision:
    if is_reviewer_of(user, model):
        return ALLOW
    if roles_in(user, model):
        return deny(_("Only the programme's staff can review a model."))
    return deny(NOT_FOUND, "not_found")


def can_start_for_partnership(user, partnership) -> Decision:
    """A partnership's people write its model, during its six months or after them."""
    if partnership_permissions.roles_in(user, partnership):
        return ALLOW
    seen = partnership_permissions.can_view(user, partnership)
    if not seen:
        return seen  # not theirs to see: 404
    return deny(_("Only the partnership's own people can write its model."))


def is_member_of(user, organisation: Organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return memo(
        organisation,
        "member",
        user.pk,
        lambda: Membership.objects.filter(user=user, organisation=organisation).exists(),
    )


def can_act_for(user, organisation: Organisation) -> Decision:
    """Submit a model of its own, adopt one: the organisation's people."""
    if is_member_of(user, organisation):
        return ALLOW
    return deny(_("You can do this only for an organisation you belong to."))


def can_adopt(user, model: PracticeModel, organisation: Organisation) -> Decision:
    decision = can_act_for(user, organisation)
    if not decision:
        return decision
    if not model.is_public:
        return deny(NOT_FOUND, "not_found")
    if organisation.pk in author_ids(model):
        return deny(_("An organisation cannot adopt its own model."), "state")
    return ALLOW


def can_report_adoption(user, adoption) -> Decision:
    return can_act_for(user, adoption.organisation)
