"""`make check`: validate every record in data/ (and [[id]] links in docs/) without building.

Prints every problem at once, in Vietnamese, as ``file:line: field: message``; exits 1 if any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _bootstrap import ROOT
from sotay.model import Problem, format_problems
from sotay.pipeline import build_graph


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions ``::error`` line, shown on the pull request's diff at file and line."""
    props = f"file={_escape(problem.path, True)}"
    if problem.line:
        props += f",line={problem.line}"
    if problem.field:
        props += f",title={_escape(problem.field, True)}"
    return f"::error {props}::{_escape(problem.message)}"


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra dữ liệu của Sổ tay Dân vận.")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="thư mục dữ liệu")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="thư mục trang viết tay")
    parser.add_argument("--github", action="store_true",
                        help="in thêm chú thích ::error cho GitHub Actions")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    graph, problems = build_graph(args.data.resolve(), args.docs.resolve())
    elapsed = time.perf_counter() - started
    if problems:
        print(format_problems(problems), file=sys.stderr)
        if args.github:
            for problem in problems:
                print(github_annotation(problem))
        return 1
    assert graph is not None
    print(f"Dữ liệu hợp lệ: {len(graph.records)} bản ghi, kiểm tra trong {elapsed:.2f} giây.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
