"""Two builds of the same data, from two different folders, are byte-identical."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build

# The sitemap carries the build date; nothing else may differ.
ALLOWED_TO_DIFFER = {"sitemap.xml", "sitemap.xml.gz"}


def _contents(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    """Each file that is in one site only, or whose bytes differ, sitemaps aside."""
    a, b = _contents(first), _contents(second)
    found = [f"chỉ có ở lần dựng thứ nhất: {name}" for name in sorted(a.keys() - b.keys())]
    found += [f"chỉ có ở lần dựng thứ hai: {name}" for name in sorted(b.keys() - a.keys())]
    found += [f"khác nhau: {name}" for name in sorted(a.keys() & b.keys())
              if a[name] != b[name] and name not in ALLOWED_TO_DIFFER]
    return found


def test_differences_names_changed_missing_and_extra_files(tmp_path: Path) -> None:
    for site, files in (("a", {"same.html": "x", "changed.html": "1", "only-a.json": "",
                               "sitemap.xml": "2024"}),
                        ("b", {"same.html": "x", "changed.html": "2", "only-b.csv": "",
                               "sitemap.xml": "2025"})):
        for name, text in files.items():
            (tmp_path / site).mkdir(exist_ok=True)
            (tmp_path / site / name).write_text(text, encoding="utf-8")
    assert differences(tmp_path / "a", tmp_path / "b") == [
        "chỉ có ở lần dựng thứ nhất: only-a.json",
        "chỉ có ở lần dựng thứ hai: only-b.csv",
        "khác nhau: changed.html",
    ]


@pytest.mark.slow
def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    sites = []
    # Different hash seeds make any iteration over a set or dict of strings show up. The
    # second build also draws Material's navigation afresh on every page (SOTAY_NAV_CACHE=0):
    # the drawing kept per folder must change nothing.
    for name, seed, nav_cache in (("first", "1", "1"), ("second-copy-elsewhere", "2", "0")):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        monkeypatch.setenv("SOTAY_NAV_CACHE", nav_cache)
        project = tmp_path / name
        project.mkdir()
        copy_project(project)
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(project / "site")
    assert len(_contents(sites[0])) > 50
    found = differences(*sites)
    assert not found, f"{len(found)} tệp khác nhau giữa hai lần dựng:\n" + "\n".join(found)
