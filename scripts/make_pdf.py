"""`make pdf`: the printable page of site/ as dist/so-tay-dan-van.pdf, printed by Chromium.

Chromium runs headless on the file:// page with every network feature off, so the PDF is made
from exactly what a reader without a connection would see. The book is printed until its page
numbers hold: each pass reads from the PDF's named destinations the page where every chapter
and record title landed, writes those numbers into the contents and after every cross-reference
("(tr. 12)"), and prints again, until a pass prints the numbers it was given. pypdf then adds
the page labels and the bookmarks (chapters, and their records) and drops Chromium's
timestamps, so the same site gives the same file.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route, sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle

from _bootstrap import ROOT

PRINT_PAGE = "in-so-tay.html"
# Chromium as Playwright starts it (headless), every network feature off.
_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-quic",
    # Any host lookup fails: nothing can leave the machine even if a page asked for it.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def find_chromium() -> str | None:
    """Chromium named by SOTAY_CHROMIUM, else the first one on PATH."""
    named = os.environ.get("SOTAY_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


BOOK_TITLE = "Sổ tay Dân vận — bản in"
MAX_PASSES = 6
_HEADINGS = "h2.sotay-print-part, h3.sotay-print-record"
# The chapter and record headings, as [id, title, level], their permalink sign left out.
_READ_HEADINGS = f"""() => [...document.querySelectorAll({_HEADINGS!r})].map(h => {{
  const copy = h.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach(e => e.remove());
  return [h.id, copy.textContent.trim(), h.tagName === "H2" ? 1 : 2];
}})"""
# After every link to a heading: its page number ("00" before the first pass measured it),
# bare in the contents, as " (tr. N)" elsewhere. Text only: nothing from the page is run.
_FILL = f"""numbers => {{
  const targets = new Set([...document.querySelectorAll({_HEADINGS!r})].map(h => h.id));
  for (const a of document.querySelectorAll('.md-content a[href^="#"]')) {{
    const id = a.getAttribute("href").slice(1);
    if (a.classList.contains("headerlink") || !targets.has(id)) continue;
    if (!a.sotayPage) {{
      a.sotayPage = document.createElement("span");
      a.sotayPage.className = "sotay-pageref";
      a.after(a.sotayPage);
    }}
    const n = id in numbers ? String(numbers[id]) : "00";
    a.sotayPage.textContent = a.closest(".sotay-toc") ? n : "\u00a0(tr.\u00a0" + n + ")";
  }}
}}"""


def make_pdf(site: Path, target: Path, chromium: str) -> Path:
    """Print ``site/in-so-tay.html`` to ``target`` as the numbered, bookmarked book; raise
    RuntimeError if Chromium fails or the page numbers never settle."""
    page_file = site / PRINT_PAGE
    if not page_file.is_file():
        raise FileNotFoundError(f"Không thấy {page_file}: hãy chạy `make site` trước.")
    with _opened(page_file, chromium) as page:
        headings = [(str(i), str(t), int(level)) for i, t, level in page.evaluate(_READ_HEADINGS)]
        pdf, numbers = _numbered(page, [h[0] for h in headings])
    return _write(target, _finished(pdf, headings, numbers))


def print_page(page_file: Path, target: Path, chromium: str) -> Path:
    """Print the HTML file ``page_file`` to ``target`` as it is (a handout), without
    timestamps; raise RuntimeError if Chromium fails."""
    with _opened(page_file, chromium) as page:
        pdf = _pdf(page)
    return _write(target, _finished(pdf, [], {}))


@contextlib.contextmanager
def _opened(page_file: Path, chromium: str) -> Iterator[Page]:
    """``page_file`` open in Chromium in print media, any request but file:// refused;
    Playwright's failures raised as RuntimeError."""
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=_FLAGS)
            try:
                page = browser.new_page()
                page.route("**/*", _file_only)
                page.goto(page_file.resolve().as_uri(), wait_until="load")
                page.emulate_media(media="print")
                yield page
            finally:
                browser.close()
    except PlaywrightError as error:
        raise RuntimeError(f"Chromium không in được PDF: {error}") from error


