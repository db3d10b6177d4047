"""`make schema`: write what editors' tools read, all derived from hooks/sotay/schema.py.

- ``schemas/<type>.schema.json``: a JSON Schema per record type (VS Code YAML extension);
- ``schemas/ma.schema.json``: the ids of the records in ``data/`` with their titles, which the
  reference fields offer as completions (former ids are not offered);
- ``.vscode/settings.json`` and ``.vscode/extensions.json``: wire those schemas to ``data/``;
- the field reference in CONTRIBUTING.md, between the FIELDS markers;
- ``.github/ISSUE_TEMPLATE/<type>.yml``: the issue forms of the common types (no YAML needed);
- the first line of every YAML record in ``data/``: ``# yaml-language-server: $schema=…``, so
  the file is checked in any editor running yaml-language-server, settings or not. Markdown
  records (``.md``) get none: that extension does not read YAML front matter in Markdown.

``--check`` writes nothing and exits 1 when a committed file is stale (CI and tests use it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from _bootstrap import ROOT
from sotay.editor_schema import (
    field_reference,
    ids_path,
    ids_text,
    schema_path,
    schema_text,
    with_schema_line,
)
from sotay.issue_form import FORM_TYPES, form_text
from sotay.load import load_sources, record_files
from sotay.schema import TYPES, TYPES_BY_NAME
from sotay.validate import validate_sources

START = "<!-- FIELDS:START -->"
END = "<!-- FIELDS:END -->"
YAML_EXTENSION = "redhat.vscode-yaml"


def outputs(root: Path = ROOT) -> dict[Path, str]:
    """Every generated file and the exact text it should hold."""
    files = {root / schema_path(t.name): schema_text(t) for t in TYPES}
    files[root / ids_path()] = ids_text(record_titles(root / "data"))
    files.update(schema_lines(root / "data"))
    for name in FORM_TYPES:
        files[root / f".github/ISSUE_TEMPLATE/{name}.yml"] = form_text(TYPES_BY_NAME[name])
    settings = {
        "yaml.schemas": {
            f"./{schema_path(t.name)}": [f"data/{t.name}/*.yaml", f"data/{t.name}/*.yml"]
            for t in TYPES
        },
        # VS Code's YAML extension reads YAML 1.2, as the schemas assume: `no` stays text.
        "yaml.yamlVersion": "1.2",
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "files.encoding": "utf8",
        "files.insertFinalNewline": True,
        "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True},
    }
    files[root / ".vscode/settings.json"] = _json(settings)
    files[root / ".vscode/extensions.json"] = _json({"recommendations": [YAML_EXTENSION]})
    guide = root / "CONTRIBUTING.md"
    files[guide] = with_field_reference(guide.read_text(encoding="utf-8"))
    return files


def schema_lines(data_dir: Path) -> dict[Path, str]:
    """Every YAML record of a known type, with its schema line first."""
    known = {t.name for t in TYPES}
    files = {}
    for file in record_files(data_dir):
        type_name = file.relative_to(data_dir).parts[0]
        if file.suffix in (".yaml", ".yml") and type_name in known:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # make check names the file and what is wrong with it
            files[file] = with_schema_line(text, type_name)
    return files


def record_titles(data_dir: Path) -> dict[str, dict[str, str]]:
    """``{type: {id: title}}`` of every record that reads; a broken file is left to make check."""
    sources, _ = load_sources(data_dir, data_dir.parent)
    records, _ = validate_sources(sources)
    titles: dict[str, dict[str, str]] = {}
    for record in records:
        titles.setdefault(record.type, {})[record.id] = record.title
    return titles


def with_field_reference(text: str) -> str:
    """``text`` with the block between the FIELDS markers replaced by the generated reference."""
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"CONTRIBUTING.md thiếu cặp dấu {START} … {END}")
    return f"{head}{START}\n\n{field_reference()}\n{END}{tail}"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Xuất JSON Schema và bảng trường cho biên tập viên.")
    parser.add_argument("--check", action="store_true",
                        help="không ghi gì; báo lỗi nếu tệp đã commit đã cũ")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("Các tệp sinh từ schema.py đã cũ; chạy `make schema` rồi commit:\n  "
              + "\n  ".join(stale), file=sys.stderr)
        return 1
    print(f"Đã cập nhật {len(stale)} tệp." if stale else "Mọi tệp sinh từ schema.py đã mới.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
