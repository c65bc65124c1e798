"""The model registry (sổ theo dõi mô hình): the programme's published baseline models, then the
groups and pages units have built since, sized like the bodies and residents they gather."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from data_pipeline.demo.world import DemoWorld, Model, Unit, baseline, date_between, setting, split
from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_table

THEMES = (
    "Phòng, chống lừa đảo trực tuyến",
    "Bảo vệ trẻ em trên mạng",
    "Phòng, chống tín dụng đen",
    "Phòng, chống tin giả",
    "Phòng, chống ma túy qua mạng",
)
PLATFORMS = ("Facebook", "Zalo", "TikTok", "YouTube", "Trang thông tin điện tử")
LEADERS = ("Người có ảnh hưởng trong tỉnh", "Người có ảnh hưởng ngoài tỉnh")
CONTENTS = ("Tuyên truyền, tiếp nhận tin báo", "Nghiên cứu, giải pháp công nghệ")
KIND_NAMES = {"agency": "cơ quan", "school": "trường học", "enterprise": "doanh nghiệp"}
# Share of the units of each kind that build a group of their own since the programme began
# (times the district's performance; small and micro enterprises, kindergartens and primary
# schools a fifth of that).
BUILD_SHARES = {"agency": 0.45, "school": 0.4, "enterprise": 0.35}
# One in this many communes also runs a themed propaganda page.
THEMED_PAGE_EVERY = 5
MAX_THEMED_PAGES = 40


def _group_members(rng: random.Random, unit: Unit) -> int:
    """Members of a body's own group: its staff (an agency), teachers and parents' representatives
    (a school), employees (an enterprise, far fewer in a small or micro one)."""
    if unit.kind == "agency":
        return rng.randint(15, 60)
    if unit.kind == "school":
        return rng.randint(25, 90)
    return rng.randint(20, 120) if unit.counted else rng.randint(4, 20)


def _add_model(
    world: DemoWorld,
    kind: str,
    participants: str,
    platform: str,
    theme: str,
    unit: Unit,
    members: int,
    established: dt.date,
    **extra: str | None,
) -> Model:
    """A maintained model of a unit, numbered in the order models are added to the registry."""
    model = Model(
        f"MH{len(world.models) + 1:05d}",
        f"{kind} – {unit.name}",
        kind,
        participants,
        platform,
        theme,
        unit,
        members,
        "Duy trì",
        established,
        head=f"Người đứng đầu {unit.name}",
        **extra,
    )
    world.models.append(model)
    return model


def _commune_units(world: DemoWorld) -> dict[str, Unit]:
    """Unit code → the commune as a unit (communes come from the reference package, not the units file)."""
    return {
        c["unit_code"]: Unit(c["unit_code"], c["unit_name"], "commune", c["parent_code"], c["parent_code"])
        for c in world.all_communes()
    }


def _industrial_zone(world: DemoWorld) -> Unit:
    """The agency managing the industrial zones, home of the zone's baseline models."""
    zone_name = setting(world.programme, "industrial_zone_agency")
    return next(u for u in world.units if u.kind == "agency" and u.name == zone_name)


def _spread_over(rng: random.Random, places: list[Unit], count: int) -> list[Unit]:
    """`count` places for as many models: every place gets one before any place gets a second (a
    small province's places get a third one, and more); fewer models than places go to a sample."""
    extra = count - len(places)
    if extra < 0:
        return rng.sample(places, count)
    if extra == 0:
        return places
    return places + (rng.sample(places, extra) if extra <= len(places) else rng.choices(places, k=extra))


def _add_baseline_models(world: DemoWorld, communes: dict[str, Unit], zone: Unit) -> None:
    """The published baseline: each kind's count of models and members, established before the baseline date."""
    rng, baseline_on = world.rng, baseline(world.programme)
    villages = [u for u in world.units if u.kind == "village"]
    for spec in setting(world.programme, "baseline_models"):
        count = int(spec.count)
        places = {"commune": list(communes.values()), "village": villages, "industrial_zone": [zone]}[spec.at]
        chosen = _spread_over(rng, places, count)
        members = split(rng, int(spec.members), count)
        for unit, size in zip(chosen, members, strict=True):
            established = date_between(rng, dt.date(2020, 1, 1), baseline_on)
            _add_model(world, spec.kind, spec.participants, "Zalo", "Tổng hợp", unit, size, established)


