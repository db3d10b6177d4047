"""Stage 1: read every record file under ``data/`` into YAML nodes with line numbers.

Nothing here interprets values: scalars stay as the text the editor typed, so YAML 1.1
guesses (``no`` → false, ``06`` → 6, ``1:20`` → 80) can never change a value. The schema
decides what each scalar means in the next stage.
"""

from __future__ import annotations

import difflib
import gc
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from . import limits
from .model import Problem
from .schema import TYPES_BY_NAME

try:
    # Only nodes are composed, never objects; the base resolver skips YAML 1.1's implicit
    # typing (no → false, 06 → 6), which the schema replaces and which cost half the load time.
    _BaseLoader: type = yaml.CBaseLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.BaseLoader

_DEFAULT_TAGS = {yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
                 yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                 yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG}


class _Loader(_BaseLoader):
    """The base loader, answering its resolver's question without a lookup: with no implicit
    and no path resolvers, an untagged node always gets the default tag of its kind."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]

RECORD_SUFFIXES = (".yaml", ".yml", ".md")
# A source's article text sits beside its record as a .txt file; fidelity.py reads and checks it.
ARTICLE_TYPE = "nguon"
ARTICLE_SUFFIX = ".txt"


@dataclass(frozen=True)
class Source:
    """One record file: its type (from its folder), its YAML root node and its prose."""

    path: str
    type_name: str
    root: yaml.MappingNode
    body: str = ""
    line_offset: int = 0


def record_files(data_dir: Path, every: bool = False) -> list[Path]:
    """Every record file below ``data_dir``, in a stable order; with ``every``, also the
    files that are not records but sit where records belong (so they can be reported).

    Folders and files whose name starts with "." or "_" are skipped. A symlink is listed (and
    refused by the loader) whether it points at a file, a folder or nothing, and never
    followed. One ``scandir`` per folder: its entries know their kind without a ``stat``.
    """
    found: list[Path] = []
    folders = [data_dir]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.startswith((".", "_")):
                    continue
                if entry.is_symlink():
                    if every:
                        found.append(Path(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False) and (
                        every or os.path.splitext(entry.name)[1] in RECORD_SUFFIXES):
                    found.append(Path(entry.path))
    return sorted(found)


@contextmanager
def no_cycle_gc() -> Iterator[None]:
    """Keep the cyclic garbage collector off the many acyclic objects of a check.

    YAML nodes and records hold no reference cycles (reference counting frees them), yet each
    allocation burst made the collector rescan all of them: with 10,000 records that was over
    half the time of ``make check``. The collector is paused inside, and what is alive on the
    way out is frozen (left out of later scans); the next call unfreezes it first, so in
    ``mkdocs serve`` the objects of an old build are collectable again at the next build.
    """
    was_enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def load_sources(data_dir: Path, root: Path | None = None) -> tuple[list[Source], list[Problem]]:
    """Read every record file; return the parsed sources and the problems of the rest."""
    with no_cycle_gc():
        return _load_sources(data_dir, root)


def _load_sources(data_dir: Path, root: Path | None) -> tuple[list[Source], list[Problem]]:
    jobs, problems = plan_reads(data_dir, root)
    sources: list[Source] = []
    for job in jobs:
        source, problem = load_source(*job)
        if problem:
            problems.append(problem)
        elif source:
            sources.append(source)
    return sources, problems


@dataclass(frozen=True)
class ReadJob:
    """One file to read as a record: where it is, how problems name it, its folder's type."""

    file: Path
    shown: str
    type_name: str

    def __iter__(self) -> Iterator[Any]:
        return iter((self.file, self.shown, self.type_name))


def plan_reads(data_dir: Path, root: Path | None) -> tuple[list[ReadJob], list[Problem]]:
    """The record files to read, in order, and the problems found from names alone:
    symlinks, and names that differ only in case or accents (one file on Windows/macOS)."""
    jobs: list[ReadJob] = []
    problems: list[Problem] = []
    base = root or data_dir.parent
    seen: dict[str, str] = {}
    for file in record_files(data_dir, every=True):
        type_name = _type_of(file, data_dir)
        shown = display_path(file, base)
        if file.is_symlink():
            problems.append(Problem(shown, None, None, "liên kết tượng trưng (symlink) không "
                                    "được phép trong data/ và không được đọc; hãy đặt tệp thật "
                                    "vào đây"))
            continue
        folded = _folded(shown)
        if folded in seen:
            problems.append(Problem(shown, None, None, f"tên tệp chỉ khác '{seen[folded]}' ở chữ "
                                    "hoa, chữ thường hoặc cách viết dấu; Windows và macOS coi là "
                                    "một tệp: hãy đổi tên một trong hai"))
            continue
        seen[folded] = shown
        if type_name == ARTICLE_TYPE and file.suffix == ARTICLE_SUFFIX:
            continue  # an article text, not a record
        jobs.append(ReadJob(file, shown, type_name))
    return jobs, problems


