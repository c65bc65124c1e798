"""A realistic, deterministic demo: the files a province's units and police would send.

Everything here is synthetic except the calibration figures, which come from the programme's
`demo:` section (the Đề án's own baseline) so that the demo reproduces the published numbers.
One module per generated input; each draws its own random numbers from the seed, so changing
how one input is drawn leaves the others as they were.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from data_pipeline.demo.incidents import write_incidents
from data_pipeline.demo.marker import mark_home
from data_pipeline.demo.milestones import write_contact_log, write_milestone_tracker
from data_pipeline.demo.registry import build_models, write_models_file
from data_pipeline.demo.reports import write_reports
from data_pipeline.demo.tasks import write_task_tracker
from data_pipeline.demo.units import build_units, write_units_file
from data_pipeline.demo.world import DemoWorld
from data_pipeline.reference.programme import Programme
from data_pipeline.settings import RECEIPT_REGISTER_NAME, Paths

__all__ = ["write_demo"]
# The hour the secretariat's văn thư logs a day's reports in its register.
RECEIPT_HOUR = dt.time(9, 0)


def write_receipt_register(path: Path, reports: list[tuple[Path, dt.date]]) -> Path:
    """The văn thư's register of when each report arrived, as intake reads it (no special path:
    the simulated receipt days reach the warehouse as a real register's would)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tệp", "Thời điểm nhận"])
        for report, day in reports:
            writer.writerow([report.name, dt.datetime.combine(day, RECEIPT_HOUR).strftime("%d/%m/%Y %H:%M")])
    return path


def write_demo(
    paths: Paths, programme: Programme, seed: int = 835, as_of: dt.date | None = None, inbox: Path | None = None
) -> list[Path]:
    """Write the demo's field files (units, models, incidents, reports, trackers) into the inbox
    (or `inbox`), and mark the home as holding demo data."""
    as_of = as_of or dt.date.today()
    world = DemoWorld(programme=programme, seed=seed, as_of=as_of)
    build_units(world)
    build_models(world)
    inbox = inbox or paths.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    mark_home(paths, programme.id, seed, as_of)
    written = [
        write_units_file(world, inbox / "danh_muc_don_vi.xlsx"),
        write_models_file(world, inbox / "so_theo_doi_mo_hinh.xlsx"),
        write_incidents(world, inbox / f"danh_sach_vu_viec_{as_of:%Y%m}.csv"),
    ]
    reports = write_reports(world, inbox)
    written.extend(path for path, _ in reports)
    written.append(write_receipt_register(inbox / RECEIPT_REGISTER_NAME, reports))
    written.append(write_task_tracker(world, inbox / "theo_doi_nhiem_vu.xlsx"))
    if programme.milestones:
        written.append(write_milestone_tracker(world, inbox / "theo_doi_cac_buoc.xlsx"))
    if programme.contacts:
        written.append(write_contact_log(world, inbox / "so_tiep_xuc_quan_tri_vien.xlsx"))
    return written
