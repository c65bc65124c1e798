"""A realistic, deterministic demo: the files a province's units and police would send.

Everything here is synthetic except the calibration figures, which come from the programme's
`demo:` section (the Đề án's own baseline) so that the demo reproduces the published numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

from data_pipeline import formats as f
from data_pipeline.programme import ConfigError, Programme
from data_pipeline.reference import crosswalk, reference_units
from data_pipeline.settings import Paths
from data_pipeline.workbook import write_report, write_table

ACTIVE_STAGES = ("Xây dựng", "Duy trì", "Nhân rộng")
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


@dataclass
class Unit:
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
        return self.established <= day and (self.ended is None or self.ended > day)


@dataclass
class DemoWorld:
    """The synthetic province: units, districts' performance, models."""

    programme: Programme
    rng: random.Random
    as_of: dt.date
    districts: list[dict] = field(default_factory=list)
    communes: dict[str, list[dict]] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    performance: dict[str, float] = field(default_factory=dict)
    # districts the package lists without communes (island districts): they report all the same
    island_districts: list[dict] = field(default_factory=list)


def _setting(programme: Programme, key: str):
    if programme.demo is None:
        raise ConfigError(f"{programme.source.name}: khóa 'demo' bị thiếu (cần cho dữ liệu mẫu)")
    return getattr(programme.demo, key)


def _formula(programme: Programme, code: str, formula: str, sizes: dict[str, int]) -> float:
    """A demo denominator from `demo.denominators` in the programme file: terms joined by "+",
    each a number, a unit count (communes, village, agency, …) or a number times a count."""
    total = 0.0
    for term in str(formula).split("+"):
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


def _baseline(programme: Programme) -> dt.date:
    if programme.baseline_on is None:
        raise ConfigError(f"{programme.source.name}: khóa 'baseline.date' bị thiếu (cần cho dữ liệu mẫu)")
    return programme.baseline_on


