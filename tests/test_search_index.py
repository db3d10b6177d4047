"""The offline search index: words, folding, document numbers, abbreviations, shards, bytes."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from sotay import search_index
from sotay.search_index import (
    Document,
    Section,
    build_search_files,
    page_document,
    page_sections,
    tokens,
    words,
    write_search_files,
)

_CALL = re.compile(r'^__sotaySearch\("(\w+)",(.*?),(.*)\);\n$', re.DOTALL)


@pytest.mark.parametrize(("text", "expected"), [
    ("“Dân vận khéo”", ["dân", "vận", "khéo"]),
    ("«Lũng Thầu»", ["lũng", "thầu"]),
    ("‘Tổ dân vận’ bản,tổ dân phố", ["tổ", "dân", "vận", "bản", "tổ", "dân", "phố"]),
    ("Kết luận 865-TB/TU", ["kết", "luận", "865", "tb", "tu"]),
    ("06-ĐA/TU", ["06", "đa", "tu"]),
    ("snake_case x", ["snake", "case", "x"]),
    (unicodedata.normalize("NFD", "Nghị quyết"), ["nghị", "quyết"]),
    ("", []),
])
def test_words_are_letters_and_digits_lowercase_nfc(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(("word", "folded"), [
    ("dân", "dan"), ("vận", "van"), ("khéo", "kheo"), ("lũng", "lung"), ("thầu", "thau"),
    ("đa", "da"), ("nghị", "nghi"), ("quyết", "quyet"), ("ưu", "uu"), ("865", "865"),
])
def test_fold_strips_diacritics_and_d_stroke(word: str, folded: str) -> None:
    assert search_index.fold(word) == folded


@pytest.mark.parametrize(("word", "folded"), [
    ("06", "6"), ("006", "6"), ("0", "0"), ("2016", "2016"), ("a06", "a6"), ("100", "100"),
])
def test_numbers_fold_without_leading_zeros(word: str, folded: str) -> None:
    assert search_index.fold(word) == folded


@pytest.mark.parametrize(("new", "old"), [
    ("hoà", "hòa"), ("hoá", "hóa"), ("khoẻ", "khỏe"), ("uỷ", "ủy"), ("thuỷ", "thủy"),
    ("hòa", "hòa"), ("ủy", "ủy"), ("quý", "quý"), ("quỷ", "quỷ"), ("hoàng", "hoàng"),
    ("thuyền", "thuyền"), ("mùa", "mùa"), ("dân", "dân"),
])
def test_tone_placement_is_stored_one_way(new: str, old: str) -> None:
    assert search_index.variant(new) == old
    assert words(new.upper()) == [old]
    assert unicodedata.is_normalized("NFC", search_index.variant(new))


def test_new_and_old_tone_placement_share_a_variant() -> None:
    files = build_search_files([_doc("x.html", "Uỷ ban hoà giải"), _doc("y.html", "Ủy ban hòa giải")])
    assert set(_hits(files, "uy")) == {"ủy"} and set(_hits(files, "hoa")) == {"hòa"}
    assert set(_hits(files, "uy")["ủy"]) == {"x.html", "y.html"}


def test_manifest_carries_the_engine_parameters_and_vocab() -> None:
    files = build_search_files(DOCS, PAIRS)
    manifest = _calls(files)["search/manifest.js"][2]
    assert isinstance(manifest, dict) and manifest["params"] == search_index.PARAMS
    assert manifest["params"]["max_key"] == search_index.MAX_KEY
    kind, _, vocab = _calls(files)["search/vocab.js"]
    assert kind == "v" and isinstance(vocab, list) and vocab == sorted(vocab)
    assert {"thuc", "hien", "luan", "tinh", "qcdc"} <= set(vocab)
    assert all(w.isalpha() and w.isascii() and len(w) >= 4 for w in vocab)
    assert "ket" not in vocab and "865tbtu" not in vocab


@pytest.mark.parametrize(("text", "joined"), [
    ("Kết luận 865-TB/TU ngày", [("865tbtu", "865tbtu")]),
    ("Đề án 06-ĐA/TU", [("6datu", "06đatu")]),  # leading zeros dropped from the key
    ("Nghị quyết 25-NQ/TW.", [("25nqtw", "25nqtw")]),
    ("25 NQ TW", []),  # spaces separate: the client joins the typed words itself
    ("TB/TU", []),  # no digit, not a number
    ("1.234 hộ", [("1234", "1234")]),
])
def test_document_numbers_get_a_joined_token(text: str, joined: list[tuple[str, str]]) -> None:
    assert [(t.folded, t.variant) for t in tokens(text) if t.joined] == joined


def test_joined_token_sits_at_its_first_part() -> None:
    found = tokens("Kết luận 865-TB/TU")
    assert [t.pos for t in found if t.joined] == [2]
    assert [(t.pos, t.folded) for t in found if not t.joined] == [
        (0, "ket"), (1, "luan"), (2, "865"), (3, "tb"), (4, "tu")]


_PAGE = """
<h1 id="x">Tiêu đề<a class="headerlink" href="#x">¶</a></h1>
<p class="sotay-kind">Mô hình · Lai Châu</p>
<table><tr><td>Địa bàn</td><td>Lai Châu</td></tr></table>
<p>Tổ dân vận &amp; “hòa giải” <script>alert(1)</script>ở bản.</p>
<h2 id="ket-qua">Kết quả<a class="headerlink" href="#ket-qua">¶</a></h2>
<p>Giải quyết <strong>40</strong> vụ việc.</p>
<h2 id="duoc-nhac-den">Được nhắc đến trong…</h2>
<ul><li><a href="../x.html">Một bản ghi khác</a></li></ul>
"""


def test_page_sections_split_at_headings_and_skip_noise() -> None:
    sections, snippet = page_sections(_PAGE)
    assert [(s.anchor, s.heading) for s in sections] == [("", ""), ("ket-qua", "Kết quả")]
    assert "Tiêu đề" not in sections[0].text and "¶" not in sections[0].text
    assert "alert" not in sections[0].text
    assert "Địa bàn Lai Châu" in sections[0].text
    assert sections[1].text == "Giải quyết 40 vụ việc."
    assert snippet == "Tổ dân vận & “hòa giải” ở bản."
    assert "Một bản ghi khác" not in " ".join(s.text for s in sections)


def test_inline_tags_do_not_split_words_or_numbers() -> None:
    sections, snippet = page_sections(
        '<p>Đề án 06-ĐA/<abbr title="Tỉnh ủy">TU</abbr> của <a href="x.html">Tỉnh ủy</a>.</p>'
        "<ul><li>một</li><li>hai</li></ul>")
    assert snippet == "Đề án 06-ĐA/TU của Tỉnh ủy."
    assert "6datu" in [t.folded for t in tokens(sections[0].text) if t.joined]
    assert "một hai" in sections[0].text


def test_without_a_paragraph_the_kind_line_is_the_snippet() -> None:
    _, snippet = page_sections('<p class="sotay-kind">Địa danh · Tỉnh Hà Giang</p>'
                               "<table><tr><td>Cấp</td><td>Thôn</td></tr></table>")
    assert snippet == "Địa danh · Tỉnh Hà Giang"


def test_long_snippet_is_cut_at_a_word() -> None:
    _, snippet = page_sections("<p>" + "dân vận " * 60 + "</p>")
    assert snippet.endswith("…") and len(snippet) <= search_index.SNIPPET + 1
    assert snippet[:-1].split()[-1] in ("dân", "vận")


def test_listing_page_keeps_title_and_headings_only() -> None:
    doc = page_document(_PAGE, "mo-hinh/index.html", "Mô hình", listing=True)
    assert doc.kind == "Danh mục"
    assert [s.heading for s in doc.sections] == ["", "Kết quả"]
    assert all(s.text == "" for s in doc.sections)


# -- the built files ------------------------------------------------------------------------------
def _calls(files: dict[str, bytes]) -> dict[str, tuple[str, object, object]]:
    parsed = {}
    for path, content in files.items():
        match = _CALL.match(content.decode("utf-8"))
        assert match, path
        parsed[path] = (match.group(1), json.loads(match.group(2)), json.loads(match.group(3)))
    return parsed


def _index(files: dict[str, bytes]) -> tuple[dict[str, dict[str, list[int]]], list[list[object]]]:
    """All terms (folded → variant → postings) and all metadata rows, from the files."""
    terms: dict[str, dict[str, list[int]]] = {}
    rows: dict[int, list[list[object]]] = {}
    for kind, key, data in _calls(files).values():
        if kind == "t":
            assert isinstance(data, dict)
            for term in data:
                assert term not in terms
                assert term.startswith(str(key))
            terms.update(data)
        elif kind == "m":
            assert isinstance(key, int) and isinstance(data, list)
            rows[key] = data
    return terms, [row for block in sorted(rows) for row in rows[block]]


def _hits(files: dict[str, bytes], folded: str) -> dict[str, dict[str, tuple[int, int]]]:
    """variant → url → (cls, pos) for one folded term."""
    terms, rows = _index(files)
    result: dict[str, dict[str, tuple[int, int]]] = {}
    for variant, postings in terms.get(folded, {}).items():
        doc = 0
        for i in range(0, len(postings), 2):
            doc += postings[i]
            value = postings[i + 1]
            result.setdefault(variant, {})[str(rows[doc][0])] = (value % 4, value // 4)
    return result


def _doc(url: str, title: str, *texts: str, heading: str = "") -> Document:
    sections = [Section("", "", texts[0] if texts else "")]
    if heading:
        sections.append(Section("muc", heading, " ".join(texts[1:])))
    return Document(url, title, "Mô hình", tuple(sections), "tóm tắt")


DOCS = [
    _doc("a.html", "Tổ dân vận bản", "Thực hiện Kết luận 865-TB/TU của Tỉnh ủy."),
    _doc("b.html", "Dẫn văn bản", "Sổ tay dân vận", heading="Kết quả", ),
    _doc("c.html", "Quy chế dân chủ ở cơ sở", "Tổng kết thực hiện."),
    _doc("d.html", "Hội nghị QCDC", "Bàn việc thôn."),
]
PAIRS = [("QCDC", "Quy chế dân chủ ở cơ sở")]


def test_variants_keep_their_diacritics_under_one_folded_term() -> None:
    hits = _hits(build_search_files(DOCS, PAIRS), "dan")
    assert set(hits) == {"dân", "dẫn"}
    assert hits["dẫn"] == {"b.html": (3, 0)}  # title, first word
    assert hits["dân"]["a.html"] == (3, 1)
    assert hits["dân"]["b.html"] == (0, 0)  # body of the first section


def test_heading_words_point_at_their_section() -> None:
    hits = _hits(build_search_files(DOCS, PAIRS), "ket")
    assert hits["kết"]["b.html"] == (2, 1)  # heading of section 1
    assert hits["kết"]["a.html"] == (0, 0)


def test_body_word_met_three_times_is_marked_often() -> None:
    files = build_search_files([_doc("x.html", "Tiêu đề", "hòa giải, hòa giải và hòa giải")])
    assert _hits(files, "hoa")["hòa"]["x.html"] == (1, 0)


def test_document_number_found_by_parts_and_joined() -> None:
    files = build_search_files(DOCS, PAIRS)
    assert "a.html" in _hits(files, "865tbtu")["865tbtu"]
    assert "a.html" in _hits(files, "865")["865"]
    assert "a.html" in _hits(files, "tb")["tb"]


def test_abbreviation_and_expansion_find_each_other() -> None:
    files = build_search_files(DOCS, PAIRS)
    assert _hits(files, "qcdc")["qcdc"] == {"c.html": (3, 0), "d.html": (3, 2)}
    for word, variant in (("quy", "quy"), ("che", "chế"), ("dan", "dân"), ("co", "cơ")):
        assert _hits(files, word)[variant]["d.html"] == (3, 2), word


def test_no_abbreviations_no_expansion() -> None:
    files = build_search_files(DOCS)
    assert _hits(files, "qcdc")["qcdc"] == {"d.html": (3, 2)}


def test_other_names_count_as_title_but_never_next_to_it() -> None:
    doc = Document("x.html", "Tổ tự quản", "Mô hình", (Section("", "", ""),), "", ("Tổ an ninh",))
    hits = _hits(build_search_files([doc]), "ninh")
    assert hits["ninh"]["x.html"] == (3, search_index.ALIAS_STRIDE + 2)


def test_metadata_rows_shorter_titles_first() -> None:
    _, rows = _index(build_search_files(DOCS, PAIRS))
    assert [row[0] for row in rows] == ["b.html", "d.html", "a.html", "c.html"]
    assert rows[0] == ["b.html", "Dẫn văn bản", "Mô hình", "tóm tắt", [["muc", "Kết quả"]]]


def test_manifest_lists_every_shard_and_block() -> None:
    files = build_search_files(DOCS, PAIRS)
    kind, _, manifest = _calls(files)["search/manifest.js"]
    assert kind == "manifest" and isinstance(manifest, dict)
    shard_files = {p for p in files if p.startswith("search/t-")}
    assert {f"search/t-{k}.js" for k in manifest["keys"]} == shard_files
    assert manifest["docs"] == len(DOCS)
    assert manifest["blocks"] == 1 and "search/m-0.js" in files


def test_big_shards_split_and_every_term_has_one_longest_key(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "SHARD_LIMIT", 200)
    text = " ".join(f"than{c} tha thanh thi{c}" for c in "abcdefghijklmnop")
    files = build_search_files([_doc("x.html", "Thử", text)])
    keys = _calls(files)["search/manifest.js"][2]["keys"]  # type: ignore[index]
    assert any(len(k) > 2 for k in keys)
    terms, _ = _index(files)
    for kind, key, data in _calls(files).values():
        if kind != "t":
            continue
        for term in data:  # type: ignore[union-attr]
            longest = max((k for k in keys if term.startswith(k)), key=len)
            assert longest == key, (term, key)
    assert {"tha", "thanh", "thana", "thia"} <= set(terms)


def test_non_ascii_shard_keys_are_spelt_in_hex() -> None:
    files = build_search_files([_doc("x.html", "Москва 北京")])
    assert "search/t-_d0bcd0be.js" in files  # "мо"
    assert "search/t-_e58c97e4baac.js" in files  # "北京"


def test_output_is_byte_identical_whatever_the_input_order() -> None:
    first = build_search_files(DOCS, PAIRS)
    second = build_search_files(list(reversed(DOCS)), list(reversed(PAIRS)))
    assert first == second
    assert list(first) == sorted(first)


def test_write_search_files_drops_stale_shards(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "t-zz.js").write_text("old")
    files = build_search_files(DOCS, PAIRS)
    write_search_files(tmp_path, files)
    assert not (tmp_path / "search" / "t-zz.js").exists()
    assert (tmp_path / "search" / "manifest.js").read_bytes() == files["search/manifest.js"]


def test_skipped_sections_are_left_out_wherever_they_stand() -> None:
    html = ('<p>Mở đầu</p><h2 id="tai-dia-ban">Tại địa bàn</h2><p>bỏ một</p>'
            '<h2 id="ket-qua">Kết quả</h2><p>giữ lại</p>'
            '<h2 id="duoc-nhac-den">Được nhắc đến</h2><p>bỏ hai</p>'
            '<h2 id="trich-dan">Trích dẫn</h2><p>bỏ ba</p>')
    sections, _ = page_sections(html)
    assert [(s.anchor, s.text) for s in sections] == [("", "Mở đầu"), ("ket-qua", "giữ lại")]


# -- titles as typed ------------------------------------------------------------------------------
_ODD_TITLE = 'Hỏi & đáp: "Dân vận khéo" <b>đậm</b>'
# What the theme gets as page.title: the front matter title, HTML-escaped once.
_ODD_TITLE_HTML = "Hỏi &amp; đáp: &quot;Dân vận khéo&quot; &lt;b&gt;đậm&lt;/b&gt;"


def test_record_title_is_kept_exactly_as_typed() -> None:
    from sotay.model import Record

    record = Record("mo-hinh", "hoi-dap", _ODD_TITLE, "data/mo-hinh/hoi-dap.yaml",
                    {"tieu_de": _ODD_TITLE}, {})
    doc = page_document(_PAGE, "mo-hinh/hoi-dap.html", _ODD_TITLE_HTML, record)
    assert doc.title == _ODD_TITLE
    _, rows = _index(build_search_files([doc]))
    assert rows[0][1] == _ODD_TITLE
    terms, _ = _index(build_search_files([doc]))
    assert not {"amp", "quot", "lt", "gt"} & terms.keys()


@pytest.mark.parametrize(("page_title", "expected"), [
    (_ODD_TITLE_HTML, _ODD_TITLE),
    ("Tìm &amp; đọc <em>nhanh</em>", "Tìm & đọc nhanh"),  # a heading's markup is not text
    ("Điển hình “Dân vận khéo”", "Điển hình “Dân vận khéo”"),
    ("A &#38; B &#x26; C", "A & B & C"),
])
def test_page_titles_are_plain_text_decoded_once(page_title: str, expected: str) -> None:
    doc = page_document(_PAGE, "huong-dan/x.html", page_title)
    assert doc.title == expected
