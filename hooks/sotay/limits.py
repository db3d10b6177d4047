"""Limits on what a record file may hold, and the characters its values may carry.

Every limit is checked as early as it can be: size and line length on the bytes, a cheap
over-estimate of nesting on the text before any YAML parser sees it (libyaml recurses and a
file of 100,000 ``[`` crashed it), exact depth and list length on the composed nodes, and
Markdown's shape before Python-Markdown, which is quadratic in unclosed ``[``.

| limit | value | why |
| --- | --- | --- |
| file size | 1 MiB | the longest starter record is 6 KB; a record is not an archive |
| line length | 20,000 characters | a paragraph on one line; longer is a pasted blob |
| nesting depth | 12 levels | the schema needs 4 (record → so_lieu → item → value) |
| list length | 2,000 items | a record's list of references or figures |
| Markdown field | 50,000 characters | a long article section is ~10,000 |
| unclosed ``[`` in Markdown | 32 deep | real text never nests links; 2,000 took 0.7 s to convert |
| id length | 80 characters | see ``MAX_ID_LENGTH`` |
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

MAX_FILE_BYTES = 1024 * 1024
MAX_LINE_CHARS = 20_000
MAX_DEPTH = 12
MAX_LIST_ITEMS = 2_000
MAX_MARKDOWN_CHARS = 50_000
MAX_OPEN_BRACKETS = 32
# The longest generated path is ``data/records/<type>/<id>.json`` (type up to 9 letters, so
# 28 characters beside the id) or ``ds/<type>-<id>-NN.html``. With 80 characters an id gives
# paths of at most 108 characters: that leaves 150 of Windows' 260 (MAX_PATH) for the folder
# a cadre unzips the handbook into (C:\Users\<name>\Downloads\so-tay-dan-van-YYYY-MM-DD\…),
# and every file name stays far below the 255 bytes of ext4, NTFS, APFS and FAT32.
MAX_ID_LENGTH = 80
# Windows refuses these as file names, with any extension, in any letter case.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", "clock$", "conin$", "conout$"}
                             | {f"{d}{n}" for d in ("com", "lpt") for n in "0123456789¹²³"})
# Names the build writes into every type folder; a record there would be replaced.
GENERATED_NAMES = frozenset({"index"})
# Deeper than this in the raw text is refused before parsing (an over-estimate of depth).
_PRESCAN_DEPTH = 1000  # libyaml crashed between 20,000 and 100,000 here

# Characters no value may hold, by class (CONTRIBUTING.md lists the same table).
_CLASSES = (
    ("ký tự điều khiển", re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")),
    ("ký tự đổi chiều chữ (bidi)", re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")),
    ("ký tự vô hình (độ rộng 0)", re.compile(r"[\u180e\u200b-\u200d\u2060-\u2064\ufeff\u00ad]")),
    ("dấu xuống dòng đặc biệt", re.compile(r"[\u2028\u2029\x85]")),
)
_NEWLINE_OR_TAB = re.compile(r"[\n\t]")
_ANY_REFUSED = re.compile("|".join(p.pattern for _, p in _CLASSES))
_ANY_REFUSED_ONE_LINE = re.compile(_ANY_REFUSED.pattern + r"|[\n\t]")
# Indentation and list dashes at the start of every line: an over-estimate of block depth.
_LINE_PREFIX = re.compile(r"(?m)^[ -]*")


def _n(count: int) -> str:
    """A count the Vietnamese way: 1.048.576."""
    return f"{count:,}".replace(",", ".")


@dataclass(frozen=True)
class Exceeded:
    """A limit the text went past: which, where (1-based line, or None) and the figures."""

    message: str
    line: int | None = None


def before_parse(data: bytes | str) -> Exceeded | None:
    """Size, line length and a nesting over-estimate, checked on the raw file."""
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_FILE_BYTES:
        return Exceeded(f"tệp lớn {_n(size)} byte, quá giới hạn {_n(MAX_FILE_BYTES)} byte "
                        "của một bản ghi; hãy tách nội dung")
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    lines = text.split("\n")
    if max(map(len, lines)) <= MAX_LINE_CHARS and (
            text.count("[") + text.count("{")
            + max(map(len, _LINE_PREFIX.findall(text)), default=0)) <= _PRESCAN_DEPTH:
        return None  # the common case, decided without a loop in Python
    depth = 0
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            return Exceeded(f"dòng dài {_n(len(line))} ký tự, quá giới hạn {_n(MAX_LINE_CHARS)} "
                            "ký tự; hãy xuống dòng giữa các đoạn", number)
        depth = max(0, depth + line.count("[") + line.count("{")
                    - line.count("]") - line.count("}"))
        if depth + len(_LINE_PREFIX.match(line).group()) > _PRESCAN_DEPTH:  # type: ignore[union-attr]
            return Exceeded(f"cấu trúc lồng quá sâu (quá {MAX_DEPTH} cấp danh sách, bảng "
                            "lồng nhau); hãy viết phẳng hơn", number)
    return None


def in_tree(root: yaml.Node, offset: int = 0) -> Exceeded | None:
    """Exact nesting depth and list length of a composed YAML tree."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + 1 + offset
        if depth > MAX_DEPTH:
            return Exceeded(f"cấu trúc lồng {depth} cấp, quá giới hạn {MAX_DEPTH} cấp; "
                            "hãy viết phẳng hơn", line)
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) > MAX_LIST_ITEMS:
                return Exceeded(f"danh sách có {_n(len(node.value))} mục, quá giới hạn "
                                f"{_n(MAX_LIST_ITEMS)} mục", line)
            stack.extend((child, depth + 1) for child in node.value
                         if not isinstance(child, yaml.ScalarNode))
        elif isinstance(node, yaml.MappingNode):
            if len(node.value) > MAX_LIST_ITEMS:
                return Exceeded(f"bảng có {_n(len(node.value))} trường, quá giới hạn "
                                f"{_n(MAX_LIST_ITEMS)}", line)
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    stack.append((key, depth + 1))
                if not isinstance(value, yaml.ScalarNode):
                    stack.append((value, depth + 1))
    return None


