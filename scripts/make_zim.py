"""`make zim`: the built site as one Kiwix file, dist/so-tay-dan-van_vi_<date>.zim.

Kiwix (Android, iOS, desktop, kiwix-serve) reads the handbook from this single file: every page
at its site path, so relative links, scripts and the search's index files resolve as on the web.
Record, listing and guide pages are front articles (Kiwix's title suggestions and random page);
former ids become ZIM redirects; data files, assets, the print page and 404 are stored but not
offered as articles, and Kiwix's full-text index (Xapian, Vietnamese) skips the last two.
The date comes from SOURCE_DATE_EPOCH or the newest record, never from the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from libzim.writer import Creator, FileProvider, Hint, IndexData, Item

from _bootstrap import ROOT
from sotay import webapp
from sotay.icon import icon_png

NAME = "so-tay-dan-van_vi"
SITE_NAME = "Sổ tay Dân vận"
LANGUAGE = "vie"
CREATOR = "Sổ tay Dân vận"
PUBLISHER = "Sổ tay Dân vận"
TAGS = "_category:other;vietnamese;dan-van;handbook;_ftindex:yes;_pictures:no;_videos:no;_details:yes"
LONG_DESCRIPTION = (
    "Sổ tay tra cứu về công tác dân vận, đọc không cần mạng: các văn bản (nghị quyết, kết luận, "
    "đề án, chương trình hành động), mô hình dân vận ở cơ sở, điển hình, cách làm hay, cùng cơ "
    "quan, địa danh, nhân vật, sự kiện và bài viết nguồn mà chúng nhắc đến. Mỗi trang dẫn nguồn; "
    "ô tìm kiếm hiểu tiếng Việt có dấu lẫn không dấu."
)
# Pages kept in the file but not offered as articles nor indexed for Kiwix's full-text search:
# the print page repeats every record, 404 is for web servers.
NOT_ARTICLES = frozenset({"404.html", "in-so-tay.html"})
# Material's bundle keeps a source map beside it for developers' tools only.
SKIPPED_SUFFIXES = frozenset({".map"})
# The installable web app's files: Kiwix keeps the handbook itself, and without the content
# list the page's script offers no "save" panel and registers no service worker.
WEB_APP_ONLY = frozenset({webapp.SERVICE_WORKER, webapp.OFFLINE_LIST, webapp.OFFLINE_SUMMARY,
                          webapp.MANIFEST})
MIMETYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript",
    ".json": "application/json", ".csv": "text/csv", ".txt": "text/plain",
    ".xml": "application/xml", ".gz": "application/gzip", ".svg": "image/svg+xml",
    ".png": "image/png", ".ico": "image/x-icon", ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2", ".woff": "font/woff",
}
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_REFRESH = re.compile(r"""<meta http-equiv="refresh" content="0; url=([^"]+)">""")
_DESCRIPTION = re.compile(r"""<meta name="description" content="([^"]*)">""")


@dataclass(frozen=True)
class Entry:
    """One file of the site as the ZIM holds it."""

    path: str  # the site path, e.g. "van-ban/ket-luan-120.html"
    source: Path
    mimetype: str
    title: str
    front_article: bool
    indexed: bool  # in Kiwix's full-text index
    redirect_to: str | None = None  # the target's path, for a former id's page


def site_entries(site: Path) -> Iterator[Entry]:
    """Every file of ``site`` to store, in path order."""
    for source in sorted(p for p in site.rglob("*") if p.is_file()):
        path = source.relative_to(site).as_posix()
        if source.suffix in SKIPPED_SUFFIXES or path in WEB_APP_ONLY:
            continue
        mimetype = MIMETYPES.get(source.suffix, "application/octet-stream")
        if mimetype != "text/html":
            yield Entry(path, source, mimetype, "", front_article=False, indexed=False)
            continue
        text = source.read_text(encoding="utf-8")
        title = page_title(text)
        redirect = _REFRESH.search(text)
        if redirect:
            target = (Path(path).parent / html.unescape(redirect.group(1))).as_posix()
            yield Entry(path, source, mimetype, title, False, False, redirect_to=target)
            continue
        article = path not in NOT_ARTICLES
        yield Entry(path, source, mimetype, title, front_article=article, indexed=article)


