"""`make bench`: build, check and search the handbook at growing sizes of synthetic data.

For each N (100, 1,000, 10,000; 30,000 with ``--max 30000``) it generates N records into a
temporary project, then measures the full ``mkdocs build`` (wall time, peak memory, time in the
hooks by stage), the same pages built by plain MkDocs without hooks (the baseline), site and
page sizes, the search index, ``make check``, and the first search result in headless
Chromium from ``file://``. At 1,000 records it also times ``mkdocs serve`` picking up an edited
YAML file. Prints a table and writes JSON (``bench-results/bench.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import synth

from _bootstrap import ROOT, copy_build_sources
from sotay.pipeline import build_graph
from sotay.render import render_pages

CHROMIUM = os.environ.get("SOTAY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SEARCH_QUERY = "thoát nghèo"
HOOK_STAGES = ("config", "files", "page_markdown", "page_content", "post_build")
# What every run reports; the smoke test checks each key is present and positive.
METRICS = (
    "records", "build_s", "hooks_s", "hooks_share", "baseline_s", "build_vs_baseline",
    "peak_rss_mb", "baseline_peak_rss_mb", "site_mb", "page_kb_mean", "page_kb_max",
    "search_index_kb", "search_files", "check_s",
)
STAGE_KEYS = ("load", "validate", "link", "render", "emit", "post_build")
TARGETS = (
    ("hooks_share", "hooks/build tại 10.000", 10_000, 0.10),
    ("build_vs_baseline", "build / baseline tại 10.000", 10_000, 1.2),
    ("check_s", "make check tại 10.000 (s)", 10_000, 3.0),
    ("peak_rss_mb", "bộ nhớ đỉnh tại 10.000 (MB)", 10_000, 1536.0),
    ("page_kb_max", "trang bản ghi lớn nhất (KB)", 10_000, 40.0),
    ("search_first_result_s", "kết quả tìm kiếm đầu tiên tại 10.000 (s)", 10_000, 1.0),
)


@dataclass(frozen=True)
class Measured:
    """One finished subprocess: wall seconds, peak resident memory, exit code, output."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def measure(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``command`` and read its own peak RSS from ``wait4`` (not the whole process tree)."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return Measured(seconds, usage.ru_maxrss / 1024, process.returncode, output)


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("SOTAY_DATA_DIR", None)
    env.pop("SOTAY_TIMINGS", None)
    env.update(extra)
    return env


def make_project(dest: Path, count: int, seed: int) -> Path:
    """A copy of the site's sources with ``count`` synthetic records as its ``data/``.

    The guides' ``[[id]]`` links name real records, absent here, so they become plain code.
    """
    copy_build_sources(dest)
    for page in (dest / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"\[\[([a-z0-9-]+)[^\]]*\]\]", r"`\1`", text), encoding="utf-8")
    synth.generate(count, dest / "data", seed)
    return dest


