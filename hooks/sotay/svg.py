"""Small build-time SVG: horizontal bar charts and boxes joined by lines, as inline markup.

Every piece of record text goes through :func:`text`, so it is character data or an attribute
value and never markup (inline SVG is parsed as XML-like foreign content: ``<``, ``&`` and
quotes are escaped, control characters dropped). Coordinates are integers or fixed decimals,
so the same input gives the same bytes. Colours are dark on white (contrast above 7:1 for text,
above 3:1 for bars), and nothing needs JavaScript or a stylesheet to show, on screen or paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .inert import escape_html

INK = "#1f1f1f"       # text: 16:1 on white
BAR = "#1c4e80"       # the value: 8.6:1 on white
PLAN = "#6b6b6b"      # outline of the plan or total: 5.3:1 on white
PLAN_FILL = "#ffffff"
EDGE = "#4d4d4d"
CENTRE_FILL = "#e8eef6"
FONT = "font-family=\"sans-serif\""


def text(value: str) -> str:
    """Record text as SVG character data or attribute value."""
    return escape_html(" ".join(value.split()))


def num(value: float) -> str:
    """A coordinate with at most one decimal, the same string on every machine."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def wrap(value: str, width: int, lines: int) -> list[str]:
    """``value`` cut into at most ``lines`` lines of about ``width`` characters; a cut title
    ends with an ellipsis (the full text is in the SVG ``<title>`` and the list beside it)."""
    words = " ".join(value.split()).split(" ")
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: max(1, width - 1)].rstrip() + "…"
    return [line if len(line) <= width + 1 else line[:width] + "…" for line in out]


@dataclass(frozen=True)
class Bar:
    """One bar: a label, the value, an optional total (``tren``) drawn behind it, a link."""

    label: str
    value: Decimal
    total: Decimal | None = None
    href: str = ""
    shown: str = ""  # the value as the table prints it (Vietnamese number format)


