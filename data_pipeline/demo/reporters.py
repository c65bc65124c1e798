"""Who reports, and the figures of their reports: districts before the 2025 reorganisation, the
new communes after it, the seat's agencies throughout; each takes after its district's performance."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from data_pipeline.demo.world import DemoWorld, Unit, setting
from data_pipeline.errors import ConfigError
from data_pipeline.reference.programme import Period, Programme
from data_pipeline.reference.units import crosswalk, reference_units


def denominator(programme: Programme, code: str, terms: str, sizes: dict[str, int]) -> float:
    """A demo denominator from `demo.denominators` in the programme file: terms joined by "+",
    each a number, a unit count (communes, village, agency, …) or a number times a count."""
    total = 0.0
    for term in str(terms).split("+"):
        words = term.split()
        try:
            factor = float(words[0]) if words and words[0][0].isdigit() else 1.0
            names = words[1:] if words and words[0][0].isdigit() else words
            total += factor * (sizes[names[0]] if names else 1.0)
        except (KeyError, IndexError, ValueError):
            raise ConfigError(
                f"{programme.source.name}: demo.denominators.{code}: không hiểu '{term.strip()}' "
                f"(cần số, tên đếm trong {', '.join(sizes)}, hoặc số nhân tên đếm)"
            ) from None
    return total


@dataclass
class Reporter:
    """A unit that sends reports: a district before the reorganisation, a new commune after, or
    an agency of the programme's seat."""

    code: str  # as the unit writes it in its report
    name: str
    performance: float
    communes: set[str]  # the old communes of its territory
    units: list[Unit]
    level: str


def _old_commune_reporters(world: DemoWorld, rng: random.Random) -> list[Reporter]:
    """The old communes, each taking after its district."""
    return [
        Reporter(
            c["unit_code"],
            c["unit_name"],
            world.performance[d["unit_code"]] * rng.uniform(0.92, 1.08),
            {c["unit_code"]},
            [u for u in world.units if u.parent == c["unit_code"]],
            "commune",
        )
        for d in world.districts
        for c in world.communes[d["unit_code"]]
    ]


def _district_reporters(world: DemoWorld) -> list[Reporter]:
    """The districts before the reorganisation, island districts without communes included."""
    return [
        Reporter(
            d["unit_code"],
            d["unit_name"],
            world.performance.get(d["unit_code"], 1.0),
            {c["unit_code"] for c in world.communes.get(d["unit_code"], [])},
            [u for u in world.units if u.district == d["unit_code"]],
            "district",
        )
        for d in world.districts + world.island_districts
    ]


def _new_commune_reporters(world: DemoWorld, rng: random.Random) -> list[Reporter]:
    """The new communes of 2025, each taking after the district that gave it most of its
    territory, with the units of its old communes and, for the new commune that took most of a
    district, that district's own units (agencies, upper-secondary schools, influencers)."""
    cross = crosswalk(world.programme)
    district_of = {c["unit_code"]: d["unit_code"] for d in world.districts for c in world.communes[d["unit_code"]]}
    district_of |= {d["unit_code"]: d["unit_code"] for d in world.island_districts}  # crosswalked whole
    shares = cross.assign(district=cross.old_code.map(district_of)).groupby(["district", "new_code"]).size()
    seat = {district: group.idxmax()[1] for district, group in shares.groupby(level=0)}
    new_units = reference_units(world.programme).query("structure == '2025'").set_index("unit_code")
    found = []
    for new_code, olds in cross.groupby("new_code").old_code:
        communes = set(olds)
        main_district = shares.xs(new_code, level=1).idxmax()
        units = [
            u
            for u in world.units
            if u.parent in communes or (u.parent == u.district and seat.get(u.district) == new_code)
        ]
        found.append(
            Reporter(
                new_units.loc[new_code, "official_code"],
                new_units.loc[new_code, "unit_name"],
                world.performance.get(main_district, 1.0) * rng.uniform(0.92, 1.08),
                communes,
                units,
                "commune",
            )
        )
    return found


def reporters(world: DemoWorld, rng: random.Random, structure: str, level: str) -> list[Reporter]:
    """Reporters of a structure and level, weakest first: the old communes or the districts
    before the 2025 reorganisation, the new communes after it."""
    if structure == "legacy":
        found = _old_commune_reporters(world, rng) if level == "commune" else _district_reporters(world)
    else:
        found = _new_commune_reporters(world, rng)
    return sorted(found, key=lambda r: r.performance)


