from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` rows: "more than 1,000 found" is all a person needs, and an
    exact count of 40,000 full-text matches costs more than the page itself (measured in
    `make bench ONLY=directory_search`). Pages beyond the cap are not offered."""

    def __init__(self, object_list, per_page, *, cap=1000, **kwargs):
        self.cap = cap
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        # Neither the order nor annotations such as a search rank matter for a count.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self):
        return self.count > self.cap

    @cached_property
    def shown_count(self):
        return min(self.count, self.cap)