def baseline_project(project: Path, dest: Path) -> Path:
    """The same generated pages as plain Markdown, with the same theme, Material's stock
    search plugin and no hooks."""
    graph, problems = build_graph(project / "data", project / "docs")
    assert graph is not None, problems
    docs = dest / "docs"
    shutil.copytree(project / "docs", docs)
    for page in render_pages(graph):
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    shutil.copytree(project / "overrides", dest / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # Drop the hooks and the watched data folders; links to hook-made files would warn.
    config = re.sub(r"(?m)^(hooks|watch):\n(?:[ \t]+.*\n)*", "", config)
    config = re.sub(r"(?m)^strict:.*\n", "", config) + "\nstrict: false\n"
    # Stock MkDocs + Material indexes pages with its own search plugin; our hooks replace it,
    # so the baseline pays for it as a stock site would.
    config = re.sub(r"(?m)^plugins: \[\]\n", "plugins:\n  - search\n", config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def mkdocs_build(config: Path, site: Path, env: dict[str, str]) -> Measured:
    return measure([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config),
                    "-d", str(site)], env)


def _dir_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def page_sizes(project: Path, site: Path) -> list[int]:
    """Bytes of every record page, found from the data's file names."""
    sizes = []
    for file in synth_files(project / "data"):
        page = site / file.parent.name / (file.stem + ".html")
        sizes.append(page.stat().st_size)
    return sizes


def synth_files(data: Path) -> list[Path]:
    return [p for p in data.glob("*/*") if p.suffix in (".yaml", ".md")]


def first_search_result(site: Path, query: str = SEARCH_QUERY,
                        timeout: float = 60.0) -> dict[str, Any]:
    """Open the home page from file://, type ``query`` as soon as it has loaded, and time
    until the first result shows. Uses the handbook's own search timing when it exposes
    ``window.__sotaySearchTiming``; otherwise watches the result list of the header box."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith(("file:", "data:", "blob:", "about:"))
                      else route.abort())
        page = context.new_page()
        try:
            started = time.perf_counter()
            page.goto((site / "index.html").as_uri(), wait_until="load")
            loaded = time.perf_counter() - started
            box = page.locator("header input.md-search__input").first
            if not box.is_visible():
                page.locator("label[for=__search]").first.click()
            typed = time.perf_counter()
            box.fill(query)
            page.wait_for_selector(".md-search-result__item", timeout=timeout * 1000)
            shown = time.perf_counter() - typed
            own = page.evaluate("() => window.__sotaySearchTiming || null")
            results = page.evaluate(
                "() => document.querySelectorAll('.md-search-result__item').length")
            return {"search_first_result_s": round(shown, 3), "search_page_load_s":
                    round(loaded, 3), "search_results": results, "search_own_timing": own}
        except Exception as err:  # a missing result is a measurement, not a crash
            return {"search_first_result_s": None, "search_error": str(err).splitlines()[0]}
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (localhost)
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def serve_reload(project: Path, timeout: float = 120.0) -> dict[str, Any]:
    """Time from saving an edited YAML file to ``make serve`` (mkdocs serve --dirty) serving
    the new title."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--no-strict", "-f",
         str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"], env=_env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    file = sorted((project / "data" / "mo-hinh").glob("*.yaml"))[0]
    url = f"http://127.0.0.1:{port}/mo-hinh/{file.stem}.html"
    try:
        started = time.perf_counter()
        while _fetch(url) is None:
            if time.perf_counter() - started > timeout or process.poll() is not None:
                return {"serve_reload_s": None, "serve_error": "mkdocs serve không khởi động"}
            time.sleep(0.2)
        first_build = time.perf_counter() - started
        marker = "Tiêu đề đã sửa 4711"
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r"(?m)^tieu_de: .*$", f"tieu_de: {marker}", text, count=1),
                        encoding="utf-8")
        saved = time.perf_counter()
        while marker not in (_fetch(url) or ""):
            if time.perf_counter() - saved > timeout:
                return {"serve_reload_s": None, "serve_error": "không thấy thay đổi"}
            time.sleep(0.1)
        return {"serve_reload_s": round(time.perf_counter() - saved, 2),
                "serve_first_build_s": round(first_build, 2)}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_size(count: int, work: Path, seed: int, browser: bool) -> dict[str, Any]:
    """Every measurement at one size."""
    project = make_project(work / f"n{count}", count, seed)
    records = len(synth_files(project / "data"))
    timings_file = work / f"timings-{count}.jsonl"
    check = measure([sys.executable, str(ROOT / "scripts" / "validate.py"), "--data",
                     str(project / "data"), "--docs", str(project / "docs")], _env())
    if check.returncode != 0:
        raise SystemExit(f"Dữ liệu giả không hợp lệ ở N={count}:\n{check.output[-3000:]}")
    site = project / "site"
    build = mkdocs_build(project / "mkdocs.yml", site,
                         _env(SOTAY_TIMINGS=str(timings_file),
                              SOTAY_DATA_DIR=str(project / "data")))
    if build.returncode != 0:
        raise SystemExit(f"mkdocs build thất bại ở N={count}:\n{build.output[-3000:]}")
    lines = timings_file.read_text(encoding="utf-8").splitlines()
    stages: dict[str, float] = json.loads(lines[-1])
    base = baseline_project(project, work / f"n{count}-baseline")
    baseline = mkdocs_build(base / "mkdocs.yml", base / "site", _env())
    if baseline.returncode != 0:
        raise SystemExit(f"Dựng baseline thất bại ở N={count}:\n{baseline.output[-3000:]}")
    hooks = sum(stages.get(name, 0.0) for name in HOOK_STAGES)
    site_bytes, site_files = _dir_bytes(site)
    search_bytes, search_files = _dir_bytes(site / "search") if (site / "search").is_dir() \
        else (0, 0)
    sizes = page_sizes(project, site)
    row: dict[str, Any] = {
        "n": count, "records": records,
        "build_s": round(build.seconds, 2), "hooks_s": round(hooks, 3),
        "hooks_share": round(hooks / build.seconds, 4),
        "stages_s": {
            "load": round(stages.get("load", 0.0), 3),
            # Checking is validation plus fidelity (claims against the article texts).
            "validate": round(stages.get("validate", 0.0) + stages.get("fidelity", 0.0), 3),
            "link": round(stages.get("link", 0.0) + stages.get("guides", 0.0), 3),
            "render": round(stages.get("render", 0.0), 3),
            "emit": round(stages.get("files", 0.0) - stages.get("render", 0.0), 3),
            "config_other": round(stages.get("config", 0.0) - sum(
                stages.get(k, 0.0) for k in ("load", "validate", "fidelity", "link", "guides")), 3),
            "page_markdown": round(stages.get("page_markdown", 0.0), 3),
            "page_content": round(stages.get("page_content", 0.0), 3),
            "post_build": round(stages.get("post_build", 0.0), 3),
        },
        "baseline_s": round(baseline.seconds, 2),
        "build_vs_baseline": round(build.seconds / baseline.seconds, 3),
        "peak_rss_mb": round(build.peak_rss_mb, 1),
        "baseline_peak_rss_mb": round(baseline.peak_rss_mb, 1),
        "site_mb": round(site_bytes / 2**20, 2), "site_files": site_files,
        "page_kb_mean": round(sum(sizes) / len(sizes) / 1024, 2),
        "page_kb_max": round(max(sizes) / 1024, 2),
        "search_index_kb": round(search_bytes / 1024, 1), "search_files": search_files,
        "check_s": round(check.seconds, 2),
    }
    if browser:
        row.update(first_search_result(site))
    shutil.rmtree(base, ignore_errors=True)
    return row


