"""Relative links between pages: the direct path for the handbook's page depths gives what
``posixpath.relpath`` gives, for any page path (relative to ``docs/``, normalised)."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from sotay.shortlinks import relative

_PART = st.sampled_from(["index.md", "a", "b", "x.md", "y.md", "ds"])
_PAGE = st.lists(_PART, min_size=1, max_size=4).map("/".join)


@given(_PAGE, _PAGE)
def test_relative_links_are_what_relpath_gives(from_page: str, to_page: str) -> None:
    assert relative(from_page, to_page) == posixpath.relpath(
        to_page, posixpath.dirname(from_page) or ".")
