"""The fidelity report (`make audit`) and the “Dân vận khéo” page, on small generated data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_passages import GOOD, _data

from conftest import write_records
from sotay.audit import audit, report_markdown, share_line
from sotay.link import Graph
from sotay.pipeline import build_graph
from sotay.recognised import PATH, recognised_page

ROOT = Path(__file__).resolve().parents[1]
RECOGNISED = ("Năm 2020, mô hình “Tổ tự quản” của thôn A được Ban Dân vận Tỉnh ủy công nhận là "
              "điển hình “Dân vận khéo” cấp tỉnh.\nThôn B có cách làm hay về vệ sinh môi trường.\n")


def _graph(data: Path) -> Graph:
    graph, problems = build_graph(data)
    assert graph is not None, problems
    return graph


def test_the_share_counts_statements_backed_by_a_found_quote(tmp_path: Path) -> None:
    report = audit(_graph(_data(tmp_path / "a", GOOD)))
    assert (report.quoted, report.total) == (4, 4)
    less = GOOD.replace("    trich: tiếp 1.981 lượt công dân\n", "")
    report = audit(_graph(_data(tmp_path / "b", less)))
    assert (report.quoted, report.total) == (3, 4)
    assert share_line(report) == "Có câu trích đã đối chiếu: 3/4 nội dung (75,0 %)."
    text = report_markdown(report, unquoted_only=True)
    assert "- Chưa có câu trích: Số liệu: Lượt công dân (`so_lieu[1]`)" in text
    assert "`data/mo-hinh/m.yaml`: 3/4 nội dung có câu trích." in text


def test_make_audit_reports_and_writes_the_summary(tmp_path: Path) -> None:
    data = _data(tmp_path, GOOD)
    summary = tmp_path / "summary.md"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "audit.py"), "--data",
                           str(data), "--summary", str(summary)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "4/4 nội dung (100,0 %)" in done.stdout
    assert "4/4 nội dung (100,0 %)" in summary.read_text(encoding="utf-8")
    (data / "mo-hinh" / "m.yaml").write_text(GOOD.replace("gia_tri: 14", "gia_tri: 15")
                                             + "nguon: [bai-a]\n",
                                             encoding="utf-8")
    refused = subprocess.run([sys.executable, str(ROOT / "scripts" / "audit.py"), "--data",
                              str(data)], capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 1 and "so_lieu[2].trich" in refused.stderr


def _cases(tmp_path: Path, recognition: str) -> Graph:
    data = write_records(tmp_path / "data", {
        "nguon/bai.yaml": "id: bai\ntieu_de: Bài\ntep: bai.txt\n",
        "dien-hinh/to-tu-quan.yaml": "id: to-tu-quan\ntieu_de: Tổ tự quản thôn A\n"
                                     "mo_ta: Tổ tự quản.\nnguon: [bai]\n" + recognition,
        "dien-hinh/thon-b.yaml": "id: thon-b\ntieu_de: Vệ sinh môi trường thôn B\n"
                                 "mo_ta: Cách làm hay.\nnguon: [bai]\n",
    })
    (data / "nguon" / "bai.txt").write_text(RECOGNISED, encoding="utf-8")
    return _graph(data)


def test_only_recognised_cases_are_listed(tmp_path: Path) -> None:
    graph = _cases(tmp_path, "cong_nhan:\n  - danh_hieu: Dân vận khéo\n    cap: tỉnh\n"
                             "    nam: 2020\n    trich: được Ban Dân vận Tỉnh ủy công nhận là "
                             "điển hình “Dân vận khéo” cấp tỉnh\n")
    path, page = recognised_page(graph)
    assert path == PATH == "dan-van-kheo/index.md"
    assert "- [Tổ tự quản thôn A](../dien-hinh/to-tu-quan.md) (tỉnh, năm 2020)" in page
    assert "thon-b" not in page and "Chưa có điển hình nào" not in page
    assert "exclude" not in page  # found by a search


def test_with_no_recognised_case_the_page_says_so(tmp_path: Path) -> None:
    _, page = recognised_page(_cases(tmp_path, ""))
    assert "**Chưa có điển hình nào:**" in page and "to-tu-quan" not in page
    assert "\nsearch:\n  exclude: true\n---\n" in page  # an empty page is no search answer


def test_lessons_state_no_facts_of_their_own() -> None:
    graph = _graph(ROOT / "data")
    lessons = [r for r in audit(graph).records if r.path.startswith("data/bai-giang/")]
    assert lessons and all(not r.quoted and not r.unquoted for r in lessons)
