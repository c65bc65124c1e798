"""The status words every output shows, in one place: the marts write them (SQL), the data
contracts accept only these, and pages, charts, the deck and the Word report import them.

Each tuple is in the order users read the statuses (best first, then the ones without a figure).
"""

from __future__ import annotations

# mart_attainment.status — one indicator of one unit in one period:
MET = "đạt"  # numerator ≥ goal × denominator
ON_TRACK = "đúng lộ trình"  # a cumulative target not yet met but at or above its trajectory value
BEHIND = "chậm"  # below the goal (annual) or the trajectory (cumulative)
NO_DATA = "chưa có số liệu"  # no report with a figure: never counted as zero
NOT_APPLICABLE = "không áp dụng"  # denominator 0 (e.g. a district with no enterprise): no rate exists
ATTAINMENT_STATUSES = (MET, ON_TRACK, BEHIND, NO_DATA, NOT_APPLICABLE)

# mart_compliance.status — one reporter in one period:
ON_TIME = "đúng hạn"  # first received by the deadline
LATE = "trễ hạn"  # first received after the deadline
MISSING = "chưa nộp"  # nothing received and the deadline has passed
NOT_YET_DUE = "chưa đến hạn"  # nothing received and the deadline is still ahead
COMPLIANCE_STATUSES = (ON_TIME, LATE, MISSING, NOT_YET_DUE)

# mart_tasks.status — one task of the plan at the as-of date:
TASK_DONE = "hoàn thành"
TASK_ON_SCHEDULE = "đúng tiến độ"
TASK_OVERDUE = "quá hạn"
TASK_STATUSES = (TASK_DONE, TASK_ON_SCHEDULE, TASK_OVERDUE)

# mart_milestones.status — one district × step of a model built in steps:
STEP_DONE = "hoàn thành"  # done by the step's deadline
STEP_DONE_LATE = "hoàn thành trễ"
STEP_OVERDUE = "quá hạn"
STEP_NOT_DUE = "chưa đến hạn"
MILESTONE_STATUSES = (STEP_DONE, STEP_DONE_LATE, STEP_OVERDUE, STEP_NOT_DUE)

# compstat: a change in case counts against the same months a year earlier
RISE = "tăng bất thường"
FALL = "giảm bất thường"
USUAL = "trong dao động thường"
CHANGE_FLAGS = (RISE, FALL, USUAL)

# A target-2.9 figure of the source that is not official is shown only under this label.
REGISTRY_LABEL = "Theo sổ theo dõi mô hình"

# The mark on every page, slide and report page made from generated data.
DEMO_MARK = "Dữ liệu mô phỏng"
