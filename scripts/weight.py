"""The handbook's weight on a reader's phone, for `make bench`: what each offline route downloads
and stores, what the home page transfers, and Lighthouse's mobile performance score.

Sizes are counted, not timed, so they do not depend on the load of the machine:

- the offline zip (`make offline`) and the ZIM (`make zim`), in bytes on disk;
- the web app's "save the whole handbook": every file of ``sotay-offline.json`` plus that list
  and the service worker, over the wire (text files gzip-compressed at level 6, as a web server
  sends them; images and fonts as they are) and as stored by the browser (uncompressed);
- the home page's transfer: every request Chromium makes to open it from a gzip-serving
  127.0.0.1 server (HTML, CSS, JS, fonts, images; service workers blocked, so the app shell the
  worker stores afterwards is reported apart as ``shell_*``).

Lighthouse (tools/lighthouse, `make lighthouse`) runs against Debian's chromium, headless, with
every host but 127.0.0.1 unreachable; its score is the median of ``LIGHTHOUSE_RUNS`` runs.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any

import make_zim
import offline_zip
from _serving import serving

from _bootstrap import ROOT

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_RUNS = 3
GZIP_LEVEL = 6
# What a web server compresses; PNG, WOFF2 and zip files are compressed already.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".csv",
                           ".webmanifest", ".map"})
# Chromium may resolve no host but the loopback server: no network at measurement time.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
UNMEASURED = "không đo được"
METHOD = ("MB = 10^6 byte. Qua mạng: mỗi tệp văn bản nén gzip mức 6 như máy chủ web, ảnh và phông "
          "giữ nguyên; lưu: byte chưa nén. Trang chủ: mọi yêu cầu Chromium gửi khi mở trang từ "
          "127.0.0.1 (gzip), khung 360×740, không service worker. Lighthouse: di động mặc định, "
          "mô phỏng mạng chậm, chỉ tới được 127.0.0.1, trung vị các lần chạy.")
# The ZIM's and the web app's targets (MB, 10**6 bytes) and Lighthouse's, at 10,000 records.
TARGETS = (
    ("zim_mb", "ZIM (MB)", 10_000, 60.0, "max"),
    ("webapp_wire_mb", "web app tải cả sổ tay, qua mạng gzip (MB)", 10_000, 60.0, "max"),
    ("lighthouse_performance", "Lighthouse di động, hiệu năng trang chủ", None, 95, "min"),
)


def wire_bytes(path: str, data: bytes) -> int:
    """Bytes a web server sends for ``data``: gzip level 6 for text, the bytes for the rest."""
    if PurePosixPath(path).suffix in TEXT_SUFFIXES:
        return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
    return len(data)


def webapp_download(site: Path) -> dict[str, Any]:
    """What "save the whole handbook" fetches and keeps: the files of the offline list, the list
    itself and the service worker; and the app shell the worker stores on the first visit."""
    from sotay.webapp import OFFLINE_LIST, SERVICE_WORKER

    listing = json.loads((site / OFFLINE_LIST).read_text(encoding="utf-8"))
    paths = [path for path, _, _ in listing["files"]] + [OFFLINE_LIST, SERVICE_WORKER]
    wire = {path: wire_bytes(path, (site / path).read_bytes()) for path in paths}
    stored = {path: (site / path).stat().st_size for path in paths}
    listed = sum(size for _, _, size in listing["files"])
    if listed != listing["bytes"] or any(stored[p] != s for p, _, s in listing["files"]):
        raise ValueError(f"{site / OFFLINE_LIST}: kích thước trong danh sách khác tệp trên đĩa")
    shell = listing["shell"]
    return {
        "webapp_files": len(paths), "webapp_wire_bytes": sum(wire.values()),
        "webapp_stored_bytes": sum(stored.values()),
        "webapp_listed_bytes": listing["bytes"],
        "shell_files": len(shell), "shell_wire_bytes": sum(wire[p] for p in shell),
        "shell_stored_bytes": sum(stored[p] for p in shell),
    }


class _GzipHandler(SimpleHTTPRequestHandler):
    """A static server that gzips text answers at level 6 when the client accepts gzip."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".webmanifest": "application/manifest+json", ".js": "text/javascript"}

    def do_GET(self) -> None:  # noqa: N802 (the base's name)
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not file.is_file() or not accepts or file.suffix not in TEXT_SUFFIXES:
            super().do_GET()
            return
        body = gzip.compress(file.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass


@contextmanager
def gzip_server(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (gzip for text) from a thread; yield its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_GzipHandler, directory=str(site)))
    with serving(server) as address:
        yield address


