"""Stage 1: read every record file under ``data/`` into YAML nodes with line numbers.

Nothing here interprets values: scalars stay as the text the editor typed, so YAML 1.1
guesses (``no`` → false, ``06`` → 6, ``1:20`` → 80) can never change a value. The schema
decides what each scalar means in the next stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from .model import Problem
from .schema import TYPES_BY_NAME

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

RECORD_SUFFIXES = (".yaml", ".yml", ".md")


@dataclass(frozen=True)
class Source:
    """One record file: its type (from its folder), its YAML root node and its prose."""

    path: str
    type_name: str
    root: yaml.MappingNode
    body: str = ""
    line_offset: int = 0


def record_files(data_dir: Path) -> list[Path]:
    """Every record file below ``data_dir``, in a stable order."""
    return sorted(
        p for p in data_dir.rglob("*")
        if p.is_file() and p.suffix in RECORD_SUFFIXES and not p.name.startswith((".", "_"))
    )


def load_sources(data_dir: Path, root: Path | None = None) -> tuple[list[Source], list[Problem]]:
    """Read every record file; return the parsed sources and the problems of the rest."""
    sources: list[Source] = []
    problems: list[Problem] = []
    base = root or data_dir.parent
    for file in record_files(data_dir):
        shown = _display_path(file, base)
        source, problem = load_source(file, shown, _type_of(file, data_dir))
        if problem:
            problems.append(problem)
        elif source:
            sources.append(source)
    return sources, problems


def _display_path(file: Path, base: Path) -> str:
    try:
        return file.relative_to(base).as_posix()
    except ValueError:
        return file.as_posix()


def _type_of(file: Path, data_dir: Path) -> str:
    parts = file.relative_to(data_dir).parts
    return parts[0] if len(parts) > 1 else ""


def load_source(file: Path, shown: str, type_name: str) -> tuple[Source | None, Problem | None]:
    """Parse one file; return its source or the one problem that stops reading it."""
    if type_name not in TYPES_BY_NAME:
        known = ", ".join(sorted(TYPES_BY_NAME))
        return None, Problem(shown, None, None, f"tệp nằm ngoài các thư mục loại bản ghi ({known})")
    try:
        text = file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        return None, Problem(shown, None, None,
                             f"tệp không phải UTF-8 (byte lỗi ở vị trí {err.start}); "
                             "hãy lưu lại với mã hóa UTF-8")
    text = text.lstrip("\ufeff")
    body, offset = "", 0
    if file.suffix == ".md":
        handler = frontmatter.YAMLHandler()
        if not handler.detect(text):
            return None, Problem(shown, 1, None,
                                 "tệp Markdown phải mở đầu bằng phần khai báo YAML giữa hai dòng ---")
        meta, body = handler.split(text)
        offset = 0  # the split keeps the opening ---'s line end, so lines already match
        text = meta
    if not text.strip():
        return None, Problem(shown, None, None, "tệp rỗng; cần ít nhất id và tieu_de")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + offset if mark else None
        what = err.problem or "không đọc được"
        return None, Problem(shown, line, None, f"lỗi cú pháp YAML: {what}")
    except yaml.YAMLError as err:
        return None, Problem(shown, None, None, f"lỗi cú pháp YAML: {err}")
    if root is None:
        return None, Problem(shown, None, None, "tệp rỗng; cần ít nhất id và tieu_de")
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 + offset
        return None, Problem(shown, line, None,
                             "tệp phải là một bảng trường: giá trị (mapping), không phải danh sách "
                             "hay một giá trị đơn")
    return Source(shown, type_name, root, body.strip("\n"), offset), None
