"""`make handout`: every lesson's handout page of site/ as dist/phat-tay/<id>.pdf (A4).

The pages are printed by headless Chromium like the book (:mod:`make_pdf`), with no network
and no timestamps; their QR codes point at the public address the site was built with
(``SOTAY_SITE_URL``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from make_pdf import cli, print_page

from _bootstrap import ROOT
from sotay.handout import FOLDER


def make_handouts(site: Path, out: Path, chromium: str) -> list[Path]:
    """Print each ``site/phat-tay/<id>.html`` to ``out/<id>.pdf``; the files written."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"Không thấy {site / 'index.html'}: hãy chạy `make site` trước.")
    pages = sorted((site / FOLDER).glob("*.html"))
    return [print_page(page, out / f"{page.stem}.pdf", chromium) for page in pages]


def main(argv: list[str] | None = None) -> int:
    return cli(argv, "In tài liệu phát tay của mọi bài giảng ra PDF.", ROOT / "dist" / FOLDER,
               "thư mục ghi các tệp PDF", make_handouts,
               nothing="Sổ tay chưa có bài giảng nào: không có tài liệu phát tay để in.")


if __name__ == "__main__":
    sys.exit(main())
