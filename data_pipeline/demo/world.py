"""The synthetic province every demo input is drawn from: its units, models and settings."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from data_pipeline.errors import ConfigError
from data_pipeline.reference.programme import Programme


@dataclass
class Unit:
    """A unit of the units file: its kind, the unit it belongs to, and its district."""

    code: str
    name: str
    kind: str
    parent: str
    district: str
    size_class: str | None = None
    school_level: str | None = None
    households: int | None = None

    @property
    def counted(self) -> bool:
        """Counted by the targets: not small/micro enterprises, not kindergartens/primary schools."""
        return self.size_class not in ("Nhỏ", "Siêu nhỏ") and self.school_level not in ("Mầm non", "Tiểu học")


@dataclass
class Model:
    """A model of the registry: who takes part, where, how many members, and its stage."""

    code: str
    name: str
    kind: str
    participants: str
    platform: str
    theme: str
    unit: Unit
    members: int
    stage: str
    established: dt.date
    ended: dt.date | None = None
    leader: str | None = None
    content: str = "Tuyên truyền, tiếp nhận tin báo"
    head: str | None = None

    def active_on(self, day: dt.date) -> bool:
        """Established by the day and not ended by it."""
        return self.established <= day and (self.ended is None or self.ended > day)


@dataclass
class DemoWorld:
    """The synthetic province: units, districts' performance, models."""

    programme: Programme
    seed: int
    as_of: dt.date
    rng: random.Random = field(init=False)
    districts: list[dict] = field(default_factory=list)
    communes: dict[str, list[dict]] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    performance: dict[str, float] = field(default_factory=dict)
    # districts the package lists without communes (island districts): they report all the same
    island_districts: list[dict] = field(default_factory=list)
    _active: dict[dt.date, Counter[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # the units and models

    def stream(self, name: str) -> random.Random:
        """The random numbers of one generated input: changing how one input is drawn leaves
        the others as they were."""
        return random.Random(f"{self.seed}:{name}")

    def active_models(self, day: dt.date) -> Counter[str]:
        """Unit code → how many of its models are active on the day (computed once per day)."""
        if day not in self._active:
            self._active[day] = Counter(m.unit.code for m in self.models if m.active_on(day))
        return self._active[day]

    def all_communes(self) -> list[dict]:
        """Every district's communes, district by district."""
        return [c for d in self.districts for c in self.communes[d["unit_code"]]]


def setting(programme: Programme, key: str) -> Any:
    """A key of the programme's typed `demo:` section (its defaults there); ConfigError when the
    programme has no demo section."""
    if programme.demo is None:
        raise ConfigError(f"{programme.source.name}: khóa 'demo' bị thiếu (cần cho dữ liệu mẫu)")
    return getattr(programme.demo, key)


def baseline(programme: Programme) -> dt.date:
    """The date of the programme's published baseline; ConfigError when it has none."""
    if programme.baseline_on is None:
        raise ConfigError(f"{programme.source.name}: khóa 'baseline.date' bị thiếu (cần cho dữ liệu mẫu)")
    return programme.baseline_on


def split(rng: random.Random, total: int, parts: int, spread: float = 0.5) -> list[int]:
    """total split into `parts` positive integers that vary around the mean and add up exactly."""
    weights = [1 + rng.uniform(-spread, spread) for _ in range(parts)]
    shares = [max(1, int(total * w / sum(weights))) for w in weights]
    for i in range(total - sum(shares)) if sum(shares) < total else ():
        shares[i % parts] += 1
    while sum(shares) > total:
        i = max(range(parts), key=shares.__getitem__)
        shares[i] -= 1
    return shares


def date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A random day from start to end, both included (start when end is before it)."""
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def month_end(day: dt.date) -> dt.date:
    """The last day of the day's month."""
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
