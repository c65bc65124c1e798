"""What each field file looks like: sheet names, column headers (Vietnamese, as the templates
print them) mapped to the staged columns, and the values a few columns may take."""

from __future__ import annotations

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
# Earlier templates carried a models sheet; models now come from the registry, and a filled one
# is counted and the unit told it was not read.
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
# Where a unit numbers the files it sends for one report (1 the first, 2… for corrections): a
# row of the guide (or of the identity sheet of an older template) labelled so.
REPORT_VERSION_LABEL = "Lần gửi"
REPORT_DATE_LABEL = "Ngày báo cáo"
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

# Other headers the same columns go by in the police's and the units' own tables (matched
# loosely, like the headers above; a grouped header's sub-column is matched alone too).
COLUMN_ALIASES = {
    "Mã vụ việc": ("Mã vụ", "Mã số vụ việc", "Số hiệu vụ việc"),
    "Ngày": ("Ngày xảy ra", "Thời gian xảy ra", "Ngày vụ việc"),
    "Xã, phường": ("Xã, phường, thị trấn", "Địa bàn xã", "Địa bàn xảy ra"),
    "Loại vụ việc": ("Loại vụ", "Loại hành vi", "Phân loại vụ việc"),
    "Kết quả xử lý": ("Kết quả", "Hình thức xử lý"),
    "Số tài khoản, bài viết gỡ bỏ": (
        "Gỡ bỏ tài khoản",
        "Gỡ bỏ tài khoản, bài viết",
        "Số tài khoản gỡ bỏ",
        "Tài khoản, bài viết gỡ bỏ",
        "Gỡ bỏ",
    ),
    "Số tiền phạt (đồng)": (
        "Xử phạt (đồng)",
        "Tiền phạt (đồng)",
        "Số tiền xử phạt (đồng)",
        "Phạt tiền (đồng)",
        "Xử phạt",
        "Tiền phạt",
    ),
    "Thiệt hại (đồng)": ("Thiệt hại", "Số tiền thiệt hại (đồng)", "Giá trị thiệt hại (đồng)"),
    "Mã đơn vị": ("Mã ĐV",),
    "Tên đơn vị": ("Tên ĐV",),
}

# A case names its commune by code ("Mã xã") or by name ("Xã, phường"); at least one is needed.
INCIDENT_REQUIRED = ("Mã vụ việc", "Ngày", "Loại vụ việc", "Kết quả xử lý")
INCIDENT_COMMUNE = ("Mã xã", "Xã, phường")
INCIDENT_OPTIONAL = ("Ghi chú",)

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
TASK_OPTIONAL = ("Ngày bắt đầu", "Ghi chú")

# Milestone tracker (XLSX or CSV): when each reporting unit completed each step of the plan.
MILESTONE_COLUMNS = {
    "Bước": "step_id",
    "Mã đơn vị": "unit_code",
    "Tên đơn vị": "unit_name",
    "Ngày hoàn thành": "done_on",
    "Ghi chú": "note",
}
MILESTONE_REQUIRED = ("Bước", "Mã đơn vị", "Ngày hoàn thành")
MILESTONE_OPTIONAL = ("Tên đơn vị", "Ghi chú")

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
CONTACT_OPTIONAL = ("Hình thức", "Cán bộ tiếp xúc", "Ghi chú")

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
UNIT_OPTIONAL = ("Quy mô doanh nghiệp", "Cấp học", "Số hộ gia đình", "Nguồn")
UNIT_KINDS = {
    "Thôn, tổ dân phố": "village",
    "Cơ quan": "agency",
    "Doanh nghiệp": "enterprise",
    "Cơ sở giáo dục": "school",
    "Cấp ủy": "party_committee",
    "Người có uy tín, ảnh hưởng": "influencer",
}
SYNTHETIC_SOURCE = "Dữ liệu mô phỏng"
# Units the targets leave out (Đề án 835 counts enterprises except small and micro ones, and
# schools except kindergartens and primary schools: targets 2.2 and 2.9): unit kind → the units
# file's column and the values (lower case) that leave a unit out. Intake's denominator check
# reads it here; the build loads it as raw_uncounted_units for the staging of the units file.
NOT_COUNTED = {"enterprise": ("size_class", ("nhỏ", "siêu nhỏ")), "school": ("school_level", ("mầm non", "tiểu học"))}
