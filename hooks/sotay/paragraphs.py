"""A stable anchor for every paragraph of an editor's Markdown, so a link can point at it.

The anchor is the field's section anchor and the paragraph's position among the field's plain
paragraphs (``ket-qua-2``): rewording a paragraph, or the record's title, keeps every anchor
(the handbook's rule for all its anchors, see tests/test_stable_links.py); a paragraph added
before it moves it on by one. Only plain paragraphs are anchored; lists, headings, quotes,
tables, code and anything next to a code fence are left as written.
"""

from __future__ import annotations

import re

_BLOCKS = re.compile(r"\n[ \t]*\n")
# A block that is not a plain paragraph starts like one of these.
_NOT_PARAGRAPH = re.compile(
    r"^(?:[ \t]| {0,3}(?:#|>|\||[*+-][ \t]|\d+[.)][ \t]|`{3,}|~{3,}|\{:|\[[^\]]*\]:|\*\[))")
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.M)
# A heading inside the block (ATX or setext) or a rule: the block is not one paragraph.
_INNER_BREAK = re.compile(r"^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$|([*_])(?:[ \t]*\1){2,}[ \t]*$)", re.M)


def paragraph_anchor(prefix: str, position: int) -> str:
    """The anchor of the field's ``position``-th plain paragraph (1 first)."""
    return f"{prefix}-{position}"


def anchored(markdown: str, prefix: str) -> tuple[str, list[str]]:
    """``markdown`` with an attribute list giving each plain paragraph its anchor, and the
    anchors in order."""
    blocks = _BLOCKS.split(markdown)
    out: list[str] = []
    anchors: list[str] = []
    in_fence = False
    for block in blocks:
        fences = len(_FENCE.findall(block))
        plain = (not in_fence and not fences and block.strip() != ""
                 and not _NOT_PARAGRAPH.match(block) and not _INNER_BREAK.search(block))
        if fences % 2:
            in_fence = not in_fence
        if not plain:
            out.append(block)
            continue
        anchor = paragraph_anchor(prefix, len(anchors) + 1)
        anchors.append(anchor)
        out.append(f"{block.rstrip()}\n{{: #{anchor} }}")
    return "\n\n".join(out), anchors
