"""No serious or critical axe-core violation on any page type at phone width, nor in the search
dialog open and showing results. axe-core comes from tools/axe (npm, pinned by its lock file)
and is injected from that file: no network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from page_types import page_types

from conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
_RUN = """() => axe.run(document, {resultTypes: ["violations"]}).then(result =>
  result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3)
      .map(n => n.target.join(" ")).join(" | ")))"""


def violations(tab: Any) -> list[str]:
    """The serious and critical axe-core violations of the page open in ``tab``."""
    if not AXE.is_file():
        pytest.fail(f"Thiếu {AXE.relative_to(ROOT)}: chạy `make axe` (make test tự cài).")
    tab.add_script_tag(path=str(AXE))
    return list(tab.evaluate(_RUN))


def test_every_page_type_has_no_serious_violation(built_site: Path, address: str,
                                                  tab: Any) -> None:
    found = {}
    for kind, path in page_types(built_site).items():
        tab.goto(f"{address}/{path}")
        tab.wait_for_load_state("load")
        if problems := violations(tab):
            found[kind] = problems
    assert not found, found


def test_search_dialog_open_and_with_results(address: str, tab: Any) -> None:
    tab.goto(f"{address}/index.html")
    tab.keyboard.press("/")
    tab.wait_for_timeout(600)  # Material's opening transition fades the dialog in
    assert tab.is_visible(".md-search__input")
    assert violations(tab) == []
    tab.keyboard.type("dân vận")
    tab.wait_for_function("() => window.__sotaySearchTiming", timeout=10_000)
    assert tab.locator(".md-search-result__item").count() > 0
    assert violations(tab) == []


def test_axe_finds_what_it_should(address: str, tab: Any) -> None:
    """The check can fail: a nameless dialog and a grey-on-grey line are reported."""
    tab.goto(f"{address}/index.html")
    tab.evaluate("""() => {
      document.querySelector("[data-sotay-search]").removeAttribute("aria-label");
      const p = document.createElement("p");
      p.textContent = "chữ mờ";
      p.style.cssText = "color:#bbb;background:#ccc";
      document.querySelector("article").append(p);
    }""")
    found = " ".join(violations(tab))
    assert "aria-dialog-name" in found and "color-contrast" in found