def _pdf(page: Page) -> bytes:
    return page.pdf(prefer_css_page_size=True, print_background=True)


def _write(target: Path, pdf: bytes) -> Path:
    """``pdf`` at ``target``, written whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".pdf.part")
    partial.write_bytes(pdf)
    partial.replace(target)
    return target


def _file_only(route: Route) -> None:
    if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
        route.continue_()
    else:
        route.abort()


def _numbered(page: Page, anchors: list[str]) -> tuple[bytes, dict[str, int]]:
    """The book printed with the page numbers it shows (anchor → page, 1 first)."""
    numbers: dict[str, int] = {}
    for _ in range(MAX_PASSES):
        page.evaluate(_FILL, numbers)
        pdf = _pdf(page)
        found = heading_pages(pdf, anchors)
        if found == numbers:
            return pdf, numbers
        numbers = found
    raise RuntimeError(f"Số trang của bản in chưa ổn định sau {MAX_PASSES} lần in.")


def heading_pages(pdf: bytes, anchors: list[str]) -> dict[str, int]:
    """The page (1 first) where each anchor's element is, from the PDF's named destinations."""
    reader = PdfReader(io.BytesIO(pdf))
    found = {name.lstrip("/"): index + 1 for name, dest in reader.named_destinations.items()
             if (index := reader.get_destination_page_number(dest)) is not None}
    missing = [a for a in anchors if a not in found]
    if missing:
        raise RuntimeError(f"Bản in thiếu đích liên kết: {', '.join(missing[:5])}")
    return {a: found[a] for a in anchors}


def _finished(pdf: bytes, headings: list[tuple[str, str, int]], numbers: dict[str, int]) -> bytes:
    """The printed PDF with page labels 1, 2, 3… (as printed) and no timestamps; for the book
    (``headings`` given), bookmarks for the cover, the contents, every chapter and its records."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.set_page_label(0, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    writer.metadata = {"/Producer": "Chromium, pypdf"}
    if not headings:
        return _bytes(writer)
    writer.metadata = {"/Title": BOOK_TITLE, "/Producer": "Chromium, pypdf"}
    writer.add_outline_item(title="Bìa", page_number=0)
    writer.add_outline_item(title="Mục lục", page_number=1)
    chapter = None
    for anchor, title, level in headings:
        if level == 1:
            chapter = writer.add_outline_item(title=title, page_number=numbers[anchor] - 1)
        else:
            writer.add_outline_item(title=title, page_number=numbers[anchor] - 1, parent=chapter)
    writer.page_mode = "/UseOutlines"
    return _bytes(writer)


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cli(argv: list[str] | None, description: str, out: Path, out_help: str,
        job: Callable[[Path, Path, str], list[Path]], nothing: str = "") -> int:
    """The command line of both printers: ``--site`` and ``--out``, Chromium found, failures
    as a message and exit code 1, each file written reported (``nothing`` when there is none)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="thư mục site đã dựng")
    parser.add_argument("--out", type=Path, default=out, help=out_help)
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("Cần Chromium để in PDF (trên Debian: apt-get install chromium).", file=sys.stderr)
        return 1
    try:
        written = job(args.site, args.out, chromium)
    except (FileNotFoundError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    for target in written:
        pages = len(PdfReader(target).pages)
        print(f"Đã ghi {target} ({pages} trang, {target.stat().st_size / 1000:.0f} kB).")
    if not written and nothing:
        print(nothing)
    return 0


def main(argv: list[str] | None = None) -> int:
    return cli(argv, "In bản in của sổ tay ra PDF (số trang, mục lục, dấu trang).",
               ROOT / "dist" / "so-tay-dan-van.pdf", "tệp PDF cần ghi",
               lambda site, out, chromium: [make_pdf(site, out, chromium)])


if __name__ == "__main__":
    sys.exit(main())
