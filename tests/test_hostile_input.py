"""Hostile and odd record files get one located Vietnamese problem each: no crash, no hang.

Each case writes one file beside a valid source record and runs ``make check``'s script in a
subprocess (a segmentation fault or a hang would show there, not as a Python exception).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sotay.pipeline import build_graph

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "id: bai-a\ntieu_de: Bài A\n"
OK = "nguon: [bai-a]\n"

# name: (path under data/, file bytes, (line, field) expected, words the message holds)
CASES: dict[str, tuple[str, bytes, tuple[int | None, str | None], str]] = {
    "control character by escape": ("chu-de/a.yaml", b'id: a\ntieu_de: "T\\x7fx"\n' + OK.encode(),
                                    (2, "tieu_de"), "ký tự điều khiển U+007F"),
    "C1 control by escape": ("chu-de/a.yaml", b'id: a\ntieu_de: "T\\x80x"\n' + OK.encode(),
                             (2, "tieu_de"), "U+0080"),
    "carriage return in a title": ("chu-de/a.yaml",
                                   b'id: a\ntieu_de: "T\\r!!! danger"\n' + OK.encode(),
                                   (2, "tieu_de"), "U+000D"),
    "newline in a one-line field": ("chu-de/a.yaml", b'id: a\ntieu_de: "T\\nx"\n' + OK.encode(),
                                    (2, "tieu_de"), "xuống dòng"),
    "raw NUL byte": ("chu-de/a.yaml", b"id: a\ntieu_de: T\x00x\n" + OK.encode(), (2, None),
                     "U+0000"),
    "bidi override": ("chu-de/a.yaml", "id: a\ntieu_de: T\u202ex\n".encode() + OK.encode(),
                      (2, None), "bidi"),
    "zero-width space in Markdown": ("chu-de/a.yaml",
                                     b'id: a\ntieu_de: T\nmo_ta: "a\\u200bb"\n'
                                     + OK.encode(), (3, "mo_ta"), "độ rộng 0"),
    "deep nesting": ("chu-de/a.yaml", b"id: a\ntieu_de: T\nten_khac: " + b"[" * 15_000 + b"\n",
                     (3, None), "lồng quá sâu"),
    "deep block nesting": ("chu-de/a.yaml",
                           b"id: a\ntieu_de: T\nten_khac:\n" + b"- " * 300 + b"x\n",
                           (4, None), "quá giới hạn 12 cấp"),
    "nesting past the exact limit": ("chu-de/a.yaml",
                                     b"id: a\ntieu_de: T\nten_khac: " + b"[" * 15 + b"]" * 15
                                     + b"\n", (3, None), "quá giới hạn 12 cấp"),
    "slow Markdown": ("chu-de/a.yaml", b"id: a\ntieu_de: T\nmo_ta: '" + b"[" * 600 + b"'\n"
                      + OK.encode(), (3, "mo_ta"), "dấu '[' mở chưa đóng"),
    "brackets over many lines": ("chu-de/a.yaml", b"id: a\ntieu_de: T\nten_khac: "
                                 + (b"[" * 19_000 + b"\n") * 6, (3, None), "lồng quá sâu"),
    "huge file": ("chu-de/a.yaml", b"id: a\ntieu_de: T\nmo_ta: |\n" + b"  x\n" * 400_000,
                  (None, None), "quá giới hạn 1024 KB"),
    "long line": ("chu-de/a.yaml", b"id: a\ntieu_de: " + b"x" * 30_000 + b"\n", (2, None),
                  "quá giới hạn 20.000"),
    "long list": ("chu-de/a.yaml", b"id: a\ntieu_de: T\nten_khac:\n" + b"  - x\n" * 2500,
                  (4, None), "2.500 mục"),
    "id too long": ("chu-de/" + "a" * 90 + ".yaml",
                    b"id: " + b"a" * 90 + b"\ntieu_de: T\n" + OK.encode(), (1, "id"),
                    "quá giới hạn 80"),
    "Windows device name": ("chu-de/con.yaml", b"id: con\ntieu_de: T\n" + OK.encode(),
                            (1, "id"), "Windows"),
    "Windows device name with number": ("chu-de/com1.yaml", b"id: com1\ntieu_de: T\n"
                                        + OK.encode(), (1, "id"), "Windows"),
    "generated page name": ("chu-de/index.yaml", b"id: index\ntieu_de: T\n" + OK.encode(),
                            (1, "id"), "trang mục lục"),
    "file name differs from id": ("chu-de/b.yaml", b"id: a\ntieu_de: T\n" + OK.encode(),
                                  (1, "id"), "tên tệp 'b' khác mã 'a'"),
    "empty source list": ("chu-de/a.yaml", b"id: a\ntieu_de: T\nnguon: []\n", (3, "nguon"),
                          "thiếu nguồn"),
    "lone anchor": ("chu-de/a.yaml", b"id: a\ntieu_de: &t T\n" + OK.encode(), (2, None),
                    "neo YAML"),
    "stray leading space": ("chu-de/a.yaml", b"id: a\ntieu_de: T\n mo_ta: x\n" + OK.encode(),
                            (3, None), "hãy bỏ 1 dấu cách ở đầu dòng 3"),
    "unclosed quote": ("chu-de/a.yaml", b'id: a\ntieu_de: "T\nmo_ta: x\n' + OK.encode(),
                       (2, None), "dấu nháy mở ở dòng này chưa được đóng"),
    "wrong type folder": ("chu-de/a.yaml", b"id: a\ntieu_de: T\nviet_tat: QC\nday_du: Q C\n"
                          + OK.encode(), (None, None), "data/viet-tat/"),
}


def _write(data: Path, path: str, content: bytes) -> None:
    (data / "nguon").mkdir(parents=True, exist_ok=True)
    (data / "nguon" / "bai-a.yaml").write_text(SOURCE, encoding="utf-8")
    (data / path).parent.mkdir(parents=True, exist_ok=True)
    (data / path).write_bytes(content)


@pytest.mark.parametrize("name", CASES, ids=list(CASES))
def test_hostile_file_is_one_located_problem(tmp_path: Path, name: str) -> None:
    path, content, (line, field), words = CASES[name]
    data = tmp_path / "data"
    _write(data, path, content)
    _, problems = build_graph(data)
    mine = [p for p in problems if p.path == f"data/{path}" and words in p.message]
    assert mine, [str(p) for p in problems]
    assert (mine[0].line, mine[0].field) == (line, field), str(mine[0])


@pytest.mark.parametrize("name", ["deep nesting", "slow Markdown", "raw NUL byte", "huge file"])
def test_check_script_answers_in_vietnamese_without_crash_or_hang(tmp_path: Path,
                                                                  name: str) -> None:
    path, content, _, words = CASES[name]
    data = tmp_path / "data"
    _write(data, path, content)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--data", str(data),
         "--docs", str(tmp_path / "no-docs")], capture_output=True, text=True, timeout=60,
        check=False, env=dict(os.environ, PYTHONFAULTHANDLER="1"))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and words in result.stderr


def test_symlink_in_data_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: a\ntieu_de: Bí mật ngoài kho\n" + OK, encoding="utf-8")
    data = tmp_path / "data"
    _write(data, "chu-de/.keep", b"")
    (data / "chu-de" / "a.yaml").symlink_to(secret)
    (data / "to-chuc").symlink_to(tmp_path, target_is_directory=True)
    graph, problems = build_graph(data)
    assert graph is None
    assert sorted((p.path, "symlink" in p.message) for p in problems) == [
        ("data/chu-de/a.yaml", True), ("data/to-chuc", True)]


def test_names_that_collide_on_windows_and_macos(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write(data, "chu-de/a.yaml", b"id: a\ntieu_de: T\n" + OK.encode())
    (data / "chu-de" / "A.yaml").write_bytes(b"id: a\ntieu_de: T\n" + OK.encode())
    (data / "chu-de" / "\u0111a\u0301.yaml").write_bytes(b"id: x\ntieu_de: T\n")  # NFD
    (data / "chu-de" / "\u0111\u00e1.yaml").write_bytes(b"id: x\ntieu_de: T\n")  # NFC
    _, problems = build_graph(data)
    collisions = [p.path for p in problems if "chữ hoa, chữ thường" in p.message]
    assert len(collisions) == 2, [str(p) for p in problems]
