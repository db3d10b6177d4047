"""Turn a filled issue form (the issue's body, as GitHub writes it) into a record file.

    python scripts/from_issue.py body.md            # writes data/<type>/<id>.yaml if it passes
    python scripts/from_issue.py body.md --dry-run  # only says what is missing or wrong

The record is written, then the whole dataset is checked as `make check` does; on any problem
the new files are removed again and every problem is listed in Vietnamese (exit 1), so the
workflow can answer the issue instead of opening a pull request. On success the paths written
are printed, one a line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from new import ids_in_use

from _bootstrap import ROOT
from sotay.issue_form import Draft, draft, form_type, sections
from sotay.pipeline import build_graph
from sotay.validate import SLUG_RE


def convert(body: str, data_dir: Path, dry_run: bool = False) -> tuple[list[Path], list[str]]:
    """(files written, problems in Vietnamese); nothing stays written when there is a problem."""
    found = sections(body)
    record_type = form_type(found)
    if record_type is None:
        return [], ["nội dung không khớp mẫu nào (văn bản, mô hình, điển hình, sự kiện, "
                    "nguồn): hãy tạo vấn đề mới từ một mẫu và đừng xóa các tiêu đề ###"]
    result = draft(record_type, found)
    problems = [f"thiếu ô bắt buộc: {name}" for name in result.missing]
    if not result.record_id or not SLUG_RE.match(result.record_id):
        problems.append(f"mã '{result.record_id}' không hợp lệ: chỉ gồm chữ thường không dấu, "
                        "số và gạch ngang")
    elif result.record_id in (used := ids_in_use(data_dir)):
        problems.append(f"mã '{result.record_id}' đã được dùng ở {used[result.record_id]}; "
                        "hãy điền một mã khác vào ô Mã")
    if problems:
        return [], problems
    written = _write(result, data_dir)
    if not written:
        return [], [f"tệp data/{result.type_name}/{result.record_id}.yaml đã có"]
    _, found_problems = build_graph(data_dir)
    if found_problems or dry_run:
        for path in written:
            path.unlink()
    return ([] if found_problems or dry_run else written), [str(p) for p in found_problems]


def _write(result: Draft, data_dir: Path) -> list[Path]:
    folder = data_dir / result.type_name
    record = folder / f"{result.record_id}.yaml"
    article = folder / f"{result.record_id}.txt"
    if record.exists() or (result.article is not None and article.exists()):
        return []
    folder.mkdir(parents=True, exist_ok=True)
    record.write_text(result.text, encoding="utf-8")
    written = [record]
    if result.article is not None:
        article.write_text(result.article, encoding="utf-8")
        written.append(article)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo tệp bản ghi từ nội dung một vấn đề "
                                                 "(issue) điền theo mẫu.")
    parser.add_argument("body", type=Path, help="tệp chứa nội dung vấn đề")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="thư mục dữ liệu")
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không giữ tệp")
    args = parser.parse_args(argv)
    try:
        body = args.body.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(f"Không đọc được {args.body}: {err}", file=sys.stderr)
        return 2
    written, problems = convert(body, args.data, args.dry_run)
    if problems:
        print("Chưa tạo được bản ghi:", file=sys.stderr)
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    for path in written:
        try:
            print(path.relative_to(ROOT).as_posix())
        except ValueError:
            print(path)
    if args.dry_run:
        print("Nội dung hợp lệ.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
