"""Partnerships come from a published selection: every selected application becomes a
partnership of the call's cohort, with its organisations, common issue and grant. Here too:
the partnership's goals and work plan, its updates to the cohort, and its close."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.applications.models import Answer, Application
from exchange.core import events
from exchange.core.permissions import Refused, require

from . import permissions
from .models import Activity, Cohort, Member, Partnership, Update
from .workflows import ACTIVITY, PARTNERSHIP

S = Application.Status
P = Partnership.Status
SIX_MONTHS = datetime.timedelta(days=183)


def _answer(application, key):
    value = (
        Answer.objects.filter(application=application, organisation=None, question_key=key)
        .values_list("value", flat=True)
        .first()
    )
    return value if isinstance(value, str) else ""


def _period(call) -> tuple[datetime.date, datetime.date]:
    """The call's dates of the exchange; without them, six months from the first day of the
    second month after the call closed."""
    if call.exchange_starts and call.exchange_ends:
        return call.exchange_starts, call.exchange_ends
    closes = timezone.localtime(call.closes_at).date()
    first = (closes.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    return first, first + SIX_MONTHS


@transaction.atomic
def create_partnership(*, application: Application) -> Partnership:
    call = application.call
    cohort = create_cohort_only(call=call)
    partnership, created = Partnership.objects.get_or_create(
        application=application,
        defaults={
            "cohort": cohort,
            "common_issue": _answer(application, "common_issue"),
            "capacity_area": _answer(application, "capacity_area"),
            "grant_amount": call.grant_amount,
            "grant_currency": call.grant_currency,
        },
    )
    if not created and partnership.status == P.WITHDRAWN:
        PARTNERSHIP.transition(partnership, P.ACTIVE, by=None, reason="selected again")
    if created:
        Member.objects.bulk_create(
            [
                Member(
                    partnership=partnership, organisation_id=p.organisation_id, is_lead=p.is_lead
                )
                for p in application.partners.filter(is_active=True)
            ]
        )
        # The parts set up what a new partnership starts with (money: the grant's instalments).
        events.emit(
            "partnerships.started", key=f"partnership-{partnership.pk}-started", target=partnership
        )
    return partnership


def create_cohort_only(*, call) -> Cohort:
    starts, ends = _period(call)
    cohort, _created = Cohort.objects.get_or_create(
        call=call, defaults={"starts_on": starts, "ends_on": ends}
    )
    return cohort


def create_cohort(*, call) -> Cohort:
    cohort = create_cohort_only(call=call)
    for application in Application.objects.filter(call=call, status=S.SELECTED):
        create_partnership(application=application)
    return cohort


def withdraw_partnership(*, application: Application) -> None:
    partnership = Partnership.objects.filter(application=application, status=P.ACTIVE).first()
    if partnership is not None:
        PARTNERSHIP.transition(
            partnership, P.WITHDRAWN, by=None, reason="the application was withdrawn"
        )


# --- Goals and plan ---------------------------------------------------------------------


def save_plan(*, partnership: Partnership, by, common_issue: str, goals: str, planned_model: str):
    require(permissions.can_work(by, partnership))
    partnership.common_issue = common_issue
    partnership.goals = goals
    partnership.planned_model = planned_model
    partnership.save(update_fields=["common_issue", "goals", "planned_model"])
    return partnership


def _check_activity(partnership, *, starts_on, ends_on, owner) -> None:
    errors = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("An activity cannot end before it starts.")
    if not partnership.members.filter(organisation=owner).exists():
        errors["owner"] = _("Choose one of the partnership's organisations.")
    if errors:
        raise ValidationError(errors)


def add_activity(*, partnership: Partnership, by, **fields) -> Activity:
    require(permissions.can_work(by, partnership))
    _check_activity(partnership, **{k: fields[k] for k in ("starts_on", "ends_on", "owner")})
    return Activity.objects.create(partnership=partnership, **fields)


def edit_activity(*, activity: Activity, by, **fields) -> Activity:
    require(permissions.can_change_activity(by, activity))
    _check_activity(
        activity.partnership, **{k: fields[k] for k in ("starts_on", "ends_on", "owner")}
    )
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save()
    return activity


def move_activity(*, activity: Activity, to: str, by) -> Activity:
    ACTIVITY.transition(activity, to, by=by)
    return activity


def delete_activity(*, activity: Activity, by) -> None:
    require(permissions.can_change_activity(by, activity))
    if activity.status != Activity.Status.PLANNED:
        raise Refused(_("Only a planned activity can be deleted; drop it instead."), "state")
    activity.delete()


def close_partnership(*, partnership: Partnership, by, reason: str = "") -> Partnership:
    PARTNERSHIP.transition(partnership, P.COMPLETED, by=by, reason=reason)
    return partnership


# --- The cohort space --------------------------------------------------------------------


def share_update(*, partnership: Partnership, by, title: str, body: str, is_story: bool) -> Update:
    require(permissions.can_work(by, partnership))
    return Update.objects.create(
        partnership=partnership, author=by, title=title, body=body, is_story=is_story
    )


def agree_to_publish(*, update: Update, by) -> Update:
    """The partnership agrees that staff may put its story on the public site."""
    require(permissions.can_work(by, update.partnership))
    if not update.is_story:
        raise Refused(_("Only a story can go on the public site."), "state")
    if update.public_agreed_at is None:
        update.public_agreed_at = timezone.now()
        update.save(update_fields=["public_agreed_at"])
    return update


def publish_story(*, update: Update, by, publish: bool = True) -> Update:
    require(permissions.can_follow(by, update.partnership))
    if publish and update.public_agreed_at is None:
        raise Refused(
            _("The partnership has not agreed yet to put this story on the public site."),
            "incomplete",
        )
    update.published_at = timezone.now() if publish else None
    update.save(update_fields=["published_at"])
    return update
