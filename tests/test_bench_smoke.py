"""The benchmark at N = 100 (no browser), the synthetic data it builds on, and the page-size caps
that keep record pages small at any size. No timing thresholds here: `make bench` reports those."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import bench
import pytest
import synth
import weight

from sotay.pipeline import build_graph
from sotay.render import BACKLINK_LIMIT, IN_PLACE_LIMIT, render_pages

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

STAGES = ("read", "link", "fidelity", "render", "emit", "page_markdown", "page_content",
          "post_build")


def test_synthetic_data_is_valid_and_deterministic(tmp_path: Path) -> None:
    made = synth.generate(300, tmp_path / "a", seed=3)
    synth.generate(300, tmp_path / "b", seed=3)
    assert sum(made.values()) == 300
    assert set(made) == {"van-ban", "mo-hinh", "dien-hinh", "to-chuc", "dia-danh", "nhan-vat",
                         "su-kien", "nguon", "chu-de", "viet-tat"}
    assert made["dien-hinh"] > made["mo-hinh"] > made["van-ban"]
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.*"))
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
               for f in files_a)
    assert any(f.suffix == ".md" for f in files_a)
    graph, problems = build_graph(tmp_path / "a")
    assert problems == []
    assert graph is not None and graph.renamed  # a few id_cu, for redirects
    assert any(r.get("so_lieu") for r in graph.records.values())
    assert any(graph.ancestors(i) for i in graph.records if i.startswith("ban-"))


def test_long_groups_are_cut_and_linked_to_a_full_list(tmp_path: Path) -> None:
    synth.generate(1000, tmp_path, seed=1)
    graph, problems = build_graph(tmp_path)
    assert graph is not None, problems
    pages = {p.path: p.content for p in render_pages(graph)}
    busiest = max(graph.records, key=lambda i: len(graph.backlinks.get(i, ())))
    record = graph.records[busiest]
    page = pages[f"{record.type}/{record.id}.md"]
    full = [path for path in pages if path.startswith(f"ds/{record.type}-{record.id}-")]
    assert full, "a group longer than the limit gets its own full list"
    assert f'href="../{full[0].removesuffix(".md")}.html"' in page
    longest = max(len(rs) for _, rs in graph.grouped_backlinks(busiest))
    assert longest > BACKLINK_LIMIT
    assert len(re.findall(r"<li[^>]*><a ", pages[full[0]])) >= BACKLINK_LIMIT
    province = next(r for r in graph.records.values() if r.get("cap") == "tinh"
                    and r.type == "dia-danh")
    province_page = pages[f"dia-danh/{province.id}.md"]
    section = province_page.split('<h2 id="tai-dia-ban">')[1].split("\n<h2 ")[0]
    for line in section.splitlines():
        if line.startswith("<li><strong>"):
            assert line.count("<a href=") <= IN_PLACE_LIMIT
    assert "bản ghi khác" in section


def test_bench_smoke_writes_every_metric(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = bench.run([100], out, browser=False, serve=False, rounds=2, lighthouse=False)
    assert json.loads(out.read_text(encoding="utf-8")) == result
    (run,) = result["runs"]
    for key in bench.METRICS:
        assert run[key] > 0, key
    assert set(STAGES) <= set(run["stages_cpu_s"])
    assert run["stages_cpu_s"]["read"] > 0 and run["stages_cpu_s"]["render"] > 0
    assert run["page_kb_max"] >= run["page_kb_mean"]
    assert run["records"] == 100 and run["rounds"] == 2
    # The hooks' CPU is part of the build's CPU, and each spread holds its median.
    assert run["hooks_cpu_s"] < run["build_cpu_s"]
    for variant in ("build", "plain", "plain_search"):
        low, high = run[f"{variant}_cpu_spread_s"]
        assert low <= run[f"{variant}_cpu_s"] <= high
    assert abs(run["build_vs_plain"] - run["build_cpu_s"] / run["plain_cpu_s"]) < 0.01
    assert "| mkdocs build, CPU" in bench.table(result)
    assert run["weight"]["zim_bytes"] > 0 and "| Tệp ZIM cho Kiwix (MB)" in bench.table(result)
    assert {t["target"] for t in result["targets"]} >= {t[1] for t in bench.TARGETS}


@pytest.mark.browser
def test_weight_only_at_30_records_without_lighthouse(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    # In its own process, as `make bench` runs it: Playwright's sync API cannot start inside a
    # test process whose browser fixture already runs an event loop.
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "30",
                           "--only", "weight", "--no-lighthouse", "--json", str(out)],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    (run,) = result["runs"]
    assert "build_cpu_s" not in run and "serve" not in result
    found = run["weight"]
    assert found["lighthouse_performance"] is None
    assert "--no-lighthouse" in found["lighthouse_error"]
    text = bench.table(result)
    assert f"| {weight.UNMEASURED} (không chạy (--no-lighthouse)) |" in text
    assert "Lighthouse di động, hiệu năng trang chủ tại 30: không đo được" in text
    assert "mkdocs build" not in text
    # The stored copy is the listed files plus the list and the worker; gzip makes it smaller.
    assert found["webapp_stored_bytes"] > found["webapp_listed_bytes"] > found["shell_stored_bytes"]
    assert found["webapp_wire_bytes"] < found["webapp_stored_bytes"] / 2
    # The home page loads at least its own HTML, its stylesheet and script, all from loopback.
    assert found["home_requests"] >= 3
    assert found["home_transfer_with_headers_bytes"] > found["home_transfer_bytes"] > 10_000
    assert found["zip_bytes"] > 0 and found["zim_bytes"] > 0
    assert found["zim_mb"] == round(found["zim_bytes"] / 1_000_000, 2)
    assert [t["met"] for t in result["targets"]] == [None, None, False]


def test_measure_reads_cpu_time_of_the_process_only(tmp_path: Path) -> None:
    busy = bench.measure([sys.executable, "-c", "import time\nend = time.process_time() + 0.3\n"
                          "while time.process_time() < end: pass"])
    idle = bench.measure([sys.executable, "-c", "import time; time.sleep(0.4)"])
    assert busy.returncode == 0 and busy.cpu_seconds >= 0.3
    assert idle.seconds >= 0.4 and idle.cpu_seconds < 0.3


def test_growth_targets_compare_cpu_between_sizes() -> None:
    runs = [{"n": 1000, "build_cpu_s": 10.0}, {"n": 10_000, "build_cpu_s": 120.0},
            {"n": 30_000, "build_cpu_s": 300.0}]
    growth = {t["target"]: t for t in bench.verdicts(runs) if t["target"].startswith("CPU build")}
    assert growth["CPU build(10.000) / build(1.000)"]["value"] == 12.0
    assert growth["CPU build(10.000) / build(1.000)"]["met"] is False  # over 11×
    assert growth["CPU build(30.000) / build(10.000)"]["met"] is True  # 2.5× ≤ 3.3×


def test_a_target_at_a_size_not_run_is_unmeasured_not_judged_on_a_smaller_one() -> None:
    row = {"n": 10_000, "hooks_share": 0.2, "build_vs_plain": 1.4, "check_wall_s": 2.0,
           "peak_rss_mb": 900.0, "page_kb_max": 30.0, "search_first_result_s": 0.3}
    found = {t["target"]: t for t in bench.verdicts([row])}
    memory = found["bộ nhớ đỉnh tại 30.000 (MB)"]
    assert memory["met"] is None and memory["value"] is None and memory["n"] == 30_000
    assert found["make check tại 10.000 (s)"]["met"] is True
    assert found["build / MkDocs thuần không plugin tại 10.000 (CPU)"]["met"] is False