def refused_character(text: str, multiline: bool) -> tuple[str, int] | None:
    """The class name and index of the first character ``text`` may not hold.

    Every value refuses control, bidi, zero-width and odd line-break characters; a one-line
    value refuses newline and tab too, a Markdown value keeps them.
    """
    if (_ANY_REFUSED if multiline else _ANY_REFUSED_ONE_LINE).search(text) is None:
        return None
    found: tuple[str, int] | None = None
    classes = _CLASSES if multiline else (*_CLASSES, ("xuống dòng hoặc Tab", _NEWLINE_OR_TAB))
    for name, pattern in classes:
        match = pattern.search(text)
        if match and (found is None or match.start() < found[1]):
            found = (name, match.start())
    return found


def character_problem(text: str, multiline: bool) -> str | None:
    """A Vietnamese message for the first refused character of ``text``, or None."""
    found = refused_character(text, multiline)
    if found is None:
        return None
    name, index = found
    char = text[index]
    label = unicodedata.name(char, "")
    near = text[max(0, index - 12):index]
    return (f"có {name} U+{ord(char):04X}{' (' + label + ')' if label else ''} sau “{near}”; "
            "hãy xóa nó (thường do chép từ Word hay trang web) rồi gõ lại đoạn đó")


def markdown_problem(text: str) -> str | None:
    """Why a Markdown value would be too slow to convert, or None."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return (f"đoạn Markdown dài {_n(len(text))} ký tự, quá giới hạn {_n(MAX_MARKDOWN_CHARS)}; "
                "hãy tách thành nhiều trường hoặc tóm tắt")
    if text.count("[") <= MAX_OPEN_BRACKETS:
        return None
    depth = deepest = 0
    for char in text:
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    if deepest > MAX_OPEN_BRACKETS:
        return (f"có {deepest} dấu '[' mở chưa đóng liền nhau, quá giới hạn {MAX_OPEN_BRACKETS}; "
                "liên kết Markdown là [chữ](địa chỉ), mỗi '[' cần một ']'")
    return None


def id_problem(value: str) -> str | None:
    """Why ``value`` (already a lowercase slug) cannot name a record's files, or None."""
    if len(value) > MAX_ID_LENGTH:
        return (f"mã dài {len(value)} ký tự, quá giới hạn {MAX_ID_LENGTH} (để đường dẫn tệp "
                "dùng được trên Windows khi giải nén); hãy rút gọn")
    if value.split(".")[0] in WINDOWS_RESERVED:
        return f"mã '{value}' là tên thiết bị mà Windows không cho đặt làm tên tệp; hãy chọn mã khác"
    if value in GENERATED_NAMES:
        return (f"mã '{value}' trùng tên trang mục lục mà bộ dựng tạo ra ({value}.html); "
                "hãy chọn mã khác")
    return None
