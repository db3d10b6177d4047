"""A Markdown extension that cuts every element's attributes to an allow-list on every page.

Attribute lists (``{: …}``) let Markdown set any attribute; only these survive: links and
images (``href``, ``src``, ``alt``, ``title``) with safe schemes, ``id`` and ``class`` made of
plain name characters (never the theme's own ``md-`` classes), table spans, and ``style`` only
as the ``text-align`` the tables extension writes. No ``on*`` handler, no other ``style``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 (Markdown's own name for it)

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|tel:|#|[^:]*$)", re.IGNORECASE)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href")
_ALLOWED = frozenset({"href", "src", "alt", "title", "id", "class", "colspan", "rowspan",
                      "style", "align"})
_NAME = re.compile(r"[A-Za-z][\w:.-]*")
_ALIGN_STYLE = re.compile(r"text-align: ?(?:left|right|center);?")
_DIGITS = re.compile(r"\d{1,3}")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto, tel, anchors and relative links; false for javascript: etc."""
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    return bool(_SAFE_SCHEME.match(cleaned))


class _Sanitizer(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                value = element.attrib[name]
                if not _allowed(name, value):
                    del element.attrib[name]
                elif name in _URL_ATTRS and not is_safe_url(value):
                    element.attrib[name] = "#"
            if element.tag in ("script", "iframe", "object", "embed"):
                element.tag = "span"
                element.clear()


def _allowed(name: str, value: str) -> bool:
    if name not in _ALLOWED:
        return False
    if name == "style":
        return _ALIGN_STYLE.fullmatch(value) is not None
    if name == "align":
        return value in ("left", "right", "center")
    if name == "id":
        return _NAME.fullmatch(value) is not None
    if name == "class":
        return all(_NAME.fullmatch(c) and not c.startswith("md-") for c in value.split())
    if name in ("colspan", "rowspan"):
        return _DIGITS.fullmatch(value) is not None
    return True


class SafeLinksExtension(Extension):
    """Registers the sanitizer after every other tree processor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Sanitizer(md), "sotay_safe_links", 0)
