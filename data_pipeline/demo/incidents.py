"""The police's case list (danh sách vụ việc): the published figures inside their window, the
cases those figures leave out, and the months since at the same, slowly rising pace."""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from collections import Counter
from pathlib import Path

from data_pipeline.demo.world import DemoWorld, baseline, date_between, month_end, setting, split
from data_pipeline.intake import layouts
from data_pipeline.reference import spelling, vocabularies
from data_pipeline.reference.units import crosswalk, reference_units

# The usual run of cases after the published window: outcome weights, and the categories of the
# cases that are not prosecuted (prosecuted ones are the programme's crime categories).
OUTCOME_WEIGHTS = {"khoi_to": 35, "xu_phat": 20, "ran_de": 60, "xac_minh": 8}
COMMON_CATEGORIES = ("tin_gia", "lua_dao", "danh_bac", "tin_dung_den", "khac")
# Cases rise by about a quarter a year after the published window.
YEARLY_GROWTH = 0.25
# No category is more than this share of the published window's cases: when the published
# outcomes all fall in one category (Thái Nguyên: fake news), the list also holds the cases they
# do not count — reports of fraud, gambling, black credit still being verified.
MAX_CATEGORY_SHARE = 0.45
FINES = (2_500_000, 5_000_000, 7_500_000, 10_000_000)
FINE_STEP = 250_000
LOSS_CATEGORIES = ("lua_dao", "tin_dung_den", "xam_nhap")

Case = tuple[dt.date, str, str, int]  # day, category, outcome, accounts or posts taken down


def _published(world: DemoWorld, rng: random.Random) -> list[tuple[str, str, int]]:
    """The published window's cases, exactly the programme's figures: (category, outcome, taken down)."""
    setting(world.programme, "incident_outcomes")  # a programme without a demo section stops here
    demo = world.programme.demo
    outcomes = demo.incident_outcomes
    crimes = demo.crime_categories
    plan = [(code, "xac_minh") for code, n in demo.incident_categories.items() for _ in range(int(n))]
    plan += [(rng.choice(crimes), "khoi_to") for _ in range(int(outcomes.prosecuted))]
    sanctioned = setting(world.programme, "sanction_categories")
    warned = setting(world.programme, "warning_categories")
    plan += [(rng.choice(sanctioned), "xu_phat") for _ in range(int(outcomes.sanctioned))]
    plan += [(rng.choice(warned), "ran_de") for _ in range(int(outcomes.warned))]
    handled = [i for i, (_, outcome) in enumerate(plan) if outcome in ("xu_phat", "ran_de")]
    takedowns = dict(zip(handled, split(rng, int(demo.taken_down), len(handled), 0.9), strict=True))
    return [(category, outcome, takedowns.get(i, 0)) for i, (category, outcome) in enumerate(plan)]