def _available_mb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def verdicts(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each target with the measured value at its size (or the largest size run)."""
    by_n = {r["n"]: r for r in runs}
    found = []
    for key, label, size, limit in TARGETS:
        row = by_n.get(size) or max(runs, key=lambda r: r["n"])
        value = row.get(key)
        found.append({"target": label, "n": row["n"], "value": value, "limit": limit,
                      "met": value is not None and value <= limit})
    if 1000 in by_n and 10_000 in by_n:
        ratio = round(by_n[10_000]["build_s"] / by_n[1000]["build_s"], 2)
        found.append({"target": "build(10.000) / build(1.000)", "n": 10_000, "value": ratio,
                      "limit": 11.0, "met": ratio <= 11.0})
    return found


def table(result: dict[str, Any]) -> str:
    """The results as a Markdown table, one column per size."""
    runs = result["runs"]
    rows: list[tuple[str, Any]] = [
        ("Số bản ghi", lambda r: f"{r['records']:,}".replace(",", ".")),
        ("mkdocs build (s)", lambda r: r["build_s"]),
        ("  trong hook (s)", lambda r: f"{r['hooks_s']} ({r['hooks_share']:.1%})"),
        ("    đọc / kiểm / liên kết (s)", lambda r: "{load} / {validate} / {link}".format(
            **r["stages_s"])),
        ("    dựng trang / nạp / mỗi trang / hậu kỳ (s)", lambda r: (
            "{render} / {emit} / {per_page} / {post_build}".format(
                per_page=round(r["stages_s"]["page_markdown"] + r["stages_s"]["page_content"], 3),
                **r["stages_s"]))),
        ("MkDocs thuần, không hook (s)", lambda r: r["baseline_s"]),
        ("build / baseline", lambda r: f"{r['build_vs_baseline']:.2f}×"),
        ("Bộ nhớ đỉnh (MB)", lambda r: r["peak_rss_mb"]),
        ("Dung lượng site (MB)", lambda r: r["site_mb"]),
        ("Trang bản ghi TB / lớn nhất (KB)", lambda r: f"{r['page_kb_mean']} / {r['page_kb_max']}"),
        ("Chỉ mục tìm kiếm (KB, số tệp)", lambda r: f"{r['search_index_kb']} ({r['search_files']})"),
        ("make check (s)", lambda r: r["check_s"]),
        ("Kết quả tìm đầu tiên (s)", lambda r: r.get("search_first_result_s", "—")),
    ]
    header = "| Chỉ số | " + " | ".join(f"N = {r['n']:,}".replace(",", ".") for r in runs) + " |"
    lines = [header, "| --- |" + " ---: |" * len(runs)]
    for label, get in rows:
        cells = []
        for run in runs:
            try:
                value = get(run)
            except KeyError:
                value = "—"
            cells.append("—" if value is None else str(value))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if "serve" in result:
        serve = result["serve"]
        lines.append("")
        lines.append(f"mkdocs serve, 1.000 bản ghi: sửa một tệp YAML → trang mới sau "
                     f"{serve.get('serve_reload_s', '—')} s "
                     f"(lần dựng đầu {serve.get('serve_first_build_s', '—')} s).")
    if result.get("targets"):
        lines.append("")
        for t in result["targets"]:
            mark = "đạt" if t["met"] else "CHƯA ĐẠT"
            lines.append(f"- {t['target']}: {t['value']} (mục tiêu ≤ {t['limit']}) — {mark}")
    return "\n".join(lines)


def run(sizes: list[int], out: Path, browser: bool = True, serve: bool = True,
        seed: int = 1, keep: Path | None = None) -> dict[str, Any]:
    """Run every size, write ``out`` as JSON and return the result."""
    work = keep or Path(tempfile.mkdtemp(prefix="sotay-bench-"))
    runs = []
    try:
        for count in sizes:
            print(f"… N = {count}", file=sys.stderr, flush=True)
            runs.append(run_size(count, work, seed, browser))
            if not keep:
                shutil.rmtree(work / f"n{count}", ignore_errors=True)
        result: dict[str, Any] = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform()},
            "query": SEARCH_QUERY, "runs": runs,
        }
        if serve:
            project = make_project(work / "serve", 1000, seed)
            result["serve"] = serve_reload(project)
        result["targets"] = verdicts(runs)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo hiệu năng Sổ tay Dân vận trên dữ liệu giả.")
    parser.add_argument("--max", type=int, default=10_000, help="số bản ghi lớn nhất (30000)")
    parser.add_argument("--sizes", type=str, default="", help="các cỡ, ví dụ 100,1000")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results" / "bench.json")
    parser.add_argument("--no-browser", action="store_true", help="bỏ đo tìm kiếm trong Chromium")
    parser.add_argument("--no-serve", action="store_true", help="bỏ đo mkdocs serve")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="giữ các dự án tạm trong thư mục này")
    args = parser.parse_args(argv)
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    else:
        sizes = [n for n in (100, 1000, 10_000, 30_000) if n <= args.max]
    if 30_000 in sizes and _available_mb() < 6000:
        print("Bỏ N = 30.000: máy còn dưới 6 GB bộ nhớ trống.", file=sys.stderr)
        sizes.remove(30_000)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    result = run(sizes, args.json, browser=not args.no_browser, serve=not args.no_serve,
                 seed=args.seed, keep=args.keep)
    print(table(result))
    print(f"\nĐã ghi {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