def display_path(file: Path, base: Path) -> str:
    """``file`` as problems name it: relative to ``base`` when it lies below it."""
    shown, prefix = file.as_posix(), base.as_posix().rstrip("/") + "/"
    if shown.startswith(prefix):  # the common case, without building a path per record
        return shown[len(prefix):]
    try:
        return file.relative_to(base).as_posix()
    except ValueError:
        return file.as_posix()


def _folded(path: str) -> str:
    """``path`` as a case-insensitive, normalisation-insensitive file system sees it."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", path).casefold())


def _type_of(file: Path, data_dir: Path) -> str:
    parts = display_path(file, data_dir).split("/")
    return parts[0] if len(parts) > 1 else ""


def load_source(file: Path, shown: str, type_name: str) -> tuple[Source | None, Problem | None]:
    """Parse one file; return its source or the one problem that stops reading it."""
    if type_name not in TYPES_BY_NAME:
        known = ", ".join(sorted(TYPES_BY_NAME))
        near = difflib.get_close_matches(type_name, list(TYPES_BY_NAME), n=1, cutoff=0.6)
        hint = f" (có phải 'data/{near[0]}/'?)" if type_name and near else ""
        return None, Problem(shown, None, None, "tệp phải nằm trong thư mục của một loại bản ghi: "
                             f"data/<loại>/, với loại là {known}{hint}")
    if file.suffix not in RECORD_SUFFIXES:
        return None, Problem(shown, None, None, f"tệp đuôi '{file.suffix}' không được đọc; bản ghi "
                             "phải là tệp .yaml (hoặc .md có phần khai báo YAML)")
    if file.stat().st_size > limits.MAX_FILE_BYTES:
        return None, Problem(shown, None, None, f"tệp quá giới hạn {limits.MAX_FILE_BYTES // 1024} "
                             "KB của một bản ghi; hãy tách nội dung")
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return None, Problem(shown, line, None, "tệp không phải UTF-8 (byte lỗi ở dòng này); "
                             "hãy lưu lại với mã hóa UTF-8")
    text = text.removeprefix("\ufeff")
    early = _before_parse(text)
    if early is not None:
        return None, Problem(shown, early.line, None, early.message)
    body, offset = "", 0
    if file.suffix == ".md":
        parts = _front_matter(text)
        if parts is None:
            opened = text.splitlines()[:1] == ["---"]
            return None, Problem(shown, 1, None, "thiếu dòng '---' đóng phần khai báo YAML"
                                 if opened else "tệp Markdown phải mở đầu bằng dòng '---', rồi "
                                 "phần khai báo YAML, rồi một dòng '---' nữa, rồi mới đến nội dung")
        text, body, offset = parts
    if not text.strip():
        return None, Problem(shown, None, None, "tệp rỗng; cần ít nhất id và tieu_de")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        # An unclosed quote is found at the end of the file; its opening is more useful.
        unclosed = "end of stream" in (err.problem or "") and err.context_mark is not None
        mark = err.context_mark if unclosed else err.problem_mark or err.context_mark
        at = mark.line + 1 + offset if mark else None
        misaligned = _misaligned(text, err.problem_mark.line) if err.problem_mark else None
        if misaligned is not None and not unclosed:
            bad, message = misaligned
            return None, Problem(shown, bad + 1 + offset, None, f"lỗi thụt lề: {message}")
        return None, Problem(shown, at, None, f"lỗi cú pháp YAML: {_explain(err)}")
    except yaml.YAMLError as err:
        return None, Problem(shown, None, None, f"lỗi cú pháp YAML: {err}")
    if root is None:
        return None, Problem(shown, None, None, "tệp rỗng; cần ít nhất id và tieu_de")
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 + offset
        return None, Problem(shown, line, None,
                             "tệp phải là một bảng trường: giá trị (mapping), không phải danh sách "
                             "hay một giá trị đơn")
    exceeded = limits.in_tree(root, offset)
    if exceeded is not None:
        return None, Problem(shown, exceeded.line, None, exceeded.message)
    anchor = _first_anchor(text) if "&" in text else None
    if anchor is not None:
        return None, Problem(shown, anchor + 1 + offset, None, "không dùng neo YAML (&tên); "
                             "hãy viết giá trị ra ở mỗi chỗ cần dùng")
    return Source(shown, type_name, root, body.strip("\n"), offset), None


# libyaml's messages, said the way an editor can act on them.
_SYNTAX = (
    ("mapping values are not allowed", "dấu ':' không được phép ở đây; nếu giá trị có dấu ':', "
     "hãy đặt cả giá trị trong dấu nháy \"…\""),
    ("cannot start any token", "có ký tự không được mở đầu giá trị (Tab hoặc @, `); thụt lề bằng "
     "dấu cách, và đặt giá trị trong dấu nháy \"…\""),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường"),
    ("did not find expected key", "thụt lề không đều hoặc thiếu tên trường"),
    ("did not find expected ',' or ']'", "danh sách [...] chưa đóng bằng ']' (hoặc thiếu ',' "
     "giữa hai mục)"),
    ("did not find expected ',' or '}'", "bảng {...} chưa đóng bằng '}' (hoặc thiếu ',')"),
    ("found a tab character", "thụt lề bằng phím Tab; hãy thụt lề bằng dấu cách"),
    ("found unexpected end of stream", "dấu nháy mở ở dòng này chưa được đóng: thêm dấu nháy "
     "ở cuối giá trị"),
    ("found undefined alias", "bí danh '*' không trỏ tới neo '&' nào"),
    ("did not find expected '-' indicator", "thụt lề của danh sách không đều"),
    ("found character that cannot start any token", "có ký tự không được mở đầu giá trị"),
    ("block sequence entries are not allowed", "mục danh sách '- ' đặt sai chỗ; xuống dòng và "
     "thụt lề danh sách dưới tên trường"),
)


def _misaligned(text: str, error_line: int) -> tuple[int, str] | None:
    """The 0-based line (at or before ``error_line``) indented off the column of the line
    above it at the same level, and how far off, when that is what broke the YAML."""
    lines = text.split("\n")
    for index in range(min(error_line, len(lines) - 1), 0, -1):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        above = next((lines[i] for i in range(index - 1, -1, -1)
                      if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
        if above is None:
            return None
        here, there = _indent(line), _indent(above)
        # A field indented a little under a field with a value: not a child, a misalignment.
        if here > there and not above.rstrip().endswith(":") and ":" in line:
            return index, (f"dòng {index + 1} thụt vào {here} dấu cách, còn dòng trên thụt "
                           f"{there}: các trường cùng cấp phải thẳng cột; hãy bỏ "
                           f"{here - there} dấu cách ở đầu dòng {index + 1}")
        return None
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _explain(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    for english, vietnamese in _SYNTAX:
        if english in problem:
            return vietnamese
    return f"không đọc được ({problem or err})"


def _before_parse(text: str) -> limits.Exceeded | None:
    """Limits and raw characters no YAML parser should see (a NUL stops libyaml in English)."""
    exceeded = limits.before_parse(text)
    if exceeded is not None:
        return exceeded
    found = limits.refused_character(text, multiline=True)
    if found is None:
        return None
    line = text.count("\n", 0, found[1]) + 1
    start = text.rfind("\n", 0, found[1]) + 1
    message = limits.character_problem(text[start:found[1] + 1], multiline=True)
    return limits.Exceeded(message or found[0], line)


def _first_anchor(text: str) -> int | None:
    """The 0-based line of the first YAML anchor (``&name``), which compose does not keep."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken):
                return int(token.start_mark.line)
    except yaml.YAMLError:
        return None
    return None


_FRONT_MATTER = YAMLHandler()


def _front_matter(text: str) -> tuple[str, str, int] | None:
    """Split ``---``-fenced YAML from the Markdown after it (python-frontmatter's split); also
    the number of file lines before the YAML's first line. None when the fences are missing."""
    if not _FRONT_MATTER.detect(text):
        return None
    try:
        yaml_text, body = _FRONT_MATTER.split(text)
    except ValueError:  # no closing fence
        return None
    return yaml_text, body, text[:text.find(yaml_text)].count("\n")
