"""The Atom feed of newly published models (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import markup, selectors


class LatestModels(Feed):
    feed_type = Atom1Feed
    title = _("Civil Society Exchange: new models in the library")
    subtitle = _(
        "Capacity-building models that civil society organisations share for others to adopt."
    )

    def link(self):
        return reverse("library:index")

    def items(self):
        return selectors.published().order_by("-published_at", "-pk")[:30]

    def item_title(self, item):
        return item.title_in(selectors.reader_language())

    def item_description(self, item):
        return markup.plain(item.summary_in(selectors.reader_language()), 600)

    def item_link(self, item):
        return reverse("library:detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.organisation.name