def _uncounted(rng: random.Random, plan: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Cases still being verified, of other categories than the published figures' largest, so
    that it holds at most MAX_CATEGORY_SHARE of the window's cases (none when it already does)."""
    top, largest = Counter(category for category, _, _ in plan).most_common(1)[0]
    others = [c for c in COMMON_CATEGORIES if c != top]
    extra = max(0, math.ceil(largest / MAX_CATEGORY_SHARE) - len(plan))
    return [(rng.choice(others), "xac_minh", 0) for _ in range(extra)]


def _since(world: DemoWorld, rng: random.Random, pace: float, baseline_on: dt.date) -> list[Case]:
    """Cases after the published window, month by month: the window's daily pace, rising by
    YEARLY_GROWTH a year, with a Poisson-like spread."""
    crimes = setting(world.programme, "crime_categories")
    cases, first = [], baseline_on + dt.timedelta(days=1)
    while first <= world.as_of:
        last = min(month_end(first), world.as_of)
        middle = first + (last - first) / 2
        mean = pace * ((last - first).days + 1) * (1 + YEARLY_GROWTH * (middle - baseline_on).days / 365)
        for _ in range(max(0, round(rng.gauss(mean, math.sqrt(mean))))):
            outcome = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
            category = rng.choice(crimes) if outcome == "khoi_to" else rng.choice(COMMON_CATEGORIES)
            taken_down = rng.randint(0, 9) if outcome in ("xu_phat", "ran_de") else 0
            cases.append((date_between(rng, first, last), category, outcome, taken_down))
        first = last + dt.timedelta(days=1)
    return cases


def incident_rows(world: DemoWorld) -> list[dict]:
    """Cases from the calibration start to the as-of date: the published window holds exactly
    the programme's figures; after it, cases continue at the window's pace, slowly rising."""
    rng, programme = world.stream("incidents"), world.programme
    start = dt.date.fromisoformat(str(setting(programme, "incidents_from")))
    baseline_on = baseline(programme)
    communes = world.all_communes()
    # Urban wards see more cyber cases than rural communes.
    weights = [3.0 if spelling.match_key(c["unit_name"]).startswith("phuong") else 1.0 for c in communes]
    published = _published(world, rng)
    window = published + _uncounted(rng, published)
    rows = [(date_between(rng, start, baseline_on), *case) for case in window]
    rows += _since(world, rng, len(window) / ((baseline_on - start).days + 1), baseline_on)
    rows.sort(key=lambda row: row[0])
    # From the reorganisation on, the police code cases with the new communes.
    changed_on = next((st.valid_from for st in programme.structures if st.id == "2025"), None)
    new_units = reference_units(programme).query("structure == '2025'").set_index("unit_code")
    successor = {
        row.old_code: (new_units.loc[row.new_code, "official_code"], new_units.loc[row.new_code, "unit_name"])
        for row in crosswalk(programme).itertuples()
    }
    names = {c["code"]: c["name"] for c in vocabularies.incident_vocabulary()["categories"]}
    outcome_names = {c["code"]: c["name"] for c in vocabularies.incident_vocabulary()["outcomes"]}
    # A published total of fines for the window's sanctions, split over them in 250,000 đ steps.
    baseline_fines = iter([])
    if setting(programme, "baseline_fines_total") is not None:
        sanctions = sum(1 for day, _, outcome, _ in rows if outcome == "xu_phat" and day <= baseline_on)
        steps = split(rng, int(programme.demo.baseline_fines_total) // FINE_STEP, sanctions)
        baseline_fines = iter([s * FINE_STEP for s in steps])
    result = []
    for n, (day, category, outcome, taken_down) in enumerate(rows, start=1):
        commune = rng.choices(communes, weights=weights)[0]
        code, commune_name = commune["unit_code"], commune["unit_name"]
        if changed_on is not None and day >= changed_on:
            code, commune_name = successor[code]
        fine = rng.choice(FINES) if outcome == "xu_phat" else 0
        if outcome == "xu_phat" and day <= baseline_on:
            fine = next(baseline_fines, fine)
        loss = rng.randint(5, 400) * 1_000_000 if category in LOSS_CATEGORIES else 0
        result.append(
            {
                "Mã vụ việc": f"VV{day.year}-{n:05d}",
                "Ngày": day.strftime("%d/%m/%Y"),
                "Mã xã": code,
                "Xã, phường": commune_name,
                "Loại vụ việc": names[category],
                "Kết quả xử lý": outcome_names[outcome],
                "Số tài khoản, bài viết gỡ bỏ": taken_down,
                "Số tiền phạt (đồng)": fine,
                "Thiệt hại (đồng)": loss,
                "Ghi chú": layouts.SYNTHETIC_SOURCE,
            }
        )
    return result


def write_incidents(world: DemoWorld, path: Path) -> Path:
    """The case list as the police export it (CSV with a byte-order mark, as Excel writes it)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(layouts.INCIDENT_COLUMNS))
        writer.writeheader()
        writer.writerows(incident_rows(world))
    return path
