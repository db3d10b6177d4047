"""An editor's Markdown field as HTML: the one Markdown pass left in the core.

Record pages are written straight to HTML; only the text an editor typed as Markdown (a
record's ``mo_ta``, ``ket_qua``…, already made inert by :func:`sotay.inert.escape_markdown`)
goes through Python-Markdown, with the extensions the site's pages use, the attribute
allow-list of :mod:`sotay.safe_markdown`, and one converter reused for every field.

Most fields are plain prose: paragraphs with no character Markdown gives a meaning to. Those
are written as ``<p>`` here directly, exactly as Python-Markdown writes them
(tests/test_fragments.py checks the two agree on any text the shortcut takes).
"""

from __future__ import annotations

import re

import markdown

from .safe_markdown import SafeLinksExtension
from .vi import slugify

_EXTENSIONS = ["admonition", "attr_list", "tables", "pymdownx.superfences", "toc"]
_BLOCKS = re.compile(r"\n[ \t]*\n")
# A paragraph with its anchor, as sotay.paragraphs writes it.
_ANCHORED = re.compile(r"(.*)\n\{: #([a-z0-9-]+) \}", re.S)
# Plain prose: none of the characters Markdown (or these extensions) reads as syntax, no line
# opening a list, and every line without surrounding blanks (no code, no hard break).
_PLAIN = re.compile(r"[^\\`*_\[\]<>#|~=+!&{}^:\t\r]+")
_LINE_START = re.compile(r"^(?:-|\d+[.)])|\A\s|\s\Z|\s\n|\n\s", re.M)


class Fragments:
    """Converts Markdown fragments to HTML, one at a time, with a single reused converter."""

    def __init__(self) -> None:
        self._converter = markdown.Markdown(
            extensions=[*_EXTENSIONS, SafeLinksExtension()],
            extension_configs={"toc": {"permalink": True,
                                       "permalink_title": "Liên kết đến mục này",
                                       "slugify": lambda text, _sep: slugify(text)}})

    def html(self, text: str) -> str:
        """``text`` (Markdown) as HTML; empty text gives an empty string."""
        if not text.strip():
            return ""
        return _plain_paragraphs(text) or self.converted(text)

    def converted(self, text: str) -> str:
        """``text`` as Python-Markdown writes it, whatever it holds."""
        self._converter.reset()
        return str(self._converter.convert(text))


def _plain_paragraphs(text: str) -> str:
    """``text`` as ``<p>`` elements if it is only plain paragraphs, else an empty string."""
    out = []
    for block in _BLOCKS.split(text.strip("\n")):
        anchored = _ANCHORED.fullmatch(block)
        body, anchor = (anchored.group(1), anchored.group(2)) if anchored else (block, "")
        if not body or not _PLAIN.fullmatch(body) or _LINE_START.search(body):
            return ""
        out.append(f'<p id="{anchor}">{body}</p>' if anchor else f"<p>{body}</p>")
    return "\n".join(out)
