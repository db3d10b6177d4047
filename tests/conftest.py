"""Shared fixtures: the real site built once per session, and a network-less Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from loopback import loopback_page, static_server

from _bootstrap import copy_build_sources

ROOT = Path(__file__).resolve().parent.parent

# Property-based tests: a short budget in `make test`, a long one in `make fuzz`.
settings.register_profile("short", max_examples=40, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz", max_examples=2000, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile("short")
CHROMIUM = os.environ.get("SOTAY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """Copy what a build needs (config, docs, hooks, overrides, data) into ``dest``."""
    copy_build_sources(dest)
    shutil.copytree(data or ROOT / "data", dest / "data")
    return dest


DEFAULT_SOURCE = "nguon/bai-a.yaml"


def write_records(data: Path, files: dict[str, str]) -> Path:
    """Write record files (path under ``data`` → text); every record that names no source
    cites ``bai-a``, a source written too when ``files`` has none of that name."""
    files = {DEFAULT_SOURCE: "id: bai-a\ntieu_de: Bài viết A\n", **files}
    for name, text in files.items():
        if not name.startswith("nguon/") and "\nnguon:" not in text:
            text = (text.replace("\n---\n", "\nnguon: [bai-a]\n---\n", 1)
                    if name.endswith(".md") else text + "nguon: [bai-a]\n")
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    return data


def dataset_site(tmp_path_factory: pytest.TempPathFactory, files: dict[str, str]) -> Path:
    """A small dataset built into a site, the guides replaced (they link real records)."""
    data = write_records(tmp_path_factory.mktemp("data"), files)
    project = copy_project(tmp_path_factory.mktemp("project"), data)
    for guide in (project / "docs").rglob("*.md"):
        guide.write_text(f"# {guide.stem}\n", encoding="utf-8")
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


PUBLIC_ADDRESS = "https://sotay.example.vn/nhanh"  # under a path, like a project's Pages site


def mkdocs_build(project: Path, site: Path | None = None, strict: bool = True,
                 site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` on a copied project (with ``site_url`` as its public address, or
    none); return the finished process."""
    site = site or project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f",
               str(project / "mkdocs.yml"), "-d", str(site)]
    if strict:
        command.insert(4, "--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOTAY_DATA_DIR", None)
    env.pop("SOTAY_SITE_URL", None)
    if site_url:
        env["SOTAY_SITE_URL"] = site_url
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built with ``mkdocs build --strict`` into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built as the published handbook, with ``PUBLIC_ADDRESS``."""
    project = copy_project(tmp_path_factory.mktemp("published"))
    result = mkdocs_build(project, site_url=PUBLIC_ADDRESS)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@dataclass
class OfflineBrowser:
    """A Chromium page that may load only file:// URLs; records any other attempt."""

    page: object
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, path: Path) -> object:
        self.page.goto(path.as_uri())  # type: ignore[attr-defined]
        return self.page


@pytest.fixture(scope="session")
def _chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Cần Chromium ở {CHROMIUM} (make test cài từ kho Debian).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_browser(_chromium: object) -> Iterator[OfflineBrowser]:
    """A fresh page with every non-file: request aborted and console errors collected."""
    context = _chromium.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    state = OfflineBrowser(page)

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            state.blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    page.on("console", lambda m: state.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: state.console_errors.append(str(e)))
    yield state
    context.close()


@pytest.fixture(scope="module")
def address(built_site: Path) -> Iterator[str]:
    """The real site served on 127.0.0.1 (no trailing slash)."""
    with static_server(built_site) as base:
        yield base


@pytest.fixture
def tab(_chromium: Any) -> Iterator[Any]:
    """A phone-sized tab for loopback pages, service workers blocked; it must end with no
    request leaving the machine and no script error."""
    with loopback_page(_chromium, service_workers="block") as state:
        yield state.page
        assert not state.blocked and not state.errors, (state.blocked, state.errors)


# Fixtures that build a site: a test using one belongs to the slow tier, marked or not.
_BUILDING_FIXTURES = frozenset({"built_site", "published_site", "small_site", "reading_site",
                                "crafted_site", "odd_site", "served", "published", "local",
                                "sites"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
