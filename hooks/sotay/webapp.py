"""The installable web app, written into a finished site: manifest, icons, service worker and the
content-hash list of what "save the whole handbook" stores.

Everything is derived from the site's files, so the same site gives the same bytes. The service
worker carries the list's version, so a republished site with any changed file is a new service
worker to the browser, which then fetches only the files whose hash changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sotay.icon import THEME_COLOUR, icon_png

MANIFEST = "manifest.webmanifest"
SERVICE_WORKER = "sotay-sw.js"
OFFLINE_LIST = "sotay-offline.json"
# What every page asks for: that the web app is here, and its version and size (a few bytes,
# where the list grows with the handbook and is read only by the save action and the worker).
OFFLINE_SUMMARY = "sotay-webapp.json"
ICONS = {"assets/images/sotay-192.png": (192, False), "assets/images/sotay-512.png": (512, False),
         "assets/images/sotay-maskable-512.png": (512, True)}
_WORKER_SOURCE = Path(__file__).with_name("service_worker.js")
# Not part of the reading copy: open-data exports and feeds (downloads of their own), source maps,
# Material's unused search engine, the print page (the whole book again) and the 404 page. A
# reader who opens one of them still gets it kept, like any page opened.
_LEFT_OUT_DIRS = ("data/", "assets/javascripts/lunr/", "assets/javascripts/workers/")
_LEFT_OUT_FILES = frozenset({"feed.json", "sitemap.xml", "sitemap.xml.gz", "404.html",
                             "in-so-tay.html", SERVICE_WORKER, OFFLINE_LIST,
                             OFFLINE_SUMMARY})
# The app shell, stored when the web app is installed: the home page, the theme, the search.
_SHELL_DIRS = ("assets/stylesheets/", "assets/javascripts/", "assets/images/")
_SHELL_FILES = ("index.html", "search/manifest.js", MANIFEST)


@dataclass(frozen=True)
class StoredFile:
    """One file of the reading copy: its site path, content hash and size in bytes."""

    path: str
    digest: str
    size: int


def web_manifest(site_name: str, description: str) -> str:
    """The web app manifest; every address in it is relative, so the app lives wherever the
    site does (``https://host/`` or ``https://host/nhanh/``)."""
    icons = [{"src": path, "sizes": f"{size}x{size}", "type": "image/png",
              **({"purpose": "maskable"} if maskable else {})}
             for path, (size, maskable) in ICONS.items()]
    manifest = {
        "name": site_name, "short_name": "Sổ tay DV", "description": description,
        "lang": "vi", "dir": "ltr", "id": "./", "start_url": "./index.html", "scope": "./",
        "display": "standalone", "theme_color": THEME_COLOUR, "background_color": "#ffffff",
        "icons": icons,
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"


def reading_copy(site: Path) -> list[StoredFile]:
    """The files "save the whole handbook" stores, in path order, with their hashes."""
    files = []
    for source in sorted(p for p in site.rglob("*") if p.is_file()):
        path = source.relative_to(site).as_posix()
        if (path in _LEFT_OUT_FILES or path.startswith(_LEFT_OUT_DIRS)
                or PurePosixPath(path).suffix == ".map"):
            continue
        data = source.read_bytes()
        files.append(StoredFile(path, hashlib.sha256(data).hexdigest()[:16], len(data)))
    return files


def offline_list(files: list[StoredFile]) -> dict[str, object]:
    """The list the service worker and the save action read: version, shell, files, bytes."""
    version = hashlib.sha256("".join(f"{f.path}\0{f.digest}\n" for f in files).encode())
    shell = [f.path for f in files if f.path in _SHELL_FILES or f.path.startswith(_SHELL_DIRS)]
    return {"version": version.hexdigest()[:16], "bytes": sum(f.size for f in files),
            "shell": shell, "files": [[f.path, f.digest, f.size] for f in files]}


def write_webapp(site: Path, site_name: str, description: str) -> dict[str, object]:
    """Write the manifest, icons, content list and service worker into ``site``; return the list."""
    for path, (size, maskable) in ICONS.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(icon_png(size, maskable))
    (site / MANIFEST).write_text(web_manifest(site_name, description), encoding="utf-8")
    listing = offline_list(reading_copy(site))
    (site / OFFLINE_LIST).write_text(json.dumps(listing, ensure_ascii=False, separators=(",", ":")),
                                     encoding="utf-8")
    summary = {"version": listing["version"], "bytes": listing["bytes"],
               "files": len(listing["files"])}  # type: ignore[arg-type]
    (site / OFFLINE_SUMMARY).write_text(json.dumps(summary), encoding="utf-8")
    worker = _WORKER_SOURCE.read_text(encoding="utf-8")
    (site / SERVICE_WORKER).write_text(
        f'const VERSION = "{listing["version"]}";\n{worker}', encoding="utf-8")
    return listing
