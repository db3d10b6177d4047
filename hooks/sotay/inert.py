"""Field text made inert for every place a generated page puts it.

A record's text reaches a page in exactly these contexts, and each has one function here:

- **YAML front matter** (``title:`` of every generated page): :func:`front_matter`, one
  double-quoted scalar per key with every non-printable character escaped, so any string
  round-trips through the YAML loader MkDocs uses and no value can end the front matter.
- **Inline Markdown** (headings and their attribute lists, table cells, list items, link
  labels, listing subtitles): :func:`escape_text`. HTML is escaped, Markdown's special
  characters are backslash-escaped (``{ }`` too, so ``{: onclick=…}`` is never an attribute
  list), ``|`` becomes an entity (no new table cell), every line break becomes a space (no new
  block: a ``\\r`` can no longer start an admonition) and control and invisible formatting
  characters are dropped.
- **Raw HTML blocks** (the “Trích dẫn” box, redirect pages): :func:`escape_html`, with
  quotes escaped too; these blocks are never Markdown, so no fence or delimiter exists there.
- **Editors' Markdown** (``mo_ta``, ``noi_dung``… and a ``.md`` record's body):
  :func:`escape_markdown`. Markdown stays Markdown, raw HTML is shown as text, control
  characters go, and a code fence left open is closed at the end of the field so it cannot
  swallow the rest of the page. Attribute lists inside it are cut to an allow-list by
  :mod:`sotay.safe_markdown`.
- **URLs** (``url`` fields): :func:`link_html`, an ``<a>`` element with an escaped ``href``;
  the validator admits only http(s) addresses and the sanitizer drops any other scheme.
- **Link targets** are page paths built from ids, which the validator restricts to
  ``[a-z0-9-]``; **abbreviation lines** (``*[QCDC]: …``) are one line with ``[ ] \\`` refused
  (:mod:`sotay.abbreviations`).
- **JSON** (open data, the search index) is written by ``json.dumps`` and shown by the search
  script as text, never as HTML.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping

import yaml

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|{}])")
# Every character Python (and so Markdown) treats as a line break, and the tab.
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# Control characters (C0, DEL, C1) and invisible formatting characters: bidi embeddings,
# overrides and isolates, zero-width spaces and joiners, the byte-order mark, soft hyphen.
_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_INVISIBLE_CHARS = re.compile(f"[{_INVISIBLE}]")
_MARKDOWN_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_KEY = re.compile(r"[a-z_]+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def strip_invisible(value: str) -> str:
    """``value`` without control or invisible formatting characters (tab and newline stay)."""
    return _INVISIBLE_CHARS.sub("", value)


def escape_text(value: str) -> str:
    """Plain text for inline Markdown: it shows as typed, on one line, and never runs."""
    one_line = strip_invisible(_BREAKS.sub(" ", value))
    escaped = html.escape(one_line, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\\|", "&#124;")


def escape_line(value: str) -> str:
    """Plain text for an HTML element: it shows as typed, on one line, and never runs."""
    return html.escape(strip_invisible(_BREAKS.sub(" ", value)), quote=True)


def escape_html(value: str) -> str:
    """Text for raw HTML, in an element or an attribute value."""
    return html.escape(strip_invisible(value), quote=True)


def link_html(url: str, label: str | None = None) -> str:
    """An ``<a>`` element to ``url``, its address and label escaped."""
    return f'<a href="{escape_html(url)}">{escape_html(label or url)}</a>'


def escape_markdown(value: str) -> str:
    """Markdown kept as Markdown, but with raw HTML (and so scripts) shown as text."""
    text = strip_invisible(_MARKDOWN_BREAKS.sub("\n", value))
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _close_fences(text)


def _close_fences(text: str) -> str:
    """Close a fenced code block left open, so it ends with its field."""
    opened = ""
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if match is None:
            continue
        marker = match.group(1)
        if not opened:
            opened = marker
        elif marker[0] == opened[0] and len(marker) >= len(opened) and \
                not line.strip()[len(marker):].strip():
            opened = ""
    return f"{text}\n{opened}" if opened else text


def front_matter(meta: Mapping[str, str], hidden_from_search: bool = False) -> str:
    """A page's YAML front matter (``---`` lines included) holding ``meta`` exactly, and
    Material's ``search: exclude`` when ``hidden_from_search``.

    Every value is a double-quoted scalar on one line: line breaks, quotes, backslashes and
    every character YAML may not hold raw are escaped, so ``yaml.safe_load`` gives back the
    very same strings and no value can close the front matter early.
    """
    lines = []
    for key, value in meta.items():
        if not _KEY.fullmatch(key):
            raise ValueError(f"front matter key {key!r} is not a plain name")
        scalar = yaml.safe_dump(value, allow_unicode=True, default_style='"', width=math.inf)
        lines.append(f"{key}: {scalar.rstrip()}\n")
    if hidden_from_search:
        lines.append("search:\n  exclude: true\n")
    return "---\n" + "".join(lines) + "---\n"
