"""`make bench`: build, check and search the handbook at growing sizes of synthetic data.

For each N (100, 1,000, 10,000; 30,000 with ``--max 30000``) it generates N records into a
temporary project and measures, as **CPU time** (user + sys of the process, from ``wait4``;
wall time on a shared machine swings by half):

- the full ``mkdocs build`` of the handbook, with the CPU time spent in the hooks by stage;
- the same pages built by plain MkDocs + Material without hooks, once with no plugin at all
  and once with Material's stock search plugin (the two baselines);
- ``make check``, site and page sizes, the search index, and the first search result in
  headless Chromium from ``file://``; at 1,000 records, ``mkdocs serve`` picking up an edit.

The three builds run interleaved in rounds (the order rotates each round) and each figure is
the median over the rounds, so a slow minute on the machine cannot favour one of them.
At each size it also weighs the built site (``weight.py``): the offline zip, the ZIM, the web
app's full download over the wire and stored, the home page's transfer and Lighthouse's mobile
performance score; ``--only weight`` builds once per size and measures only that.
Prints a table and writes JSON (``bench-results/bench.json``).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import synth
import weight

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
# The builds of one round: the handbook and its two baselines on the same pages.
VARIANTS = ("project", "plain", "plain_search")
# What every run reports; the smoke test checks each key is present and positive.
METRICS = (
    "records", "build_cpu_s", "build_wall_s", "hooks_cpu_s", "hooks_share", "plain_cpu_s",
    "plain_search_cpu_s", "build_vs_plain", "build_vs_plain_search", "peak_rss_mb",
    "plain_peak_rss_mb", "site_mb", "page_kb_mean", "page_kb_max", "search_index_kb",
    "search_files", "check_cpu_s", "check_wall_s",
)
STAGE_KEYS = ("read", "link", "fidelity", "render", "emit", "page_markdown", "page_content",
              "post_build")
TARGETS = (
    ("hooks_share", "CPU trong hook / cả build tại 10.000", 10_000, 0.05),
    ("build_vs_plain", "build / MkDocs thuần không plugin tại 10.000 (CPU)", 10_000, 0.5),
    ("check_wall_s", "make check tại 10.000 (s)", 10_000, 3.0),
    ("peak_rss_mb", "bộ nhớ đỉnh tại 30.000 (MB)", 30_000, 2048.0),
    ("page_kb_max", "trang bản ghi lớn nhất (KB)", 10_000, 40.0),
    ("search_first_result_s", "kết quả tìm kiếm đầu tiên tại 10.000 (s)", 10_000, 1.0),
)
# Growth between sizes: at most 1.1× linear (10× the records → at most 11× the CPU).
GROWTH = ((1000, 10_000), (10_000, 30_000))
GROWTH_SLACK = 1.1


@dataclass(frozen=True)
class Measured:
    """One finished subprocess: wall and CPU seconds, peak resident memory, exit code, output."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def measure(command: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``command``; read its own CPU time and peak RSS from ``wait4`` (the process itself,
    not its children or the rest of the machine)."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                    process.returncode, output)


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


# The last commit whose renderer wrote its pages in Markdown: the baselines build the same pages
# as an ordinary MkDocs site would hold them, written by that renderer from the same data.
MARKDOWN_RENDERER = "38e7346"
_WRITE_PAGES = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from sotay.pipeline import build_graph
from sotay.render import render_pages
graph, problems = build_graph(Path(sys.argv[2]), Path(sys.argv[3]))
assert graph is not None, problems
for page in render_pages(graph):
    target = Path(sys.argv[4]) / page.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page.content, encoding="utf-8")
"""


def markdown_pages(project: Path, docs: Path) -> bool:
    """Write the generated pages into ``docs`` as Markdown, by the renderer of
    :data:`MARKDOWN_RENDERER` (read from git); False when this checkout lacks that commit."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar",
                              MARKDOWN_RENDERER, "hooks"], capture_output=True, check=False)
    if archive.returncode != 0:
        return False
    with tempfile.TemporaryDirectory() as old:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(old, filter="data")
        subprocess.run([sys.executable, "-c", _WRITE_PAGES, str(Path(old) / "hooks"),
                        str(project / "data"), str(project / "docs"), str(docs)],
                       check=True, env=_env())
    return True


