"""An editor's pull request, end to end, on a clone of the repository with nothing beside it.

The clone is of the committed ``HEAD`` (as GitHub's checkout of a pull request is), so work
not yet committed is not in it. The editor adds a new article's text, its ``nguon`` record and
a record citing it, in one change; ``make check`` (``scripts/validate.py``, run with this
interpreter: the clone has no virtual environment of its own) and the fidelity tests pass.
Then a figure the article does not give fails, naming file, line and field.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = """\
Xã Bình Yên ra mắt tổ hòa giải ở cơ sở

Ngày 15/3, Ủy ban MTTQ xã Bình Yên tổ chức ra mắt tổ hòa giải ở thôn Nà Ngòa.
Năm 2022, tổ đã hòa giải thành 12/14 vụ việc, đạt 85,7%.

Tác giả bài viết: Hoàng Văn An
"""
SOURCE = """\
id: bai-binh-yen-to-hoa-giai
tieu_de: Xã Bình Yên ra mắt tổ hòa giải ở cơ sở
tac_gia: [Hoàng Văn An]
tep: bai-binh-yen-to-hoa-giai.txt
"""
MODEL = """\
id: to-hoa-giai-binh-yen
tieu_de: Tổ hòa giải ở cơ sở xã Bình Yên
tu_ngay: 2022
so_lieu:
  - chi_tieu: Vụ việc hòa giải thành
    gia_tri: {value}
    tren: 14
    ty_le: 85.7
    ky: năm 2022
nguon: [bai-binh-yen-to-hoa-giai]
"""
FIGURE_LINE = 6  # the line of ``gia_tri`` in MODEL


def _run(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, *args], cwd=clone, capture_output=True, text=True,
                          check=False, env=env, timeout=600)


@pytest.mark.slow
def test_a_pull_request_adding_an_article_passes_and_a_wrong_figure_fails(
        tmp_path: Path) -> None:
    clone = tmp_path / "repo"
    cloned = subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
                            capture_output=True, text=True, check=False)
    assert cloned.returncode == 0, cloned.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["repo"]  # nothing beside the clone

    data = clone / "data"
    (data / "nguon" / "bai-binh-yen-to-hoa-giai.txt").write_text(ARTICLE, encoding="utf-8")
    (data / "nguon" / "bai-binh-yen-to-hoa-giai.yaml").write_text(SOURCE, encoding="utf-8")
    model = data / "mo-hinh" / "to-hoa-giai-binh-yen.yaml"
    model.write_text(MODEL.format(value=12), encoding="utf-8")

    check = _run(clone, "scripts/validate.py")
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("Dữ liệu hợp lệ")
    tests = _run(clone, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 "tests/test_starter_data.py", "tests/test_fidelity.py")
    assert tests.returncode == 0, tests.stdout[-3000:]

    model.write_text(MODEL.format(value=13), encoding="utf-8")
    check = _run(clone, "scripts/validate.py", "--github")
    assert check.returncode == 1
    where = f"data/mo-hinh/to-hoa-giai-binh-yen.yaml:{FIGURE_LINE}: so_lieu[1].gia_tri: "
    assert check.stderr.splitlines()[0] == (
        where + "số 13 không có trong bài viết nguồn “bai-binh-yen-to-hoa-giai” "
        "(data/nguon/bai-binh-yen-to-hoa-giai.txt); ghi đúng con số bài viết nêu (bài ghi "
        "4.728 thì gõ 4728, bài ghi 108,1 thì gõ 108.1)")
    # 13/14 is not in the article either: the pair is reported at its own line.
    assert f"to-hoa-giai-binh-yen.yaml:{FIGURE_LINE + 1}: so_lieu[1].tren: “13/14”" \
        in check.stderr
    assert (f"::error file=data/mo-hinh/to-hoa-giai-binh-yen.yaml,line={FIGURE_LINE},"
            "title=so_lieu[1].gia_tri::số 13") in check.stdout
    tests = _run(clone, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 "tests/test_starter_data.py")
    assert tests.returncode == 1
    assert where in tests.stdout
