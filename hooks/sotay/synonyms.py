"""The search's list of other spellings (``data/_tim-kiem/dong-nghia.yaml``): groups of words
that find each other, e.g. ``[Bắc Kạn, Bắc Cạn]``.

The folder starts with ``_``, so the record loader never reads it as a record; this module
alone reads it, and says in Vietnamese, with the file and line, what is wrong with it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml

from .model import Problem
from .vi import nfc

PATH = Path("_tim-kiem") / "dong-nghia.yaml"  # below data/
_MAX_GROUPS = 2_000
_MAX_LENGTH = 120  # characters in one spelling

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def synonym_pairs(data_dir: Path, root: Path | None = None
                  ) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Every pair of spellings of one group (both orders are the index's business), and the
    problems of the file; no file means no synonyms."""
    file = data_dir / PATH
    if not file.is_file():
        return [], []
    base = root or data_dir.parent
    try:
        shown = str(file.relative_to(base))
    except ValueError:
        shown = str(file)
    try:
        node = yaml.compose(file.read_text(encoding="utf-8"), Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        return [], [Problem(shown, None if line is None else line + 1, None,
                            f"không đọc được danh sách cách viết khác: {_reason(err)}")]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [Problem(shown, node.start_mark.line + 1, None,
                            "danh sách cách viết khác phải là các dòng '- [cách 1, cách 2]'")]
    pairs: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for group in node.value[:_MAX_GROUPS]:
        line = group.start_mark.line + 1
        spellings = _spellings(group)
        if spellings is None:
            problems.append(Problem(shown, line, None, "mỗi nhóm là một danh sách chữ trong "
                                    "ngoặc vuông, ví dụ [Bắc Kạn, Bắc Cạn]"))
        elif len(set(spellings)) < 2:
            problems.append(Problem(shown, line, None, "một nhóm cần ít nhất hai cách viết khác "
                                    "nhau"))
        elif any(len(s) > _MAX_LENGTH for s in spellings):
            problems.append(Problem(shown, line, None, f"mỗi cách viết dài tối đa {_MAX_LENGTH} "
                                    "ký tự"))
        else:
            pairs += itertools.combinations(sorted(set(spellings)), 2)
    if len(node.value) > _MAX_GROUPS:
        problems.append(Problem(shown, node.value[_MAX_GROUPS].start_mark.line + 1, None,
                                f"tối đa {_MAX_GROUPS} nhóm cách viết khác"))
    return pairs, problems


def _spellings(group: yaml.Node) -> list[str] | None:
    if not isinstance(group, yaml.SequenceNode):
        return None
    found = []
    for item in group.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            return None
        found.append(nfc(" ".join(str(item.value).split())))
    return found


def _reason(err: Exception) -> str:
    if isinstance(err, UnicodeDecodeError):
        return "tệp phải được lưu bằng mã UTF-8"
    return "cú pháp YAML sai (thiếu dấu ngoặc hay dấu phẩy?)"
