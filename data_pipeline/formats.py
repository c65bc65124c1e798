"""The field file formats: sheet names, column headers, and forgiving cell parsing."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import cache, lru_cache, wraps

import yaml

from data_pipeline.settings import REPO_ROOT

INCIDENT_VOCABULARY = REPO_ROOT / "config" / "incident_categories.yaml"
MODEL_VOCABULARY = REPO_ROOT / "config" / "model_classification.yaml"

# Report workbook (one per reporting unit and period).
REPORT_IDENTITY_SHEET = "Thông tin"
REPORT_IDENTITY_KEYS = {
    "Chương trình": "programme_id",
    "Mã đơn vị": "unit_code",
    "Tên đơn vị": "unit_name",
    "Kỳ báo cáo": "period",
    "Ngày báo cáo": "submitted_on",
}
REPORT_TARGETS_SHEET = "Chỉ tiêu"
REPORT_TARGET_COLUMNS = {
    "Mã chỉ tiêu": "indicator_code",
    "Nội dung": "indicator_name",
    "Tử số": "numerator",
    "Mẫu số": "denominator",
}
REPORT_ACTIVITIES_SHEET = "Hoạt động"
REPORT_ACTIVITY_COLUMNS = {"Mã": "activity_code", "Nội dung": "activity_name", "Số lượng": "value"}
REPORT_NARRATIVE_SHEET = "Thuyết minh"
NARRATIVE_SECTIONS = ("Kết quả", "Tồn tại, hạn chế", "Đề xuất, kiến nghị")
REPORT_GUIDE_SHEET = "Hướng dẫn"
REPORT_MODELS_SHEET = "Mô hình"
REPORT_MODEL_COLUMNS = {
    "Tên mô hình": "model_name",
    "Loại mô hình": "model_kind",
    "Nền tảng": "platform",
    "Chủ đề": "theme",
    "Số thành viên": "members",
    "Giai đoạn": "stage",
}
TEMPLATE_VERSION_KEY = "Phiên bản mẫu"
# Defined name of the cell where a unit writes its report date in the template.
REPORT_DATE_NAME = "NGAY_BAO_CAO"

# Police case list (CSV or XLSX).
INCIDENT_COLUMNS = {
    "Mã vụ việc": "case_id",
    "Ngày": "occurred_on",
    "Mã xã": "commune_code",
    "Xã, phường": "commune_name",
    "Loại vụ việc": "category",
    "Kết quả xử lý": "outcome",
    "Số tài khoản, bài viết gỡ bỏ": "taken_down",
    "Số tiền phạt (đồng)": "fine",
    "Thiệt hại (đồng)": "loss",
    "Ghi chú": "note",
}

# A case names its commune by code ("Mã xã") or by name ("Xã, phường"); at least one is needed.
INCIDENT_REQUIRED = ("Mã vụ việc", "Ngày", "Loại vụ việc", "Kết quả xử lý")

# Model registry (XLSX).
MODEL_COLUMNS = {
    "Mã mô hình": "model_id",
    "Tên mô hình": "model_name",
    "Loại mô hình": "model_kind",
    "Phân loại": "participants",
    "Người dẫn dắt": "leader",
    "Nội dung hoạt động": "content",
    "Nền tảng": "platform",
    "Chủ đề": "theme",
    "Mã đơn vị": "unit_code",
    "Người đứng đầu": "head",
    "Số thành viên": "members",
    "Giai đoạn": "stage",
    "Ngày thành lập": "established_on",
    "Ngày kết thúc": "ended_on",
}
MODEL_OPTIONAL = ("Người dẫn dắt", "Nội dung hoạt động", "Người đứng đầu", "Ngày kết thúc")
MODEL_REQUIRED = tuple(c for c in MODEL_COLUMNS if c not in MODEL_OPTIONAL)
# Several themes in one cell are separated by ";" (theme names themselves contain commas).
THEME_SEPARATOR = ";"
MODEL_STAGES = {
    "Xây dựng": "build",
    "Duy trì": "maintain",
    "Nhân rộng": "replicate",
    "Kết thúc": "ended",
    "Thanh loại": "eliminated",
}

# The secretariat's task tracker (XLSX or CSV): the plan's tasks with their progress.
TASK_COLUMNS = {
    "Mã nhiệm vụ": "task_id",
    "Nội dung nhiệm vụ": "task_name",
    "Cơ quan chủ trì": "owner",
    "Ngày bắt đầu": "starts_on",
    "Hạn hoàn thành": "due_on",
    "Ngày hoàn thành": "done_on",
    "Ghi chú": "note",
}
TASK_REQUIRED = ("Mã nhiệm vụ", "Nội dung nhiệm vụ", "Cơ quan chủ trì")

# Milestone tracker (XLSX or CSV): when each reporting unit completed each step of the plan.
MILESTONE_COLUMNS = {
    "Bước": "step_id",
    "Mã đơn vị": "unit_code",
    "Tên đơn vị": "unit_name",
    "Ngày hoàn thành": "done_on",
    "Ghi chú": "note",
}
MILESTONE_REQUIRED = ("Bước", "Mã đơn vị", "Ngày hoàn thành")

# Contact log (XLSX or CSV): each contact of an officer with the admin of a registered group.
CONTACT_COLUMNS = {
    "Mã mô hình": "model_id",
    "Ngày tiếp xúc": "contacted_on",
    "Quản trị viên": "admin",
    "Hình thức": "channel",
    "Cán bộ tiếp xúc": "officer",
    "Ghi chú": "note",
}
CONTACT_REQUIRED = ("Mã mô hình", "Ngày tiếp xúc", "Quản trị viên")

# Units file (danh mục đơn vị): what vietnamadminunits does not carry.
UNIT_COLUMNS = {
    "Mã đơn vị": "unit_code",
    "Tên đơn vị": "unit_name",
    "Loại đơn vị": "unit_kind",
    "Mã đơn vị cấp trên": "parent_code",
    "Quy mô doanh nghiệp": "size_class",
    "Cấp học": "school_level",
    "Số hộ gia đình": "households",
    "Nguồn": "source",
}
UNIT_REQUIRED = ("Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên")
UNIT_KINDS = {
    "Thôn, tổ dân phố": "village",
    "Cơ quan": "agency",
    "Doanh nghiệp": "enterprise",
    "Cơ sở giáo dục": "school",
    "Cấp ủy": "party_committee",
    "Người có uy tín, ảnh hưởng": "influencer",
}
SYNTHETIC_SOURCE = "Dữ liệu mô phỏng"


def _per_value(function):
    """Cache a pure cell parser per distinct value (typed: 1, 1.0 and True stay apart); a case
    list of millions of rows repeats the same dates, names and counts."""
    cached = lru_cache(maxsize=1 << 16, typed=True)(function)

    @wraps(function)
    def parse(value):
        try:
            return cached(value)
        except TypeError:  # an unhashable value: parse it uncached
            return function(value)

    return parse


@_per_value
def clean_text(value: object) -> str | None:
    """NFC-normalised text without surrounding or repeated spaces; None for blank cells."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return text or None


