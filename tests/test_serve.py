"""``make serve`` shows data problems in the browser, and the handbook again once they are fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import copy_project

pytestmark = pytest.mark.slow

BAD = "id: ket-luan-865-tb-tu\ntieu_de: Kết luận\nloai: khong-co-loai-nay\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait(url: str, done: Callable[[str], bool], seconds: float = 180) -> str:
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        text = _get(url)
        if done(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} không đổi như chờ đợi sau {seconds} giây:\n{text[:500]}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOTAY_SITE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--livereload", "--dirty",
         "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        yield project, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_data_problems_show_in_the_browser_until_fixed(served: tuple[Path, str]) -> None:
    project, base = served
    page = f"{base}/van-ban/ket-luan-865-tb-tu.html"
    _wait(page, lambda t: "Kết luận" in t and "tieu-de" in t)
    record = project / "data" / "van-ban" / "ket-luan-865-tb-tu.yaml"
    good = record.read_text(encoding="utf-8")
    record.write_text(BAD, encoding="utf-8")
    shown = _wait(page, lambda t: "Dữ liệu có lỗi" in t)
    assert "data/van-ban/ket-luan-865-tb-tu.yaml:3" in shown and "loai" in shown
    assert "Dữ liệu có lỗi" in _get(f"{base}/index.html")
    record.write_text(good, encoding="utf-8")
    fixed = _wait(page, lambda t: "Dữ liệu có lỗi" not in t and "tieu-de" in t)
    assert "Kết luận" in fixed
