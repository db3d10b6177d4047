"""`make pdf`: the printable page of site/ as dist/so-tay-dan-van.pdf, printed by Chromium.

Chromium runs headless on the file:// page with every network feature off, so the PDF is made
from exactly what a reader without a connection would see.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _bootstrap import ROOT

PRINT_PAGE = "in-so-tay.html"
_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-quic",
    # Any host lookup fails: nothing can leave the machine even if a page asked for it.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=10000",
]


def find_chromium() -> str | None:
    """Chromium named by SOTAY_CHROMIUM, else the first one on PATH."""
    named = os.environ.get("SOTAY_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def make_pdf(site: Path, target: Path, chromium: str) -> Path:
    """Print ``site/in-so-tay.html`` to ``target``; raise RuntimeError if Chromium fails."""
    page = site / PRINT_PAGE
    if not page.is_file():
        raise FileNotFoundError(f"Không thấy {page}: hãy chạy `make site` trước.")
    return print_page(page, target, chromium)


def print_page(page: Path, target: Path, chromium: str) -> Path:
    """Print the HTML file ``page`` to ``target``; raise RuntimeError if Chromium fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".pdf.part")
    with tempfile.TemporaryDirectory(prefix="sotay-pdf-") as profile:
        command = [chromium, *_FLAGS, f"--user-data-dir={profile}",
                   f"--print-to-pdf={partial}", page.resolve().as_uri()]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"Chromium không in được PDF (mã {result.returncode}):\n"
                           + result.stderr[-2000:])
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="In trang bản in của sổ tay ra PDF.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="thư mục site đã dựng")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "so-tay-dan-van.pdf",
                        help="tệp PDF cần ghi")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("Cần Chromium để in PDF (trên Debian: apt-get install chromium).", file=sys.stderr)
        return 1
    try:
        target = make_pdf(args.site, args.out, chromium)
    except (FileNotFoundError, RuntimeError, subprocess.TimeoutExpired) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Đã ghi {target} ({target.stat().st_size / 1000:.0f} kB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