@_per_value
def match_key(value: object) -> str:
    """A comparison key that ignores case, diacritics, đ/Đ, punctuation and spacing."""
    text = unicodedata.normalize("NFD", clean_text(value) or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", text.lower())


# The largest whole number a cell may hold (a loss of a million billion đồng); beyond it the
# figure is a typing error, and it would not fit the warehouse's 64-bit integers anyway.
MAX_COUNT = 10**15


@_per_value
def parse_count(value: object) -> int | None:
    """A whole number from a cell: 1234, 1234.0, '1.234', '1,234', ' 1 234 '; None if blank.

    Raises ValueError for anything else (negative numbers, fractions, words).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        if (isinstance(value, float) and not math.isfinite(value)) or value != int(value):
            raise ValueError(value)
        number = int(value)
    elif not isinstance(value, str):
        raise ValueError(value)  # a date or anything else a cell can hold is not a count
    else:
        text = re.sub(r"[\s\u00a0]", "", unicodedata.normalize("NFC", value))
        if not re.fullmatch(r"\d{1,3}([.,]\d{3})+|\d+", text):
            raise ValueError(value)
        number = int(re.sub(r"[.,]", "", text))
    if not 0 <= number <= MAX_COUNT:
        raise ValueError(value)
    return number


@_per_value
def parse_date(value: object) -> dt.date | None:
    """A date from a cell: a date/datetime, '15/11/2025', '15-11-2025' or '2025-11-15'."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        day, month, year = map(int, match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text[:10])


# Administrative prefixes people write, or leave out, before a commune's name.
COMMUNE_PREFIXES = re.compile(r"^(thị trấn|thi tran|phường|phuong|xã|xa|tt|p|x)(\.\s*|\s+)", re.IGNORECASE)


def commune_name_key(value: object, diacritics: bool = True) -> str:
    """A commune name without its "Xã"/"Phường"/"Thị trấn"/"TT." prefix, case or spacing; with
    diacritics=False also without accents, for names typed on a keyboard without Vietnamese."""
    text = COMMUNE_PREFIXES.sub("", clean_text(value) or "")
    if not diacritics:
        return match_key(text)
    return re.sub(r"[^\w]+", "", text.lower().replace("Đ", "đ"))


@cache
def incident_vocabulary() -> dict[str, list[dict]]:
    """Canonical incident categories and outcomes (code, name, variants) from config."""
    return yaml.safe_load(INCIDENT_VOCABULARY.read_text(encoding="utf-8"))


@cache
def model_vocabulary() -> dict[str, list[dict]]:
    """How models are classified: participants, leaders, contents, themes, platforms (name, variants)."""
    return yaml.safe_load(MODEL_VOCABULARY.read_text(encoding="utf-8"))


def vocabulary_lookup(items: list[dict], value: str = "name") -> dict[str, str]:
    """match_key of every name, code and variant → the item's `value` (its code or its name)."""
    lookup = {}
    for item in items:
        for spelling in [item["name"], item.get("code", item["name"]), *item.get("variants", [])]:
            lookup[match_key(spelling)] = item[value]
    return lookup