def page_title(text: str) -> str:
    """A page's own title: its ``<title>`` without the " - Sổ tay Dân vận" Material appends."""
    found = _TITLE.search(text)
    title = html.unescape(found.group(1)).strip() if found else ""
    return title.removesuffix(f" - {SITE_NAME}").strip()


def edition_date(site: Path, environ: dict[str, str] | os._Environ[str] = os.environ) -> dt.date:
    """SOURCE_DATE_EPOCH's day if set, otherwise the newest record date in ``feed.json``."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    dates = [_as_date(item["_sotay"]["date"]) for item in feed.get("items", [])
             if item.get("_sotay", {}).get("date")]
    if not dates:
        raise ValueError(f"{site / 'feed.json'}: không có bản ghi nào ghi ngày; "
                         "đặt SOURCE_DATE_EPOCH hoặc --date.")
    return max(dates)


def _as_date(text: str) -> dt.date:
    """ "2012", "2012-10" or "2012-10-05" as a day (the first of the year or month)."""
    parts = [int(p) for p in text.split("-")[:3]]
    return dt.date(*(parts + [1, 1][: 3 - len(parts)]))


def metadata(site: Path, date: dt.date) -> dict[str, str]:
    """The ZIM metadata Kiwix shows in its library (the Illustration is added apart)."""
    home = (site / "index.html").read_text(encoding="utf-8")
    found = _DESCRIPTION.search(home)
    description = html.unescape(found.group(1)) if found else SITE_NAME
    return {
        "Name": NAME, "Title": SITE_NAME, "Description": description[:80],
        "LongDescription": LONG_DESCRIPTION, "Language": LANGUAGE, "Creator": CREATOR,
        "Publisher": PUBLISHER, "Date": date.isoformat(), "Tags": TAGS,
    }


def make_zim(site: Path, dist: Path, date: dt.date, workers: int = 2) -> Path:
    """Write ``dist/so-tay-dan-van_vi_<date>.zim`` from ``site``; return its path."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"Không thấy {site / 'index.html'}: hãy chạy `make site` trước.")
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{NAME}_{date.isoformat()}.zim"
    partial = target.with_suffix(".zim.part")
    partial.unlink(missing_ok=True)
    creator = (Creator(partial).config_indexing(True, LANGUAGE).config_nbworkers(workers)
               .set_mainpath("index.html"))
    with creator:
        for name, value in metadata(site, date).items():
            creator.add_metadata(name, value)
        creator.add_illustration(48, icon_png(48))
        for entry in site_entries(site):
            if entry.redirect_to is not None:
                creator.add_redirection(entry.path, entry.title, entry.redirect_to,
                                        {Hint.FRONT_ARTICLE: False})
            else:
                creator.add_item(_SiteFile(entry))
    partial.replace(target)
    return target


class _NotIndexed(IndexData):
    """Kept out of Kiwix's full-text index."""

    def has_indexdata(self) -> bool:
        return False


class _SiteFile(Item):
    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry
        if entry.mimetype == "text/html" and not entry.indexed:
            self.get_indexdata = _NotIndexed

    def get_path(self) -> str:
        return self.entry.path

    def get_title(self) -> str:
        return self.entry.title

    def get_mimetype(self) -> str:
        return self.entry.mimetype

    def get_contentprovider(self) -> FileProvider:
        return FileProvider(str(self.entry.source))

    def get_hints(self) -> dict[Hint, int]:
        return {Hint.FRONT_ARTICLE: self.entry.front_article, Hint.COMPRESS: True}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đóng gói site/ thành một tệp ZIM cho Kiwix.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="thư mục site đã dựng")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="thư mục ghi tệp ZIM")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None,
                        help="ngày của ấn bản, dạng YYYY-MM-DD (mặc định: SOURCE_DATE_EPOCH, "
                             "nếu không thì ngày mới nhất trong các bản ghi)")
    parser.add_argument("--workers", type=int, default=2, help="số luồng nén và lập chỉ mục")
    args = parser.parse_args(argv)
    try:
        date = args.date or edition_date(args.site)
        target = make_zim(args.site, args.dist, date, args.workers)
    except (FileNotFoundError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    size = target.stat().st_size / 1_000_000
    print(f"Đã ghi {target} ({size:.1f} MB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
