"""One page of every kind the site has, for the tests that check every page type."""

from __future__ import annotations

from pathlib import Path

from sotay.schema import TYPES

RECORD_TYPES = tuple(t.name for t in TYPES)  # every type the schema has, lessons included
FIXED_PAGES = {
    "trang-chu": "index.html", "huong-dan": "huong-dan/index.html",
    "du-lieu-mo": "huong-dan/du-lieu-mo.html", "theo-nam": "nam/index.html",
    "dong-thoi-gian": "dong-thoi-gian/index.html", "so-lieu": "so-lieu/index.html",
    "dan-van-kheo": "dan-van-kheo/index.html", "ban-in": "in-so-tay.html", "404": "404.html",
}


def page_types(site: Path) -> dict[str, str]:
    """Page type → the site path of one page of it: the fixed pages, each type's listing and
    first record page, and one year's page."""
    found = dict(FIXED_PAGES)
    for kind in RECORD_TYPES:
        found[f"{kind}/danh-sach"] = f"{kind}/index.html"
        records = sorted(p.name for p in (site / kind).glob("*.html") if p.name != "index.html")
        if records:
            found[kind] = f"{kind}/{records[0]}"
    handouts = sorted(p.name for p in (site / "phat-tay").glob("*.html"))
    if handouts:
        found["phat-tay"] = f"phat-tay/{handouts[0]}"
    years = sorted(p.name for p in (site / "nam").glob("*.html") if p.name != "index.html")
    if years:
        found["nam"] = f"nam/{years[0]}"
    missing = [path for path in found.values() if not (site / path).is_file()]
    assert not missing, f"page types missing from the site: {missing}"
    return found