def _add_own_groups(world: DemoWorld, zone: Unit) -> None:
    """Agencies, schools and enterprises building their own groups since the programme began,
    more of them and earlier in districts that are ahead."""
    rng, start = world.rng, world.programme.start
    span = max((world.as_of - start).days, 1)
    for unit in world.units:
        if unit.kind not in BUILD_SHARES or unit is zone:
            continue
        k = world.performance.get(unit.district, 1.0)
        share = BUILD_SHARES[unit.kind] * k * (1.0 if unit.counted else 0.2)
        if rng.random() < min(share, 0.97):
            # Leaders build early; laggards build late.
            offset = int(span * min(rng.random() ** (k * 1.2), 0.999))
            platform = rng.choice(("Zalo", "Facebook", "Zalo", "Trang thông tin điện tử"))
            theme = rng.choice(("Tổng hợp", *THEMES))
            kind = f"Nhóm {platform} của {KIND_NAMES[unit.kind]}"
            members = _group_members(rng, unit)
            established = start + dt.timedelta(days=offset)
            _add_model(world, kind, "Cơ quan, tổ chức", platform, theme, unit, members, established)


def _add_themed_pages(world: DemoWorld, communes: dict[str, Unit]) -> None:
    """Themed pages of some communes, followed by part of their residents: some on two themes,
    some led by an influencer, a few building tools."""
    rng = world.rng
    pages = min(MAX_THEMED_PAGES, max(1, len(communes) // THEMED_PAGE_EVERY))
    for commune in rng.sample(list(communes.values()), k=pages):
        platform = rng.choice(PLATFORMS)
        theme = "; ".join(rng.sample(THEMES, k=rng.choice((1, 1, 1, 2))))
        members = rng.randint(60, 400)
        established = date_between(rng, world.programme.start, world.as_of)
        leader = rng.choices((None, *LEADERS), weights=(80, 15, 5))[0]
        content = rng.choices(CONTENTS, weights=(90, 10))[0]
        kind = "Trang tuyên truyền chuyên đề"
        _add_model(
            world, kind, "Xã, thôn", platform, theme, commune, members, established, leader=leader, content=content
        )


def _set_stages(world: DemoWorld) -> None:
    """Each model's stage: new ones still being built, large (and a few other) ones replicated,
    a few built since the baseline ended or eliminated."""
    rng, start, baseline_on = world.rng, world.programme.start, baseline(world.programme)
    for model in world.models:
        age = (world.as_of - model.established).days
        if model.established > start and age < 90:
            model.stage = "Xây dựng"
        elif model.members > 1000 or rng.random() < 0.05:
            model.stage = "Nhân rộng"
        if model.established > baseline_on and rng.random() < 0.03:
            model.stage = rng.choice(("Kết thúc", "Thanh loại"))
            model.ended = date_between(rng, model.established, world.as_of)


def _add_launched_models(world: DemoWorld, communes: dict[str, Unit]) -> None:
    """Models the programme itself launches on one day: a few groups per district, each with its
    admin (the person officers keep in touch with)."""
    rng = world.rng
    for spec in setting(world.programme, "launched_models"):
        launched_on = dt.date.fromisoformat(str(spec.launched_on))
        for district in world.districts:
            places = [communes[c["unit_code"]] for c in world.communes[district["unit_code"]]]
            count = int(spec.per_district)
            for n, size in enumerate(split(rng, int(spec.members) // len(world.districts), count), start=1):
                unit = rng.choice(places)
                model = _add_model(
                    world, spec.kind, spec.participants, spec.platform, "Tổng hợp", unit, size, launched_on
                )
                model.head = f"Quản trị viên {n} – {district['unit_name']}"


def build_models(world: DemoWorld) -> None:
    """Baseline models reproducing the programme's published counts, then growth since: own
    groups and themed pages, their stages, and the models the programme launches."""
    communes, zone = _commune_units(world), _industrial_zone(world)
    _add_baseline_models(world, communes, zone)
    _add_own_groups(world, zone)
    _add_themed_pages(world, communes)
    _set_stages(world)
    _add_launched_models(world, communes)


def write_models_file(world: DemoWorld, path: Path) -> Path:
    """The registry as the secretariat keeps it: one row per model."""
    rows = [
        (
            m.code,
            m.name,
            m.kind,
            m.participants,
            m.leader,
            m.content,
            m.platform,
            m.theme,
            m.unit.code,
            m.head,
            m.members,
            m.stage,
            m.established.strftime("%d/%m/%Y"),
            m.ended.strftime("%d/%m/%Y") if m.ended else None,
        )
        for m in world.models
    ]
    return write_table(path, "Sổ theo dõi mô hình", list(layouts.MODEL_COLUMNS), rows)
