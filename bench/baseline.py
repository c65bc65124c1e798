"""The pandas baseline: mart_attainment, mart_compliance and mart_incidents computed the obvious
way — read every staged file into pandas, keep the version in force, merge, group — on the same
accepted data, with the build's reference tables (units, area map, periods) as lookups.
Run as `python -m bench.baseline HOME`; prints the totals it found, to compare with the marts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from data_pipeline.warehouse import statuses


def _staged(home: Path, table: str) -> pd.DataFrame:
    files = sorted((home / "submissions" / "staged" / table).glob("*.parquet"))
    return pd.concat([pd.read_parquet(path) for path in files], ignore_index=True)


def incidents(home: Path, area_map: pd.DataFrame) -> pd.DataFrame:
    cases = _staged(home, "incidents")
    cases = cases.sort_values("ingested_at").drop_duplicates(["programme_id", "case_id"], keep="last")
    cases["month"] = pd.to_datetime(cases.occurred_on).dt.to_period("M").dt.to_timestamp()
    for outcome, column in (("xu_phat", "sanctioned"), ("ran_de", "warned"), ("khoi_to", "prosecuted")):
        cases[column] = (cases.outcome_code == outcome).astype(int)
    primary = area_map[area_map.is_primary]
    merged = cases.merge(primary, left_on=["programme_id", "commune_code"], right_on=["programme_id", "source_code"])
    return (
        merged.groupby(["programme_id", "view", "month", "commune_code", "area_code", "category_code"])
        .agg(
            cases=("case_id", "size"),
            sanctioned=("sanctioned", "sum"),
            fines=("fine", "sum"),
            warned=("warned", "sum"),
            taken_down=("taken_down", "sum"),
            prosecuted=("prosecuted", "sum"),
            loss=("loss", "sum"),
        )
        .reset_index()
    )


def _in_force(home: Path) -> pd.DataFrame:
    """Each unit's latest report per programme and period, with the number of versions."""
    submissions = _staged(home, "report_submissions").sort_values(["submitted_on", "ingested_at"])
    versions = submissions.groupby(["programme_id", "unit_code", "period"]).size().rename("version_count")
    latest = submissions.drop_duplicates(["programme_id", "unit_code", "period"], keep="last")
    first = submissions.drop_duplicates(["programme_id", "unit_code", "period"], keep="first")
    latest = latest.merge(
        first[["programme_id", "unit_code", "period", "submitted_on"]].rename(columns={"submitted_on": "first_on"}),
        on=["programme_id", "unit_code", "period"],
    )
    return latest.join(versions, on=["programme_id", "unit_code", "period"])


def compliance(in_force: pd.DataFrame, reporters: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    frame = reporters.merge(periods[["programme_id", "period", "due_on"]], on=["programme_id", "period"])
    frame = frame.merge(in_force, on=["programme_id", "unit_code", "period"], how="left")
    due = pd.to_datetime(frame.due_on)
    first = pd.to_datetime(frame.first_on)
    frame["status"] = statuses.MISSING
    frame.loc[first.notna() & (first <= due), "status"] = statuses.ON_TIME
    frame.loc[first.notna() & (first > due), "status"] = statuses.LATE
    frame["days_late"] = (first - due).dt.days.clip(lower=0)
    return frame


def attainment(home: Path, in_force: pd.DataFrame, area_map: pd.DataFrame) -> pd.DataFrame:
    values = _staged(home, "report_values").merge(in_force[["file_sha256", "programme_id", "unit_code", "period"]])
    primary = area_map[area_map.is_primary]
    by_area = values.merge(primary, left_on=["programme_id", "unit_code"], right_on=["programme_id", "source_code"])
    keys = ["programme_id", "view", "period", "indicator_code"]
    areas = by_area.groupby([*keys, "area_code"])[["numerator", "denominator"]].sum(min_count=1).reset_index()
    province = by_area.groupby(keys)[["numerator", "denominator"]].sum(min_count=1).reset_index()
    frame = pd.concat([areas, province.assign(area_code="province")], ignore_index=True)
    frame["rate"] = frame.numerator / frame.denominator
    return frame


def main(home: Path) -> dict:
    warehouse = home / "parquet"
    area_map = pd.read_parquet(warehouse / "core_area_map.parquet")
    reporters = pd.read_parquet(warehouse / "core_period_reporters.parquet")
    periods = pd.read_parquet(warehouse / "core_periods.parquet")
    in_force = _in_force(home)
    cases = incidents(home, area_map)
    due = compliance(in_force, reporters, periods)
    rates = attainment(home, in_force, area_map)
    return {
        "incident_rows": len(cases),
        "cases_new_view": int(cases[cases.view == "new"].cases.sum()),
        "compliance_rows": len(due),
        "attainment_rows": len(rates),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
