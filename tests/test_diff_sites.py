"""scripts/diff_sites.py: pages added, changed and removed between two built sites, by article."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import diff_sites

from conftest import ROOT

_PAGE = """<!doctype html><html><head><title>{title} - Sổ tay Dân vận</title></head>
<body><nav>{menu}</nav><main>
<article class="md-content__inner md-typeset">
<h1 id="t">{title}<a class="headerlink" href="#t" title="Liên kết">&para;</a></h1>
{body}
</article></main><footer>{footer}</footer></body></html>
"""


def _page(site: Path, path: str, title: str, body: str, menu: str = "Mục lục",
          footer: str = "Chân trang") -> None:
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(_PAGE.format(title=title, body=body, menu=menu, footer=footer),
                    encoding="utf-8")


def _sites(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    for site in (old, new):
        _page(site, "index.html", "Trang chủ", "<p>Chào</p>")
    _page(old, "van-ban/a.html", "Văn bản A", "<p>Số 1</p>\n<p>Ngày 2</p>")
    _page(new, "van-ban/a.html", "Văn bản A", "<p>Số 1</p>\n\n   <p>Ngày 3</p>")
    _page(old, "mo-hinh/b.html", "Mô hình B", '<p><a href="x.html">X</a></p>')
    _page(new, "mo-hinh/b.html", "Mô hình B", '<p><a href="y.html">X</a></p>')
    _page(old, "nguon/c.html", "Bài C", "<p>Giữ</p>")
    _page(new, "nguon/c.html", "Bài C", "<p>Giữ</p>", menu="Mục lục mới")
    _page(old, "chu-de/cu.html", "Chủ đề cũ", "<p>Cũ</p>")
    _page(new, "chu-de/moi.html", "Chủ đề [mới]", "<p>Mới</p>")
    (new / "redirect.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=chu-de/moi.html">'
        "<title>Chuyển hướng</title></head></html>", encoding="utf-8")
    (new / "sitemap.xml").write_text("<urlset>2026-12-02</urlset>", encoding="utf-8")
    return old, new


def test_lists_pages_by_article(tmp_path: Path) -> None:
    diff = diff_sites.diff_sites(*_sites(tmp_path))
    assert [p.path for p in diff.added] == ["chu-de/moi.html", "redirect.html"]
    assert [p.title for p in diff.added] == ["Chủ đề [mới]", "Chuyển hướng"]
    assert [c.new.path for c in diff.changed] == ["mo-hinh/b.html", "van-ban/a.html"]
    assert [p.path for p in diff.removed] == ["chu-de/cu.html"]
    # Only the menu changed: counted, not listed, and whitespace alone is no change.
    assert diff.frame_only == 1
    assert (diff.old_count, diff.new_count) == (5, 6)
    assert [c.lines() for c in diff.changed] == [(0, 0), (1, 1)]


def test_report_in_vietnamese(tmp_path: Path) -> None:
    text = diff_sites.report(diff_sites.diff_sites(*_sites(tmp_path)), markdown=True)
    assert text.startswith("## Các trang thay đổi so với `main`\n\n"
                           "2 trang mới, 2 trang thay đổi, 1 trang bị xóa "
                           "(trước: 5 trang, sau: 6 trang).\n")
    assert "### Trang mới (2)\n\n- Chủ đề \\[mới\\] — `chu-de/moi.html`\n" in text
    assert "- Văn bản A — `van-ban/a.html` (+1 / −1 dòng)\n" in text
    assert "- Mô hình B — `mo-hinh/b.html` (chỉ đổi liên kết hoặc định dạng)\n" in text
    assert "### Trang bị xóa (1)\n\n- Chủ đề cũ — `chu-de/cu.html`\n" in text
    assert "Ngoài ra 1 trang chỉ đổi phần khung chung" in text


def test_long_lists_end_with_a_count(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for site in (old, new):
        _page(site, "index.html", "Trang chủ", "<p>Chào</p>")
    for number in range(5):
        _page(new, f"nam/{number}.html", f"Năm {number}", "<p>…</p>")
    text = diff_sites.report(diff_sites.diff_sites(old, new), limit=3)
    assert text.count("\n- Năm ") == 3
    assert "- … và 2 trang khác\n" in text


def test_same_site_and_command_line(tmp_path: Path) -> None:
    old, _ = _sites(tmp_path)
    script = ROOT / "scripts" / "diff_sites.py"
    done = subprocess.run([sys.executable, str(script), str(old), str(old)],
                          capture_output=True, text=True, check=True)
    assert "0 trang mới, 0 trang thay đổi, 0 trang bị xóa" in done.stdout
    assert "Nội dung các trang không đổi." in done.stdout
    named = subprocess.run([sys.executable, str(script), str(old), str(old), "--markdown",
                            "--against", "ban-2026"], capture_output=True, text=True, check=True)
    assert named.stdout.startswith("## Các trang thay đổi so với `ban-2026`\n")
    missing = subprocess.run([sys.executable, str(script), str(old), str(tmp_path / "không")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2
    assert "thiếu index.html" in missing.stderr
