"""Measure what the editors' schemas weigh for a dataset: ``schemas/ma.schema.json`` (the ids
offered as completions) grows with the records, the per-type schemas do not.

    python scripts/schema_size.py 10000          # synthetic records (scripts/synth.py, seed 7)
    python scripts/schema_size.py --data data    # a real data folder
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

import export_schema
import synth

from _bootstrap import ROOT
from sotay.editor_schema import ids_text, schema_text
from sotay.schema import TYPES


def measure(data_dir: Path) -> str:
    titles = export_schema.record_titles(data_dir)
    ids = ids_text(titles).encode("utf-8")
    largest = max(len(schema_text(t).encode("utf-8")) for t in TYPES)
    counts = ", ".join(f"{name} {len(found)}" for name, found in sorted(titles.items()))
    return (f"bản ghi đọc được: {sum(len(found) for found in titles.values())} ({counts})\n"
            f"ma.schema.json: {len(ids):,} byte ({len(gzip.compress(ids, 9)):,} byte nén gzip)\n"
            f"schema lớn nhất của một loại: {largest:,} byte")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo kích thước JSON Schema cho biên tập viên.")
    parser.add_argument("count", type=int, nargs="?", default=10000, help="số bản ghi giả")
    parser.add_argument("--data", type=Path, help="đo một thư mục data/ có sẵn thay vì dữ liệu giả")
    args = parser.parse_args(argv)
    if args.data is not None:
        print(measure(args.data))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        synth.main([str(args.count), tmp, "--seed", "7"])
        print(measure(Path(tmp)))
    return 0


if __name__ == "__main__":
    assert ROOT.is_dir()
    sys.exit(main())
