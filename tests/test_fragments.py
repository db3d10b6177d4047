"""An editor's Markdown as HTML: the plain-prose shortcut writes what Python-Markdown writes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sotay.fragments import Fragments, _plain_paragraphs

FRAGMENTS = Fragments()
# Prose, Markdown's own characters, line and paragraph breaks, indentation and anchors.
PIECES = st.sampled_from([
    "Tổ dân vận", "bản", "đạt 27/23", "(17/9)", "“một cửa”", "'", '"', "1.", "2)", "-", "- ",
    "*", "_", "#", "`", "[", "]", "<", ">", "&", ":", "!", "|", "=", "~", " ", "  ", "\n",
    "\n\n", "\n\n\n", "    ", "\t", "{: #mo-ta-1 }", "\n{: #mo-ta-2 }", ".", ",", "%", "?",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_the_shortcut_agrees_with_markdown(text: str) -> None:
    shortcut = _plain_paragraphs(text)
    if shortcut:
        assert shortcut == FRAGMENTS.converted(text)


def test_plain_prose_takes_the_shortcut_and_syntax_does_not() -> None:
    assert _plain_paragraphs("Một đoạn.\n{: #mo-ta-1 }\n\nĐoạn hai (2024).") == \
        '<p id="mo-ta-1">Một đoạn.</p>\n<p>Đoạn hai (2024).</p>'
    for text in ("**đậm**", "- một\n- hai", "1. một", "a  \nb", "    mã", "[[x]]", "a &amp; b"):
        assert _plain_paragraphs(text) == "", text
        assert FRAGMENTS.html(text) == FRAGMENTS.converted(text)
