"""`make site`: validate, build into a fresh folder, and only then put it in place of site/.

A failed check or build prints its messages, exits non-zero and leaves site/ as it was.

**The swap.** At every instant ``site/`` is a complete build, the old one or the new one. The
new site is built into a staging folder ``.site-build-*`` beside ``site/``; then the two
directory entries are exchanged in one atomic step — ``renameat2(RENAME_EXCHANGE)`` on Linux,
``renamex_np(RENAME_SWAP)`` on macOS — and the staging name, now holding the old site, is
deleted. A kill before the exchange leaves the old ``site/``, after it the new one.

**Why a real folder and not a ``site`` symlink** switched by renaming a new link over it (also
atomic): readers copy ``site/`` to USB sticks and phones and zip it. ``cp -r site /media/usb``
copies a symlink named on the command line as a link, which dangles on the stick, and FAT and
exFAT cannot store it at all; Windows and many zip and sync tools do not follow it either. The
swap must not change what ``site/`` is, so it stays a plain folder.

**Fallback.** Where the exchange is not available (another system, an old kernel, a file system
that refuses it), the old site is renamed to ``.site-build-old`` and the new one to ``site/``:
two renames a few microseconds apart. A kill in that gap leaves no ``site/``; the next run, before
anything else, renames ``.site-build-old`` back to ``site/`` (it does the same for ``site.old``,
the name earlier versions of this script used).

**Interrupted builds.** Every run holds a lock (``flock`` on the folder that holds ``site/``,
passed on to the ``mkdocs`` child, so a child outliving its killed parent still holds it) and,
under it, deletes the ``.site-build-*`` folders a killed run left. ``make clean`` removes them
too. The output itself does not depend on the staging folder's name, so builds stay
byte-deterministic.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import validate

from _bootstrap import ROOT

if sys.platform != "win32":
    import fcntl

STAGING_PREFIX = ".site-build-"
FALLBACK_OLD = STAGING_PREFIX + "old"
LEGACY_OLD_SUFFIX = ".old"

# Linux: renameat2(2) flags and, for a libc without the wrapper (glibc < 2.28), syscall numbers.
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_RENAMEAT2_SYSCALL = {"x86_64": 316, "aarch64": 276, "riscv64": 276}
# macOS: renamex_np(3) flag.
_RENAME_SWAP = 2
# The exchange is not possible here (not: it failed); then the two-rename fallback runs.
_UNSUPPORTED = frozenset({errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP,
                          errno.EXDEV})


def exchange(first: Path, second: Path) -> bool:
    """Swap two directory entries in one atomic step; False if this system cannot.

    Raises ``OSError`` when the exchange is possible but fails (a missing path, no permission).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform.startswith("linux"):
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                  ctypes.c_uint]
            result = renameat2(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE)
        elif platform.machine() in _RENAMEAT2_SYSCALL:
            libc.syscall.restype = ctypes.c_long
            result = libc.syscall(ctypes.c_long(_RENAMEAT2_SYSCALL[platform.machine()]),
                                  ctypes.c_int(_AT_FDCWD), ctypes.c_char_p(a),
                                  ctypes.c_int(_AT_FDCWD), ctypes.c_char_p(b),
                                  ctypes.c_uint(_RENAME_EXCHANGE))
        else:
            return False
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        libc.renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        result = libc.renamex_np(a, b, _RENAME_SWAP)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def swap_in(staging: Path, site_dir: Path) -> Path | None:
    """Put the finished build ``staging`` at ``site_dir``; return where the old site now is."""
    if not site_dir.exists() and not site_dir.is_symlink():
        staging.rename(site_dir)  # a first build: site/ appears whole, in one rename
        return None
    if exchange(staging, site_dir):
        return staging
    old = site_dir.with_name(FALLBACK_OLD)
    site_dir.rename(old)
    staging.rename(site_dir)
    return old


def recover(site_dir: Path) -> list[str]:
    """Undo what a killed run left beside ``site_dir``; return what was done, for the log.

    A missing ``site/`` with the old site still under its fallback name is put back; then
    every ``.site-build-*`` folder (unfinished builds, old sites being deleted) is removed.
    """
    done = []
    for old in (site_dir.with_name(FALLBACK_OLD),
                site_dir.with_name(site_dir.name + LEGACY_OLD_SUFFIX)):
        if old.is_dir() and not site_dir.exists() and not site_dir.is_symlink():
            old.rename(site_dir)
            done.append(f"đã đặt lại {site_dir.name}/ từ {old.name}/")
    leftovers = sorted(site_dir.parent.glob(STAGING_PREFIX + "*"))
    legacy = site_dir.with_name(site_dir.name + LEGACY_OLD_SUFFIX)
    if legacy.is_dir():
        leftovers.append(legacy)
    for leftover in leftovers:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()
        done.append(f"đã xóa {leftover.name} do một lần dựng bị ngắt để lại")
    return done


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[int | None]:
    """Hold an exclusive lock on ``folder`` (the one holding site/) for one build."""
    if sys.platform == "win32":  # no flock; builds there are not run concurrently by make
        yield None
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Đang chờ một lần dựng khác (hoặc phần còn lại của một lần dựng bị ngắt) "
                  "kết thúc…", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)


def _mkdocs(staging: Path, config: Path, lock_fd: int | None) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config),
         "-d", str(staging)], env=env, check=False,
        pass_fds=() if lock_fd is None else (lock_fd,))
    return result.returncode


def build(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> int:
    """Build the site into ``site_dir`` atomically; return a process exit code."""
    site_dir = site_dir.absolute()
    with _lock(site_dir.parent) as lock_fd:
        for line in recover(site_dir):
            print(f"Dọn dẹp: {line}.", file=sys.stderr)
        if validate.main([]) != 0:
            print("Dừng: sửa các lỗi trên rồi chạy lại `make site`; thư mục site/ giữ nguyên.",
                  file=sys.stderr)
            return 1
        started = time.perf_counter()
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=site_dir.parent))
        try:
            code = _mkdocs(staging, config, lock_fd)
            if code != 0:
                print("Dừng: dựng trang thất bại; thư mục site/ giữ nguyên.", file=sys.stderr)
                return code
            old = swap_in(staging, site_dir)
        finally:
            # After the swap the staging name holds the old site (or nothing): delete it.
            shutil.rmtree(staging, ignore_errors=True)
        if old is not None and old != staging:
            shutil.rmtree(old, ignore_errors=True)
    print(f"Đã dựng {site_dir} trong {time.perf_counter() - started:.1f} giây.")
    return 0


if __name__ == "__main__":
    sys.exit(build(ROOT / "site"))
