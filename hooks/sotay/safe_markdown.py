"""A Markdown extension that strips script-like links and event handlers from every page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 (Markdown's own name for it)

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|tel:|#|[^:]*$)", re.IGNORECASE)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto, tel, anchors and relative links; false for javascript: etc."""
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    return bool(_SAFE_SCHEME.match(cleaned))


class _Sanitizer(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                if name.lower().startswith("on"):
                    del element.attrib[name]
                elif name.lower() in _URL_ATTRS and not is_safe_url(element.attrib[name]):
                    element.attrib[name] = "#"
            if element.tag in ("script", "iframe", "object", "embed"):
                element.tag = "span"
                element.clear()


class SafeLinksExtension(Extension):
    """Registers the sanitizer after every other tree processor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Sanitizer(md), "sotay_safe_links", 0)
