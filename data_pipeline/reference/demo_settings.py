"""The `demo:` section of a programme file, typed: what the demo generator calibrates to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from data_pipeline.reference.config_reader import REQUIRED, Node
from data_pipeline.reference.vocabularies import incident_vocabulary

DEMO_KEYS = (
    *("villages", "denominators", "activity_scale"),
    *("incidents_from", "incident_categories", "incident_outcomes", "taken_down", "crime_categories"),
    *("sanction_categories", "warning_categories", "baseline_fines_total"),
    *("baseline_models", "launched_models", "milestone_completion", "contact_compliance"),
    *("seat_agencies", "industrial_zone_agency"),
)
# Where a baseline model sits: on a commune, a village, or the industrial zones' agency.
MODEL_PLACES = ("commune", "village", "industrial_zone")


@dataclass(frozen=True)
class BaselineModel:
    """Models of one kind in the registry at the baseline: how many, members, where."""

    kind: str
    participants: str
    count: int
    members: int
    at: str


@dataclass(frozen=True)
class LaunchedModel:
    """A model the programme launches on one day, a few groups in every district."""

    kind: str
    participants: str
    platform: str
    per_district: int
    members: int
    launched_on: dt.date


@dataclass(frozen=True)
class IncidentOutcomes:
    """Cases sanctioned, warned and prosecuted up to the baseline date."""

    sanctioned: int
    warned: int
    prosecuted: int


@dataclass(frozen=True)
class Demo:
    """Calibration of the synthetic demo (python -m data_pipeline demo); README "Demo data"."""

    villages: int
    seat_agencies: tuple[str, ...]
    industrial_zone_agency: str
    incidents_from: dt.date
    incident_categories: dict[str, int]
    incident_outcomes: IncidentOutcomes
    taken_down: int
    crime_categories: tuple[str, ...]
    baseline_models: tuple[BaselineModel, ...]
    # indicator code → what a reporter's denominator is made of ("6 communes + agency")
    denominators: dict[str, str] = field(default_factory=dict)
    # activity code → typical count for one reporter (others: 10)
    activity_scale: dict[str, float] = field(default_factory=dict)
    sanction_categories: tuple[str, ...] = ("tin_gia", "tin_gia", "quang_cao", "khac")
    warning_categories: tuple[str, ...] = ("tin_gia", "tin_gia", "khac")
    baseline_fines_total: int | None = None
    launched_models: tuple[LaunchedModel, ...] = ()
    milestone_completion: float = 0.9
    contact_compliance: float = 0.85


def _categories(node: Node, key: str, codes: list[str], default: tuple[str, ...]) -> tuple[str, ...]:
    values = node.texts(key, default=default)
    if unknown := [value for value in values if value not in codes]:
        raise node.fail(key, f"phải là mã loại vụ việc ({', '.join(codes)})", unknown)
    return values


def _baseline_models(node: Node) -> tuple[BaselineModel, ...]:
    """`demo.baseline_models`: the registry's models at the baseline, by kind."""
    return tuple(
        BaselineModel(
            item.get("kind", str),
            item.get("participants", str),
            item.get("count", int),
            item.get("members", int),
            item.choice("at", MODEL_PLACES),
        )
        for item in node.items("baseline_models", ("kind", "participants", "count", "members", "at"))
    )


def _launched_models(node: Node) -> tuple[LaunchedModel, ...]:
    """`demo.launched_models` (optional): models launched on one day in every district."""
    keys = ("kind", "participants", "platform", "per_district", "members", "launched_on")
    return tuple(
        LaunchedModel(
            item.get("kind", str),
            item.get("participants", str),
            item.get("platform", str),
            item.get("per_district", int),
            item.get("members", int),
            item.date("launched_on"),
        )
        for item in node.items("launched_models", keys, optional=True)
    )


def read_demo(root: Node, indicator_codes: list[str], activity_codes: list[str]) -> Demo | None:
    """`demo` (optional): the section read whole, its codes checked against the programme's
    indicators and activities and the incident vocabulary."""
    node = root.child("demo", DEMO_KEYS, default=None)
    if node is None:
        return None
    codes = [item["code"] for item in incident_vocabulary()["categories"]]
    outcomes = node.child("incident_outcomes", ("sanctioned", "warned", "prosecuted"))
    seat_agencies = node.texts("seat_agencies")
    zone = node.get("industrial_zone_agency", str)
    if zone not in seat_agencies:
        raise node.fail("industrial_zone_agency", "phải là một tên trong 'demo.seat_agencies'", zone)
    categories = node.values("incident_categories", codes, int)
    return Demo(
        villages=node.get("villages", int),
        seat_agencies=seat_agencies,
        industrial_zone_agency=zone,
        incidents_from=node.date("incidents_from"),
        incident_categories=categories,
        incident_outcomes=IncidentOutcomes(
            outcomes.get("sanctioned", int), outcomes.get("warned", int), outcomes.get("prosecuted", int)
        ),
        taken_down=node.get("taken_down", int),
        crime_categories=_categories(node, "crime_categories", codes, REQUIRED),
        baseline_models=_baseline_models(node),
        denominators=node.values("denominators", indicator_codes, str, default={}),
        activity_scale=node.values("activity_scale", activity_codes, float, default={}),
        sanction_categories=_categories(node, "sanction_categories", codes, Demo.sanction_categories),
        warning_categories=_categories(node, "warning_categories", codes, Demo.warning_categories),
        baseline_fines_total=node.get("baseline_fines_total", int, default=None),
        launched_models=_launched_models(node),
        milestone_completion=node.share("milestone_completion", default=Demo.milestone_completion),
        contact_compliance=node.share("contact_compliance", default=Demo.contact_compliance),
    )
