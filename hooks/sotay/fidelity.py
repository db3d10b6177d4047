"""Stage 4: what a record states that an article can back is in the article's text.

Every source (``nguon``) keeps its article as a plain-text file beside its record, named by
its ``tep`` field (``data/nguon/bai-lai-chau-2013.txt``). This stage reads those files, and
only those, each once per build, and checks against the texts of the sources a record cites:

- a figure (``so_lieu``): its value, ``value/total`` pair and percentage, written the
  Vietnamese way (4.728; 108,1), or its ``nguyen_van`` quote;
- a person's name, an abbreviation, every date's year and day/month;
- a source's own authors and address, against its own article.

A record whose cited sources have no archived text is not checked (there is nothing to check
it against); the starter data's tests require a text for every real source. Every problem is
located at the record file, the line of the offending field and the field's name.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from . import schema
from .link import Graph
from .load import ARTICLE_SUFFIX, ARTICLE_TYPE, display_path, load_source
from .model import PartialDate, Problem, Record
from .passages import ArticleText, normalise
from .quotes import Quote, field_of, quotes, statements
from .vi import fold, format_number, nfc

# An article is a news text of a few pages; anything far larger is not one.
MAX_ARTICLE_BYTES = 2_000_000
# A number as the articles write it, standing alone: "53" in "53/49" but not "5" in "53";
# "4.728" and "108,1" are one number each.
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
# Numbers joined by slashes ("9/10", "13/8/2013"): each neighbouring pair of one- or
# two-digit numbers is a possible day/month ("13/8"; not "8/2013", not "3/8" in "113/8").
_SLASHED = re.compile(r"\d+(?:/\d+)+")
# Numbers as a message shows them: "14/13" whole, "4.728" whole.
_WRITTEN = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*")


@dataclass(frozen=True)
class Article:
    """One source's archived article: where it is and its text, in NFC like the records."""

    source_id: str
    path: str
    text: str

    @cached_property
    def numbers(self) -> frozenset[str]:
        return frozenset(_NUMBER.findall(self.text))

    @cached_property
    def day_months(self) -> frozenset[tuple[int, int]]:
        return _day_months(self.text)

    @cached_property
    def passages(self) -> ArticleText:
        return ArticleText(self.text)

    def label(self) -> str:
        """How problems name it: “bai-lai-chau-2013” (data/nguon/bai-lai-chau-2013.txt)."""
        return f"“{self.source_id}” ({self.path})"


