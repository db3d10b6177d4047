"""Issue forms for editors who never write YAML: the committed forms follow GitHub's rules, and a
filled form's body (as GitHub writes it) becomes a record that passes the whole check."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import from_issue
import pytest
import yaml

from sotay.issue_form import FORM_TYPES, NO_RESPONSE, draft, form, form_type, sections
from sotay.load import load_source
from sotay.pipeline import build_graph
from sotay.schema import TYPES_BY_NAME
from sotay.validate import convert

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "bai-lai-chau-2013-to-dan-van"
ARTICLE = """Báo mẫu

https://example.org/bai-mau-thu

Ngày 04/4/2024, hội nghị bàn về công tác dân vận ở cơ sở.

Tác giả bài viết: Nguyễn Mẫu Thử
"""
# Answers by field name; every fact is from data/nguon/bai-lai-chau-2013-to-dan-van.txt
# (or from ARTICLE, for the new source), so the records pass the fidelity check too.
SAMPLES: dict[str, dict[str, str]] = {
    "van-ban": {"tieu_de": "Kết luận số 865-TB/TU (mẫu thử biểu mẫu)", "loai": "ket-luan",
                "so_hieu": "865-TB/TU", "ngay_ban_hanh": "2013-08-13",
                "dia_ban": "tinh-lai-chau", "nguon": SOURCE,
                "mo_ta": "Về việc tiếp tục duy trì hoạt động và mở rộng thành lập\n"
                         "tổ dân vận bản, tổ dân phố."},
    "mo-hinh": {"tieu_de": "Tổ dân vận bản (mẫu thử biểu mẫu)", "tu_ngay": "2012-10",
                "dia_ban": "huyen-phong-tho\nhuyen-tam-duong, thi-xa-lai-chau",
                "nguon": f"- {SOURCE}"},
    "dien-hinh": {"id": "mau-thu-dien-hinh", "tieu_de": "Tổ dân vận ở bản (mẫu thử biểu mẫu)",
                  "dia_ban": "tinh-lai-chau", "nguon": SOURCE,
                  "ket_qua": "Kinh tế xã hội ở bản phát triển hơn."},
    "su-kien": {"tieu_de": "Hội nghị hướng dẫn thực hiện Kết luận 865 (mẫu thử biểu mẫu)",
                "loai": "hoi-nghi", "ngay": "2013-10-09", "dia_ban": "tinh-lai-chau",
                "nguon": SOURCE},
    "nguon": {"tieu_de": "Bài mẫu thử biểu mẫu", "co_quan_xuat_ban": "Báo mẫu",
              "url": "https://example.org/bai-mau-thu", "tac_gia": "Nguyễn Mẫu Thử",
              "ngay": "2024-04-04", "noi_dung_bai_viet": ARTICLE},
}


def _body(type_name: str, answers: dict[str, str]) -> str:
    """The issue body GitHub writes for a filled form: a section per field, in form order."""
    parts = []
    for element in form(TYPES_BY_NAME[type_name])["body"]:
        if element["type"] == "markdown":
            continue
        value = answers.get(element["id"], "")
        if element["type"] == "dropdown" and value:
            value = next(o for o in element["attributes"]["options"]
                         if o.startswith(value + " — "))
        parts.append(f"### {element['attributes']['label']}\n\n{value or NO_RESPONSE}")
    return "\n\n".join(parts) + "\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


@pytest.mark.parametrize("type_name", FORM_TYPES)
def test_form_follows_githubs_rules(type_name: str) -> None:
    committed = yaml.safe_load((ROOT / f".github/ISSUE_TEMPLATE/{type_name}.yml")
                               .read_text(encoding="utf-8"))
    assert committed == form(TYPES_BY_NAME[type_name])
    assert {"name", "description", "body"} <= set(committed)
    fields = [e for e in committed["body"] if e["type"] != "markdown"]
    ids = [e["id"] for e in fields]
    labels = [e["attributes"]["label"] for e in fields]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    for element in fields:
        assert element["type"] in ("input", "textarea", "dropdown")
        if element["type"] == "dropdown":
            options = element["attributes"]["options"]
            assert options and len(set(options)) == len(options)
    spec = TYPES_BY_NAME[type_name]
    choices = [f.name for f in spec.fields if f.choices]
    assert [e["id"] for e in fields if e["type"] == "dropdown"] == choices


@pytest.mark.parametrize("type_name", FORM_TYPES)
def test_filled_form_becomes_a_record_that_passes(data: Path, type_name: str) -> None:
    written, problems = from_issue.convert(_body(type_name, SAMPLES[type_name]), data)
    assert problems == []
    record_file = written[0]
    assert record_file.parent == data / type_name and record_file.suffix == ".yaml"
    graph, found = build_graph(data)
    assert [str(p) for p in found] == [] and graph is not None
    record = graph.records[record_file.stem]
    assert record.title == SAMPLES[type_name]["tieu_de"]
    if type_name == "nguon":
        assert (data / "nguon" / f"{record.id}.txt").read_text(encoding="utf-8") == ARTICLE
    if type_name == "mo-hinh":
        assert [r.target for r in record.get("dia_ban")] == [
            "huyen-phong-tho", "huyen-tam-duong", "thi-xa-lai-chau"]


def test_missing_answers_are_listed_and_nothing_is_written(data: Path) -> None:
    before = sorted(data.rglob("*"))
    answers = {k: v for k, v in SAMPLES["van-ban"].items() if k not in ("tieu_de", "loai")}
    written, problems = from_issue.convert(_body("van-ban", answers), data)
    assert written == []
    assert "thiếu ô bắt buộc: Tiêu đề (tieu_de)" in problems
    assert "thiếu ô bắt buộc: Loại văn bản (loai)" in problems
    assert sorted(data.rglob("*")) == before


def test_a_record_failing_the_check_is_removed_and_explained(data: Path) -> None:
    before = sorted(data.rglob("*"))
    answers = {**SAMPLES["su-kien"], "dia_ban": "tinh-khong-co"}
    written, problems = from_issue.convert(_body("su-kien", answers), data)
    assert written == [] and sorted(data.rglob("*")) == before
    assert any("tinh-khong-co" in p for p in problems), problems


def test_an_existing_id_is_refused(data: Path) -> None:
    answers = {**SAMPLES["van-ban"], "id": "ket-luan-865-tb-tu"}
    _, problems = from_issue.convert(_body("van-ban", answers), data)
    assert any("đã được dùng" in p for p in problems), problems


def test_answers_cannot_change_the_files_structure(tmp_path: Path) -> None:
    hostile = "x\"\nid: khac\nnguon: [a]\n#"
    answers = {**SAMPLES["dien-hinh"], "tieu_de": "Tên: [hack] {a: b} #x",
               "ket_qua": hostile, "mo_ta": "  thụt lề\n- gạch\n\tTab"}
    body = _body("dien-hinh", answers)

    found = sections(body)
    record_type = form_type(found)
    assert record_type is not None and record_type.name == "dien-hinh"
    result = draft(record_type, found)
    file = tmp_path / "data" / "dien-hinh" / "mau-thu-dien-hinh.yaml"
    file.parent.mkdir(parents=True)
    file.write_text(result.text, encoding="utf-8")
    source, problem = load_source(file, file.name, "dien-hinh")
    assert problem is None and source is not None
    record, _ = convert(source)
    assert record is not None
    values: dict[str, Any] = dict(record.values)
    assert values["id"] == "mau-thu-dien-hinh"
    assert values["tieu_de"] == answers["tieu_de"]
    assert values["ket_qua"] == hostile.strip()


def test_a_body_from_no_form_is_explained(data: Path) -> None:
    _, problems = from_issue.convert("### Something\n\nelse\n", data)
    assert problems and "không khớp mẫu nào" in problems[0]


def test_script_prints_the_files_or_the_problems(data: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "body.md"
    body.write_text(_body("su-kien", SAMPLES["su-kien"]), encoding="utf-8")
    assert from_issue.main([str(body), "--data", str(data), "--dry-run"]) == 0
    assert list((data / "su-kien").glob("hoi-nghi-huong-dan*")) == []
    body.write_text(_body("su-kien", {}), encoding="utf-8")
    assert from_issue.main([str(body), "--data", str(data)]) == 1
    assert "thiếu ô bắt buộc: Tiêu đề (tieu_de)" in capsys.readouterr().err


def test_workflow_never_puts_issue_text_into_shell_code() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/issue-form.yml").read_text("utf-8"))
    job = workflow["jobs"]["record"]
    assert job["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
    assert "from_issue.py" in job["steps"][2]["run"]
