"""`make offline`: site/ as a dated zip for USB sticks and phones.

The zip is deterministic: entries sorted, fixed timestamps and permissions, so the same site
always gives the same bytes. A short DOC-TRUOC.txt at the top tells the reader what to open.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import zipfile
from pathlib import Path

from _bootstrap import ROOT

NAME = "so-tay-dan-van"
README = "DOC-TRUOC.txt"
# The earliest time a zip entry can hold; any fixed value makes builds repeatable.
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
README_TEXT = """SỔ TAY DÂN VẬN — bản đọc không cần mạng ({date})

Cách đọc:
1. Giải nén cả tệp zip này vào một thư mục (trên máy tính: bấm chuột phải → Giải nén tất cả).
2. Mở thư mục {folder}, bấm đúp vào tệp index.html: sổ tay mở trong trình duyệt.
3. Không cần kết nối mạng. Có thể chép cả thư mục sang USB hoặc máy khác để đọc.

Tìm kiếm: gõ vào ô tìm kiếm ở đầu trang, có dấu hay không dấu đều được.
Bản in: trang “Bản in” (in-so-tay.html) gom cả sổ tay để in ra giấy hoặc lưu PDF.
"""


def make_zip(site: Path, dist: Path, date: dt.date) -> Path:
    """Write ``dist/so-tay-dan-van-YYYY-MM-DD.zip`` from ``site``; return its path."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"Không thấy {site / 'index.html'}: hãy chạy `make site` trước.")
    folder = f"{NAME}-{date.isoformat()}"
    target = dist / f"{folder}.zip"
    dist.mkdir(parents=True, exist_ok=True)
    # Source maps only serve developers' tools and would double the size.
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix != ".map")
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        readme = README_TEXT.format(date=_vietnamese_date(date), folder=folder)
        # BOM and CRLF: old Notepad on office PCs shows it right.
        _add(archive, README, ("\ufeff" + readme.replace("\n", "\r\n")).encode("utf-8"))
        for path in files:
            _add(archive, f"{folder}/{path.relative_to(site).as_posix()}", path.read_bytes())
    partial.replace(target)
    return target


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    info.flag_bits |= 0x800  # names are UTF-8
    archive.writestr(info, data)


def _vietnamese_date(date: dt.date) -> str:
    return f"ngày {date.day}/{date.month}/{date.year}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đóng gói site/ thành tệp zip đọc không cần mạng.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="thư mục site đã dựng")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="thư mục ghi tệp zip")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="ngày ghi trên tên tệp, dạng YYYY-MM-DD (mặc định: hôm nay)")
    args = parser.parse_args(argv)
    try:
        target = make_zip(args.site, args.dist, args.date)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    size = target.stat().st_size / 1_000_000
    print(f"Đã ghi {target} ({size:.1f} MB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
