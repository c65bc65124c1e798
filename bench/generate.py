"""The benchmark's synthetic country: one programme per former province (the Bắc Giang Đề án's
targets and calendar, reporting from 2022), each with the demo generator's units, models, task
tracker and every reporting unit's workbooks for 2022–2026, plus case lists written in bulk as the
provincial police send them (CSV per province and year) so the country holds 10 million cases."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from data_pipeline.demo import write_demo
from data_pipeline.intake import layouts
from data_pipeline.reference import vocabularies
from data_pipeline.reference.programme import load_programme
from data_pipeline.reference.units import _data, crosswalk, reference_units
from data_pipeline.settings import REPO_ROOT, Paths

BASE_PROGRAMME = REPO_ROOT / "config" / "programmes" / "bac_giang_835.yaml"
AS_OF = dt.date(2026, 11, 23)
NATIONAL_CASES = 10_000_000
YEARS = range(2022, 2027)
PERIODS = [
    {"id": f"{year}{half}", "label": f"Báo cáo {'6 tháng' if half else 'năm'} {year}", "due": due}
    for year in YEARS
    for half, due in (("-H1", dt.date(year, 6, 15)), ("", dt.date(year, 11, 15)))
]


@dataclass(frozen=True)
class Scale:
    """How many former provinces, and how many cases each holds."""

    name: str
    provinces: int
    cases_per_province: int


def provinces() -> list[tuple[str, str]]:
    """The 63 provinces of the structure before 1/7/2025 (code, name), Bắc Giang first."""
    with sqlite3.connect(f"file:{_data('dataset.db')}?mode=ro", uri=True) as con:
        rows = con.execute(
            "select distinct provinceCode, province from admin_units_legacy order by provinceCode"
        ).fetchall()
    return sorted(rows, key=lambda row: row[0] != "24")


def scales(names: list[str]) -> list[Scale]:
    """tiny (make test), 1×/3×/10× a province, national (all 63 former provinces)."""
    per_province = NATIONAL_CASES // len(provinces())
    known = {
        "tiny": Scale("tiny", 1, 2_000),
        "1": Scale("1×", 1, per_province),
        "3": Scale("3×", 3, per_province),
        "10": Scale("10×", 10, per_province),
        "national": Scale("toàn quốc", len(provinces()), per_province),
    }
    return [known[name] for name in names]


def write_programme(folder: Path, code: str, name: str) -> Path:
    """The Bắc Giang programme moved to province `code`, reporting twice a year from 2022."""
    raw = yaml.safe_load(BASE_PROGRAMME.read_text(encoding="utf-8"))
    raw.update(
        id=f"bench_{code}",
        name=f"Phong trào bảo vệ ANTQ trên không gian mạng — {name} (dữ liệu thử tải)",
        short_name=f"Thử tải {name}",
        start=dt.date(2022, 1, 1),
        periods=PERIODS,
        reporting=[
            {"from_period": "2022-H1", "structure": "legacy", "level": ["district", "agency"]},
            {"from_period": "2025", "structure": "2025", "level": ["commune", "agency"]},
        ],
    )
    raw["geography"] = {"province_code": code}
    raw["phases"][0]["start"] = dt.date(2022, 1, 1)
    path = folder / f"bench_{code}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _province_files(job: tuple[Path, Path, int, int]) -> int:
    """Field files of one province into its own inbox: the demo's, then bulk case lists."""
    yaml_path, inbox, cases, seed = job
    programme = load_programme(yaml_path)
    paths = Paths(home=inbox.parent.parent, programmes_dir=yaml_path.parent)
    written = write_demo(paths, programme, seed=seed, as_of=AS_OF)
    for demo_cases in inbox.glob("danh_sach_vu_viec_*.csv"):
        demo_cases.unlink()  # replaced by the bulk lists below, which hold the same kinds of rows
    return len(written) - 2 + write_cases(programme, inbox, cases, seed)  # less the demo case list and register


def write_cases(programme, inbox: Path, cases: int, seed: int) -> int:
    """`cases` rows spread over 2022 to the as-of date, one CSV per year: old commune codes until
    30/6/2025, the new communes' codes after (as the police code them)."""
    rng = np.random.default_rng(seed)
    units = reference_units(programme)
    old = units[(units.structure == "legacy") & (units.unit_kind == "commune")]
    successor = crosswalk(programme).drop_duplicates("old_code").set_index("old_code").new_code
    official = units.set_index("unit_code").official_code
    vocabulary = vocabularies.incident_vocabulary()
    categories = np.array([c["name"] for c in vocabulary["categories"]])
    outcomes = np.array([c["name"] for c in vocabulary["outcomes"]])
    start, days = np.datetime64("2022-01-01"), (AS_OF - dt.date(2022, 1, 1)).days
    day = start + np.sort(rng.integers(0, days, cases)).astype("timedelta64[D]")
    commune = old.unit_code.to_numpy()[rng.integers(0, len(old), cases)]
    after = day >= np.datetime64("2025-07-01")
    code = np.where(after, official.reindex(successor.reindex(commune).to_numpy()).to_numpy(), commune)
    outcome = rng.integers(0, len(outcomes), cases)
    frame = pd.DataFrame(
        {
            "Mã vụ việc": [f"VV{programme.province_code}-{n:07d}" for n in range(cases)],
            "Ngày": pd.to_datetime(day).strftime("%d/%m/%Y"),
            "Mã xã": code,
            "Xã, phường": "",
            "Loại vụ việc": categories[rng.integers(0, len(categories), cases)],
            "Kết quả xử lý": outcomes[outcome],
            "Số tài khoản, bài viết gỡ bỏ": rng.integers(0, 4, cases),
            "Số tiền phạt (đồng)": np.where(rng.random(cases) < 0.1, 5_000_000, 0),
            "Thiệt hại (đồng)": np.where(rng.random(cases) < 0.3, rng.integers(1, 400, cases) * 1_000_000, 0),
            "Ghi chú": layouts.SYNTHETIC_SOURCE,
        }
    )
    years = pd.to_datetime(day).year
    for year in YEARS:
        frame[years == year].to_csv(inbox / f"vu_viec_{year}.csv", index=False, encoding="utf-8-sig")
    return len(YEARS)


def _each(function, jobs: list, processes: int) -> Iterator:
    """function(job) for each job, in worker processes when there is more than one job. The
    workers get a blank __main__: the caller's may be a page script AppTest installed (pytest,
    the bench's page runs), which a spawned worker would otherwise import and run."""
    if len(jobs) == 1 or processes == 1:
        yield from map(function, jobs)
        return
    caller = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            yield from pool.imap_unordered(function, jobs)
    finally:
        sys.modules["__main__"] = caller


def generate(work: Path, scale: Scale, processes: int = 2) -> list[tuple[str, Path]]:
    """Write the programmes and every province's inbox under `work` (each province's seed fixed,
    so the country is the same on every run); (programme id, inbox) pairs."""
    programmes = work / "programmes"
    programmes.mkdir(parents=True, exist_ok=True)
    jobs = []
    for n, (code, name) in enumerate(provinces()[: scale.provinces]):
        inbox = Paths(home=work / "field" / code, programmes_dir=programmes).inbox
        jobs.append((write_programme(programmes, code, name), inbox, scale.cases_per_province, 835 + n))
    for done, _ in enumerate(_each(_province_files, jobs, processes), start=1):
        print(f"\r  sinh dữ liệu: {done}/{len(jobs)} tỉnh", end="", flush=True)
    print()
    return [(job[0].stem, job[1]) for job in jobs]