def home_transfer(address: str, chromium: str, args: list[str]) -> dict[str, Any]:
    """Every request Chromium makes to open the home page at phone size: count, bytes received
    (encoded bodies, as sent) and with the response headers; any request off loopback fails."""
    from playwright.sync_api import sync_playwright

    seen: list[Any] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740},
                                          service_workers="block")
            page = context.new_page()
            page.on("requestfinished", lambda request: seen.append(request))
            page.goto(f"{address}/index.html", wait_until="networkidle")
            sizes = [request.sizes() for request in seen]
            outside = [r.url for r in seen if not r.url.startswith((address, "data:"))]
        finally:
            browser.close()
    if outside:
        raise ValueError(f"Trang chủ tải từ ngoài 127.0.0.1: {outside[:3]}")
    body = sum(s["responseBodySize"] for s in sizes)
    return {"home_requests": len(sizes), "home_transfer_bytes": body,
            "home_transfer_with_headers_bytes": body + sum(s["responseHeadersSize"]
                                                           for s in sizes)}


def lighthouse_performance(address: str, chromium: str, out: Path,
                           runs: int = LIGHTHOUSE_RUNS) -> dict[str, Any]:
    """Lighthouse's mobile performance score of the home page (default mobile form factor and
    simulated throttling), median of ``runs``; the reason instead when it cannot run."""
    if not LIGHTHOUSE.is_file():
        return {"lighthouse_performance": None,
                "lighthouse_error": f"thiếu {LIGHTHOUSE.relative_to(ROOT)}: chạy make lighthouse"}
    node = shutil.which("node")
    if node is None:
        return {"lighthouse_performance": None, "lighthouse_error": "thiếu node"}
    scores, weights = [], []
    for index in range(runs):
        report = out / f"lighthouse-{index}.json"
        done = subprocess.run(
            [node, str(LIGHTHOUSE), f"{address}/index.html", "--only-categories=performance",
             "--output=json", f"--output-path={report}", "--quiet",
             f"--chrome-flags=--headless=new --no-sandbox --disable-gpu {LOOPBACK_ONLY}"],
            env=dict(os.environ, CHROME_PATH=chromium), capture_output=True, text=True,
            timeout=300, check=False)
        if done.returncode != 0 or not report.is_file():
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return {"lighthouse_performance": None,
                    "lighthouse_error": f"lighthouse thoát mã {done.returncode}: {' | '.join(tail)}"}
        result = json.loads(report.read_text(encoding="utf-8"))
        score = result["categories"]["performance"]["score"]
        if score is None:
            errors = result.get("runtimeError", {}).get("message", "không có điểm")
            return {"lighthouse_performance": None, "lighthouse_error": errors}
        scores.append(round(score * 100))
        weights.append(int(result["audits"]["total-byte-weight"]["numericValue"]))
    return {"lighthouse_performance": statistics.median(scores), "lighthouse_scores": scores,
            "lighthouse_version": result["lighthouseVersion"],
            "lighthouse_byte_weight": statistics.median(weights)}


def measure_weight(site: Path, dist: Path, chromium: str, chromium_args: list[str],
                   browser: bool = True, lighthouse: bool = True) -> dict[str, Any]:
    """Every weight of one built ``site``; the zip and the ZIM are written into ``dist``. Without
    ``browser`` the home page is not opened; without ``lighthouse`` the score says it was not
    run (never a number)."""
    date = make_zim.edition_date(site, {})
    row: dict[str, Any] = {"edition": date.isoformat()}
    row["zip_bytes"] = offline_zip.make_zip(site, dist, date).stat().st_size
    row["zim_bytes"] = make_zim.make_zim(site, dist, date).stat().st_size
    row.update(webapp_download(site))
    if browser or lighthouse:
        with gzip_server(site) as address:
            if browser:
                row.update(home_transfer(address, chromium, chromium_args))
            if lighthouse:
                row.update(lighthouse_performance(address, chromium, dist))
    if not lighthouse:
        row.update(lighthouse_performance=None, lighthouse_error="không chạy (--no-lighthouse)")
    for key in [k for k in row if k.endswith("_bytes")]:
        row[key.removesuffix("_bytes") + "_mb"] = round(row[key] / 1_000_000, 2)
    return row


def verdicts(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The weight targets: the ZIM and the web app at 10,000 records (when that size was not run,
    the largest size's value with ``met`` None), Lighthouse at every size it ran. A score not
    measured is "không đo được" and not met."""
    found = []
    largest = max(runs, key=lambda r: r["n"])
    for key, label, size, limit, sense in TARGETS:
        rows = [next((r for r in runs if r["n"] == size), largest)] if size else runs
        for row in rows:
            value = row.get("weight", {}).get(key)
            met = value is not None and (value <= limit if sense == "max" else value >= limit)
            found.append({"target": label, "n": row["n"], "size": size, "limit": limit,
                          "sense": sense,
                          "value": UNMEASURED if value is None else value,
                          "met": met if size in (None, row["n"]) else None})
    return found
