"""A model's family: the models it came from and the ones adapted from it, laid out for
drawing. Plain Python over plain data (no database), so that it is tested alone.

The tree is drawn as an indented outline, one model per line, its generation by its
indentation and lines joining each model to its origin: it stays readable at 360 px and
for hundreds of descendants (a layered drawing of 200 models over 6 generations would be
thousands of pixels wide). Nothing depends on colour: the current model is in bold with
a marker, generations are numbered in the text list behind the drawing."""

from __future__ import annotations

from dataclasses import dataclass, field

ROW = 30  # px per line
INDENT = 22  # px per generation
PAD = 8
MAX_DEPTH = 50  # a guard against a cycle written behind the platform's back


@dataclass
class Node:
    id: int
    origin_id: int | None
    title: str
    country: str = ""
    year: int | None = None
    url: str = ""
    children: list[Node] = field(default_factory=list)
    depth: int = 0
    row: int = 0


@dataclass(frozen=True)
class Line:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass
class Tree:
    rows: list[Node]
    current: int
    lines: list[Line]
    width: int
    height: int

    @property
    def generations(self) -> int:
        return 1 + max((n.depth for n in self.rows), default=0)

    def descendants_of(self, node_id: int) -> int:
        by_id = {n.id: n for n in self.rows}
        count, stack = 0, list(by_id[node_id].children) if node_id in by_id else []
        while stack:
            node = stack.pop()
            count += 1
            stack.extend(node.children)
        return count

    def nested(self) -> list[Node]:
        """The roots, each with its children: for the text list behind the drawing."""
        return [n for n in self.rows if n.depth == 0]


def build(nodes: list[Node], current: int) -> Tree:
    """Lay out the family of `current`: `nodes` holds the root and all its descendants
    (each with its origin). Siblings are ordered by year, then title."""
    by_id = {n.id: n for n in nodes}
    roots = []
    for node in nodes:
        parent = by_id.get(node.origin_id) if node.origin_id is not None else None
        if parent is None or parent is node:
            roots.append(node)
        else:
            parent.children.append(node)
    for node in nodes:
        node.children.sort(key=lambda n: (n.year or 0, n.title.casefold(), n.id))
    roots.sort(key=lambda n: (n.year or 0, n.title.casefold(), n.id))
    rows: list[Node] = []
    seen: set[int] = set()

    def visit(node: Node, depth: int):
        if node.id in seen or depth > MAX_DEPTH:
            return
        seen.add(node.id)
        node.depth, node.row = depth, len(rows)
        rows.append(node)
        for child in node.children:
            visit(child, depth + 1)

    for root in roots:
        visit(root, 0)
    # Iteratively deep trees would hit Python's recursion limit long after MAX_DEPTH.
    lines = []
    for node in rows:
        for child in node.children:
            if child.id not in seen or child.depth != node.depth + 1:
                continue
            x = PAD + node.depth * INDENT + 5
            lines.append(Line(x, y_of(node) + 6, x, y_of(child)))
            lines.append(Line(x, y_of(child), x + INDENT - 8, y_of(child)))
    depth = max((n.depth for n in rows), default=0)
    return Tree(
        rows=rows,
        current=current,
        lines=lines,
        width=PAD * 2 + depth * INDENT + 320,
        height=PAD * 2 + len(rows) * ROW,
    )


def y_of(node: Node) -> int:
    return PAD + node.row * ROW + ROW // 2


def x_of(node: Node) -> int:
    return PAD + node.depth * INDENT