def bar_chart(title: str, bars: list[Bar], unit: str = "") -> str:
    """A horizontal bar chart, one bar per row, the number written at the end of each bar.

    A total, when given, is an outlined bar behind the value, so "53 trên 49" shows a value
    past its plan. Scale: the largest value or total fills the plot width.
    """
    label_w, plot_w, row_h, top = 300, 360, 44, 30
    # Room for the longest number after its bar (about 7.5 px a character at 13 px).
    width = label_w + plot_w + 16 + int(7.5 * max((len(b.shown or str(b.value)) for b in bars),
                                                  default=0))
    height = top + row_h * len(bars) + 10
    biggest = max([b.value for b in bars] + [b.total for b in bars if b.total is not None]
                  + [Decimal(0)])
    scale = float(plot_w) / float(biggest) if biggest > 0 else 0.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sotay-chart" '
        f'role="{_role(any(b.href for b in bars))}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT} '
        f'font-size="13" aria-label="{text(title)}">',
        f"<title>{text(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    if unit:
        parts.append(f'<text x="{label_w}" y="18" fill="{INK}">{text(unit)}</text>')
    for index, bar in enumerate(bars):
        y = top + row_h * index
        label_lines = wrap(bar.label, 42, 2)
        rows = "".join(
            f'<tspan x="{label_w - 8}" dy="{0 if i == 0 else 15}">{text(line)}</tspan>'
            for i, line in enumerate(label_lines))
        first = y + (22 if len(label_lines) == 1 else 15)
        parts.append(f'<text x="{label_w - 8}" y="{first}" text-anchor="end" fill="{INK}">'
                     f"{rows}</text>")
        end = float(bar.value) * scale
        if bar.total is not None:
            total_w = float(bar.total) * scale
            parts.append(f'<rect x="{label_w}" y="{y + 6}" width="{num(total_w)}" height="24" '
                         f'fill="{PLAN_FILL}" stroke="{PLAN}" stroke-width="2" '
                         'stroke-dasharray="5 3"/>')
            end = max(end, total_w)
        value_w = float(bar.value) * scale
        rect = (f'<rect class="bar" x="{label_w}" y="{y + 10}" width="{num(value_w)}" '
                f'height="16" fill="{BAR}"/>')
        shown = bar.shown or str(bar.value)
        # A bar is a shape, not text: its link is named after the row it stands for.
        parts.append(f'<a href="{text(bar.href)}" aria-label="{text(bar.label)}: {text(shown)}">'
                     f"{rect}</a>" if bar.href else rect)
        parts.append(f'<text class="value" x="{num(label_w + end + 6)}" y="{y + 23}" '
                     f'fill="{INK}">{text(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Node:
    """A box in a diagram: its column (negative left of the centre), header, title, link."""

    key: str
    column: int
    header: str
    title: str
    href: str = ""
    parent: str = ""  # the key of the box it is joined to (nearer the centre)


def tree_diagram(title: str, nodes: list[Node]) -> str:
    """Boxes in columns joined to their parent box by a line with an arrow pointing right,
    from what a document rests on towards what carries it out. Rows keep ``nodes``' order."""
    columns = sorted({n.column for n in nodes})
    box_w, box_h, gap_x, gap_y, pad = 210, 74, 50, 14, 10
    rows: dict[int, int] = {}
    place: dict[str, tuple[int, int]] = {}
    for node in nodes:
        row = rows.get(node.column, 0)
        rows[node.column] = row + 1
        x = pad + columns.index(node.column) * (box_w + gap_x)
        place[node.key] = (x, pad + row * (box_h + gap_y))
    width = pad * 2 + len(columns) * box_w + (len(columns) - 1) * gap_x
    height = pad * 2 + max(rows.values(), default=1) * (box_h + gap_y) - gap_y
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sotay-diagram" '
        f'role="{_role(any(n.href for n in nodes))}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT} '
        f'font-size="12" aria-label="{text(title)}">',
        f"<title>{text(title)}</title>",
        '<defs><marker id="sotay-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0 0L10 5L0 10z" fill="{EDGE}"/></marker></defs>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    by_key = {n.key: n for n in nodes}
    for node in nodes:
        parent = by_key.get(node.parent)
        if parent is None:
            continue
        (x1, y1), (x2, y2) = place[node.key], place[parent.key]
        left, right = ((x1, y1), (x2, y2)) if node.column < parent.column else ((x2, y2), (x1, y1))
        parts.append(f'<path d="M{left[0] + box_w} {left[1] + box_h // 2} '
                     f'L{right[0]} {right[1] + box_h // 2}" stroke="{EDGE}" stroke-width="1.5" '
                     'fill="none" marker-end="url(#sotay-arrow)"/>')
    for node in nodes:
        x, y = place[node.key]
        centre = node.column == 0
        box = [f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="4" '
               f'fill="{CENTRE_FILL if centre else "#ffffff"}" stroke="{INK if centre else EDGE}" '
               f'stroke-width="{2 if centre else 1}"/>',
               f"<title>{text(node.header)}: {text(node.title)}</title>",
               f'<text x="{x + 8}" y="{y + 16}" fill="{INK}" font-style="italic">'
               f"{text(wrap(node.header, 32, 1)[0])}</text>"]
        weight = ' font-weight="bold"' if centre else ""
        for i, line in enumerate(wrap(node.title, 32, 3)):
            box.append(f'<text x="{x + 8}" y="{y + 34 + 15 * i}" fill="{INK}"{weight}>'
                       f"{text(line)}</text>")
        inner = "".join(box)
        parts.append(f'<a href="{text(node.href)}">{inner}</a>' if node.href else f"<g>{inner}</g>")
    parts.append("</svg>")
    return "".join(parts)


def _role(has_links: bool) -> str:
    """An image to assistive technology, unless it holds links: an image's children are hidden
    from it, so a picture with links is a group, its links reachable and named."""
    return "group" if has_links else "img"
