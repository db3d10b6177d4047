"""An editor's Markdown field as HTML: the one Markdown pass left in the core.

Record pages are written straight to HTML; only the text an editor typed as Markdown (a
record's ``mo_ta``, ``ket_qua``…, already made inert by :func:`sotay.inert.escape_markdown`)
goes through Python-Markdown, with the extensions the site's pages use, the attribute
allow-list of :mod:`sotay.safe_markdown`, and one converter reused for every field.
"""

from __future__ import annotations

import markdown

from .safe_markdown import SafeLinksExtension
from .vi import slugify

_EXTENSIONS = ["admonition", "attr_list", "tables", "pymdownx.superfences", "toc"]


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
        self._converter.reset()
        return str(self._converter.convert(text))
