"""The editors' schemas as VS Code shows them: the real yaml-language-server (the server of
VS Code's YAML extension), started over stdio, completes fields, choices and existing ids, shows
the Vietnamese hover, and words every mistake in Vietnamese.

The documents are opened in memory under ``data/<type>/`` (never written), so the schema line
at their top resolves to the committed ``schemas/`` exactly as it does for a real record.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsp import LspClient

from sotay.editor_schema import ids_path, schema_line
from sotay.schema import TYPES_BY_NAME

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "tools/yaml-language-server/node_modules/yaml-language-server/bin/yaml-language-server"
ENGLISH = re.compile(r"Incorrect type|Missing property|is not allowed|Value is|does not match|"
                     r"Expected|Matches")

pytestmark = pytest.mark.tool


@pytest.fixture(scope="module")
def server() -> Iterator[LspClient]:
    subprocess.run(["make", "-s", "yaml-language-server"], cwd=ROOT, check=True)
    with LspClient(["node", str(SERVER), "--stdio"], ROOT) as client:
        client.request("initialize", {
            "processId": None, "rootUri": ROOT.as_uri(), "capabilities": {"textDocument": {
                "completion": {"completionItem": {"documentationFormat": ["markdown"]}},
                "hover": {"contentFormat": ["markdown"]}, "publishDiagnostics": {}}}})
        client.notify("initialized", {})
        # What .vscode/settings.json sets; the schema store is off (no network at test time).
        client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": {
            "validate": True, "completion": True, "hover": True, "yamlVersion": "1.2",
            "schemaStore": {"enable": False}}}})
        yield client


_opened: dict[str, int] = {}


def _open(server: LspClient, type_name: str, body: str) -> tuple[str, list[dict[str, Any]]]:
    """Open ``body`` (after the schema line) as a record of ``type_name``; its diagnostics."""
    uri = (ROOT / "data" / type_name / f"__lsp-{len(_opened)}.yaml").as_uri()
    _opened[uri] = 1
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1,
        "text": f"{schema_line(type_name)}\n{body}"}})
    return uri, server.wait_diagnostics(uri, 1)


def _complete(server: LspClient, uri: str, line: int, character: int) -> dict[str, str]:
    """label → documentation of the completions at a position (line 0 is the schema line)."""
    result = server.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
    items = result["items"] if isinstance(result, dict) else result
    found = {}
    for item in items:
        doc = item.get("documentation") or ""
        found[item["label"]] = doc["value"] if isinstance(doc, dict) else doc
    return found


def test_completes_missing_fields_with_vietnamese_docs(server: LspClient) -> None:
    uri, _ = _open(server, "van-ban", "id: a\n\n")
    offered = _complete(server, uri, 2, 0)
    assert {"tieu_de", "loai", "nguon", "dia_ban", "ngay_ban_hanh"} <= set(offered)
    assert "id" not in offered  # already there
    assert "Tên đầy đủ bằng tiếng Việt có dấu." in offered["tieu_de"]


def test_completes_choices_with_their_labels(server: LspClient) -> None:
    uri, _ = _open(server, "van-ban", "id: a\nloai: \n")
    offered = _complete(server, uri, 2, 6)
    kinds = dict(TYPES_BY_NAME["van-ban"].field("loai").choices)  # type: ignore[union-attr]
    assert {label: offered.get(label) for label in kinds} == kinds


def test_completes_existing_ids_with_their_titles(server: LspClient) -> None:
    places = json.loads((ROOT / ids_path()).read_text(encoding="utf-8"))["$defs"]["dia-danh"]
    expected = dict(zip(places["enum"], places["markdownEnumDescriptions"], strict=True))
    assert len(expected) > 3
    uri, _ = _open(server, "van-ban", "id: a\ndia_ban:\n  - \n")
    offered = _complete(server, uri, 3, 4)
    assert {i: offered.get(i) for i in expected} == expected
    # An organisation's id is not offered where a place is wanted.
    bodies = json.loads((ROOT / ids_path()).read_text(encoding="utf-8"))["$defs"]["to-chuc"]
    assert not set(bodies["enum"]) & set(offered)


def test_hover_is_vietnamese(server: LspClient) -> None:
    uri, _ = _open(server, "van-ban", "id: a\ntieu_de: Kết luận\n")
    result = server.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": 2, "character": 2}})
    text = result["contents"]["value"]
    assert "**Tiêu đề** (`tieu_de`) — bắt buộc" in text
    assert "Tên đầy đủ bằng tiếng Việt có dấu." in text


MISTAKES = """\
id: a
tieu_de: Kết luận
loai: ket-luan
dia_bann: tinh-lai-chau
ngay_ban_hanh: 13.8.2013
nguon: bai-a
"""


def test_every_mistake_is_said_in_vietnamese(server: LspClient) -> None:
    uri, seen = _open(server, "van-ban", MISTAKES)
    said = {d["range"]["start"]["line"]: d["message"] for d in seen}
    print("\n".join(f"dòng {line + 1}: {message}" for line, message in sorted(said.items())))
    assert said[4] == ("trường không có trong loại 'Văn bản'; các trường có: "
                       + ", ".join(f.name for f in TYPES_BY_NAME["van-ban"].fields))
    assert said[5] == ("giá trị không hợp lệ: cần một ngày dạng 2013-08-13, 2013-08 hoặc 2013 "
                       "(hoặc 13/8/2013)")
    assert said[6] == ("cần một danh sách (mỗi mục một dòng bắt đầu bằng '- '), mỗi mục là mã "
                       "(id) của một nguồn; cần ít nhất một mục")
    assert [m for m in said.values() if ENGLISH.search(m)] == []
    assert len(seen) == 3


def test_missing_required_field_is_said_in_vietnamese(server: LspClient) -> None:
    uri, seen = _open(server, "van-ban", "id: a\ntieu_de: Kết luận\nnguon: [bai-a]\n")
    print("\n".join(d["message"] for d in seen))
    assert [d["message"] for d in seen] == [
        "thiếu trường bắt buộc 'loai' (Loại văn bản); cần một trong: nghi-quyet, ket-luan, "
        "chi-thi, de-an, chuong-trinh-hanh-dong, ke-hoach, quy-che, quyet-dinh, huong-dan, "
        "thong-bao, khac"]


def test_a_valid_record_has_no_diagnostic(server: LspClient) -> None:
    record = next((ROOT / "data" / "van-ban").glob("*.yaml"))
    body = record.read_text(encoding="utf-8").split("\n", 1)[1]
    _, seen = _open(server, "van-ban", body)
    assert seen == []
