"""The weight measurements of `make bench` on small hand-made sites: gzip as a web server sends
it, the web app's download from its offline list, the loopback gzip server, and the targets'
verdicts (a score not measured is never a pass)."""

from __future__ import annotations

import gzip
import json
import urllib.request
from pathlib import Path

import pytest
import weight

TEXT = ("<p>Dân vận khéo ở cơ sở</p>\n" * 400).encode("utf-8")
PNG = bytes(range(256)) * 8


def _site(root: Path, listed: dict[str, bytes], shell: list[str]) -> Path:
    for path, data in {**listed, "sotay-sw.js": b"const VERSION = 'x';\n"}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    files = [[path, "0" * 16, len(data)] for path, data in listed.items()]
    (root / "sotay-offline.json").write_text(json.dumps(
        {"version": "v", "bytes": sum(len(d) for d in listed.values()), "shell": shell,
         "files": files}), encoding="utf-8")
    return root


def test_text_is_gzipped_at_level_6_and_images_are_sent_as_they_are() -> None:
    assert weight.wire_bytes("a/b.html", TEXT) == len(gzip.compress(TEXT, 6, mtime=0))
    assert weight.wire_bytes("a/b.html", TEXT) < len(TEXT) // 10
    assert weight.wire_bytes("assets/x.png", PNG) == len(PNG)
    assert weight.wire_bytes("search/x.js", TEXT) < len(TEXT)


def test_webapp_download_counts_the_list_the_list_itself_and_the_worker(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": TEXT, "assets/images/i.png": PNG,
                            "van-ban/a.html": TEXT + b"x"}, shell=["index.html",
                                                                    "assets/images/i.png"])
    found = weight.webapp_download(site)
    overhead = [site / "sotay-offline.json", site / "sotay-sw.js"]
    assert found["webapp_files"] == 5
    assert found["webapp_listed_bytes"] == 2 * len(TEXT) + 1 + len(PNG)
    assert found["webapp_stored_bytes"] == found["webapp_listed_bytes"] + sum(
        p.stat().st_size for p in overhead)
    expected_wire = (weight.wire_bytes("x.html", TEXT) + weight.wire_bytes("x.html", TEXT + b"x")
                     + len(PNG) + sum(weight.wire_bytes(p.name, p.read_bytes()) for p in overhead))
    assert found["webapp_wire_bytes"] == expected_wire
    assert found["shell_files"] == 2
    assert found["shell_stored_bytes"] == len(TEXT) + len(PNG)


def test_a_list_that_disagrees_with_the_files_is_refused(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": TEXT}, shell=[])
    (site / "index.html").write_bytes(TEXT + b"changed after the list was written")
    with pytest.raises(ValueError, match="sotay-offline.json"):
        weight.webapp_download(site)


def test_the_loopback_server_gzips_text_for_clients_that_accept_it(tmp_path: Path) -> None:
    _site(tmp_path, {"index.html": TEXT, "i.png": PNG}, shell=[])
    with weight.gzip_server(tmp_path) as address:
        asked = urllib.request.Request(f"{address}/index.html",
                                       headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == TEXT
        assert len(body) == weight.wire_bytes("index.html", TEXT)
        with urllib.request.urlopen(f"{address}/index.html") as response:
            assert response.read() == TEXT and "Content-Encoding" not in response.headers
        png = urllib.request.Request(f"{address}/i.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(png) as response:
            assert response.read() == PNG and "Content-Encoding" not in response.headers


def _run(n: int, **found: object) -> dict[str, object]:
    return {"n": n, "weight": found}


def test_verdicts_take_the_targets_size_and_never_pass_an_unmeasured_score() -> None:
    runs = [_run(1000, zim_mb=5.0, webapp_wire_mb=4.0, lighthouse_performance=99),
            _run(10_000, zim_mb=61.0, webapp_wire_mb=59.9, lighthouse_performance=None)]
    found = {(t["target"], t["n"]): t for t in weight.verdicts(runs)}
    assert found[("ZIM (MB)", 10_000)]["met"] is False
    assert found[("web app tải cả sổ tay, qua mạng gzip (MB)", 10_000)]["met"] is True
    score = "Lighthouse di động, hiệu năng trang chủ"
    assert found[(score, 1000)]["met"] is True
    assert found[(score, 10_000)]["value"] == weight.UNMEASURED
    assert found[(score, 10_000)]["met"] is False
    small = weight.verdicts([_run(30, zim_mb=0.5, webapp_wire_mb=0.4, lighthouse_performance=94)])
    assert [t["met"] for t in small] == [None, None, False]


def test_without_lighthouse_installed_the_score_is_a_reason_not_a_number(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weight, "LIGHTHOUSE", weight.ROOT / "tools" / "missing" / "index.js")
    found = weight.lighthouse_performance("http://127.0.0.1:9", "/usr/bin/chromium", tmp_path)
    assert found["lighthouse_performance"] is None
    assert "make lighthouse" in found["lighthouse_error"]
