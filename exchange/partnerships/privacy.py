"""What a partnership's core holds about a person: the updates and stories they wrote for
their cohort. The partnership keeps them (its record to the cohort); an erased author is
"a former member". Partnerships, members and activities name organisations, not people."""

from exchange.accounts.privacy import Section

from .models import Update


def export(user) -> dict:
    return {
        "cohort_updates_you_wrote": [
            {
                "partnership": u.partnership_id,
                "title": u.title,
                "text": u.body,
                "story": u.is_story,
                "public": u.published_at is not None,
                "at": u.created_at.isoformat(),
            }
            for u in Update.objects.filter(author=user)
        ]
    }


def erase(user) -> None:
    Update.objects.filter(author=user).update(author=None)


SECTION = Section(
    "partnerships",
    (
        "partnerships.Update",
        "partnerships.Cohort",  # a call's cohort: no person
        "partnerships.Partnership",  # organisations and their plan
        "partnerships.Member",  # an organisation in a partnership
        "partnerships.Activity",  # the plan, led by an organisation
    ),
    export,
    erase,
)
