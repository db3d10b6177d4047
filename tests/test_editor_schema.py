"""The editors' JSON Schemas: current, valid, and in agreement with the validator.

VS Code's YAML extension reads files as YAML 1.2 and checks the typed values against the
schema, so these tests read records the same way (``_yaml12``): a record that passes
``make check`` must raise no warning in the editor, and the bad inputs the JSON Schema can
see must be refused by both.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

import export_schema
import jsonschema
import pytest
import referencing
import yaml

from sotay.editor_schema import (
    IDS_FILE,
    ids_path,
    schema_line,
    schema_path,
    type_schema,
    with_schema_line,
)
from sotay.load import load_source, record_files
from sotay.pipeline import build_graph
from sotay.schema import TYPES, TYPES_BY_NAME
from sotay.validate import convert

ROOT = Path(__file__).resolve().parent.parent
_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def _yaml12(node: yaml.Node) -> Any:
    """A composed node's value under the YAML 1.2 core schema, as the YAML extension sees it."""
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _yaml12(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_yaml12(item) for item in node.value]
    text = str(node.value)
    if node.style:  # quoted or block; libyaml marks plain as "", PyYAML as None
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def _validator(type_name: str) -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(type_schema(TYPES_BY_NAME[type_name]))


def _parse(tmp_path: Path, type_name: str, text: str) -> tuple[Any, bool]:
    """(YAML 1.2 value, whether our validator accepts the record on its own)."""
    file = tmp_path / "data" / type_name / "a.yaml"  # every case's id is ``a``
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(textwrap.dedent(text), encoding="utf-8")
    source, problem = load_source(file, "a.yaml", type_name)
    assert problem is None and source is not None, problem
    record, problems = convert(source)
    return _yaml12(source.root), record is not None and not problems


