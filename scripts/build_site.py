"""`make site`: validate, build into a fresh folder, and only then replace site/.

A failed check or build prints its messages, exits non-zero and leaves site/ as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import validate

from _bootstrap import ROOT


def build(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> int:
    """Build the site into ``site_dir`` atomically; return a process exit code."""
    if validate.main([]) != 0:
        print("Dừng: sửa các lỗi trên rồi chạy lại `make site`; thư mục site/ giữ nguyên.",
              file=sys.stderr)
        return 1
    started = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config),
         "-d", str(staging)], env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("Dừng: dựng trang thất bại; thư mục site/ giữ nguyên.", file=sys.stderr)
        return result.returncode
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Đã dựng {site_dir} trong {time.perf_counter() - started:.1f} giây.")
    return 0


if __name__ == "__main__":
    sys.exit(build(ROOT / "site"))
