"""Partnerships come from a published selection: every selected application becomes a
partnership of the call's cohort, with its organisations, common issue and grant."""

from django.db import transaction

from exchange.applications.models import Answer, Application

from .models import Cohort, Member, Partnership

S = Application.Status


def _answer(application, key):
    value = (
        Answer.objects.filter(application=application, organisation=None, question_key=key)
        .values_list("value", flat=True)
        .first()
    )
    return value if isinstance(value, str) else ""


@transaction.atomic
def create_partnership(*, application: Application) -> Partnership:
    call = application.call
    cohort, _created = Cohort.objects.get_or_create(call=call)
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
    if not created and partnership.status != Partnership.Status.ACTIVE:
        partnership.status = Partnership.Status.ACTIVE
        partnership.save(update_fields=["status"])
    if created:
        Member.objects.bulk_create(
            [
                Member(
                    partnership=partnership, organisation_id=p.organisation_id, is_lead=p.is_lead
                )
                for p in application.partners.filter(is_active=True)
            ]
        )
    return partnership


def create_cohort(*, call) -> Cohort:
    cohort, _created = Cohort.objects.get_or_create(call=call)
    for application in Application.objects.filter(call=call, status=S.SELECTED):
        create_partnership(application=application)
    return cohort


def withdraw_partnership(*, application: Application) -> None:
    Partnership.objects.filter(application=application).update(status=Partnership.Status.WITHDRAWN)
