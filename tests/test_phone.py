"""Phone-first layout at 360×740: no page scrolls sideways, tables read as labelled blocks, tap
targets of 44 px, the search dialog fits above the on-screen keyboard; a screenshot of every
page type (kept in SOTAY_SCREENSHOTS when set, for a person to look at)."""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any

import pytest
from loopback import PHONE
from page_types import page_types

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FIGURES_PAGE = "mo-hinh/co-che-mot-cua-lang-son.html"  # facts, and figures with an empty column
TAP = 44
# Controls a finger may need, their boxes, and whether each is a link inside a sentence (WCAG
# 2.5.8 exempts those) or a chart's bar (exempt as "equivalent" when the page links the same
# address from a full-size control, which the test checks).
_TARGETS = """() => {
  const found = [];
  for (const e of document.querySelectorAll(
      "a[href], button, input:not([type=checkbox]):not([type=radio]), label[for], select")) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= 0 || r.left >= innerWidth) continue;
    if (!e.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const block = e.closest("p, li, td, dd, figcaption, h1, h2, h3, h4");
    const inSentence = !!block && block.textContent.trim() !== e.textContent.trim();
    const href = e.getAttribute("href") || (e.href && e.href.baseVal) || "";
    found.push({what: e.tagName + "." + (e.getAttribute("class") || "") + " "
                  + e.textContent.trim().slice(0, 40),
                width: r.width, height: r.height, inSentence, inChart: !!e.closest("svg"), href});
  }
  return found;
}"""


def small_targets(tab: Any) -> list[str]:
    """Controls under 44×44 px that no exemption covers."""
    targets = tab.evaluate(_TARGETS)
    full_size = {t["href"] for t in targets if t["width"] >= TAP and t["height"] >= TAP}
    return [f'{t["what"]} ({t["width"]:.0f}×{t["height"]:.0f})' for t in targets
            if (t["width"] < TAP or t["height"] < TAP) and not t["inSentence"]
            and not (t["inChart"] and t["href"] in full_size)]


def overflow(tab: Any) -> int:
    return int(tab.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_page_type_fits_the_phone(built_site: Path, address: str, tab: Any,
                                        tmp_path: Path) -> None:
    shots = Path(os.environ.get("SOTAY_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    wide, small = {}, {}
    for kind, path in page_types(built_site).items():
        tab.goto(f"{address}/{path}")
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(50)  # sotay-tables.js lays tables out in the next frame
        if excess := overflow(tab):
            wide[kind] = excess
        if found := small_targets(tab):
            small[kind] = found[:5]
        shot = tab.screenshot(path=shots / f"{kind.replace('/', '--')}.png")
        assert png_size(shot) == (PHONE["width"], PHONE["height"])
    assert not wide, f"pages wider than the phone (px too wide): {wide}"
    assert not small, f"tap targets under {TAP} px: {small}"


def test_drawer_and_search_targets(address: str, tab: Any) -> None:
    tab.goto(f"{address}/index.html")
    tab.click("label.md-header__button[for='__drawer']")
    tab.wait_for_timeout(400)
    assert small_targets(tab) == []
    tab.keyboard.press("Escape")
    tab.goto(f"{address}/index.html")
    tab.keyboard.press("/")
    tab.keyboard.type("dân vận")
    tab.wait_for_function("() => window.__sotaySearchTiming", timeout=10_000)
    tab.wait_for_timeout(400)
    assert small_targets(tab) == []
    assert overflow(tab) <= 0


def test_figures_read_as_labelled_cards(address: str, tab: Any) -> None:
    tab.goto(f"{address}/{FIGURES_PAGE}")
    tab.wait_for_timeout(50)
    cells = tab.evaluate("""() => {
      const table = document.querySelector("h2#so-lieu ~ .md-typeset__scrollwrap table");
      const row = table.querySelector("tbody tr");
      return Array.from(row.cells, c => ({
        display: getComputedStyle(c).display,
        label: getComputedStyle(c, "::before").content,
        right: c.getBoundingClientRect().right, empty: c.textContent.trim() === "",
        shown: c.getBoundingClientRect().height > 0}));
    }""")
    shown = [c for c in cells if c["shown"]]
    assert len(shown) >= 3 and all(c["display"] == "block" for c in shown)
    # Each value but the first (the indicator, the card's title) is labelled by its column.
    assert [c["label"] for c in shown][1:] == ['"Giá trị"', '"Trên tổng số"', '"Đơn vị"',
                                               '"Kỳ"', '"Trích dẫn"'], shown
    assert all(not c["shown"] for c in cells if c["empty"])  # the empty "Tỷ lệ" column is gone
    assert max(c["right"] for c in cells) <= PHONE["width"]


def test_facts_put_each_label_above_its_value(address: str, tab: Any) -> None:
    tab.goto(f"{address}/{FIGURES_PAGE}")
    label, value = tab.evaluate("""() => {
      const row = document.querySelector("h2#thong-tin ~ .md-typeset__scrollwrap tbody tr");
      return Array.from(row.cells, c => c.getBoundingClientRect().toJSON());
    }""")
    assert value["top"] >= label["bottom"] - 1
    assert value["width"] >= PHONE["width"] * 0.7


def test_search_fits_above_the_on_screen_keyboard(address: str, tab: Any) -> None:
    tab.goto(f"{address}/index.html")
    tab.keyboard.press("/")
    tab.keyboard.type("dân vận")
    tab.wait_for_function("() => window.__sotaySearchTiming", timeout=10_000)
    # The keyboard takes 320 px: Chrome on Android shrinks the visual viewport only.
    tab.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"] - 320})
    tab.wait_for_timeout(400)
    box = tab.evaluate("""() => ({
      visible: visualViewport.height,
      inner: document.querySelector(".md-search__inner").getBoundingClientRect().bottom,
      input: document.querySelector(".md-search__input").getBoundingClientRect().bottom,
      variable: getComputedStyle(document.documentElement)
        .getPropertyValue("--sotay-visible-height")})""")
    assert box["variable"] == f'{box["visible"]}px'
    assert box["inner"] <= box["visible"] + 1 and box["input"] <= box["visible"]
    last = tab.locator(".md-search-result__item").last
    last.scroll_into_view_if_needed()
    assert last.bounding_box()["y"] < box["visible"]