def _split(rng: random.Random, total: int, parts: int, spread: float = 0.5) -> list[int]:
    """total split into `parts` positive integers that vary around the mean and add up exactly."""
    weights = [1 + rng.uniform(-spread, spread) for _ in range(parts)]
    shares = [max(1, int(total * w / sum(weights))) for w in weights]
    for i in range(total - sum(shares)) if sum(shares) < total else ():
        shares[i % parts] += 1
    while sum(shares) > total:
        i = max(range(parts), key=shares.__getitem__)
        shares[i] -= 1
    return shares


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _build_units(world: DemoWorld) -> None:
    rng, programme = world.rng, world.programme
    ref = reference_units(programme)
    province = ref[ref.unit_kind == "province"].iloc[0]
    for district in ref[ref.unit_kind == "district"].to_dict("records"):
        communes = ref[ref.parent_code == district["unit_code"]].to_dict("records")
        if communes:
            world.districts.append(district)
            world.communes[district["unit_code"]] = communes
        else:  # the package lists no communes for some island districts: they only send reports
            world.island_districts.append(district)
    # Districts differ: some are well ahead, some lag (a spread of performance factors).
    factors = [1.35, 1.25, 1.15, 1.05, 1.0, 0.92, 0.84, 0.75, 0.66, 0.58]
    rng.shuffle(factors)
    for i, district in enumerate(world.districts):
        world.performance[district["unit_code"]] = factors[i % len(factors)]

    all_communes = [c for d in world.districts for c in world.communes[d["unit_code"]]]
    village_counts = _split(rng, int(_setting(programme, "villages")), len(all_communes))
    add = world.units.append
    for commune, count in zip(all_communes, village_counts, strict=True):
        urban = f.match_key(commune["unit_name"]).startswith(("phuong", "thitran"))
        for n in range(1, count + 1):
            label = "Tổ dân phố" if urban else "Thôn"
            add(
                Unit(
                    f"{commune['unit_code']}-T{n:02d}",
                    f"{label} số {n}, {commune['unit_name']}",
                    "village",
                    commune["unit_code"],
                    commune["parent_code"],
                    households=rng.randint(150, 420),
                )
            )
        for level in ("Mầm non", "Tiểu học", "THCS"):
            add(
                Unit(
                    f"{commune['unit_code']}-{f.match_key(level).upper()}",
                    f"Trường {level} {commune['unit_name']}",
                    "school",
                    commune["unit_code"],
                    commune["parent_code"],
                    school_level=level,
                )
            )
        add(
            Unit(
                f"CU-{commune['unit_code']}",
                f"Đảng bộ {commune['unit_name']}",
                "party_committee",
                commune["unit_code"],
                commune["parent_code"],
            )
        )
    # the seat's bodies: the province's sở, ban, ngành, or a city's phòng ban (they replace the
    # generic district agencies below)
    seat_district = "" if programme.seat_code == province.unit_code else programme.seat_code
    for name in _setting(programme, "seat_agencies"):
        add(Unit(f"CQ-{f.match_key(name).upper()[:24]}", name, "agency", programme.seat_code, seat_district))
    add(Unit(f"CU-{province.unit_code}", f"Đảng bộ {province.unit_name}", "party_committee", province.unit_code, ""))
    sizes = ("Siêu nhỏ", "Nhỏ", "Vừa", "Lớn")
    district_agencies = (
        "Phòng Văn hóa và Thông tin",
        "Phòng Giáo dục và Đào tạo",
        "Phòng Tư pháp",
        "Phòng Nội vụ",
        "Phòng Tài chính – Kế hoạch",
        "Công an",
        "Trung tâm Văn hóa, Thông tin và Thể thao",
        "Huyện đoàn",
    )
    for district in world.districts:
        code, name = district["unit_code"], district["unit_name"]
        communes = world.communes[code]
        for n, agency in enumerate(district_agencies if code != seat_district else (), start=1):
            add(Unit(f"{code}-CQ{n:02d}", f"{agency} {name}", "agency", code, code))
        add(Unit(f"CU-{code}", f"Đảng bộ {name}", "party_committee", code, code))
        for n in range(1, rng.randint(2, 4) + 1):
            add(Unit(f"{code}-THPT{n}", f"Trường THPT số {n} {name}", "school", code, code, school_level="THPT"))
        urban_share = sum(f.match_key(c["unit_name"]).startswith("phuong") for c in communes) / len(communes)
        for n in range(1, int(rng.randint(40, 90) * (1 + 2 * urban_share)) + 1):
            commune = rng.choice(communes)
            add(
                Unit(
                    f"DN-{code}-{n:04d}",
                    f"Doanh nghiệp số {n} ({name})",
                    "enterprise",
                    commune["unit_code"],
                    code,
                    size_class=rng.choices(sizes, weights=(50, 30, 12, 8))[0],
                )
            )
        for n in range(1, rng.randint(8, 25) + 1):
            add(Unit(f"UT-{code}-{n:03d}", f"Người có uy tín số {n} ({name})", "influencer", code, code))


