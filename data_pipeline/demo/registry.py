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


def build_models(world: DemoWorld) -> None:
    """Baseline models reproducing the programme's published counts, then growth since."""
    rng, programme = world.rng, world.programme
    baseline_on = baseline(programme)
    commune_units = {
        c["unit_code"]: Unit(c["unit_code"], c["unit_name"], "commune", c["parent_code"], c["parent_code"])
        for c in world.all_communes()
    }
    villages = [u for u in world.units if u.kind == "village"]
    zone_name = setting(programme, "industrial_zone_agency")
    zone = next(u for u in world.units if u.kind == "agency" and u.name == zone_name)

    def add(kind, participants, platform, theme, unit, members, established, **extra) -> Model:
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

    for spec in setting(programme, "baseline_models"):
        count = int(spec.count)
        places = {"commune": list(commune_units.values()), "village": villages, "industrial_zone": [zone]}[spec.at]
        # Every place gets one before any place gets a second.
        extra = count - len(places)  # a small province: places get a third one, and more
        chosen = (
            places[:count]
            if extra <= 0
            else places + (rng.sample(places, extra) if extra <= len(places) else rng.choices(places, k=extra))
        )
        if count < len(places):
            chosen = rng.sample(places, count)
        members = split(rng, int(spec.members), count)
        for unit, size in zip(chosen, members, strict=True):
            add(
                spec.kind,
                spec.participants,
                "Zalo",
                "Tổng hợp",
                unit,
                size,
                date_between(rng, dt.date(2020, 1, 1), baseline_on),
            )

    # Since the programme began: agencies, schools and enterprises build their own groups, faster
    # in districts that are ahead; some communes run themed pages; a few models end or are eliminated.
    start = programme.start
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
            add(
                f"Nhóm {platform} của {KIND_NAMES[unit.kind]}",
                "Cơ quan, tổ chức",
                platform,
                rng.choice(("Tổng hợp", *THEMES)),
                unit,
                _group_members(rng, unit),
                start + dt.timedelta(days=offset),
            )
    # Themed pages, followed by part of a commune's residents: some on two themes, some led by an
    # influencer, a few building tools.
    pages = min(MAX_THEMED_PAGES, max(1, len(commune_units) // THEMED_PAGE_EVERY))
    for commune in rng.sample(list(commune_units.values()), k=pages):
        add(
            "Trang tuyên truyền chuyên đề",
            "Xã, thôn",
            rng.choice(PLATFORMS),
            "; ".join(rng.sample(THEMES, k=rng.choice((1, 1, 1, 2)))),
            commune,
            rng.randint(60, 400),
            date_between(rng, start, world.as_of),
            leader=rng.choices((None, *LEADERS), weights=(80, 15, 5))[0],
            content=rng.choices(CONTENTS, weights=(90, 10))[0],
        )
    for model in world.models:
        age = (world.as_of - model.established).days
        if model.established > start and age < 90:
            model.stage = "Xây dựng"
        elif model.members > 1000 or rng.random() < 0.05:
            model.stage = "Nhân rộng"
        if model.established > baseline_on and rng.random() < 0.03:
            model.stage = rng.choice(("Kết thúc", "Thanh loại"))
            model.ended = date_between(rng, model.established, world.as_of)
    # A model the programme itself launches on one day: a few groups per district, each with
    # its admin (the person officers keep in touch with).
    for spec in setting(programme, "launched_models"):
        launched_on = dt.date.fromisoformat(str(spec.launched_on))
        for district in world.districts:
            places = [commune_units[c["unit_code"]] for c in world.communes[district["unit_code"]]]
            count = int(spec.per_district)
            for n, size in enumerate(split(rng, int(spec.members) // len(world.districts), count), start=1):
                model = add(
                    spec.kind,
                    spec.participants,
                    spec.platform,
                    "Tổng hợp",
                    rng.choice(places),
                    size,
                    launched_on,
                )
                model.head = f"Quản trị viên {n} – {district['unit_name']}"


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