def agency_reporters(world: DemoWorld, rng: random.Random) -> list[Reporter]:
    """The seat's agencies (sở, ban, ngành; a city's phòng ban), each reporting for itself."""
    return [
        Reporter(u.code, u.name, rng.uniform(0.7, 1.15), set(), [], "agency")
        for u in world.units
        if u.kind == "agency" and u.parent == world.programme.seat_code
    ]


def _unit_count(units: list[Unit], kind: str) -> int:
    """Units of a kind that the targets count."""
    return sum(1 for u in units if u.kind == kind and u.counted)


def _covered_count(units: list[Unit], kind: str, active: Counter[str]) -> int:
    """Counted units of a kind with at least one active model."""
    return sum(1 for u in units if u.kind == kind and u.counted and u.code in active)


def _sizes(reporter: Reporter, models_here: int) -> dict[str, int]:
    """The counts a demo denominator may name. A new commune is one commune, whatever number of
    old communes it merged; a district also counts its own People's Committee and party
    committee; an agency reports on itself and its offices (four, in the demo)."""
    communes = len(reporter.communes)
    district, agency = reporter.level == "district", reporter.level == "agency"
    sizes = {
        "communes": communes,
        "commune_units": communes if district else int(not agency),
        "district": int(district),
        "models": models_here,
        **{
            kind: _unit_count(reporter.units, kind)
            for kind in ("village", "agency", "school", "enterprise", "influencer")
        },
    }
    sizes["agency"] += 4 * int(agency)
    return sizes


def _commune_coverage(reporter: Reporter, active: Counter[str]) -> tuple[int, int]:
    """(covered, all) communes for commune coverage: a district counts its old communes with an
    active model; a commune counts itself (covered when any of its old communes is), an agency none."""
    covered = len(reporter.communes & active.keys())
    if reporter.level == "district":
        return covered, len(reporter.communes)
    return int(covered > 0), int(reporter.level != "agency")


def _reached_share(rng: random.Random, cumulative: bool, k: float, trajectory: float, level: float) -> float:
    """A drawn share of a denominator reached: a cumulative indicator follows the trajectory, an
    annual one its level for the period."""
    if cumulative:
        return min(1.0, max(0.0, trajectory * k * 1.05 + rng.uniform(-0.03, 0.03)))
    return min(1.0, max(0.0, level * k + rng.uniform(-0.06, 0.06)))


def report_values(
    world: DemoWorld,
    rng: random.Random,
    reporter: Reporter,
    period: Period,
    trajectory: float,
    year_index: int,
    kickoff: bool,
) -> list[tuple]:
    """Numerator and denominator per indicator for one reporter's report."""
    k, units, programme = reporter.performance, reporter.units, world.programme
    active = world.active_models(period.due)  # unit code → its active models
    models_here = sum(active[code] for code in {u.code for u in units} | reporter.communes)
    sizes = _sizes(reporter, models_here)
    denominators = {
        code: round(denominator(programme, code, terms, sizes))
        for code, terms in setting(programme, "denominators").items()
    }
    households = sum(u.households or 0 for u in units if u.kind == "village")
    # the annual level: low at kick-off, higher in the second half year and every year after
    level = 0.35 if kickoff else (0.55 if period.id.endswith("H1") else 0.9) + 0.04 * year_index
    rows = []
    for indicator in programme.indicators:
        if indicator.coverage_of == "commune":
            num, den = _commune_coverage(reporter, active)
        elif indicator.coverage_of:
            den, num = _unit_count(units, indicator.coverage_of), _covered_count(units, indicator.coverage_of, active)
        elif indicator.code in denominators:
            den = denominators[indicator.code]
            num = round(den * _reached_share(rng, indicator.cumulative, k, trajectory, level))
        else:
            # Households with a member in a model: a slow climb from a low baseline.
            den = households
            num = round(den * min(0.95, 0.06 + 0.22 * k * max(0.0, (period.due - programme.start).days / 365)))
        if kickoff and indicator.code in ("2.4", "2.7"):
            num = den = None  # not yet measured at kick-off: left blank, not zero
        rows.append((indicator.code, indicator.name, num, den))
    return rows
