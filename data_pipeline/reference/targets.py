"""What a programme file measures and how it rates units, typed: `targets` (the indicators),
`activities` (what units count) and `rating` (the classes a unit's score falls in)."""

from __future__ import annotations

from dataclasses import dataclass

from data_pipeline.reference.config_reader import Node

TARGET_KINDS = ("annual", "cumulative")
# Unit kinds a 2.9-style coverage indicator can be measured on from the model registry.
COVERAGE_KINDS = ("commune", "village", "agency", "school", "enterprise")
# Where the official figure of a coverage indicator comes from: the units' periodic reports or
# the model registry (an indicator without coverage_of always comes from the reports).
OFFICIAL_SOURCES = ("reports", "registry")
INDICATOR_KEYS = ("code", "name", "denominator", "goal", "coverage_of", "official_source")
DEFAULT_RATING_WEIGHTS = (0.7, 0.3)


@dataclass(frozen=True)
class Indicator:
    """A rate indicator of a target: numerator over denominator against `goal` (a share)."""

    code: str
    target_code: str
    target_name: str
    name: str
    denominator: str
    goal: float
    cumulative: bool
    coverage_of: str | None
    # where the official figure comes from: "reports" or, for a coverage indicator, "registry"
    official_source: str = "reports"


@dataclass(frozen=True)
class Rating:
    """Unit rating: classes from the highest minimum score down to 0, the weights of target
    attainment and reporting compliance, the classes listed with their reasons, and the credit
    a late report earns against an on-time one."""

    scale: tuple[tuple[str, float], ...]
    weights: tuple[float, float]
    attention: tuple[str, ...]
    late_credit: float
    # the thresholds are defaults, not set by the province
    is_default: bool


def _indicator(item: Node, target_code: str, target_name: str, cumulative: bool) -> Indicator:
    """One of a target's `indicators`; only a coverage indicator may name its official source."""
    coverage_of = item.choice("coverage_of", COVERAGE_KINDS, default=None)
    if coverage_of is None and item.has("official_source"):
        raise item.fail(
            "official_source", "chỉ dùng cho chỉ tiêu có 'coverage_of' (chỉ tiêu khác luôn lấy số từ báo cáo)"
        )
    official_source = item.choice("official_source", OFFICIAL_SOURCES) if coverage_of else "reports"
    return Indicator(
        code=item.get("code", str),
        target_code=target_code,
        target_name=target_name,
        name=item.get("name", str, default=target_name),
        denominator=item.get("denominator", str),
        goal=item.share("goal"),
        cumulative=cumulative,
        coverage_of=coverage_of,
        official_source=official_source,
    )


def read_indicators(root: Node) -> tuple[Indicator, ...]:
    """`targets` (optional: a programme may count activities only, the pages then say so)."""
    indicators = []
    for target in root.items("targets", ("code", "name", "kind", "indicators"), optional=True):
        code, target_name = target.get("code", str), target.get("name", str)
        cumulative = target.choice("kind", TARGET_KINDS) == "cumulative"
        for item in target.items("indicators", INDICATOR_KEYS):
            indicators.append(_indicator(item, code, target_name, cumulative))
    codes = [i.code for i in indicators]
    if len(set(codes)) != len(codes):
        raise root.fail("targets", "có mã chỉ tiêu bị trùng", sorted({c for c in codes if codes.count(c) > 1}))
    return tuple(indicators)


def read_activities(root: Node) -> tuple[tuple[str, str], ...]:
    """`activities`: (code, name) of what units count each period, in the report's order."""
    return tuple((item.get("code", str), item.get("name", str)) for item in root.items("activities", ("code", "name")))


def _weights(rating: Node) -> tuple[float, float]:
    """`rating.weights`: attainment and compliance, ≥ 0 and adding up to 1."""
    if not rating.has("weights"):
        return DEFAULT_RATING_WEIGHTS
    node = rating.child("weights", ("attainment", "compliance"))
    weights = (node.get("attainment", float), node.get("compliance", float))
    if abs(sum(weights) - 1) > 1e-9 or min(weights) < 0:
        raise rating.fail("weights", "phải là hai trọng số ≥ 0 có tổng bằng 1", node.value)
    return weights


def read_rating(root: Node) -> Rating:
    """`rating`: the scale from high to low ending at 0; without a class marked `attention`, the
    lowest one is listed with its reasons."""
    rating = root.child("rating", ("thresholds_are_defaults", "weights", "late_report_credit", "scale"))
    items = rating.items("scale", ("name", "min_score", "attention"))
    scale = tuple((item.get("name", str), item.get("min_score", float)) for item in items)
    if sorted(scale, key=lambda x: -x[1]) != list(scale) or scale[-1][1] != 0:
        raise rating.fail("scale", "phải xếp từ điểm cao xuống thấp và hạng cuối có min_score 0")
    weights = _weights(rating)
    attention = tuple(name for item, (name, _) in zip(items, scale, strict=True) if item.get("attention", bool, False))
    late_credit = rating.get("late_report_credit", float, default=0.5)
    if not 0 <= late_credit <= 1:
        raise rating.fail("late_report_credit", "phải trong khoảng [0, 1]", late_credit)
    is_default = rating.get("thresholds_are_defaults", bool, default=False)
    return Rating(scale, weights, attention or (scale[-1][0],), late_credit, is_default)
