"""Faults for real: builds killed with SIGKILL at several moments, a writer holding the lock
while another ingest waits, an ingest cut off before its last table. The warehouse stays
readable and `check` clean; nothing accepted is lost."""

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixture_data import PROGRAMME, PROGRAMMES
from helpers import run_cli, simple_report

from data_pipeline.settings import LOCK_WAITING, REPO_ROOT, resolve_paths
from data_pipeline.warehouse.read import Warehouse

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]


@pytest.fixture
def home(fixture_home, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(fixture_home, copy, symlinks=True)
    return copy


def _cli(home: Path, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "data_pipeline", *args, "--home", str(home)]
    command += ["--programmes-dir", str(PROGRAMMES), "--programme", PROGRAMME]
    return subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _build_id(home: Path) -> str:
    return json.loads((home / "parquet" / "manifest.json").read_text(encoding="utf-8"))["build_id"]


# Moments of a build, each seen from the data home: the build is killed as soon as its moment is
# reached (never after a fixed time, so a busy machine moves the moment, not the outcome).
def _started(home: Path) -> bool:
    return True


def _running_sql(home: Path) -> bool:
    return any((home / ".builds").glob("*.scratch/build.duckdb"))


def _writing_tables(home: Path) -> bool:
    builds = home / ".builds"
    return any(
        p.is_dir() and not p.name.endswith(".scratch") and not (p / "manifest.json").exists() for p in builds.glob("*")
    )


def _writing_manifest(home: Path) -> bool:
    return any((home / ".builds").glob("*/manifest.json.tmp"))


def _publishing(home: Path) -> bool:
    return any(home.glob(".parquet-*"))


MOMENTS = (_started, _running_sql, _writing_tables, _writing_manifest, _publishing)


def _kill_at(home: Path, moment) -> tuple[str, bool]:
    """Run a build, kill it when `moment` holds (or let it end); returns whether the published
    build changed and whether the kill landed while the build was still running."""
    before = _build_id(home)
    process = _cli(home, "build", "--as-of", "2025-11-20")
    while process.poll() is None and not moment(home):
        time.sleep(0.001)
    landed = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return ("new" if _build_id(home) != before else "previous"), landed


def test_a_build_killed_at_any_moment_leaves_a_readable_warehouse(home):
    landed = {}
    for moment in MOMENTS:
        outcome, landed[moment.__name__] = _kill_at(home, moment)
        assert run_cli(home, "check") == 0, moment.__name__
        assert Warehouse(home / "parquet").query("select count(*) from mart_attainment").iloc[0, 0] > 0
        if landed[moment.__name__] and moment in (_started, _running_sql, _writing_tables):
            assert outcome == "previous", moment.__name__  # killed before its manifest: nothing published
    # the long moments are always caught while the build runs; the short ones when the poll is quick enough
    assert landed["_started"] and landed["_running_sql"] and landed["_writing_tables"], landed
    # the next build clears what the killed ones left and publishes normally
    before = _build_id(home)
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    assert _build_id(home) != before
    builds = [p for p in (home / ".builds").iterdir()]
    assert all((p / "manifest.json").exists() for p in builds)
    assert not list(home.glob(".parquet-*"))


def test_an_ingest_waits_for_the_writer_holding_the_lock_and_both_files_are_accepted(home, tmp_path):
    first = simple_report(tmp_path, [("A", "A", 3, 10)], unit="216", period="2025-H1")
    second = simple_report(tmp_path / "b", [("A", "A", 4, 10)], unit="215", period="2025-H1")
    paths = resolve_paths(home)
    with paths.lock():
        waiting = _cli(home, "ingest", str(first))
        # it says it waits once it found the lock held: from here on it can only wait
        assert waiting.stderr.readline().decode("utf-8").strip() == LOCK_WAITING
        assert waiting.poll() is None  # blocked behind the lock
        assert len(list((home / "submissions" / "staged" / "report_submissions").glob("*.parquet"))) == 6
        other = _cli(home, "ingest", str(second))
    assert waiting.wait(timeout=60) == 0 and other.wait(timeout=60) == 0
    submissions = sorted((home / "submissions" / "staged" / "report_submissions").glob("*.parquet"))
    assert len(submissions) == 6 + 2


def test_an_ingest_cut_off_before_its_last_table_is_taken_again(home, tmp_path, capsys):
    path = simple_report(tmp_path, [("A", "A", 3, 10)], unit="216", period="2025-H1")
    assert run_cli(home, "ingest", "--json", str(path)) == 0
    sha = json.loads(capsys.readouterr().out)["files"][0]["sha256"]
    # as if killed after the values were staged but before the submission row
    (home / "submissions" / "staged" / "report_submissions" / f"{sha}.parquet").unlink()
    assert run_cli(home, "ingest", "--json", str(path)) == 0
    again = json.loads(capsys.readouterr().out)["files"][0]
    assert again["status"] == "accepted"
    assert (home / "submissions" / "archive" / f"{sha}.xlsx").exists()


def test_a_partial_archive_copy_is_never_taken_for_the_file(home, tmp_path, capsys):
    path = simple_report(tmp_path, [("A", "A", 3, 10)], unit="216", period="2025-H1")
    archive = home / "submissions" / "archive"
    leftover = archive / ".partial.xlsx.tmp"
    leftover.write_bytes(b"PK")  # what a copy killed half-way leaves
    assert run_cli(home, "ingest", "--json", str(path)) == 0
    sha = json.loads(capsys.readouterr().out)["files"][0]["sha256"]
    assert (archive / f"{sha}.xlsx").read_bytes() == path.read_bytes()


def test_an_ingest_killed_half_way_loses_nothing_when_run_again(home, tmp_path, capsys):
    # 40 corrections of 2025-H1 reports, killed while they are being staged
    folder = tmp_path / "many"
    for n in range(40):
        path = simple_report(
            folder / str(n), [("A", "A", n % 10, 10 + n)], unit=("213", "215", "216")[n % 3], period="2025-H1"
        )
        path.rename(path.with_name(f"{path.stem}_v{n + 2}.xlsx"))  # each correction numbered, as units do
    files = sorted(folder.rglob("*.xlsx"))
    staged = home / "submissions" / "staged" / "report_submissions"
    process = _cli(home, "ingest", *map(str, files))
    # kill it once a few files are in, while the rest are still to come
    while process.poll() is None and len(list(staged.glob("*.parquet"))) < 6 + 5:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    staged_before = len(list(staged.glob("*.parquet")))
    assert 6 + 5 <= staged_before < 6 + 40, staged_before
    assert run_cli(home, "ingest", "--json", *map(str, files)) == 0
    statuses = [item["status"] for item in json.loads(capsys.readouterr().out)["files"]]
    assert set(statuses) <= {"accepted", "duplicate"} and len(statuses) == 40
    submissions = list(staged.glob("*.parquet"))
    # every file is now received exactly once, whether before or after the kill
    assert len(submissions) == 6 + 40 and staged_before - 6 == statuses.count("duplicate")
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0 and run_cli(home, "check") == 0
