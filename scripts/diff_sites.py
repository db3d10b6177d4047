"""Compare two built sites page by page: which pages a change adds, changes and removes.

    .venv/bin/python scripts/diff_sites.py OLD_SITE NEW_SITE [--markdown]

Every ``.html`` file is a page, named by its path in the site. Two pages are "the same" when
their article (the ``<article class="md-content__inner">`` that holds the page's own content)
is the same after whitespace is collapsed; the menu, header, footer and the pages' shared
assets are left out on purpose, so a theme-wide change (a new menu entry, CSS, a footer line)
doesn't mark every page as changed. Such pages are only counted, on one line. A page with no
article (a redirect left by ``id_cu``) is compared whole. Non-page files (open data, search
index, sitemap, assets) are not listed: they follow from the pages or from the theme.

The CI job summary of a pull request uses ``--markdown``; the plain output is for a terminal.
"""

from __future__ import annotations

import argparse
import difflib
import html
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_ARTICLE_OPEN = re.compile(r'<article\b[^>]*class="[^"]*\bmd-content__inner\b[^"]*"[^>]*>')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S)
_BLOCK_END = re.compile(r"</(?:p|li|tr|h[1-6]|div|pre|blockquote|dt|dd|table|section)>|<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# The site name MkDocs appends to every <title>; the page's own title comes before it.
_TITLE_SUFFIX = re.compile(r"\s+-\s+[^-]+$")
# A job summary holds 1 MiB; past this many entries a list ends with a count.
DEFAULT_LIMIT = 300


@dataclass(frozen=True)
class Page:
    """One built page: its path in the site, its title and the parts compared."""

    path: str
    title: str
    article: str
    whole: str

    def text_lines(self) -> list[str]:
        """The article as reading text, one line per block (for counting changed lines)."""
        body = _HEADERLINK.sub("", self.article)
        body = _BLOCK_END.sub("\n", body)
        lines = (_SPACE.sub(" ", html.unescape(_TAG.sub("", line))).strip()
                 for line in body.split("\n"))
        return [line for line in lines if line]


@dataclass(frozen=True)
class Change:
    """A page present in both sites whose article differs."""

    old: Page
    new: Page

    def lines(self) -> tuple[int, int]:
        """(lines added, lines removed) between the two articles' reading text."""
        added = removed = 0
        for line in difflib.ndiff(self.old.text_lines(), self.new.text_lines()):
            if line.startswith("+ "):
                added += 1
            elif line.startswith("- "):
                removed += 1
        return added, removed


@dataclass(frozen=True)
class SiteDiff:
    """The pages of NEW that OLD lacks, those that differ, and those of OLD that NEW lacks."""

    added: tuple[Page, ...]
    changed: tuple[Change, ...]
    removed: tuple[Page, ...]
    frame_only: int  # pages whose article is the same but whose menu, header or footer is not
    old_count: int
    new_count: int


def read_page(site: Path, file: Path) -> Page:
    """Read one HTML file of ``site`` as a :class:`Page`."""
    text = file.read_text(encoding="utf-8", errors="replace")
    whole = _SPACE.sub(" ", text).strip()
    article = whole
    opened = _ARTICLE_OPEN.search(whole)
    if opened:
        end = whole.rfind("</article>")
        if end > opened.end():
            article = whole[opened.end():end].strip()
    return Page(file.relative_to(site).as_posix(), _title(article, whole), article, whole)


def _title(article: str, whole: str) -> str:
    for pattern, source in ((_H1, article), (_TITLE, whole)):
        found = pattern.search(source)
        if found:
            title = _SPACE.sub(" ", html.unescape(_TAG.sub("", _HEADERLINK.sub("", found[1]))))
            title = title.strip()
            if pattern is _TITLE:
                title = _TITLE_SUFFIX.sub("", title)
            if title:
                return title
    return "(không có tiêu đề)"


def read_site(site: Path) -> dict[str, Page]:
    """Every ``.html`` page of a built site, by its path in the site."""
    pages = (read_page(site, file) for file in site.rglob("*.html") if file.is_file())
    return {page.path: page for page in pages}


def diff_sites(old_site: Path, new_site: Path) -> SiteDiff:
    """Compare the pages of two built site folders."""
    old, new = read_site(old_site), read_site(new_site)
    added = tuple(new[path] for path in sorted(new.keys() - old.keys()))
    removed = tuple(old[path] for path in sorted(old.keys() - new.keys()))
    changed: list[Change] = []
    frame_only = 0
    for path in sorted(old.keys() & new.keys()):
        before, after = old[path], new[path]
        if before.article != after.article:
            changed.append(Change(before, after))
        elif before.whole != after.whole:
            frame_only += 1
    return SiteDiff(added, tuple(changed), removed, frame_only, len(old), len(new))


def _entry(page: Page, markdown: bool) -> str:
    if markdown:
        title = page.title.replace("[", r"\[").replace("]", r"\]").replace("*", r"\*")
        return f"- {title} — `{page.path}`"
    return f"- {page.title} — {page.path}"


def _lines_note(change: Change) -> str:
    added, removed = change.lines()
    if added or removed:
        return f" (+{added} / −{removed} dòng)"
    return " (chỉ đổi liên kết hoặc định dạng)"


def report(diff: SiteDiff, markdown: bool = False, limit: int = DEFAULT_LIMIT,
           against: str = "main") -> str:
    """The Vietnamese lists "Trang mới", "Trang thay đổi", "Trang bị xóa", as text."""
    out: list[str] = []
    heading = "### " if markdown else ""
    if markdown:
        out.append(f"## Các trang thay đổi so với `{against}`\n")
    out.append(f"{len(diff.added)} trang mới, {len(diff.changed)} trang thay đổi, "
               f"{len(diff.removed)} trang bị xóa (trước: {diff.old_count} trang, "
               f"sau: {diff.new_count} trang).")
    sections: list[tuple[str, list[str]]] = [
        ("Trang mới", [_entry(page, markdown) for page in diff.added]),
        ("Trang thay đổi", [_entry(change.new, markdown) + _lines_note(change)
                            for change in diff.changed]),
        ("Trang bị xóa", [_entry(page, markdown) for page in diff.removed]),
    ]
    for name, entries in sections:
        if not entries:
            continue
        out.append(f"\n{heading}{name} ({len(entries)})\n")
        out.extend(entries[:limit])
        if len(entries) > limit:
            out.append(f"- … và {len(entries) - limit} trang khác")
    if not (diff.added or diff.changed or diff.removed):
        out.append("\nNội dung các trang không đổi.")
    if diff.frame_only:
        out.append(f"\nNgoài ra {diff.frame_only} trang chỉ đổi phần khung chung "
                   "(menu, đầu trang, chân trang), nội dung giữ nguyên.")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="So sánh hai thư mục site đã dựng, từng trang một: trang mới, trang thay "
                    "đổi, trang bị xóa.")
    parser.add_argument("old_site", type=Path, help="site cũ (ví dụ dựng từ nhánh main)")
    parser.add_argument("new_site", type=Path, help="site mới (ví dụ dựng từ pull request)")
    parser.add_argument("--markdown", action="store_true",
                        help="in dạng Markdown (cho tóm tắt của GitHub Actions)")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                        help=f"số mục tối đa mỗi danh sách (mặc định {DEFAULT_LIMIT})")
    parser.add_argument("--against", default="main",
                        help="tên của site cũ trong tiêu đề Markdown (mặc định main)")
    args = parser.parse_args(argv)
    for site in (args.old_site, args.new_site):
        if not (site / "index.html").is_file():
            print(f"{site}: không phải thư mục site đã dựng (thiếu index.html).", file=sys.stderr)
            return 2
    diff = diff_sites(args.old_site, args.new_site)
    sys.stdout.write(report(diff, args.markdown, args.limit, args.against))
    return 0


if __name__ == "__main__":
    sys.exit(main())
