"""Notices of the model library (kind "library"; see notices.py): a model sent to review
(the programme's staff), published or sent back (the authors' people), adopted (the
authors' people). A notice names the model by its title and links to its page; staff's
comments stay on the page, not in the e-mail."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchange.calls.models import Programme
from exchange.library import permissions as library_permissions
from exchange.organisations.models import Membership

from .notices import Notice


def _title(model) -> dict:
    texts = {t.language: t.title for t in model.texts.all()}
    fallback = texts.get(model.original_language) or model.slug
    return {code: texts.get(code) or fallback for code in ("en", "tr", "de")}


def _authors_people(model):
    ids = Membership.objects.filter(
        organisation_id__in=library_permissions.author_ids(model)
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk")


def _reviewers(event):
    model = event.target
    if model.partnership_id:
        return model.partnership.cohort.call.programme.staff.filter(is_active=True).order_by("pk")
    staff = Programme.objects.values("staff")
    return get_user_model().objects.filter(pk__in=staff, is_active=True).order_by("pk")


def _edit_link(event) -> str:
    return reverse("library:edit", args=[event.target.slug])


NOTICES = {
    "library.submitted": Notice(
        "library",
        _("A model to review: %(title)s"),
        _(
            "The authors of the model %(title)s sent it for review. Read it, then publish it "
            "or send it back with your comments."
        ),
        audience=_reviewers,
        link=lambda event: reverse("library:review", args=[event.target.slug]),
        params=lambda event: {"title": _title(event.target)},
    ),
    "library.published": Notice(
        "library",
        _("Published in the library: %(title)s"),
        _("The model %(title)s is published in the library. Anyone can read and adopt it now."),
        audience=lambda event: _authors_people(event.target),
        link=lambda event: reverse("library:detail", args=[event.target.slug]),
        params=lambda event: {"title": _title(event.target)},
        include_actor=False,
    ),
    "library.sent_back": Notice(
        "library",
        _("Sent back for changes: %(title)s"),
        _(
            "The programme's staff sent the model %(title)s back with comments. Read them on "
            "the model's page, change it, and approve it again."
        ),
        audience=lambda event: _authors_people(event.target),
        link=_edit_link,
        params=lambda event: {"title": _title(event.target)},
    ),
    "library.adopted": Notice(
        "library",
        _("%(organisation)s adopts your model %(title)s"),
        _(
            "%(organisation)s (%(country)s) said it adopts your model %(title)s. Its page shows "
            "how they adapt it. You can write to them through the platform's contacts."
        ),
        audience=lambda event: _authors_people(event.target.model),
        link=lambda event: reverse("library:detail", args=[event.target.model.slug]),
        params=lambda event: {
            "title": _title(event.target.model),
            "organisation": event.target.organisation.name,
            "country": str(event.target.organisation.country.name),
        },
    ),
}
