"""Text shows as typed and never runs; Markdown fields render Markdown but nothing executable.

End to end: a tiny dataset full of payloads, built with MkDocs, read back as HTML. Unit level:
the Markdown path (``escape_markdown`` then the sanitizer) against payloads the validator
would refuse anyway, so the second line of defence is tested on its own.
"""

from __future__ import annotations

import html as html_module
import re
from html.parser import HTMLParser

import markdown
import pytest

from conftest import copy_project, mkdocs_build
from sotay.inert import escape_markdown, escape_text
from sotay.safe_markdown import SafeLinksExtension, is_safe_url

TITLE = 'Kết luận <img src=x onerror="alert(1)"> & <script>alert(2)</script> {: onclick="alert(9)" }'
RECORD = f"""\
id: ket-luan-doc
tieu_de: '{TITLE}'
loai: ket-luan
so_hieu: <b onmouseover=alert(3)>865</b>
trich_yeu: "[bấm](javascript:alert(4)) *không nghiêng* <iframe src=x>"
nguon: [bai-a]
mo_ta: |
  Có **chữ đậm** và [liên kết](https://example.org/a).

  <script>alert(5)</script> <img src=x onerror=alert(6)>

  *Nhấn mạnh*{{: onclick="alert(7)" }} và [xem](https://example.org/b){{: onmouseover="alert(8)" }}
"""


class _Tags(HTMLParser):
    """Collects what a browser would run: script-like tags, event handlers, unsafe URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # The theme's own scripts are fine; a script holding a payload's alert( is not.
        self._in_script = tag == "script"
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            elif name in ("href", "src", "action", "formaction") and not is_safe_url(value or ""):
                self.found.append(f"<{tag} {name}={value}>")


    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def executable(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("escaping")
    data = root / "data" / "van-ban"
    data.mkdir(parents=True)
    (data / "ket-luan-doc.yaml").write_text(RECORD, encoding="utf-8")
    (root / "data" / "nguon").mkdir()
    (root / "data" / "nguon" / "bai-a.yaml").write_text("id: bai-a\ntieu_de: Bài A\n",
                                                       encoding="utf-8")
    (root / "project").mkdir()
    project = copy_project(root / "project", data=root / "data")
    # The real guides link real records; this dataset has one record.
    (project / "docs" / "huong-dan" / "index.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return (project / "site" / "van-ban" / "ket-luan-doc.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_nothing_executable_reaches_the_page(page: str) -> None:
    assert executable(page) == []


@pytest.mark.slow
def test_title_shows_as_typed(page: str) -> None:
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
    assert h1 is not None
    shown = re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", h1.group(1)))
    assert "<" not in shown and html_module.unescape(shown.strip()) == TITLE  # text, as typed


@pytest.mark.slow
def test_title_in_head_and_header_is_text(page: str) -> None:
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title is not None and "&lt;script&gt;alert(2)" in title.group(1)
    assert '<img src=x onerror="alert(1)">' not in page


@pytest.mark.slow
def test_plain_text_fields_show_markup_as_text(page: str) -> None:
    assert "&lt;b onmouseover=alert(3)&gt;865&lt;/b&gt;" in page
    assert "[bấm](javascript:alert(4)) *không nghiêng* &lt;iframe src=x&gt;" in page


@pytest.mark.slow
def test_markdown_field_renders_markdown(page: str) -> None:
    assert "<strong>chữ đậm</strong>" in page
    assert '<a href="https://example.org/a">liên kết</a>' in page
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in page
    assert "<em>Nhấn mạnh</em>" in page


def _render(text: str) -> str:
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "abbr",
                                       SafeLinksExtension()])
    return md.convert(escape_markdown(text))


PAYLOADS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![i](javascript:alert(1))",
    "[x][a]\n\n[a]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](https://a.b){: href=\"javascript:alert(1)\" }",
    "[x](https://a.b){: onclick=\"alert(1)\" }",
    "# Tiêu đề {: onmouseover=\"alert(1)\" }",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<div markdown=\"1\" onclick=\"alert(1)\">x</div>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<svg/onload=alert(1)>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_payload_is_inert(payload: str) -> None:
    html = _render(payload)
    assert executable(html) == [], html


@pytest.mark.parametrize("text", ["<b>đậm</b>", "a & b", "*x* _y_ `z` [l](u) # h | c {: #i}",
                                  "dòng 1\ndòng 2", "\\*", "<!-- c -->"])
def test_escape_text_round_trips_as_visible_text(text: str) -> None:
    html = markdown.Markdown(extensions=["attr_list", "tables"]).convert(
        "| a |\n|---|\n| " + escape_text(text) + " |")
    cell = re.search(r"<td>(.*?)</td>", html, re.DOTALL)
    assert cell is not None
    assert html_module.unescape(cell.group(1)) == text.replace("\n", " ")
