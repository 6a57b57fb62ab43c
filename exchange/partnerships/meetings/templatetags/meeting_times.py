"""A meeting's time as its planner set it and as the reader's clock shows it:
"15 January 2027, 10:00–11:00 Istanbul · 08:00–09:00 your time (Berlin)"."""

import zoneinfo

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def zone_label(name: str) -> str:
    """The place of an IANA zone ("Europe/Istanbul" -> "Istanbul")."""
    return name.rsplit("/", 1)[-1].replace("_", " ") if name else "UTC"


def _span(start, end) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def times(starts, ends, planned_zone: str) -> dict:
    zone = zoneinfo.ZoneInfo(planned_zone)
    reader = timezone.get_current_timezone()
    p_start, p_end = timezone.localtime(starts, zone), timezone.localtime(ends, zone)
    r_start, r_end = timezone.localtime(starts, reader), timezone.localtime(ends, reader)
    reader_name = getattr(reader, "key", str(reader))
    same = p_start.utcoffset() == r_start.utcoffset() and p_start.date() == r_start.date()
    return {
        "date": formats.date_format(p_start, "DATE_FORMAT"),
        "planned": _span(p_start, p_end),
        "planned_zone": zone_label(planned_zone),
        "yours": _span(r_start, r_end),
        "your_date": formats.date_format(r_start, "DATE_FORMAT")
        if r_start.date() != p_start.date()
        else "",
        "your_zone": zone_label(reader_name),
        "same": same,
    }


@register.simple_tag
def planned_and_yours(starts, ends, planned_zone):
    t = times(starts, ends, planned_zone)
    planned = _("%(date)s, %(time)s %(zone)s") % {
        "date": t["date"],
        "time": t["planned"],
        "zone": t["planned_zone"],
    }
    if t["same"]:
        return format_html('<time datetime="{}">{}</time>', starts.isoformat(), planned)
    if t["your_date"]:
        yours = _("%(date)s, %(time)s your time (%(zone)s)") % {
            "date": t["your_date"],
            "time": t["yours"],
            "zone": t["your_zone"],
        }
    else:
        yours = _("%(time)s your time (%(zone)s)") % {"time": t["yours"], "zone": t["your_zone"]}
    return format_html(
        '<time datetime="{}">{}</time> · <span class="your-time">{}</span>',
        starts.isoformat(),
        planned,
        yours,
    )
