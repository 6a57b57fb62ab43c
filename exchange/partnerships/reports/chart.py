"""The self-assessment's change as a server-rendered SVG: grouped horizontal bars, one
group per capacity area, the start and the end bar in each.

Readable without colour: the start bar is hatched and the end bar solid, each bar is
labelled with its stage and value in text, and the legend shows both patterns with words.
The SVG is an image with a <title> and a <desc> that say what it shows in a sentence per
area; the page puts the same numbers in a data table next to it. Pure: plain values in,
a string out, no Django."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 640
LEFT = 16
RIGHT = 16
BAR = 22
GAP = 6
GROUP_GAP = 22
LABEL = 22
TOP = 48
SCALE_MAX = 5


@dataclass(frozen=True)
class Row:
    label: str
    start: float | None
    end: float | None


@dataclass(frozen=True)
class Words:
    """The texts the chart needs, in the reader's language (the caller translates)."""

    title: str
    start: str  # "At the start"
    end: str  # "At the end"
    missing: str  # "not rated"
    summary: str  # "%(area)s: %(start)s at the start, %(end)s at the end." (whole sentence)


def _number(value: float | None, words: Words) -> str:
    return words.missing if value is None else f"{value:.1f}"


def describe(rows: list[Row], words: Words) -> str:
    return " ".join(
        words.summary
        % {
            "area": row.label,
            "start": _number(row.start, words),
            "end": _number(row.end, words),
        }
        for row in rows
    )


def change_chart(rows: list[Row], words: Words, *, chart_id: str = "assessment-chart") -> str:
    """The SVG (a string); scales to its container's width (viewBox), so it fits 360 px."""
    plot = WIDTH - LEFT - RIGHT - 140  # room on the right of a bar for its label
    height = TOP + len(rows) * (LABEL + 2 * BAR + GAP + GROUP_GAP) + 8
    t, d = f"{chart_id}-title", f"{chart_id}-desc"
    e = lambda s: escape(str(s), {'"': "&quot;"})  # noqa: E731
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{t} {d}" class="assessment-chart" '
        f'font-family="sans-serif" font-size="14">',
        f'<title id="{t}">{e(words.title)}</title>',
        f'<desc id="{d}">{e(describe(rows, words))}</desc>',
        "<defs>",
        f'<pattern id="{chart_id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#1f3a5f" stroke-width="3"/></pattern>',
        "</defs>",
    ]
    # The legend: a swatch of each pattern with its word.
    out.append(
        f'<g class="legend"><rect x="{LEFT}" y="10" width="28" height="16" '
        f'fill="url(#{chart_id}-hatch)" stroke="#1f3a5f" data-series="start"/>'
        f'<text x="{LEFT + 36}" y="23">{e(words.start)}</text>'
        f'<rect x="{LEFT + 220}" y="10" width="28" height="16" fill="#1f3a5f" '
        f'stroke="#1f3a5f" data-series="end"/>'
        f'<text x="{LEFT + 256}" y="23">{e(words.end)}</text></g>'
    )
    y = TOP
    for row in rows:
        out.append('<g class="area">')
        out.append(f'<text x="{LEFT}" y="{y + 15}" font-weight="bold">{e(row.label)}</text>')
        y += LABEL
        for series, value, fill in (
            ("start", row.start, f"url(#{chart_id}-hatch)"),
            ("end", row.end, "#1f3a5f"),
        ):
            name = words.start if series == "start" else words.end
            length = 0 if value is None else max(2, round(plot * value / SCALE_MAX))
            if length:
                out.append(
                    f'<rect x="{LEFT}" y="{y}" width="{length}" height="{BAR}" fill="{fill}" '
                    f'stroke="#1f3a5f" data-series="{series}" data-value="{value:.1f}"/>'
                )
            out.append(
                f'<text x="{LEFT + length + 6}" y="{y + 16}" data-series="{series}">'
                f"{e(name)}: {e(_number(value, words))}</text>"
            )
            y += BAR + GAP // 2
        y += GAP + GROUP_GAP - GAP
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
