from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` rows: "more than 1,000 found" is all a person needs, and an
    exact count of 40,000 full-text matches costs more than the page itself (measured in
    `make bench ONLY=directory_search`). Pages beyond the cap are not offered."""

    def __init__(self, object_list, per_page, *, cap=1000, known_count=None, **kwargs):
        self.cap = cap
        self.known_count = known_count
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)
        if not hasattr(self.object_list, "order_by"):  # a list (already loaded)
            return min(len(self.object_list), self.cap + 1)
        # Neither the order nor annotations such as a search rank matter for a count.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self):
        return self.count > self.cap

    @cached_property
    def shown_count(self):
        return min(self.count, self.cap)


class Ranked:
    """A sequence of objects known by their ids in order (a search's ranking): slicing
    it loads only the objects of that slice, in that order, with `load(ids)`."""

    def __init__(self, ids: list[int], load):
        self.ids = ids
        self.load = load

    def __len__(self):
        return len(self.ids)

    def count(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if isinstance(index, slice):
            wanted = self.ids[index]
            found = {obj.pk: obj for obj in self.load(wanted)}
            return [found[pk] for pk in wanted if pk in found]
        return self[index : index + 1][0]
