"""Measure what the editors' schemas weigh for a dataset: ``schemas/ma.schema.json`` (the ids
offered as completions) grows with the records, the per-type schemas do not.

    python scripts/schema_size.py 10000          # synthetic records (scripts/synth.py, seed 7)
    python scripts/schema_size.py --data data    # a real data folder
    python scripts/schema_size.py 10000 --lsp    # also time yaml-language-server on them
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

import export_schema
import synth

from _bootstrap import ROOT
from sotay.editor_schema import ids_text, schema_line, schema_text
from sotay.schema import TYPES


def lsp_timing(titles: dict[str, dict[str, str]], workdir: Path) -> str:
    """Seconds yaml-language-server takes to open a record and to complete a place id, with
    the schemas of ``titles`` (run ``make yaml-language-server`` first)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from lsp import LspClient  # the test suite's client, so both measure the same thing

    (workdir / "schemas").mkdir()
    (workdir / "schemas" / "ma.schema.json").write_text(ids_text(titles), encoding="utf-8")
    for record_type in TYPES:
        (workdir / "schemas" / f"{record_type.name}.schema.json").write_text(
            schema_text(record_type), encoding="utf-8")
    server = ROOT / "tools/yaml-language-server/node_modules/yaml-language-server/bin"
    uri = (workdir / "data" / "van-ban" / "a.yaml").as_uri()
    with LspClient(["node", str(server / "yaml-language-server"), "--stdio"], workdir,
                   timeout=120) as client:
        client.request("initialize", {"processId": None, "rootUri": workdir.as_uri(),
                                      "capabilities": {}})
        client.notify("initialized", {})
        start = time.perf_counter()
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": f"{schema_line('van-ban')}\nid: a\ndia_ban:\n  - \n"}})
        client.wait_diagnostics(uri, 1)
        opened = time.perf_counter() - start
        start = time.perf_counter()
        result = client.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": 3, "character": 4}})
        completed = time.perf_counter() - start
    items = result["items"] if isinstance(result, dict) else result
    return (f"yaml-language-server: mở tệp và báo lỗi {opened:.2f} s; gợi ý mã địa danh "
            f"{completed:.2f} s ({len(items)} mục)")


def measure(data_dir: Path, lsp: bool = False) -> str:
    titles = export_schema.record_titles(data_dir)
    ids = ids_text(titles).encode("utf-8")
    largest = max(len(schema_text(t).encode("utf-8")) for t in TYPES)
    counts = ", ".join(f"{name} {len(found)}" for name, found in sorted(titles.items()))
    return (f"bản ghi đọc được: {sum(len(found) for found in titles.values())} ({counts})\n"
            f"ma.schema.json: {len(ids):,} byte ({len(gzip.compress(ids, 9)):,} byte nén gzip)\n"
            f"schema lớn nhất của một loại: {largest:,} byte"
            + (f"\n{lsp_timing(titles, Path(tempfile.mkdtemp()))}" if lsp else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo kích thước JSON Schema cho biên tập viên.")
    parser.add_argument("count", type=int, nargs="?", default=10000, help="số bản ghi giả")
    parser.add_argument("--data", type=Path, help="đo một thư mục data/ có sẵn thay vì dữ liệu giả")
    parser.add_argument("--lsp", action="store_true",
                        help="đo thêm thời gian yaml-language-server mở tệp và gợi ý mã")
    args = parser.parse_args(argv)
    if args.data is not None:
        print(measure(args.data, args.lsp))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        synth.main([str(args.count), tmp, "--seed", "7"])
        print(measure(Path(tmp), args.lsp))
    return 0


if __name__ == "__main__":
    assert ROOT.is_dir()
    sys.exit(main())
