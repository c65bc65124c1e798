"""Where everything lives: one place for paths, overridable by environment variables."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from data_pipeline.errors import HomeLocked

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROGRAMME = "bac_giang_835"
# A build of a province takes seconds; a writer stuck longer than this is an error to report.
LOCK_TIMEOUT_SECONDS = 600
LOCK_WAITING = "Đang chờ một tiến trình khác ghi xong vào kho dữ liệu (nhận tệp hoặc dựng kho)…"


@dataclass(frozen=True)
class Paths:
    """The data locations under one home directory."""

    home: Path
    programmes_dir: Path

    @property
    def warehouse(self) -> Path:
        """The Parquet warehouse the dashboard reads (a symlink to the current build)."""
        return self.home / "parquet"

    @contextmanager
    def lock(self) -> Iterator[FileLock]:
        """One writer at a time (ingest or build) for this home; another process waits, and says
        so on stderr (a command that seems stuck is waiting for another writer)."""
        self.home.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.home / ".ghi.lock", timeout=LOCK_TIMEOUT_SECONDS)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            print(LOCK_WAITING, file=sys.stderr, flush=True)
            try:
                lock.acquire()
            except Timeout:
                raise HomeLocked(
                    f"Một tiến trình khác giữ quyền ghi {self.home} quá {LOCK_TIMEOUT_SECONDS} s; "
                    "kiểm tra lệnh nhận tệp hoặc dựng kho đang chạy"
                ) from None
        try:
            yield lock
        finally:
            lock.release()

    @property
    def builds(self) -> Path:
        """Where each build is written before the warehouse link is swapped to it."""
        return self.home / ".builds"

    @property
    def submissions(self) -> Path:
        return self.home / "submissions"

    @property
    def inbox(self) -> Path:
        return self.submissions / "inbox"

    @property
    def archive(self) -> Path:
        """Every accepted file, raw, named by its SHA-256."""
        return self.submissions / "archive"

    @property
    def rejected(self) -> Path:
        return self.submissions / "rejected"

    @property
    def staged(self) -> Path:
        """Accepted rows as typed Parquet, one file per accepted input file."""
        return self.submissions / "staged"


def resolve_paths(home: str | Path | None = None, programmes_dir: str | Path | None = None) -> Paths:
    """Paths from arguments, else ANTQ_HOME / ANTQ_PROGRAMMES_DIR, else the repository."""
    home = home or os.environ.get("ANTQ_HOME") or REPO_ROOT
    programmes_dir = programmes_dir or os.environ.get("ANTQ_PROGRAMMES_DIR") or REPO_ROOT / "config" / "programmes"
    return Paths(home=Path(home).resolve(), programmes_dir=Path(programmes_dir).resolve())
