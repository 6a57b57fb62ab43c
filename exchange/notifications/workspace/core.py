"""Notices of the partnership itself: completed, and a story published."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchange.partnerships import selectors as partnership_selectors

from ..notices import Notice

NOTICES = {
    "partnerships.completed": Notice(
        "workspace",
        _("Your partnership is completed"),
        _(
            "The programme's staff marked the partnership %(partnership)s as completed. "
            "Its workspace stays open to read."
        ),
        audience=lambda event: partnership_selectors.people_of(event.target),
        link=lambda event: reverse("partnerships:workspace", args=[event.target.pk]),
        params=lambda event: {"partnership": str(event.target)},
    ),
}