def _day_months(text: str) -> frozenset[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for run in _SLASHED.findall(text):
        parts = run.split("/")
        pairs.update((int(d), int(m)) for d, m in zip(parts, parts[1:], strict=False)
                     if len(d) <= 2 and len(m) <= 2)
    return frozenset(pairs)


def check_fidelity(graph: Graph, data_dir: Path, root: Path | None = None) -> list[Problem]:
    """Every problem with the sources' article files and every claim they do not back."""
    return checked_articles(graph, data_dir, root)[1]


def checked_articles(graph: Graph, data_dir: Path, root: Path | None = None
                     ) -> tuple[dict[str, ArticleText], list[Problem]]:
    """The paragraphs of each source's article, by source id (those the quote check already
    split and normalised, reused), and every problem :func:`check_fidelity` finds."""
    articles = Articles(graph, data_dir, root or data_dir.parent)
    problems = articles.problems + _Claims(graph, articles).check()
    return {key: article.passages for key, article in articles.by_source.items()}, problems


class Articles:
    """The article texts of one build: each file checked and read once, then kept here."""

    def __init__(self, graph: Graph, data_dir: Path, root: Path) -> None:
        self.root = root
        self.data_dir = data_dir
        self._data_root = data_dir.resolve()
        self.by_source: dict[str, Article] = {}
        self.problems: list[Problem] = []
        claimed: dict[Path, Record] = {}  # names are bare, so one path is one file
        self._named: set[Path] = set()  # every file a tep names, read or refused
        self._folders: dict[Path, bool] = {}  # each record folder: does it lie inside data/?
        sources = sorted((r for r in graph.records.values() if r.type == ARTICLE_TYPE),
                         key=lambda r: r.path)
        for record in sources:
            if "tep" in record.values:
                self._read(record, claimed)
        self._strays(claimed, sources)

    def get(self, source_id: str) -> Article | None:
        return self.by_source.get(source_id)

    def _fail(self, record: Record, message: str) -> None:
        self.problems.append(Problem(record.path, record.lines.get("tep"), "tep", message))

    def _read(self, record: Record, claimed: dict[Path, Record]) -> None:
        name = str(record.values["tep"])
        suggested = f"{record.id}{ARTICLE_SUFFIX}"
        if not _is_bare_name(name):
            self._fail(record, f"'{name}' không phải tên một tệp nằm cạnh bản ghi: chỉ ghi tên "
                       f"tệp, không có '/', '\\', '..' hay đường dẫn (ví dụ '{suggested}')")
            return
        if not name.endswith(ARTICLE_SUFFIX):
            self._fail(record, f"tệp bài viết '{name}' phải có đuôi {ARTICLE_SUFFIX} "
                       f"(ví dụ '{suggested}')")
            return
        file = (self.root / record.path).parent / name
        shown = display_path(file, self.root)
        self._named.add(file)
        try:
            mode = os.lstat(file).st_mode  # one call: exists, symlink, regular file
        except OSError:
            self._fail(record, f"không có tệp {shown}; hãy chép bài viết vào tệp đó (cùng thư "
                       "mục với bản ghi)" + _near(name, file.parent))
            return
        if stat.S_ISLNK(mode):
            self._fail(record, f"{shown} là liên kết tượng trưng (symlink); hãy chép chính bài "
                       "viết vào tệp này")
            return
        if not stat.S_ISREG(mode) or not self._inside(file.parent):
            self._fail(record, f"{shown} không phải một tệp bài viết trong thư mục data/")
            return
        if file in claimed:
            other = claimed[file]
            self._fail(record, f"tệp {shown} đã là bài viết của nguồn '{other.id}' "
                       f"({other.path}:{other.lines.get('tep')}); mỗi bài viết một tệp riêng")
            return
        claimed[file] = record
        text = self._text(file, shown)
        if text is not None:
            self.by_source[record.id] = Article(record.id, shown, text)

    def _inside(self, folder: Path) -> bool:
        if folder not in self._folders:
            self._folders[folder] = folder.resolve().is_relative_to(self._data_root)
        return self._folders[folder]

    def _text(self, file: Path, shown: str) -> str | None:
        try:
            data = file.read_bytes()
        except OSError as err:
            self.problems.append(Problem(shown, None, None, f"không đọc được tệp bài viết "
                                 f"({err.strerror or err})"))
            return None
        if len(data) > MAX_ARTICLE_BYTES:
            self.problems.append(Problem(shown, None, None, f"tệp bài viết quá lớn "
                                 f"({len(data):,} byte, tối đa {MAX_ARTICLE_BYTES:,})"))
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            self.problems.append(Problem(shown, line, None, f"tệp bài viết không phải UTF-8 "
                                 f"(byte lỗi ở vị trí {err.start}); hãy lưu lại với mã hóa "
                                 "UTF-8"))
            return None
        text = nfc(text.lstrip("\ufeff"))
        if not text.strip():
            self.problems.append(Problem(shown, None, None, "tệp bài viết rỗng; hãy chép nội "
                                 "dung bài viết vào"))
            return None
        return text

    def _strays(self, claimed: dict[Path, Record], sources: list[Record]) -> None:
        """A text file in the sources' folder that no source names."""
        folder = self.data_dir / ARTICLE_TYPE
        if not folder.is_dir():
            return
        untexted = {r.id: r for r in sources if "tep" not in r.values}
        for file in _texts_below(folder):
            if file in self._named:
                continue
            shown = display_path(file, self.root)
            owner = untexted.get(file.stem)
            hint = (f"; có phải bản ghi {owner.path} thiếu dòng 'tep: {file.name}'?" if owner
                    else f"; ghi 'tep: {file.name}' vào bản ghi nguồn của bài, hoặc xóa tệp")
            self.problems.append(Problem(shown, None, None,
                                         "tệp bài viết không thuộc bản ghi nguồn nào" + hint))


def _is_bare_name(name: str) -> bool:
    return (bool(name) and name == name.strip() and not name.startswith(".")
            and not any(c in name for c in "/\\:")
            and not any(unicodedata.category(c).startswith("C") for c in name))


def _texts_below(folder: Path) -> list[Path]:
    """Every .txt below ``folder``, skipping hidden and ``_`` names as the loader does."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found += [Path(top, f) for f in sorted(files)
                  if f.endswith(ARTICLE_SUFFIX) and not f.startswith((".", "_"))]
    return found


def _near(name: str, folder: Path) -> str:
    if not folder.is_dir():
        return ""
    names = [p.name for p in folder.iterdir() if p.suffix == ARTICLE_SUFFIX]
    near = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (có phải '{near[0]}'?)" if near else ""


# Where each type keeps its dates: top-level fields, and fields of groups (chuc_vu[].thoi_diem).
def _date_fields(record_type: schema.RecordType) -> tuple[tuple[str, str | None], ...]:
    found: list[tuple[str, str | None]] = []
    for spec in record_type.fields:
        if spec.kind == schema.DATE:
            found.append((spec.name, None))
        elif spec.kind == schema.GROUP:
            found += [(spec.name, sub.name) for sub in spec.fields if sub.kind == schema.DATE]
    return tuple(found)


_DATES = {t.name: _date_fields(t) for t in schema.TYPES}


@dataclass
class _Claims:
    """Checks every record's claims against its cited articles; finds lines on demand."""

    graph: Graph
    articles: Articles
    problems: list[Problem] = field(default_factory=list)
    _roots: dict[str, tuple[yaml.MappingNode, int] | None] = field(default_factory=dict)
    # By the digits as typed: Decimal("79.0") == Decimal("79"), but the article writes 79,0.
    _shown: dict[str, str] = field(default_factory=dict)

    def _number(self, value: Decimal) -> str:
        typed = str(value)
        if typed not in self._shown:
            self._shown[typed] = format_number(value)
        return self._shown[typed]

    def check(self) -> list[Problem]:
        for record in self.graph.records.values():
            cited = self._cited(record)
            if not cited:
                continue
            if record.type == ARTICLE_TYPE:
                self._source(record, cited[0])
            self._figures(record, cited)
            if record.type == "nhan-vat":
                self._text(record, cited, ("tieu_de",), record.title, "tên người")
            if record.type == "viet-tat" and "viet_tat" in record.values:
                self._text(record, cited, ("viet_tat",), str(record.values["viet_tat"]),
                           "chữ viết tắt")
            self._dates(record, cited)
            self._quotes(record, cited)
        return self.problems

    def _quotes(self, record: Record, cited: list[Article]) -> None:
        """Every quote is in a cited article and holds what its statement says."""
        found = quotes(record)
        if not found:
            return
        known = {s.key for s in statements(record)}
        for quote in found:
            if quote.statement not in known and field_of(quote.statement) not in record.values:
                choices = ", ".join(sorted(known)) or "không có"
                self._report(record, quote.where[:-1] + ("truong",),
                             f"bản ghi không có trường '{quote.statement}' để trích; các mục "
                             f"có thể trích: {choices}")
                continue
            articles = cited
            if quote.source is not None:
                articles = [a for a in cited if a.source_id == quote.source]
                if not articles:
                    self._report(record, quote.where[:-1] + ("nguon",),
                                 f"'{quote.source}' không phải nguồn của bản ghi này; ghi một "
                                 "mã trong trường nguon của bản ghi")
                    continue
            if not any(a.passages.find(quote.text) for a in articles):
                self._not_quoted(record, quote, articles)
                continue
            problem = _content_problem(record, quote)
            if problem is not None:
                self._report(record, quote.where, problem)

    def _not_quoted(self, record: Record, quote: Quote, articles: list[Article]) -> None:
        sources = " hay ".join(a.label() for a in articles)
        message = f"câu trích “{quote.text}” không có nguyên văn trong bài viết nguồn {sources}"
        near = [(a, a.passages.closest(quote.text)) for a in articles]
        found = [(a, n) for a, n in near if n is not None]
        if found:
            article, (number, text) = found[0]
            message += f"; đoạn gần nhất (đoạn {number} của {article.source_id}): “{text}”"
        self._report(record, quote.where, message + "; chép đúng từng chữ của bài viết")

    def _cited(self, record: Record) -> list[Article]:
        """The articles a record rests on: its own for a source, else those it cites."""
        if record.type == ARTICLE_TYPE:
            own = self.articles.get(record.id)
            return [own] if own else []
        found = [self.articles.get(ref.target) for ref in record.get("nguon", ())]
        return list(dict.fromkeys(a for a in found if a is not None))

    def _report(self, record: Record, where: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(record.path, self._line(record, where),
                                     _field_name(where), message))

    def _missing(self, record: Record, where: tuple[str | int, ...], what: str,
                 cited: list[Article], hint: str = "") -> None:
        sources = " hay ".join(a.label() for a in cited)
        self._report(record, where, f"{what} không có trong bài viết nguồn {sources}{hint}")

    def _source(self, record: Record, article: Article) -> None:
        for index, author in enumerate(record.get("tac_gia", ()), start=1):
            if author not in article.text:
                self._missing(record, ("tac_gia", index), f"tác giả “{author}”", [article],
                              "; ghi tên đúng như bài viết")
        url = record.get("url")
        if url and url not in article.text:
            self._missing(record, ("url",), f"địa chỉ “{url}”", [article],
                          "; chép địa chỉ đúng như bài viết ghi")

    def _text(self, record: Record, cited: list[Article], where: tuple[str | int, ...],
              value: str, what: str) -> None:
        if not any(value in a.text for a in cited):
            self._missing(record, where, f"{what} “{value}”", cited,
                          "; ghi đúng như bài viết, hoặc trích thêm nguồn nêu điều này")

    def _figures(self, record: Record, cited: list[Article]) -> None:
        for index, item in enumerate(record.get("so_lieu", ()), start=1):
            problem = _wording_problem(item)
            if problem is not None:
                self._report(record, ("so_lieu", index, "gia_tri"), problem)
            if item.get("trich"):
                continue  # its quote is checked against the figure instead (_quotes)
            quoted = item.get("nguyen_van")
            if quoted is not None:
                if not any(quoted in a.text for a in cited):
                    self._missing(record, ("so_lieu", index, "nguyen_van"),
                                  f"nguyên văn “{quoted}”", cited,
                                  "; chép câu chữ đúng như bài viết")
                continue
            for name in ("gia_tri", "ty_le"):
                value = item.get(name)
                if isinstance(value, Decimal):
                    shown = self._number(value)
                    if not any(shown in a.numbers for a in cited):
                        self._missing(record, ("so_lieu", index, name), f"số {shown}", cited,
                                      "; ghi đúng con số bài viết nêu (bài ghi 4.728 thì gõ "
                                      "4728, bài ghi 108,1 thì gõ 108.1)")
            total = item.get("tren")
            if isinstance(total, Decimal) and isinstance(item.get("gia_tri"), Decimal):
                pair = f"{self._number(item['gia_tri'])}/{self._number(total)}"
                if not any(pair in a.text for a in cited):
                    self._missing(record, ("so_lieu", index, "tren"), f"“{pair}”", cited,
                                  "; gia_tri và tren phải là hai số bài viết ghi dạng a/b")

    def _dates(self, record: Record, cited: list[Article]) -> None:
        for where, date in _dates_of(record):
            if date.inferred is not None and not date.inferred.strip():
                self._report(record, where, "năm được suy ra nhưng suy_luan để trống; ghi vì "
                             "sao biết năm")
            if date.quote:
                continue  # its quote is checked against the date instead (_quotes)
            if not any(str(date.year) in a.text for a in cited):
                self._missing(record, where, f"năm {date.year}", cited,
                              "; nếu năm được suy ra, vẫn cần bài viết nêu năm đó")
            if date.day and date.month and not any(
                    (date.day, date.month) in a.day_months for a in cited):
                self._missing(record, where, f"ngày {date.day}/{date.month}", cited,
                              "; ghi đúng ngày, tháng bài viết nêu")

    def _line(self, record: Record, where: tuple[str | int, ...]) -> int | None:
        """The line of the field ``where`` names; nested fields are found by reading the file
        again, which happens only for a record with a problem."""
        top = record.lines.get(str(where[0]))
        if len(where) == 1:
            return top
        if record.path not in self._roots:
            file = self.articles.root / record.path
            source, _ = load_source(file, record.path, record.type)
            self._roots[record.path] = (source.root, source.line_offset) if source else None
        parsed = self._roots[record.path]
        if parsed is None:
            return top
        node, offset = parsed
        line = top
        current: yaml.Node = node
        for part in where:
            found = _child(current, part)
            if found is None:
                break
            marker, current = found
            line = marker.start_mark.line + 1 + offset
        return line


def _content_problem(record: Record, quote: Quote) -> str | None:
    """What a found quote fails to hold of its statement: a figure's numbers, a date, a
    position's wording or a recognition's title."""
    item, date = _statement_value(record, quote.statement)
    text = normalise(quote.text)
    if isinstance(date, PartialDate):
        return _date_problem(date, text)
    if not isinstance(item, dict):
        return None
    if "chi_tieu" in item:
        return _figure_problem(item, text)
    for name, what in (("chuc_vu", "chức vụ"), ("danh_hieu", "danh hiệu")):
        if name in item and fold(str(item[name])) not in fold(text):
            return (f"câu trích không nêu {what} “{item[name]}”; trích câu có {what} đúng như "
                    "bài viết ghi, hoặc sửa trường cho khớp với bài viết")
    return None


def _statement_value(record: Record, key: str) -> tuple[Any, Any]:
    """The group item and the date a statement key names (either may be None)."""
    name, _, rest = key.partition("[")
    value: Any = record.values.get(name)
    if not rest:
        return None, value
    index, _, sub = rest.partition("]")
    items = value if isinstance(value, tuple) else ()
    item = items[int(index) - 1] if index.isdigit() and 0 < int(index) <= len(items) else None
    if sub.startswith(".") and isinstance(item, dict):
        return item, item.get(sub[1:])
    return item, None


def _wording_problem(item: dict[str, Any]) -> str | None:
    """A figure whose value is none of the numbers its own wording (``nguyen_van``) says."""
    wording, value = item.get("nguyen_van"), item.get("gia_tri")
    if wording is None or not isinstance(value, Decimal):
        return None
    said = spoken_values(str(wording))
    if value in said:
        return None
    shown = ", ".join(format_number(n) for n in sorted(said)) or "không có số nào"
    return (f"giá trị {format_number(value)} không phải con số phần nguyên văn “{wording}” nêu "
            f"(đọc được: {shown}); ghi đúng con số bài viết nêu (bài ghi 1 tỷ 756 triệu thì "
            "gõ 1756000000)")


def spoken_values(text: str) -> set[Decimal]:
    """Every number a Vietnamese wording states: “01” is 1, “4.728” is 4728, “108,1” is
    108.1, and “1 tỷ 756 triệu” is 1756000000 (as is each of its parts)."""
    values: set[Decimal] = set()
    total: Decimal | None = None
    last_scale: Decimal | None = None
    for match in _SPOKEN.finditer(text):
        number = Decimal(match["number"].replace(".", "").replace(",", "."))
        values.add(number)
        scale = _SCALES.get((match["scale"] or "").casefold())
        if scale is None:
            total = last_scale = None
            continue
        joins = total is not None and last_scale is not None and scale < last_scale
        total = (total if joins and total is not None else Decimal(0)) + number * scale
        last_scale = scale
        values.add(total)
    return values


_SCALES = {"tỷ": Decimal(10) ** 9, "tỉ": Decimal(10) ** 9, "triệu": Decimal(10) ** 6,
           "nghìn": Decimal(1000), "ngàn": Decimal(1000)}
_SPOKEN = re.compile(r"(?<![\d.,])(?P<number>\d+(?:\.\d{3})*(?:,\d+)?)(?![\d])"
                     r"(?:\s+(?P<scale>tỷ|tỉ|triệu|nghìn|ngàn)\b)?", re.IGNORECASE)


def _figure_problem(item: dict[str, Any], text: str) -> str | None:
    numbers = set(_NUMBER.findall(text))
    wording = item.get("nguyen_van")
    wanted: list[str] = []
    if wording is not None:
        if normalise(str(wording)) not in text:
            return (f"câu trích không chứa phần nguyên văn “{wording}”; hai trường phải khớp "
                    "nhau")
    elif isinstance(item.get("gia_tri"), Decimal):
        wanted.append(format_number(item["gia_tri"]))
    if isinstance(item.get("ty_le"), Decimal):
        wanted.append(format_number(item["ty_le"]))
    missing = [n for n in wanted if n not in numbers]
    total = item.get("tren")
    if isinstance(total, Decimal) and isinstance(item.get("gia_tri"), Decimal):
        pair = f"{format_number(item['gia_tri'])}/{format_number(total)}"
        if pair not in text:
            missing.append(pair)
    if not missing:
        return None
    shown = ", ".join(dict.fromkeys(_WRITTEN.findall(text))) or "không có số nào"
    return (f"số liệu không khớp câu trích: câu không có {', '.join(missing)} (trong câu có: "
            f"{shown}); sửa con số theo bài viết (bài ghi 4.728 thì gõ 4728, 108,1 thì gõ 108.1)"
            " hoặc trích đúng câu nêu con số")


def _date_problem(date: PartialDate, text: str) -> str | None:
    numbers = set(_NUMBER.findall(text))
    if date.day and date.month:
        if (date.day, date.month) not in _day_months(text):
            return f"câu trích không nêu ngày {date.day}/{date.month}"
    elif date.month and str(date.month) not in numbers:
        return f"câu trích không nêu tháng {date.month}"
    if date.inferred is None and str(date.year) not in numbers:
        return (f"câu trích không nêu năm {date.year}; nếu năm được suy ra, ghi thêm suy_luan "
                "(vì sao biết năm)")
    return None


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """For a key, its key node (the line problems name) and value; for an index, the item."""
    if isinstance(part, int) and isinstance(node, yaml.SequenceNode):
        return (node.value[part - 1],) * 2 if 0 < part <= len(node.value) else None
    if isinstance(part, str) and isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                return key, value
    return None


def _dates_of(record: Record) -> Iterator[tuple[tuple[str | int, ...], PartialDate]]:
    for name, sub in _DATES.get(record.type, ()):
        value: Any = record.values.get(name)
        if sub is None:
            if isinstance(value, PartialDate):
                yield (name,), value
            continue
        for index, item in enumerate(value or (), start=1):
            date = item.get(sub) if isinstance(item, dict) else None
            if isinstance(date, PartialDate):
                yield (name, index, sub), date


def _field_name(where: tuple[str | int, ...]) -> str:
    """``("so_lieu", 2, "gia_tri")`` as validate.py names it: ``so_lieu[2].gia_tri``."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
