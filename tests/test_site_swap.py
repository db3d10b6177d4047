"""`make site` replaces site/ atomically: killed at any point, site/ is a complete build, old or
new, and the next run succeeds and leaves nothing behind."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import build_site
import pytest

from conftest import ROOT, copy_project

GOOD = ROOT / "tests" / "golden" / "render" / "basic" / "data"
# Only the build date may differ between two builds of the same data.
_DATED = {"sitemap.xml", "sitemap.xml.gz"}

# Runs build_site.build in a copied project, killing itself (SIGKILL: no cleanup of any kind)
# at the named point.
_DRIVER = textwrap.dedent("""\
    import os, shutil, signal, sys
    from pathlib import Path

    project, point = Path(sys.argv[1]), sys.argv[2]
    sys.path.insert(0, str(project / "scripts"))
    import build_site

    def die(*_):
        os.kill(os.getpid(), signal.SIGKILL)

    real_swap, real_exchange, real_rename = build_site.swap_in, build_site.exchange, Path.rename
    if point == "before-swap":
        build_site.swap_in = die
    elif point == "after-exchange":
        def exchange(a, b):
            assert real_exchange(a, b), "no atomic exchange here"
            die()
        build_site.exchange = exchange
    elif point == "deleting-old":
        def rmtree(path, ignore_errors=False):
            files = sorted(p for p in Path(path).rglob("*") if p.is_file())
            assert len(files) > 10, files
            for file in files[: len(files) // 2]:
                file.unlink()
            die()
        def swap(staging, site):
            old = real_swap(staging, site)
            build_site.shutil.rmtree = rmtree
            return old
        build_site.swap_in = swap
    elif point in ("fallback", "between-renames"):
        build_site.exchange = lambda a, b: False
        if point == "between-renames":
            def rename(self, target):
                result = real_rename(self, target)
                if Path(target).name == build_site.FALLBACK_OLD:
                    die()
                return result
            Path.rename = rename
    else:
        assert point == "none", point
    sys.exit(build_site.build(project / "site"))
""")


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in _DATED)
    assert files, folder
    for file in files:
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def make_project(dest: Path, title: str) -> Path:
    project = copy_project(dest, data=GOOD)
    shutil.copytree(ROOT / "scripts", project / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # The real guides link real records; this small dataset needs a guide without [[id]].
    (project / "docs" / "huong-dan" / "index.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    (project / "driver.py").write_text(_DRIVER, encoding="utf-8")
    set_title(project, title)
    return project


def set_title(project: Path, title: str) -> None:
    record = project / "data" / "van-ban" / "ket-luan-1.yaml"
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"tieu_de: {title}\n" if line.startswith("tieu_de:") else line for line in lines]
    record.write_text("".join(lines), encoding="utf-8")


def run(project: Path, point: str = "none") -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(project, point), capture_output=True, text=True,
                          env=_env(), cwd=project, check=False, timeout=300)


def _command(project: Path, point: str) -> list[str]:
    return [sys.executable, str(project / "driver.py"), str(project), point]


def _env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("SOTAY_DATA_DIR", None)
    return env


class Sites:
    """A project whose site/ holds the old build, and the hashes of the old and new builds."""

    def __init__(self, root: Path) -> None:
        self.reference = make_project(root / "reference", "Kết luận cũ")
        first = run(self.reference)
        assert first.returncode == 0, first.stdout + first.stderr
        self.old_site = root / "old-site"
        shutil.copytree(self.reference / "site", self.old_site, symlinks=True)
        self.old = tree_hash(self.old_site)
        set_title(self.reference, "Kết luận mới")
        second = run(self.reference)
        assert second.returncode == 0, second.stdout + second.stderr
        self.new = tree_hash(self.reference / "site")
        assert self.old != self.new

    def project(self, dest: Path) -> Path:
        """A project with the old build in site/ and the new data in data/."""
        project = make_project(dest, "Kết luận mới")
        shutil.copytree(self.old_site, project / "site", symlinks=True)
        return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return Sites(tmp_path_factory.mktemp("swap"))


def _state(project: Path, sites: Sites) -> str:
    site = project / "site"
    assert site.is_dir() and not site.is_symlink(), "không còn thư mục site/"
    assert (site / "index.html").is_file() and (site / "van-ban" / "ket-luan-1.html").is_file()
    found = tree_hash(site)
    assert found in (sites.old, sites.new), "site/ không phải một bản dựng đầy đủ"
    return "old" if found == sites.old else "new"


def _finish(project: Path, sites: Sites, before: set[str]) -> None:
    """The next run succeeds, site/ is the new build, and nothing is left beside it."""
    result = run(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert _state(project, sites) == "new"
    assert {p.name for p in project.iterdir()} == before | {"site"}


@pytest.mark.slow
@pytest.mark.parametrize(("point", "expected"), [
    ("before-swap", "old"),
    ("after-exchange", "new"),
    ("deleting-old", "new"),
])
def test_killed_around_the_swap_site_is_old_or_new(sites: Sites, tmp_path: Path, point: str,
                                                   expected: str) -> None:
    project = sites.project(tmp_path / "p")
    before = {p.name for p in project.iterdir()}
    killed = run(project, point)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert _state(project, sites) == expected
    assert list(project.glob(build_site.STAGING_PREFIX + "*")), "the kill left no leftover?"
    _finish(project, sites, before)


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.0, 0.3, 0.7, 0.95])
def test_killed_during_mkdocs_build_site_stays_old(sites: Sites, tmp_path: Path,
                                                   fraction: float) -> None:
    """The whole process group is killed once the staging folder holds a share of the files."""
    project = sites.project(tmp_path / "p")
    before = {p.name for p in project.iterdir()}
    total = sum(1 for p in (project / "site").rglob("*") if p.is_file())
    process = subprocess.Popen(_command(project, "none"), env=_env(), cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            staging = list(project.glob(build_site.STAGING_PREFIX + "*"))
            written = sum(1 for s in staging for p in s.rglob("*") if p.is_file())
            if staging and written >= fraction * total:
                os.killpg(process.pid, signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        with_group_gone(process)
    assert process.returncode == -signal.SIGKILL, "the build ended before it was killed"
    assert _state(project, sites) == "old"
    _finish(project, sites, before)


def with_group_gone(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


@pytest.mark.slow
def test_parent_killed_alone_its_mkdocs_keeps_the_lock(sites: Sites, tmp_path: Path) -> None:
    """An orphaned mkdocs child still writes into its staging folder: the next run waits."""
    import fcntl

    project = sites.project(tmp_path / "p")
    before = {p.name for p in project.iterdir()}
    process = subprocess.Popen(_command(project, "none"), env=_env(), cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        while process.poll() is None and not list(project.glob(build_site.STAGING_PREFIX + "*")):
            time.sleep(0.005)
        time.sleep(0.2)  # mkdocs is running
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        fd = os.open(project, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            locked = False
        except BlockingIOError:
            locked = True
        finally:
            os.close(fd)
        orphan_alive = True
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            orphan_alive = False
        assert locked or not orphan_alive, "a running mkdocs of the killed build holds no lock"
        assert _state(project, sites) == "old"
        _finish(project, sites, before)
    finally:
        with_group_gone(process)


@pytest.mark.slow
def test_fallback_without_exchange(sites: Sites, tmp_path: Path) -> None:
    project = sites.project(tmp_path / "p")
    before = {p.name for p in project.iterdir()}
    done = run(project, "fallback")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _state(project, sites) == "new"
    assert {p.name for p in project.iterdir()} == before


@pytest.mark.slow
def test_fallback_killed_between_renames_is_put_back_first(sites: Sites, tmp_path: Path) -> None:
    """Without an exchange there is a gap; the next run restores site/ before anything else."""
    project = sites.project(tmp_path / "p")
    before = {p.name for p in project.iterdir()}
    killed = run(project, "between-renames")
    assert killed.returncode == -signal.SIGKILL
    assert not (project / "site").exists()
    assert tree_hash(project / build_site.FALLBACK_OLD) == sites.old
    # Bad data: the run stops at the check, but site/ is back, whole.
    record = project / "data" / "van-ban" / "ket-luan-1.yaml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good + "ngay_het_han: 2013-02-30\n", encoding="utf-8")
    bad = run(project)
    assert bad.returncode == 1
    assert "đã đặt lại site/ từ .site-build-old/" in bad.stderr
    assert _state(project, sites) == "old"
    record.write_text(good, encoding="utf-8")
    _finish(project, sites, before)


# -- the pieces, without a build ----------------------------------------------------------------
def _folder(path: Path, name: str) -> Path:
    path.mkdir()
    (path / name).write_text(name, encoding="utf-8")
    return path


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    a, b = _folder(tmp_path / "a", "one"), _folder(tmp_path / "b", "two")
    swapped = build_site.exchange(a, b)
    if sys.platform.startswith("linux"):  # ext4, tmpfs, btrfs, xfs all support it
        assert swapped
    assert sorted(p.name for p in a.iterdir()) == (["two"] if swapped else ["one"])
    assert sorted(p.name for p in b.iterdir()) == (["one"] if swapped else ["two"])
    if swapped:
        with pytest.raises(FileNotFoundError):
            build_site.exchange(tmp_path / "missing", b)


def test_first_build_is_one_rename(tmp_path: Path) -> None:
    staging = _folder(tmp_path / ".site-build-x", "index.html")
    assert build_site.swap_in(staging, tmp_path / "site") is None
    assert (tmp_path / "site" / "index.html").is_file() and not staging.exists()


@pytest.mark.parametrize("old_name", [build_site.FALLBACK_OLD, "site.old"])
def test_recover_puts_an_orphaned_old_site_back(tmp_path: Path, old_name: str) -> None:
    _folder(tmp_path / old_name, "index.html")
    _folder(tmp_path / ".site-build-abc123", "half.html")
    done = build_site.recover(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert done[0] == f"đã đặt lại site/ từ {old_name}/"


def test_recover_never_replaces_an_existing_site(tmp_path: Path) -> None:
    _folder(tmp_path / "site", "new.html")
    _folder(tmp_path / build_site.FALLBACK_OLD, "old.html")
    _folder(tmp_path / "site.old", "older.html")
    (tmp_path / ".site-build-stray").write_text("", encoding="utf-8")
    build_site.recover(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["new.html"]
