"""A link once given out keeps working: titles and wording may change, ids may be renamed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_links import broken_links, parse

from conftest import PUBLIC_ADDRESS, OfflineBrowser, copy_project, mkdocs_build
from sotay.link import Graph
from sotay.model import Record
from sotay.pipeline import build_graph
from sotay.shortlinks import SHORTLINK

pytestmark = pytest.mark.slow
_ONE_LINE = r"^{name}:[ \t]*(?![|>\s])\S.*$"
# The h1's own text, without the permalink and copy-link buttons.
_HEADING_TEXT = """() => {
  const h1 = document.querySelector('article h1').cloneNode(true);
  h1.querySelectorAll('.headerlink, .sotay-copylink').forEach((e) => e.remove());
  return h1.textContent;
}"""


def _copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    return copy_project(project)


def _graph(project: Path) -> Graph:
    graph, problems = build_graph(project / "data", project / "docs")
    assert graph is not None, problems
    return graph


def _build(project: Path, site: Path) -> Path:
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _anchors(site: Path) -> dict[str, frozenset[str]]:
    """Every built page (every URL) with the set of anchors it offers."""
    return {p.relative_to(site).as_posix(): frozenset(parse(p).ids)
            for p in sorted(site.rglob("*.html"))}


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _one_line_value(text: str, name: str) -> re.Match[str] | None:
    """The ``name: value`` line of a field written on one line (not a block or folded value)."""
    match = re.search(_ONE_LINE.format(name=name), text, re.MULTILINE)
    if match is None:
        return None
    rest = text[match.end() + 1:]
    return None if rest[:1] in (" ", "\t") else match


def _record_file(project: Path, record: Record) -> Path:
    return project / record.path


def _id_pattern(record_id: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9-]){re.escape(record_id)}(?![a-z0-9-])")


def _field_referrers(graph: Graph, record_id: str) -> list[Record]:
    return sorted({link.source.id: link.source for link in graph.backlinks.get(record_id, ())
                   if any(ref.target == record_id for ref in link.source.refs())}.values(),
                  key=lambda r: r.id)


def _docs_using(project: Path, record_id: str) -> list[str]:
    """``docs/…md:line`` for every ``[[id]]`` of ``record_id`` in hand-written pages."""
    places = []
    for page in sorted((project / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in SHORTLINK.finditer(text):
            if match.group(1) == record_id:
                line = text.count("\n", 0, match.start()) + 1
                places.append(f"{page.relative_to(project).as_posix()}:{line}")
    return places


# -- title and wording -------------------------------------------------------------------------

def _retitle_candidate(project: Path, graph: Graph) -> Record:
    """A record pointed at by others, with title and summary each written on one line."""
    candidates = []
    for record in graph.records.values():
        text = _record_file(project, record).read_text(encoding="utf-8")
        if _one_line_value(text, "tieu_de") and _one_line_value(text, "mo_ta"):
            candidates.append((-len(graph.backlinks.get(record.id, ())), record.id, record))
    assert candidates, "dữ liệu thật không có bản ghi nào ghi tieu_de và mo_ta trên một dòng"
    return min(candidates)[2]


def test_new_title_and_wording_change_no_url_and_no_anchor(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    before = _build(project, tmp_path / "before")
    record = _retitle_candidate(project, _graph(project))
    file = _record_file(project, record)
    text = file.read_text(encoding="utf-8")
    new_title = f"Tên mới hoàn toàn khác của bản ghi {record.id}"
    kept_links = " ".join(m.group(0) for m in SHORTLINK.finditer(record.get("mo_ta", "")))
    new_summary = f"Một lời tóm tắt được viết lại từ đầu. {kept_links}".strip()
    for name, value in (("tieu_de", new_title), ("mo_ta", new_summary)):
        match = _one_line_value(text, name)
        assert match is not None
        line = f"{name}: {json.dumps(value, ensure_ascii=False)}"
        text = text[:match.start()] + line + text[match.end():]
    file.write_text(text, encoding="utf-8")

    after = _build(project, tmp_path / "after")

    page = after / f"{record.type}/{record.id}.html"
    assert new_title in page.read_text(encoding="utf-8")  # the edit did reach the site
    assert _files(after) == _files(before)
    old_anchors, new_anchors = _anchors(before), _anchors(after)
    changed = {
        name: (sorted(old_anchors[name] - new_anchors[name]),
               sorted(new_anchors[name] - old_anchors[name]))
        for name in old_anchors if old_anchors[name] != new_anchors.get(name)
    }
    assert not changed, f"neo đã đổi sau khi sửa tiêu đề '{record.id}' (mất, thêm): {changed}"


# -- renamed and removed ids -------------------------------------------------------------------

def _rename_candidate(project: Path, graph: Graph) -> Record:
    """A record other records point at (used in docs/ too, if any is), without former ids."""
    candidates = []
    for record in graph.records.values():
        file = _record_file(project, record)
        if "id_cu" in record.values or file.stem != record.id:
            continue
        if not _field_referrers(graph, record.id):
            continue
        candidates.append((-len(_docs_using(project, record.id)), record.id, record))
    assert candidates, "dữ liệu thật không có bản ghi nào được bản ghi khác tham chiếu"
    return min(candidates)[2]


def _change_id(project: Path, record: Record, new_id: str, keep_old: bool,
               update_uses: bool) -> None:
    file = _record_file(project, record)
    text = file.read_text(encoding="utf-8")
    id_line = re.search(rf"^id:[ \t]*{re.escape(record.id)}[ \t]*$", text, re.MULTILINE)
    assert id_line is not None, file
    replacement = f"id: {new_id}" + (f"\nid_cu: [{record.id}]" if keep_old else "")
    file.write_text(text[:id_line.start()] + replacement + text[id_line.end():], encoding="utf-8")
    if update_uses:
        pattern = _id_pattern(record.id)
        for other in sorted((project / "data").rglob("*")) + sorted((project / "docs").rglob("*.md")):
            if other.is_file() and other != file and other.suffix in (".yaml", ".yml", ".md"):
                before = other.read_text(encoding="utf-8")
                after = pattern.sub(new_id, before)
                if after != before:
                    other.write_text(after, encoding="utf-8")
    file.rename(file.with_name(new_id + file.suffix))


def test_renamed_id_keeps_the_old_url_working_from_file(
        tmp_path: Path, offline_browser: OfflineBrowser) -> None:
    project = _copy(tmp_path)
    record = _rename_candidate(project, _graph(project))
    new_id = record.id + "-moi"
    _change_id(project, record, new_id, keep_old=True, update_uses=True)
    site = _build(project, tmp_path / "site")

    old_page = site / record.type / f"{record.id}.html"
    new_page = site / record.type / f"{new_id}.html"
    assert new_page.is_file()
    assert 'http-equiv="refresh"' in old_page.read_text(encoding="utf-8")
    assert broken_links(site) == []  # the redirect page's own links included
    page = offline_browser.page
    page.goto(old_page.as_uri() + "#trich-dan")  # type: ignore[attr-defined]
    page.wait_for_url(new_page.as_uri() + "#trich-dan")  # type: ignore[attr-defined]
    heading = page.evaluate(_HEADING_TEXT)  # type: ignore[attr-defined]
    assert heading.strip() == record.title
    assert page.locator("#trich-dan").count() == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("keep_old", [False, True], ids=["id-removed", "id-renamed"])
def test_dropping_an_id_still_in_use_fails_naming_every_place(tmp_path: Path,
                                                              keep_old: bool) -> None:
    project = _copy(tmp_path)
    graph = _graph(project)
    record = _rename_candidate(project, graph)
    places = [f"{r.path}:{ref.line}" for r in _field_referrers(graph, record.id)
              for ref in r.refs() if ref.target == record.id]
    places += _docs_using(project, record.id)
    _change_id(project, record, record.id + "-moi", keep_old=keep_old, update_uses=False)

    result = mkdocs_build(project, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert not (tmp_path / "site" / record.type / f"{record.id}-moi.html").exists()
    missing = [place for place in places if place not in output]
    assert not missing, f"thông báo lỗi không nêu các chỗ dùng {missing}:\n{output}"
    assert f"'{record.id}'" in output
    if keep_old:
        assert f"đã đổi thành '{record.id}-moi'" in output


# -- cite and share ----------------------------------------------------------------------------

def _dated_sourced_record(site: Path) -> dict[str, Any]:
    """From the open data: a record with a date field and at least one source article."""
    records: list[dict[str, Any]] = json.loads(
        (site / "data" / "records.json").read_text(encoding="utf-8"))["records"]
    date_fields = {"ngay_ban_hanh", "tu_ngay", "thoi_gian", "ngay"}
    for record in records:
        fields = record["fields"]
        if record["type"] != "nguon" and fields.get("nguon") and date_fields & fields.keys():
            return record
    raise AssertionError("dữ liệu thật không có bản ghi nào vừa có ngày vừa có nguồn")


@pytest.mark.browser
def test_citation_box_copies_title_handbook_url_date_and_sources(
        published_site: Path, offline_browser: OfflineBrowser) -> None:
    record = _dated_sourced_record(published_site)
    fields = record["fields"]
    assert isinstance(fields, dict)
    page = offline_browser.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    offline_browser.open(published_site / str(record["url"]))
    page.locator(".sotay-cite button[data-md-type=copy]").click()  # type: ignore[attr-defined]
    copied = page.evaluate("navigator.clipboard.readText()")  # type: ignore[attr-defined]
    date = next(fields[name] for name in ("ngay_ban_hanh", "tu_ngay", "thoi_gian", "ngay")
                if name in fields)
    expected = [str(record["title"]), "Sổ tay Dân vận", f"{PUBLIC_ADDRESS}/{record['url']}",
                date["text"]]
    expected += [source["title"] for source in fields["nguon"]]
    assert [part for part in expected if part not in copied] == [], copied


def test_citation_box_without_public_address_says_so(built_site: Path) -> None:
    record = _dated_sourced_record(built_site)
    page = (built_site / str(record["url"])).read_text(encoding="utf-8")
    box = re.search(r'<div class="sotay-cite"><pre><code>(.*?)</code></pre></div>', page, re.S)
    assert box is not None, "thiếu hộp Trích dẫn"
    assert "chưa có địa chỉ công khai" in box.group(1)
    assert "file:" not in box.group(1) and str(record["url"]) not in box.group(1)


@pytest.mark.browser
def test_each_heading_copies_its_own_stable_link(published_site: Path,
                                                 offline_browser: OfflineBrowser) -> None:
    record = _dated_sourced_record(published_site)
    file = published_site / str(record["url"])
    address = f"{PUBLIC_ADDRESS}/{record['url']}"
    page = offline_browser.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    offline_browser.open(file)
    headings = page.evaluate(  # type: ignore[attr-defined]
        "[...document.querySelectorAll('article h2[id]')].map((h) => "
        "[h.id, h.querySelectorAll('.sotay-copylink').length])")
    assert headings and all(count == 1 for _, count in headings), headings
    for anchor, _ in headings:
        page.locator(f"h2#{anchor} .sotay-copylink").click()  # type: ignore[attr-defined]
        assert page.evaluate("navigator.clipboard.readText()") == f"{address}#{anchor}"  # type: ignore[attr-defined]
    page.locator("article h1 .sotay-copylink").click()  # type: ignore[attr-defined]
    assert page.evaluate("navigator.clipboard.readText()") == address  # type: ignore[attr-defined]
    script_errors = [e for e in offline_browser.console_errors
                     if "Failed to load resource" not in e]
    assert script_errors == []


@pytest.mark.browser
def test_copy_link_without_public_address_says_so(built_site: Path,
                                                 offline_browser: OfflineBrowser) -> None:
    record = _dated_sourced_record(built_site)
    page = offline_browser.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    offline_browser.open(built_site / str(record["url"]))
    page.evaluate("navigator.clipboard.writeText('trước')")  # type: ignore[attr-defined]
    page.locator("h2#trich-dan .sotay-copylink").click()  # type: ignore[attr-defined]
    note = page.locator("h2#trich-dan .sotay-copylink__note")  # type: ignore[attr-defined]
    assert "chưa có địa chỉ công khai" in note.inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == "trước"  # type: ignore[attr-defined]


@pytest.mark.browser
def test_copy_link_falls_back_without_the_clipboard_api(published_site: Path,
                                                        offline_browser: OfflineBrowser) -> None:
    record = _dated_sourced_record(published_site)
    file = published_site / str(record["url"])
    page = offline_browser.page
    # An older browser: no Clipboard API, only execCommand("copy") on selected text.
    page.add_init_script(  # type: ignore[attr-defined]
        """
      Object.defineProperty(navigator, 'clipboard', {value: undefined});
      window.__copied = [];
      const original = document.execCommand.bind(document);
      document.execCommand = (command, ...rest) => {
        const done = original(command, ...rest);
        if (command === 'copy') window.__copied.push([document.activeElement.value, done]);
        return done;
      };
    """)
    offline_browser.open(file)
    page.locator("h2#trich-dan .sotay-copylink").click()  # type: ignore[attr-defined]
    page.wait_for_function("window.__copied.length > 0")  # type: ignore[attr-defined]
    assert page.evaluate("window.__copied") == [
        [f"{PUBLIC_ADDRESS}/{record['url']}#trich-dan", True]]  # type: ignore[attr-defined]
    button = page.locator("h2#trich-dan .sotay-copylink")  # type: ignore[attr-defined]
    assert button.get_attribute("title") == "Đã chép liên kết"
