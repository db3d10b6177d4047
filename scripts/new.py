"""`make new`: scaffold a record file with every field of its type, commented, ready to fill.

    make new TYPE=van-ban TITLE="Kết luận số 865-TB/TU"
    python scripts/new.py --type mo-hinh --title "Tổ dân vận bản" --body

Missing type or title are asked for. The id is proposed from the title (diacritics removed,
đ → d) and refused if a record already uses it, now or as a former id.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from _bootstrap import ROOT
from sotay.editor_schema import kind_label, schema_line
from sotay.load import load_sources
from sotay.schema import GROUP, TYPES, TYPES_BY_NAME, Field, RecordType
from sotay.validate import SLUG_RE, validate_sources
from sotay.vi import nfc, slugify


def ids_in_use(data_dir: Path) -> dict[str, str]:
    """Every id and former id found in ``data_dir`` (even in files with problems) → its file."""
    sources, _ = load_sources(data_dir, data_dir.parent)
    records, _ = validate_sources(sources)
    used = {old: r.path for r in records for old in r.get("id_cu", ())}
    used.update({r.id: r.path for r in records})
    return used


def template(record_type: RecordType, record_id: str, title: str, body: bool = False) -> str:
    """The text of a new record: required fields to fill, the others commented out."""
    lines: list[str] = []
    if body:
        lines.append("---")
    else:
        lines.append(schema_line(record_type.name))  # the same line `make schema` keeps
    lines += [f"# {record_type.label}: {record_type.help}",
              "# Điền các trường bắt buộc; bỏ dấu # ở đầu dòng của trường muốn dùng.", ""]
    for spec in record_type.fields:
        if spec.name == "id":
            lines.append(f"id: {record_id}")
        elif spec.name == "tieu_de":
            lines.append(f"tieu_de: {json.dumps(title, ensure_ascii=False)}")
        elif spec.name == "tep":  # a source's article text is named after its id
            lines += _field_lines(replace(spec, example=f"{record_id}.txt"), "")
        else:
            lines += _field_lines(spec, "")
    if body:
        lines += ["---", "", "Nội dung chi tiết (Markdown). Dùng [[mã]] để trỏ tới bản ghi khác.",
                  ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _field_lines(spec: Field, indent: str) -> list[str]:
    needed = "bắt buộc — " if spec.required else ""
    lines = ["", f"{indent}# {spec.label} ({needed}{kind_label(spec)}): {spec.help}"]
    mark = "" if spec.required else "# "
    if spec.kind == GROUP:
        lines.append(f"{indent}{mark}{spec.name}:")
        inner = indent + ("  - " if spec.many else "  ")
        for index, sub in enumerate(spec.fields):
            prefix = inner if index == 0 or not spec.many else indent + "    "
            needed_sub = " (bắt buộc)" if sub.required else ""
            lines.append(f"{indent}# {prefix[len(indent):]}{sub.name}:   # {sub.label}{needed_sub}")
        return lines
    example = spec.example or ("[]" if spec.many else "")
    lines.append(f"{indent}{mark}{spec.name}: {example}".rstrip())
    return lines


def _ask(prompt: str, default: str = "") -> str:
    shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
    try:
        answer = input(shown).strip()
    except EOFError:
        answer = ""
    return nfc(answer) or default


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo tệp bản ghi mới có sẵn mọi trường.")
    parser.add_argument("--type", help="loại bản ghi: " + ", ".join(t.name for t in TYPES))
    parser.add_argument("--title", help="tiêu đề tiếng Việt có dấu")
    parser.add_argument("--id", help="mã muốn dùng (mặc định: lấy từ tiêu đề)")
    parser.add_argument("--body", action="store_true",
                        help="tạo tệp .md (khai báo YAML + nội dung Markdown dài)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="thư mục dữ liệu")
    args = parser.parse_args(argv)

    type_name = args.type or _ask("Loại bản ghi (" + ", ".join(t.name for t in TYPES) + ")")
    if type_name not in TYPES_BY_NAME:
        print(f"Không có loại '{type_name}'; chọn một trong: "
              + ", ".join(t.name for t in TYPES), file=sys.stderr)
        return 2
    title = nfc(args.title or _ask("Tiêu đề")).strip()
    if not title:
        print("Cần tiêu đề.", file=sys.stderr)
        return 2
    proposed = slugify(title)
    record_id = args.id or (proposed if args.title else _ask("Mã (id)", proposed))
    if not SLUG_RE.match(record_id):
        print(f"Mã '{record_id}' không hợp lệ: chỉ gồm chữ thường không dấu, số và gạch ngang "
              f"(gợi ý: '{slugify(record_id)}').", file=sys.stderr)
        return 2
    used = ids_in_use(args.data)
    if record_id in used:
        free = next(f"{record_id}-{n}" for n in range(2, 1000) if f"{record_id}-{n}" not in used)
        print(f"Mã '{record_id}' đã được dùng ở {used[record_id]}. Nếu đó là bản ghi khác, "
              f"hãy chọn mã khác, ví dụ: --id {free}", file=sys.stderr)
        return 1
    suffix = ".md" if args.body else ".yaml"
    target = args.data / type_name / f"{record_id}{suffix}"
    if target.exists():
        print(f"Tệp {target} đã có.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(template(TYPES_BY_NAME[type_name], record_id, title, args.body),
                      encoding="utf-8")
    try:
        shown = target.relative_to(ROOT)
    except ValueError:
        shown = target
    print(f"Đã tạo {shown}. Điền các trường, rồi chạy `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