def _build_models(world: DemoWorld) -> None:
    """Baseline models reproducing the programme's published counts, then growth since."""
    rng, programme = world.rng, world.programme
    baseline_on = _baseline(programme)
    communes = [c for d in world.districts for c in world.communes[d["unit_code"]]]
    commune_units = {
        c["unit_code"]: Unit(c["unit_code"], c["unit_name"], "commune", c["parent_code"], c["parent_code"])
        for c in communes
    }
    villages = [u for u in world.units if u.kind == "village"]
    zone_name = _setting(programme, "industrial_zone_agency")
    zone = next(u for u in world.units if u.kind == "agency" and u.name == zone_name)
    number = 0

    def add(kind, participants, platform, theme, unit, members, established, **extra):
        nonlocal number
        number += 1
        code, name = f"MH{number:05d}", f"{kind} – {unit.name}"
        head = f"Người đứng đầu {unit.name}"
        world.models.append(
            Model(
                code,
                name,
                kind,
                participants,
                platform,
                theme,
                unit,
                members,
                "Duy trì",
                established,
                head=head,
                **extra,
            )
        )

    for spec in _setting(programme, "baseline_models"):
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
        members = _split(rng, int(spec.members), count)
        for unit, size in zip(chosen, members, strict=True):
            add(
                spec.kind,
                spec.participants,
                "Zalo",
                "Tổng hợp",
                unit,
                size,
                _date_between(rng, dt.date(2020, 1, 1), baseline_on),
            )

    # Since the Đề án: agencies, schools and enterprises build their own groups, faster in
    # districts that are ahead; some themed pages; a few models end or are eliminated.
    start = programme.start
    span = max((world.as_of - start).days, 1)
    for unit in world.units:
        if unit.kind not in ("agency", "school", "enterprise") or unit is zone:
            continue
        k = world.performance.get(unit.district, 1.0)
        share = {"agency": 0.45, "school": 0.4, "enterprise": 0.35}[unit.kind] * k
        if not unit.counted:
            share *= 0.2
        if rng.random() < min(share, 0.97):
            # Leaders build early; laggards build late.
            offset = int(span * min(rng.random() ** (k * 1.2), 0.999))
            established = start + dt.timedelta(days=offset)
            platform = rng.choice(("Zalo", "Facebook", "Zalo", "Trang thông tin điện tử"))
            add(
                f"Nhóm {platform} của {dict(agency='cơ quan', school='trường học', enterprise='doanh nghiệp')[unit.kind]}",
                "Cơ quan, tổ chức",
                platform,
                rng.choice(("Tổng hợp", *THEMES)),
                unit,
                rng.randint(15, 250),
                established,
            )
    # Themed pages: some on two themes, some led by an influencer, a few building tools.
    for commune in rng.sample(list(commune_units.values()), k=min(150, len(commune_units))):
        add(
            "Trang tuyên truyền chuyên đề",
            "Xã, thôn",
            rng.choice(PLATFORMS),
            "; ".join(rng.sample(THEMES, k=rng.choice((1, 1, 1, 2)))),
            commune,
            rng.randint(200, 5000),
            _date_between(rng, start, world.as_of),
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
            model.ended = _date_between(rng, model.established, world.as_of)
    # A model the programme itself launches on one day: a few groups per district, each with
    # its admin (the person officers keep in touch with).
    for spec in programme.demo.launched_models:
        for district in world.districts:
            places = [commune_units[c["unit_code"]] for c in world.communes[district["unit_code"]]]
            count = int(spec.per_district)
            for n, size in enumerate(_split(rng, int(spec.members) // len(world.districts), count), start=1):
                add(spec.kind, spec.participants, spec.platform, "Tổng hợp", rng.choice(places), size,
                    dt.date.fromisoformat(str(spec.launched_on)))  # fmt: skip
                world.models[-1].head = f"Quản trị viên {n} – {district['unit_name']}"


def _write_units_file(world: DemoWorld, path: Path) -> Path:
    kinds = {v: k for k, v in f.UNIT_KINDS.items()}
    rows = [
        (u.code, u.name, kinds[u.kind], u.parent, u.size_class, u.school_level, u.households, f.SYNTHETIC_SOURCE)
        for u in world.units
    ]
    return write_table(path, "Danh mục đơn vị", list(f.UNIT_COLUMNS), rows)


def _write_models_file(world: DemoWorld, path: Path) -> Path:
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
    return write_table(path, "Sổ theo dõi mô hình", list(f.MODEL_COLUMNS), rows)


def _incident_rows(world: DemoWorld) -> list[dict]:
    """Cases from the calibration start to the as-of month: the baseline window holds exactly
    the programme's published totals; after it, cases continue at a similar, rising pace."""
    rng, demo = world.rng, world.programme.demo
    start = dt.date.fromisoformat(str(_setting(world.programme, "incidents_from")))
    baseline_on = _baseline(world.programme)
    communes = [c for d in world.districts for c in world.communes[d["unit_code"]]]
    # Urban wards see more cyber cases than rural communes.
    weights = [3.0 if f.match_key(c["unit_name"]).startswith("phuong") else 1.0 for c in communes]
    outcomes = demo.incident_outcomes
    crimes = demo.crime_categories
    plan: list[tuple[str, str]] = []
    plan += [(code, "xac_minh") for code, n in demo.incident_categories.items() for _ in range(int(n))]
    plan += [(rng.choice(crimes), "khoi_to") for _ in range(int(outcomes.prosecuted))]
    sanctioned = demo.sanction_categories
    warned = demo.warning_categories
    plan += [(rng.choice(sanctioned), "xu_phat") for _ in range(int(outcomes.sanctioned))]
    plan += [(rng.choice(warned), "ran_de") for _ in range(int(outcomes.warned))]
    takedown_rows = [i for i, (_, outcome) in enumerate(plan) if outcome in ("xu_phat", "ran_de")]
    takedowns = dict(zip(takedown_rows, _split(rng, int(demo.taken_down), len(takedown_rows), 0.9), strict=True))
    rows = []
    for i, (category, outcome) in enumerate(plan):
        rows.append((_date_between(rng, start, baseline_on), category, outcome, takedowns.get(i, 0)))
    # After the baseline: about the same monthly pace, fraud rising each year.
    months = (world.as_of.year - baseline_on.year) * 12 + world.as_of.month - baseline_on.month
    per_month = len(plan) / 30
    for m in range(1, months + 1):
        first = dt.date(baseline_on.year + (baseline_on.month + m - 1) // 12, (baseline_on.month + m - 1) % 12 + 1, 1)
        growth = 1 + 0.25 * (first.year - baseline_on.year)
        for _ in range(max(0, round(rng.gauss(per_month * growth, 2)))):
            outcome = rng.choices(("khoi_to", "xu_phat", "ran_de", "xac_minh"), weights=(35, 20, 60, 8))[0]
            category = (
                rng.choice(crimes)
                if outcome == "khoi_to"
                else rng.choice(("tin_gia", "lua_dao", "danh_bac", "tin_dung_den", "khac"))
            )
            last = min(
                world.as_of, dt.date(first.year + first.month // 12, first.month % 12 + 1, 1) - dt.timedelta(days=1)
            )
            rows.append(
                (
                    _date_between(rng, first, last),
                    category,
                    outcome,
                    rng.randint(0, 9) if outcome in ("xu_phat", "ran_de") else 0,
                )
            )
    rows.sort(key=lambda row: row[0])
    # From the reorganisation on, the police code cases with the new communes.
    changed_on = next((st.valid_from for st in world.programme.structures if st.id == "2025"), None)
    new_units = reference_units(world.programme).query("structure == '2025'").set_index("unit_code")
    successor = {
        row.old_code: (new_units.loc[row.new_code, "official_code"], new_units.loc[row.new_code, "unit_name"])
        for row in crosswalk(world.programme).itertuples()
    }
    names = {c["code"]: c["name"] for c in f.incident_vocabulary()["categories"]}
    outcome_names = {c["code"]: c["name"] for c in f.incident_vocabulary()["outcomes"]}
    # A published total of fines for the baseline's sanctions, split over them in 250,000 đ steps.
    baseline_fines = iter([])
    if demo.baseline_fines_total is not None:
        sanctions = sum(1 for day, _, outcome, _ in rows if outcome == "xu_phat" and day <= baseline_on)
        steps = _split(rng, int(demo.baseline_fines_total) // 250_000, sanctions)
        baseline_fines = iter([s * 250_000 for s in steps])
    result = []
    for n, (day, category, outcome, taken_down) in enumerate(rows, start=1):
        commune = rng.choices(communes, weights=weights)[0]
        code, commune_name = commune["unit_code"], commune["unit_name"]
        if changed_on is not None and day >= changed_on:
            code, commune_name = successor[code]
        fine = rng.choice((2_500_000, 5_000_000, 7_500_000, 10_000_000)) if outcome == "xu_phat" else 0
        if outcome == "xu_phat" and day <= baseline_on:
            fine = next(baseline_fines, fine)
        loss = rng.randint(5, 400) * 1_000_000 if category in ("lua_dao", "tin_dung_den", "xam_nhap") else 0
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
                "Ghi chú": "Dữ liệu mô phỏng",
            }
        )
    return result


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


def _reporters(world: DemoWorld, structure: str, level: str) -> list[Reporter]:
    """Reporters of a structure and level, weakest first; an old commune takes after its district,
    each new commune after the district that gave it most of its territory."""
    if structure == "legacy" and level == "commune":
        return sorted(
            (
                Reporter(
                    c["unit_code"],
                    c["unit_name"],
                    world.performance[d["unit_code"]] * world.rng.uniform(0.92, 1.08),
                    {c["unit_code"]},
                    [u for u in world.units if u.parent == c["unit_code"]],
                    "commune",
                )
                for d in world.districts
                for c in world.communes[d["unit_code"]]
            ),
            key=lambda r: r.performance,
        )
    if structure == "legacy":
        return sorted(
            (
                Reporter(
                    d["unit_code"],
                    d["unit_name"],
                    world.performance.get(d["unit_code"], 1.0),
                    {c["unit_code"] for c in world.communes.get(d["unit_code"], [])},
                    [u for u in world.units if u.district == d["unit_code"]],
                    "district",
                )
                for d in world.districts + world.island_districts
            ),
            key=lambda r: r.performance,
        )
    cross = crosswalk(world.programme)
    district_of = {c["unit_code"]: d["unit_code"] for d in world.districts for c in world.communes[d["unit_code"]]}
    district_of |= {d["unit_code"]: d["unit_code"] for d in world.island_districts}  # crosswalked whole
    shares = cross.assign(district=cross.old_code.map(district_of)).groupby(["district", "new_code"]).size()
    # District-level units (agencies, upper-secondary schools, influencers) go to the new commune
    # that took most of their district.
    seat = {district: group.idxmax()[1] for district, group in shares.groupby(level=0)}
    new_units = reference_units(world.programme).query("structure == '2025'").set_index("unit_code")
    reporters = []
    for new_code_, olds in cross.groupby("new_code").old_code:
        communes = set(olds)
        main_district = shares.xs(new_code_, level=1).idxmax()
        units = [
            u
            for u in world.units
            if u.parent in communes or (u.parent == u.district and seat.get(u.district) == new_code_)
        ]
        reporters.append(
            Reporter(
                new_units.loc[new_code_, "official_code"],
                new_units.loc[new_code_, "unit_name"],
                world.performance.get(main_district, 1.0) * world.rng.uniform(0.92, 1.08),
                communes,
                units,
                "commune",
            )
        )
    return sorted(reporters, key=lambda r: r.performance)


def _agency_reporters(world: DemoWorld) -> list[Reporter]:
    """The seat's agencies (sở, ban, ngành; a city's phòng ban), each reporting for itself."""
    return [
        Reporter(u.code, u.name, world.rng.uniform(0.7, 1.15), set(), [], "agency")
        for u in world.units
        if u.kind == "agency" and u.parent == world.programme.seat_code
    ]


def _report_values(
    world: DemoWorld, reporter: Reporter, period, trajectory: float, year_index: int, kickoff: bool
) -> list[tuple]:
    """Numerator and denominator per indicator for one reporter's report."""
    rng, k, units = world.rng, reporter.performance, reporter.units

    def count(kind: str) -> int:
        return sum(1 for u in units if u.kind == kind and u.counted)

    communes = len(reporter.communes)
    due = period.due
    active = {m.unit.code for m in world.models if m.active_on(due)}
    unit_codes = {u.code for u in units} | reporter.communes
    models_here = sum(1 for m in world.models if m.unit.code in unit_codes and m.active_on(due))

    def covered(kind: str) -> int:
        return sum(1 for u in units if u.kind == kind and u.counted and u.code in active)

    households = sum(u.households or 0 for u in units if u.kind == "village")
    season = 0.55 if period.id.endswith("H1") else 0.9

    def annual() -> float:
        level = 0.35 if kickoff else season + 0.04 * year_index
        return min(1.0, max(0.0, level * k + rng.uniform(-0.06, 0.06)))

    def cumulative() -> float:
        return min(1.0, max(0.0, trajectory * k * 1.05 + rng.uniform(-0.03, 0.03)))

    # A new commune is one commune, whatever number of old communes it merged; a district
    # also counts its own People's Committee and party committee; an agency reports on itself
    # and its offices (four, in the demo).
    district, agency = reporter.level == "district", reporter.level == "agency"
    sizes = {
        "communes": communes,
        "commune_units": communes if district else int(not agency),
        "district": int(district),
        "models": models_here,
        **{kind: count(kind) for kind in ("village", "agency", "school", "enterprise", "influencer")},
    }
    sizes["agency"] += 4 * int(agency)
    denominators = {
        code: round(_formula(world.programme, code, formula, sizes))
        for code, formula in world.programme.demo.denominators.items()
    }
    rows = []
    for indicator in world.programme.indicators:
        if indicator.coverage_of == "commune":
            covered_communes = len(reporter.communes & active)
            den, num = (communes, covered_communes) if district else (int(not agency), int(covered_communes > 0))
        elif indicator.coverage_of:
            den, num = count(indicator.coverage_of), covered(indicator.coverage_of)
        elif indicator.code in denominators:
            den = denominators[indicator.code]
            num = round(den * (cumulative() if indicator.cumulative else annual()))
        else:
            # Households with a member in a model: a slow climb from a low baseline.
            den = households
            num = round(den * min(0.95, 0.06 + 0.22 * k * max(0.0, (due - world.programme.start).days / 365)))
        if kickoff and indicator.code in ("2.4", "2.7"):
            num = den = None  # not yet measured at kick-off: left blank, not zero
        rows.append((indicator.code, indicator.name, num, den))
    return rows


def _write_reports(world: DemoWorld, inbox: Path) -> list[Path]:
    """One workbook per reporter and period (districts, then the new communes after the 2025
    reorganisation): most on time, laggards late; the latest period still missing from the
    weakest; one corrected resubmission."""
    rng, programme = world.rng, world.programme
    written = []
    due_periods = [p for p in programme.periods if p.due - dt.timedelta(days=25) <= world.as_of]
    latest = max(due_periods, key=lambda p: p.due, default=None)
    start = programme.start
    reviews = [(start, 0.0)] + [(r.date, r.required_share) for r in programme.reviews]
    reporters_by_structure: dict[tuple[str, str], list[Reporter]] = {}
    scale = programme.demo.activity_scale  # typical count per activity for one reporter
    for index, period in enumerate(due_periods):
        reporting = programme.reporters(period.id)
        key = (reporting.structure, reporting.levels)
        if key not in reporters_by_structure:
            areas = _reporters(world, reporting.structure, reporting.area_level) if reporting.area_level else []
            agencies = _agency_reporters(world) if "agency" in reporting.levels else []
            reporters_by_structure[key] = sorted(areas + agencies, key=lambda r: r.performance)
        ranked = reporters_by_structure[key]
        missing_latest = max(2, len(ranked) // 12)
        share = next(
            (
                a[1] + (b[1] - a[1]) * (period.due - a[0]).days / (b[0] - a[0]).days
                for a, b in itertools.pairwise(reviews)
                if a[0] < period.due <= b[0]
            ),
            1.0,
        )
        for position, reporter in enumerate(ranked):
            if period is latest and position < missing_latest:
                continue  # the weakest have not sent the latest report yet
            if index in (1, 3) and position == 0:
                continue  # and the weakest one never sent some earlier ones
            late_chance = 0.5 if reporter.performance < 0.8 else 0.1
            # Reports of the latest period that are late have come in by the as-of date.
            latest_days = max((world.as_of - period.due).days, 1) if period is latest else 20
            offset = rng.randint(1, min(20, latest_days)) if rng.random() < late_chance else -rng.randint(0, 12)
            if period is latest and position == missing_latest:
                offset = rng.randint(2, max((world.as_of - period.due).days, 2))
            submitted = period.due + dt.timedelta(days=offset)
            if submitted > world.as_of:
                continue
            year_index = int(period.id[:4]) - start.year
            values = _report_values(world, reporter, period, share, year_index, kickoff=index == 0)
            # a department does and spends about half what a district does (its own staff only)
            size = reporter.performance * (0.5 if reporter.level == "agency" else 1.0)
            activities = [
                (code, name, int(scale.get(code, 10) * size * rng.uniform(0.6, 1.4)))
                for code, name in programme.activities
            ]
            narrative = [
                ("Kết quả", f"{reporter.name} đã triển khai các nhiệm vụ của {programme.short_name} trong kỳ."),
                ("Tồn tại, hạn chế", "Một số cơ quan, doanh nghiệp chưa xây dựng mô hình."),
                ("Đề xuất, kiến nghị", "Đề nghị tỉnh tổ chức tập huấn kỹ năng cho ban quản trị các nhóm."),
            ]
            name = f"bao_cao_{reporter.code}_{period.id}.xlsx"
            args = dict(
                programme_id=programme.id,
                unit_code=reporter.code,
                unit_name=reporter.name,
                period=period.id,
                values=values,
                activities=activities,
                narrative=narrative,
            )
            written.append(write_report(inbox / name, submitted_on=submitted, **args))
            if index == 2 and position == len(ranked) - 1:
                # The strongest reporter corrected its annual report a week later.
                corrected = [(c, n, None if num is None else max(0, num - 1), den) for c, n, num, den in values]
                args["values"] = corrected
                written.append(
                    write_report(
                        inbox / name.replace(".xlsx", "_v2.xlsx"), submitted_on=submitted + dt.timedelta(days=7), **args
                    )
                )
    return written


def write_demo(
    paths: Paths, programme: Programme, seed: int = 835, as_of: dt.date | None = None, inbox: Path | None = None
) -> list[Path]:
    """Write the demo's field files (units, models, incidents, reports) into the inbox (or `inbox`)."""
    as_of = as_of or dt.date.today()
    world = DemoWorld(programme=programme, rng=random.Random(seed), as_of=as_of)
    _build_units(world)
    _build_models(world)
    inbox = inbox or paths.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    written = [
        _write_units_file(world, inbox / "danh_muc_don_vi.xlsx"),
        _write_models_file(world, inbox / "so_theo_doi_mo_hinh.xlsx"),
    ]
    incidents = _incident_rows(world)
    incident_path = inbox / f"danh_sach_vu_viec_{as_of:%Y%m}.csv"
    with incident_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(f.INCIDENT_COLUMNS))
        writer.writeheader()
        writer.writerows(incidents)
    written.append(incident_path)
    written.extend(_write_reports(world, inbox))
    written.append(_write_task_tracker(world, inbox / "theo_doi_nhiem_vu.xlsx"))
    if programme.milestones:
        written.append(_write_milestone_tracker(world, inbox / "theo_doi_cac_buoc.xlsx"))
    if programme.contacts:
        written.append(_write_contact_log(world, inbox / "so_tiep_xuc_quan_tri_vien.xlsx"))
    return written


def _write_milestone_tracker(world: DemoWorld, path: Path) -> Path:
    """Each district's steps: most done by the deadline, some late, a few not yet (the weaker
    districts), as of the demo date."""
    rng, rows = world.rng, []
    completion = float(world.programme.demo.milestone_completion)
    for district in world.districts:
        k = world.performance[district["unit_code"]]
        for step in world.programme.milestones:
            if step.due > world.as_of + dt.timedelta(days=60) or rng.random() > completion * min(k, 1.05):
                done = None
            elif rng.random() < 0.8 * k:
                done = step.due - dt.timedelta(days=rng.randint(0, 25))
            else:
                done = step.due + dt.timedelta(days=rng.randint(3, 40))
            if done is not None and done > world.as_of:
                done = None
            rows.append(
                (
                    step.id,
                    district["unit_code"],
                    district["unit_name"],
                    done.strftime("%d/%m/%Y") if done else None,
                    None,
                )
            )
    return write_table(path, "Theo dõi các bước", list(f.MILESTONE_COLUMNS), rows)


def _write_contact_log(world: DemoWorld, path: Path) -> Path:
    """Contacts with each group admin: one or two in most windows since the contacts began."""
    rng, contacts, rows = world.rng, world.programme.contacts, []
    compliance = float(world.programme.demo.contact_compliance)
    for model in (m for m in world.models if m.kind == contacts.model_kind):
        first = max(contacts.starts, model.established)
        window = dt.date(first.year, (first.month - 1) // contacts.every_months * contacts.every_months + 1, 1)
        while window <= world.as_of:
            month = window.month - 1 + contacts.every_months
            end = dt.date(window.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            if rng.random() < compliance:
                for _ in range(rng.choice((1, 1, 2))):
                    day = _date_between(rng, max(window, first), min(end, world.as_of))
                    rows.append(
                        (
                            model.code,
                            day.strftime("%d/%m/%Y"),
                            model.head,
                            rng.choice(("Gặp trực tiếp", "Điện thoại", "Zalo")),
                            "Cán bộ Đội 1",
                            None,
                        )
                    )
            window = end + dt.timedelta(days=1)
    return write_table(path, "Sổ tiếp xúc quản trị viên", list(f.CONTACT_COLUMNS), rows)


def _write_task_tracker(world: DemoWorld, path: Path) -> Path:
    """The secretariat's tracker: dated tasks done on time (most) or late, or not yet, as of the
    demo date; standing tasks get one row per year with a year-end deadline."""
    rng, rows = world.rng, []
    for task in world.programme.tasks:
        deadlines = (
            [dt.date.fromisoformat(str(task.deadline))]
            if task.deadline
            else [dt.date(year, 12, 31) for year in range(world.programme.start.year, world.as_of.year + 1)]
        )
        for n, due in enumerate(deadlines):
            task_id = str(task.id) if len(deadlines) == 1 else f"{task.id}.{n + 1}"
            name = task.name if len(deadlines) == 1 else f"{task.name} (năm {due.year})"
            done = None
            if due < world.as_of and rng.random() < 0.85:
                done = (
                    due - dt.timedelta(days=rng.randint(0, 20))
                    if rng.random() < 0.8
                    else due + dt.timedelta(days=rng.randint(3, 30))
                )
            elif due >= world.as_of and rng.random() < 0.2:
                done = world.as_of - dt.timedelta(days=rng.randint(1, 30))
            rows.append(
                (
                    task_id,
                    name,
                    task.owner,
                    None,
                    due.strftime("%d/%m/%Y"),
                    done.strftime("%d/%m/%Y") if done else None,
                    None,
                )
            )
    return write_table(path, "Theo dõi nhiệm vụ", list(f.TASK_COLUMNS), rows)