def test_committed_files_are_current() -> None:
    stale = [path.relative_to(ROOT).as_posix() for path, text in export_schema.outputs().items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    assert stale == [], "chạy `make schema` rồi commit"


@pytest.mark.parametrize("record_type", TYPES, ids=[t.name for t in TYPES])
def test_schema_is_valid_2020_12(record_type: Any) -> None:
    schema = type_schema(record_type)
    jsonschema.Draft202012Validator.check_schema(schema)
    for spec in record_type.fields:
        prop = schema["properties"][spec.name]
        assert prop["title"] == spec.label and prop["description"] == spec.help
        if "enum" in prop:
            assert len(prop["enum"]) == len(prop["enumDescriptions"])
    required = [rule["required"][0] for rule in schema.get("allOf", [])]
    assert required == [f.name for f in record_type.fields if f.required]
    assert schema["propertyNames"]["enum"] == [f.name for f in record_type.fields]


def _messages(value: Any) -> list[tuple[str, str]]:
    """Every (keyword, message) pair in a schema, however deep."""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("errorMessage", "patternErrorMessage"):
                found.append((key, item))
            found += _messages(item)
    elif isinstance(value, list):
        for item in value:
            found += _messages(item)
    return found


def _constraints_without_message(value: Any, at: str = "") -> list[str]:
    """Paths of schema objects that constrain a value but carry no Vietnamese message."""
    missing: list[str] = []
    if isinstance(value, dict):
        constrains = any(k in value for k in ("type", "enum", "required", "contains"))
        if constrains and "errorMessage" not in value and at.count("/") > 0:
            missing.append(at)
        if "pattern" in value and "patternErrorMessage" not in value:
            missing.append(at + "(pattern)")
        for key, item in value.items():
            if key not in ("enumDescriptions", "markdownEnumDescriptions", "enum"):
                missing += _constraints_without_message(item, f"{at}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            missing += _constraints_without_message(item, f"{at}/{index}")
    return missing


@pytest.mark.parametrize("record_type", TYPES, ids=[t.name for t in TYPES])
def test_every_constraint_speaks_vietnamese(record_type: Any) -> None:
    schema = json.loads((ROOT / schema_path(record_type.name)).read_text(encoding="utf-8"))
    assert _constraints_without_message(schema) == []
    # English words of yaml-language-server's own messages must never be needed.
    assert {"minItems", "maxItems", "minimum", "maximum", "additionalProperties",
            "minLength"}.isdisjoint(_keywords(schema))
    for _, message in _messages(schema):
        assert message == unicodedata.normalize("NFC", message)
        assert re.search(r"[à-ỹđ]", message), message


def _keywords(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in _keywords(item)}
    if isinstance(value, list):
        return {k for item in value for k in _keywords(item)}
    return set()


def test_messages_are_worded_like_make_check(tmp_path: Path) -> None:
    """The editor's message for a missing field is the start of the validator's."""
    value, ours = _parse(tmp_path, "van-ban", "id: a\nnguon: [b]\n")
    assert not ours
    source, _ = load_source(tmp_path / "data/van-ban/a.yaml", "a.yaml", "van-ban")
    assert source is not None
    _, problems = convert(source)
    said = [p.message for p in problems if p.field == "tieu_de"]
    schema = type_schema(TYPES_BY_NAME["van-ban"])
    rule = next(r for r in schema["allOf"] if r["required"] == ["tieu_de"])
    assert said == [rule["errorMessage"]]


def test_reference_fields_offer_existing_ids_but_not_former_ones() -> None:
    ids = json.loads((ROOT / ids_path()).read_text(encoding="utf-8"))["$defs"]
    graph, problems = build_graph(ROOT / "data")
    assert graph is not None, problems
    current = {(r.type, r.id): r.title for r in graph.records.values()}
    offered = {(t, i): d for t, spec in ids.items()
               for i, d in zip(spec["enum"], spec["markdownEnumDescriptions"], strict=True)}
    assert offered == current
    van_ban = json.loads((ROOT / schema_path("van-ban")).read_text(encoding="utf-8"))
    branches = van_ban["properties"]["dia_ban"]["items"]["anyOf"]
    assert branches[0] == {"$ref": "ma.schema.json#/$defs/dia-danh"}


def test_former_ids_are_not_offered(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "dia-danh"
    folder.mkdir(parents=True)
    (folder / "lai-chau.yaml").write_text(
        "id: lai-chau\ntieu_de: Lai Châu\nid_cu: [tinh-lai-chau]\nnguon: [bai-a]\n",
        encoding="utf-8")
    assert export_schema.record_titles(tmp_path / "data") == {"dia-danh": {"lai-chau": "Lai Châu"}}


def _committed_validator(type_name: str) -> jsonschema.protocols.Validator:
    """The committed schema, ids included, resolved as an editor resolves the relative $ref."""
    def load(name: str) -> Any:
        return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    resource = referencing.Resource.from_contents(load(IDS_FILE))
    registry = referencing.Registry().with_resource(IDS_FILE, resource)
    return jsonschema.Draft202012Validator(load(f"{type_name}.schema.json"), registry=registry)


def test_a_new_id_is_still_allowed_and_a_bad_one_refused() -> None:
    validator = _committed_validator("van-ban")
    base = {"id": "a", "tieu_de": "T", "loai": "ket-luan", "nguon": ["bai-moi-chua-co"]}
    assert list(validator.iter_errors(base)) == []
    assert list(validator.iter_errors({**base, "nguon": ["Bài mới"]}))


def test_real_records_pass_their_json_schema() -> None:  # ids included
    data = ROOT / "data"
    files = record_files(data)
    assert files, "no records in data/"
    failures = []
    for file in files:
        type_name = file.relative_to(data).parts[0]
        source, problem = load_source(file, file.name, type_name)
        assert problem is None and source is not None, problem
        for error in _committed_validator(type_name).iter_errors(_yaml12(source.root)):
            failures.append(f"{file.relative_to(ROOT)}: {list(error.path)}: {error.message}")
    assert failures == []


ACCEPTED = {
    "year-only date, unquoted number text, yaml 1.1 words": ("van-ban", """
        id: a
        tieu_de: no
        so_hieu: 06
        khoa: 1:20
        loai: ket-luan
        ngay_ban_hanh: 2013
        nguon: [bai-a]
        """),
    "full and vietnamese dates, empty optional": ("su-kien", """
        id: a
        tieu_de: Hội nghị
        ngay: 13/8/2013
        ghi_chu:
        dia_diem: 2013-08-13
        nguon: [bai-a]
        """),
    "inferred date and figures": ("mo-hinh", """
        id: a
        tieu_de: Tổ dân vận
        tu_ngay: {ngay: 2012-10, suy_luan: bài viết năm 2013 nói "tháng 10 năm trước"}
        so_lieu:
          - {chi_tieu: nhiệm vụ, gia_tri: 4728, ty_le: 108.1}
        nguon: [bai-a]
        """),
    "url and authors": ("nguon", """
        id: a
        tieu_de: Bài viết
        url: https://example.org/bai?x=1
        tac_gia: [Lâm Trần]
        """),
}

REFUSED = {
    "unknown field": ("chu-de", "id: a\ntieu_de: T\ntieu_đe: x\n"),
    "missing required": ("van-ban", "id: a\ntieu_de: T\nnguon: [b]\n"),
    "no source": ("chu-de", "id: a\ntieu_de: T\n"),
    "empty source list": ("chu-de", "id: a\ntieu_de: T\nnguon: []\n"),
    "choice not in list": ("van-ban", "id: a\ntieu_de: T\nloai: nghi-quyet-tw\n"),
    "unsafe slug": ("chu-de", "id: Dân vận\ntieu_de: T\n"),
    "bad reference slug": ("chu-de", "id: a\ntieu_de: T\nnguon: [Bài Lai Châu]\n"),
    "not a list": ("chu-de", "id: a\ntieu_de: T\nnguon: bai-a\n"),
    "not http": ("nguon", "id: a\ntieu_de: T\nurl: javascript:alert(1)\n"),
    "date words": ("su-kien", "id: a\ntieu_de: T\nngay: hôm qua\n"),
    "text given a list": ("chu-de", "id: a\ntieu_de: [a, b]\n"),
    "number with comma": ("mo-hinh", "id: a\ntieu_de: T\nso_lieu: [{chi_tieu: x, gia_tri: '108,1'}]\n"),
    "group missing field": ("mo-hinh", "id: a\ntieu_de: T\nso_lieu: [{gia_tri: 1}]\n"),
    "inferred date without reason": ("su-kien", "id: a\ntieu_de: T\nngay: {ngay: 2013-10-09}\n"),
}


@pytest.mark.parametrize("case", ACCEPTED, ids=list(ACCEPTED))
def test_both_accept(tmp_path: Path, case: str) -> None:
    type_name, text = ACCEPTED[case]
    value, ours = _parse(tmp_path, type_name, text)
    assert ours, "the validator refused it"
    assert [e.message for e in _validator(type_name).iter_errors(value)] == []


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_both_refuse(tmp_path: Path, case: str) -> None:
    type_name, text = REFUSED[case]
    value, ours = _parse(tmp_path, type_name, text)
    assert not ours, "the validator accepted it"
    assert list(_validator(type_name).iter_errors(value)), "the JSON Schema accepted it"


def test_contributing_examples_cover_every_type_and_pass(tmp_path: Path) -> None:
    """The guide's example of each type, written to files, is a valid dataset on its own."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n# (data/[^\n]+)\n(.*?)```", guide, re.DOTALL)
    assert sorted(path.split("/")[1] for path, _ in blocks) == sorted(t.name for t in TYPES)
    for path, text in blocks:
        file = tmp_path / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        assert file.stem == re.search(r"^id: (\S+)", text, re.MULTILINE).group(1)  # type: ignore[union-attr]
        value = _yaml12(yaml.compose(text, Loader=yaml.SafeLoader))
        assert [e.message for e in _validator(path.split("/")[1]).iter_errors(value)] == []
    graph, problems = build_graph(tmp_path / "data")
    assert [str(p) for p in problems] == []
    assert graph is not None and len(graph.records) == len(TYPES)


def test_schema_line_is_kept_and_line_numbers_stay_right(tmp_path: Path) -> None:
    """The comment line is added once, replaced when wrong, and problems keep their lines."""
    text = "id: a\ntieu_de: T\nnguon: [b]\nloai: sai\n"
    once = with_schema_line(text, "van-ban")
    assert once.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/van-ban.schema.json"
    assert with_schema_line(once, "van-ban") == once
    moved = with_schema_line(once.replace("van-ban.schema", "chu-de.schema"), "van-ban")
    assert moved == once
    file = tmp_path / "data" / "van-ban" / "a.yaml"
    file.parent.mkdir(parents=True)
    file.write_text(once, encoding="utf-8")
    source, problem = load_source(file, "a.yaml", "van-ban")
    assert problem is None and source is not None
    _, problems = convert(source)
    assert [(p.field, p.line) for p in problems if p.field == "loai"] == [("loai", 5)]


def test_every_yaml_record_has_its_schema_line() -> None:
    files = [f for f in record_files(ROOT / "data") if f.suffix in (".yaml", ".yml")]
    assert files
    wrong = [f.relative_to(ROOT).as_posix() for f in files
             if f.read_text(encoding="utf-8").splitlines()[0]
             != schema_line(f.relative_to(ROOT / "data").parts[0])]
    assert wrong == [], "chạy `make schema` rồi commit"
