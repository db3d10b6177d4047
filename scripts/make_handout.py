"""`make handout`: every lesson's handout page of site/ as dist/phat-tay/<id>.pdf (A4).

The pages are printed by headless Chromium like the book (:mod:`make_pdf`), with no network
and no timestamps;
their QR codes point at the public address the site was built with (``SOTAY_SITE_URL``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from make_pdf import find_chromium, print_page

from _bootstrap import ROOT
from sotay.handout import FOLDER


def make_handouts(site: Path, out: Path, chromium: str) -> list[Path]:
    """Print each ``site/phat-tay/<id>.html`` to ``out/<id>.pdf``; the files written."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"Không thấy {site / 'index.html'}: hãy chạy `make site` trước.")
    pages = sorted((site / FOLDER).glob("*.html"))
    return [print_page(page, out / f"{page.stem}.pdf", chromium) for page in pages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="In tài liệu phát tay của mọi bài giảng ra PDF.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="thư mục site đã dựng")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / FOLDER,
                        help="thư mục ghi các tệp PDF")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("Cần Chromium để in PDF (trên Debian: apt-get install chromium).", file=sys.stderr)
        return 1
    try:
        written = make_handouts(args.site, args.out, chromium)
    except (FileNotFoundError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    for target in written:
        print(f"Đã ghi {target} ({target.stat().st_size / 1000:.0f} kB).")
    if not written:
        print("Sổ tay chưa có bài giảng nào: không có tài liệu phát tay để in.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
