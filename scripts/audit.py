"""`make audit`: which statements of each record carry a quote checked in its article.

Prints the report (Markdown) and the share of quoted statements for the whole handbook;
``--summary FILE`` appends the share to a GitHub job summary. Exits 1 if the data does not
pass ``make check`` (the report would count quotes that may not be in their articles).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _bootstrap import ROOT
from sotay.audit import audit, report_markdown, share_line
from sotay.model import format_problems
from sotay.pipeline import build_graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Báo cáo đối chiếu nguồn của Sổ tay Dân vận.")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="thư mục dữ liệu")
    parser.add_argument("--thieu", action="store_true",
                        help="chỉ liệt kê các bản ghi còn nội dung chưa có câu trích")
    parser.add_argument("--summary", type=Path, help="ghi thêm tỷ lệ vào tệp tóm tắt này")
    args = parser.parse_args(argv)
    graph, problems = build_graph(args.data.resolve())
    if graph is None:
        print(format_problems(problems), file=sys.stderr)
        return 1
    report = audit(graph)
    print(report_markdown(report, unquoted_only=args.thieu))
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(f"### Đối chiếu nguồn\n\n{share_line(report)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