def baseline_project(project: Path, dest: Path, search: bool) -> tuple[Path, str]:
    """The same generated pages as files in ``docs/``, with the same theme and no hooks; with
    ``search``, Material's stock search plugin indexes them as on an ordinary MkDocs site.
    Returns the project and what its pages are: ``markdown`` (see :func:`markdown_pages`) or,
    in a checkout without that commit, ``html`` (today's pages inside ``.md`` files, which
    Python-Markdown handles very differently: not a fair baseline, and reported as such)."""
    docs = dest / "docs"
    shutil.copytree(project / "docs", docs)
    kind = "markdown"
    if not markdown_pages(project, docs):
        kind = "html"
        graph, problems = build_graph(project / "data", project / "docs")
        assert graph is not None, problems
        for page in render_pages(graph):
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content, encoding="utf-8")
    shutil.copytree(project / "overrides", dest / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # Drop the hooks and the watched data folders; links to hook-made files would warn.
    config = re.sub(r"(?m)^(hooks|watch):\n(?:[ \t]+.*\n)*", "", config)
    config = re.sub(r"(?m)^strict:.*\n", "", config) + "\nstrict: false\n"
    plugins = "plugins:\n  - search\n" if search else "plugins: []\n"
    config = re.sub(r"(?m)^plugins: \[\]\n", plugins, config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest, kind


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


@dataclass
class _Builds:
    """What the rounds of one size measured: each variant's runs, and the hooks' stages."""

    runs: dict[str, list[Measured]]
    stages: list[dict[str, float]]
    baseline_pages: str  # "markdown", or "html" where the Markdown renderer was not at hand

    def median(self, variant: str, value: str) -> float:
        return float(statistics.median(getattr(m, value) for m in self.runs[variant]))

    def spread(self, variant: str) -> list[float]:
        cpu = [m.cpu_seconds for m in self.runs[variant]]
        return [round(min(cpu), 2), round(max(cpu), 2)]


def interleaved_builds(project: Path, work: Path, count: int, rounds: int) -> _Builds:
    """Build the handbook and both baselines ``rounds`` times, rotating their order."""
    timings_file = work / f"timings-{count}.jsonl"
    timings_file.unlink(missing_ok=True)
    plain, kind = baseline_project(project, work / f"n{count}-plain", False)
    with_search, _ = baseline_project(project, work / f"n{count}-search", True)
    configs = {
        "project": (project / "mkdocs.yml", _env(SOTAY_TIMINGS=str(timings_file),
                                                 SOTAY_DATA_DIR=str(project / "data"))),
        "plain": (plain / "mkdocs.yml", _env()),
        "plain_search": (with_search / "mkdocs.yml", _env()),
    }
    runs: dict[str, list[Measured]] = {v: [] for v in VARIANTS}
    for round_index in range(rounds):
        order = VARIANTS[round_index % 3:] + VARIANTS[:round_index % 3]
        for variant in order:
            config, env = configs[variant]
            built = mkdocs_build(config, config.parent / "site", env)
            if built.returncode != 0:
                raise SystemExit(f"Dựng {variant} thất bại ở N={count}:\n{built.output[-3000:]}")
            runs[variant].append(built)
    stages = [json.loads(line) for line in timings_file.read_text(encoding="utf-8").splitlines()]
    for variant in VARIANTS[1:]:
        shutil.rmtree(configs[variant][0].parent, ignore_errors=True)
    return _Builds(runs, stages, kind)


def stage_medians(stages: list[dict[str, float]]) -> dict[str, float]:
    """CPU seconds of each hook stage (median over the rounds), as the table groups them."""
    def med(*keys: str, minus: tuple[str, ...] = ()) -> float:
        return round(statistics.median(
            sum(s.get(k, 0.0) for k in keys) - sum(s.get(k, 0.0) for k in minus)
            for s in stages), 3)
    return {
        "read": med("read"), "link": med("link", "guides"), "fidelity": med("fidelity"),
        "render": med("render"), "emit": med("files", minus=("render",)),
        "config_other": med("config", minus=("read", "link", "fidelity", "guides")),
        "page_markdown": med("page_markdown"), "page_content": med("page_content"),
        "post_build": med("post_build"),
    }


def weigh(site: Path, browser: bool, lighthouse: bool) -> dict[str, Any]:
    """The weight of a built site (zip and ZIM written beside it, in ``dist``)."""
    return weight.measure_weight(site, site.parent / "dist", CHROMIUM,
                                 CHROMIUM_ARGS + [weight.LOOPBACK_ONLY], browser, lighthouse)


def weight_size(count: int, work: Path, seed: int, browser: bool,
                lighthouse: bool) -> dict[str, Any]:
    """One build of ``count`` synthetic records, then its weight only."""
    project = make_project(work / f"n{count}", count, seed)
    built = mkdocs_build(project / "mkdocs.yml", project / "site",
                         _env(SOTAY_DATA_DIR=str(project / "data")))
    if built.returncode != 0:
        raise SystemExit(f"Dựng thất bại ở N={count}:\n{built.output[-3000:]}")
    return {"n": count, "records": len(synth_files(project / "data")),
            "weight": weigh(project / "site", browser, lighthouse)}


def run_size(count: int, work: Path, seed: int, browser: bool, rounds: int,
             lighthouse: bool = True) -> dict[str, Any]:
    """Every measurement at one size."""
    project = make_project(work / f"n{count}", count, seed)
    records = len(synth_files(project / "data"))
    checks = [measure([sys.executable, str(ROOT / "scripts" / "validate.py"), "--data",
                       str(project / "data"), "--docs", str(project / "docs")], _env())
              for _ in range(3)]
    if checks[0].returncode != 0:
        raise SystemExit(f"Dữ liệu giả không hợp lệ ở N={count}:\n{checks[0].output[-3000:]}")
    builds = interleaved_builds(project, work, count, rounds)
    site = project / "site"
    hooks = statistics.median(sum(s.get(k, 0.0) for k in HOOK_STAGES) for s in builds.stages)
    build_cpu = builds.median("project", "cpu_seconds")
    plain_cpu = builds.median("plain", "cpu_seconds")
    search_cpu = builds.median("plain_search", "cpu_seconds")
    site_bytes, site_files = _dir_bytes(site)
    search_bytes, search_files = _dir_bytes(site / "search") if (site / "search").is_dir() \
        else (0, 0)
    sizes = page_sizes(project, site)
    row: dict[str, Any] = {
        "n": count, "records": records, "rounds": rounds,
        "build_cpu_s": round(build_cpu, 2),
        "build_cpu_spread_s": builds.spread("project"),
        "build_wall_s": round(builds.median("project", "seconds"), 2),
        "hooks_cpu_s": round(hooks, 3), "hooks_share": round(hooks / build_cpu, 4),
        "stages_cpu_s": stage_medians(builds.stages),
        "plain_cpu_s": round(plain_cpu, 2), "plain_cpu_spread_s": builds.spread("plain"),
        "plain_search_cpu_s": round(search_cpu, 2),
        "plain_search_cpu_spread_s": builds.spread("plain_search"),
        "baseline_pages": builds.baseline_pages,
        "build_vs_plain": round(build_cpu / plain_cpu, 3),
        "build_vs_plain_search": round(build_cpu / search_cpu, 3),
        "peak_rss_mb": round(max(m.peak_rss_mb for m in builds.runs["project"]), 1),
        "plain_peak_rss_mb": round(max(m.peak_rss_mb for m in builds.runs["plain"]), 1),
        "site_mb": round(site_bytes / 2**20, 2), "site_files": site_files,
        "page_kb_mean": round(sum(sizes) / len(sizes) / 1024, 2),
        "page_kb_max": round(max(sizes) / 1024, 2),
        "search_index_kb": round(search_bytes / 1024, 1), "search_files": search_files,
        "check_cpu_s": round(statistics.median(c.cpu_seconds for c in checks), 2),
        "check_wall_s": round(statistics.median(c.seconds for c in checks), 2),
        "check_peak_rss_mb": round(max(c.peak_rss_mb for c in checks), 1),
    }
    if browser:
        row.update(first_search_result(site))
    row["weight"] = weigh(site, browser, lighthouse)
    return row


def _available_mb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def verdicts(runs: list[dict[str, Any]], serve: dict[str, Any] | None = None
             ) -> list[dict[str, Any]]:
    """Each target with the value measured at its size; a target whose size was not run is
    reported unmeasured, never judged on a smaller size."""
    by_n = {r["n"]: r for r in runs}
    found = []
    for key, label, size, limit in TARGETS:
        row = by_n.get(size)
        value = row.get(key) if row else None
        found.append({"target": label, "n": size, "size": size, "value": value, "limit": limit,
                      "met": None if row is None else value is not None and value <= limit})
    for small, large in GROWTH:
        if small in by_n and large in by_n:
            ratio = round(by_n[large]["build_cpu_s"] / by_n[small]["build_cpu_s"], 2)
            limit = round(large / small * GROWTH_SLACK, 2)
            found.append({"target": f"CPU build({large:,}) / build({small:,})".replace(",", "."),
                          "n": large, "value": ratio, "limit": limit, "met": ratio <= limit})
    if serve and serve.get("serve_reload_s") is not None:
        found.append({"target": "make serve: sửa một tệp → trang mới, 1.000 bản ghi (s)",
                      "n": 1000, "value": serve["serve_reload_s"], "limit": 5.0,
                      "met": serve["serve_reload_s"] <= 5.0})
    return found


def _stages(r: dict[str, Any], *keys: str) -> str:
    return " / ".join(str(r["stages_cpu_s"][k]) for k in keys)


def _mb(r: dict[str, Any], key: str) -> str:
    return f"{r['weight'][key + '_bytes'] / 1_000_000:.2f}"


def _kb(r: dict[str, Any], key: str) -> str:
    return f"{r['weight'][key + '_bytes'] / 1000:.1f}"


def _score(r: dict[str, Any]) -> str:
    found = r["weight"]
    if found.get("lighthouse_performance") is None:
        return f"{weight.UNMEASURED} ({found.get('lighthouse_error', '?')})"
    return f"{found['lighthouse_performance']} ({', '.join(map(str, found['lighthouse_scores']))})"


Rows = list[tuple[str, Any]]
BUILD_ROWS: Rows = [
    ("Số bản ghi", lambda r: f"{r['records']:,}".replace(",", ".")),
    ("mkdocs build, CPU (s; min–max các vòng)", lambda r: (
        f"{r['build_cpu_s']} ({r['build_cpu_spread_s'][0]}–{r['build_cpu_spread_s'][1]})")),
    ("  thời gian thực (s)", lambda r: r["build_wall_s"]),
    ("  CPU trong hook (s, phần của build)",
     lambda r: f"{r['hooks_cpu_s']} ({r['hooks_share']:.1%})"),
    ("    đọc + kiểm / liên kết / đối chiếu nguồn (s)",
     lambda r: _stages(r, "read", "link", "fidelity")),
    ("    dựng trang / nạp / mỗi trang (md + html) / hậu kỳ (s)",
     lambda r: _stages(r, "render", "emit", "page_markdown", "page_content", "post_build")),
    ("MkDocs + Material thuần, không plugin, CPU (s)", lambda r: r["plain_cpu_s"]),
    ("  như trên, có plugin search, CPU (s)", lambda r: r["plain_search_cpu_s"]),
    ("build / thuần không plugin", lambda r: f"{r['build_vs_plain']:.2f}×"),
    ("build / thuần có search", lambda r: f"{r['build_vs_plain_search']:.2f}×"),
    ("Bộ nhớ đỉnh build / thuần (MB)",
     lambda r: f"{r['peak_rss_mb']} / {r['plain_peak_rss_mb']}"),
    ("Dung lượng site (MB)", lambda r: r["site_mb"]),
    ("Trang bản ghi TB / lớn nhất (KB)", lambda r: f"{r['page_kb_mean']} / {r['page_kb_max']}"),
    ("Chỉ mục tìm kiếm (KB, số tệp)", lambda r: f"{r['search_index_kb']} ({r['search_files']})"),
    ("make check: thực / CPU (s)", lambda r: f"{r['check_wall_s']} / {r['check_cpu_s']}"),
    ("Kết quả tìm đầu tiên (s)", lambda r: r.get("search_first_result_s", "—")),
]
# Sizes in MB = 10**6 bytes, KB = 1000 bytes, as a phone's storage settings count them.
WEIGHT_ROWS: Rows = [
    ("Số bản ghi", lambda r: f"{r['records']:,}".replace(",", ".")),
    ("Tệp zip đọc không cần mạng (MB)", lambda r: _mb(r, "zip")),
    ("Tệp ZIM cho Kiwix (MB)", lambda r: _mb(r, "zim")),
    ("Web app, lưu cả sổ tay: qua mạng, gzip (MB)", lambda r: _mb(r, "webapp_wire")),
    ("  lưu trong máy (MB; số tệp)",
     lambda r: f"{_mb(r, 'webapp_stored')} ({r['weight']['webapp_files']})"),
    ("  vỏ ứng dụng lưu ở lần mở đầu: qua mạng / lưu (KB)",
     lambda r: f"{_kb(r, 'shell_wire')} / {_kb(r, 'shell_stored')}"),
    ("Trang chủ tải về, gzip (KB; số yêu cầu)",
     lambda r: f"{_kb(r, 'home_transfer')} ({r['weight']['home_requests']})"),
    ("Lighthouse di động, hiệu năng trang chủ (trung vị; các lần)", _score),
]


def _rows(runs: list[dict[str, Any]], rows: Rows) -> list[str]:
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
    return lines


def table(result: dict[str, Any]) -> str:
    """The results as Markdown tables, one column per size: build times, then weight."""
    runs = result["runs"]
    lines: list[str] = []
    if any("build_cpu_s" in r for r in runs):
        lines += _rows(runs, BUILD_ROWS)
    if any("weight" in r for r in runs):
        lines += ([""] if lines else []) + ["Dung lượng:", ""] + _rows(runs, WEIGHT_ROWS)
    if "serve" in result:
        serve = result["serve"]
        lines.append("")
        lines.append(f"mkdocs serve, 1.000 bản ghi: sửa một tệp YAML → trang mới sau "
                     f"{serve.get('serve_reload_s', '—')} s "
                     f"(lần dựng đầu {serve.get('serve_first_build_s', '—')} s).")
    if result.get("targets"):
        lines.append("")
        for t in result["targets"]:
            mark = ("đạt" if t["met"] else "CHƯA ĐẠT") if t["met"] is not None \
                else f"chưa đo tại {t['size']:,}".replace(",", ".")
            sense = "≥" if t.get("sense") == "min" else "≤"
            where = f" tại {t['n']:,}".replace(",", ".") if "sense" in t else ""
            lines.append(f"- {t['target']}{where}: {t['value']} (mục tiêu {sense} {t['limit']})"
                         f" — {mark}")
    return "\n".join(lines)


def run(sizes: list[int], out: Path, browser: bool = True, serve: bool = True,
        seed: int = 1, keep: Path | None = None, rounds: int = 3, only_weight: bool = False,
        lighthouse: bool = True) -> dict[str, Any]:
    """Run every size, write ``out`` as JSON and return the result. At 30,000 records and
    above one round is run (each build takes minutes), still in the rotated order. With
    ``only_weight`` each size is built once and only weighed (no timings, no serve)."""
    work = keep or Path(tempfile.mkdtemp(prefix="sotay-bench-"))
    runs = []
    try:
        for count in sizes:
            print(f"… N = {count}", file=sys.stderr, flush=True)
            if only_weight:
                runs.append(weight_size(count, work, seed, browser, lighthouse))
            else:
                runs.append(run_size(count, work, seed, browser,
                                     rounds if count < 30_000 else 1, lighthouse))
            if not keep:
                shutil.rmtree(work / f"n{count}", ignore_errors=True)
        result: dict[str, Any] = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform()},
            "method": "CPU = user + sys từ wait4; trung vị qua các vòng, thứ tự xoay vòng",
            "weight_method": weight.METHOD,
            "query": SEARCH_QUERY, "runs": runs,
        }
        if serve and not only_weight:
            project = make_project(work / "serve", 1000, seed)
            result["serve"] = serve_reload(project)
        result["targets"] = ([] if only_weight else verdicts(runs, result.get("serve"))) \
            + weight.verdicts(runs)
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
    parser.add_argument("--rounds", type=int, default=3, help="số vòng dựng xen kẽ mỗi cỡ")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results" / "bench.json")
    parser.add_argument("--no-browser", action="store_true", help="bỏ đo tìm kiếm trong Chromium")
    parser.add_argument("--no-serve", action="store_true", help="bỏ đo mkdocs serve")
    parser.add_argument("--only", choices=("weight",), help="chỉ đo dung lượng (dựng một lần)")
    parser.add_argument("--no-lighthouse", action="store_true", help="bỏ chấm điểm Lighthouse")
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
                 seed=args.seed, keep=args.keep, rounds=max(args.rounds, 1),
                 only_weight=args.only == "weight", lighthouse=not args.no_lighthouse)
    print(table(result))
    print(f"\nĐã ghi {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
