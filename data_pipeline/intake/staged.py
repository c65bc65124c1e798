"""The staged tables: one Parquet file per accepted input file, with these columns and types.

The build loads submissions/staged/<table>/*.parquet against these schemas; intake writes them.
Kept apart from the parsers so the build (and the dashboard) never import openpyxl."""

from __future__ import annotations

import pyarrow as pa

# The table each kind of file writes last: once it is staged, the file is received.
COMPLETING_TABLES = ("report_submissions", "incidents", "models", "units", "tasks", "milestones", "contacts")

STAGED_SCHEMAS: dict[str, pa.Schema] = {
    "report_submissions": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("source_name", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("unit_code", pa.string()),
            ("period", pa.string()),
            # the day the report counts as submitted (on time or late): the day it was received
            ("submitted_on", pa.date32()),
            # to the microsecond: two runs (two uploads) a moment apart are still in order
            ("received_at", pa.timestamp("us")),
            ("received_source", pa.string()),
            # the date the unit wrote in its workbook, kept beside the receipt
            ("recorded_on", pa.date32()),
            ("version_mark", pa.int64()),
            ("version_mark_source", pa.string()),
            ("saved_at", pa.timestamp("s")),
            ("version_reason", pa.string()),
            ("figures_sha256", pa.string()),
            ("template_version", pa.string()),
        ]
    ),
    "report_values": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("indicator_code", pa.string()),
            ("numerator", pa.int64()),
            ("denominator", pa.int64()),
        ]
    ),
    "report_activities": pa.schema(
        [("file_sha256", pa.string()), ("activity_code", pa.string()), ("value", pa.int64())]
    ),
    "report_narratives": pa.schema([("file_sha256", pa.string()), ("section", pa.string()), ("text", pa.string())]),
    "incidents": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("case_id", pa.string()),
            ("occurred_on", pa.date32()),
            ("commune_code", pa.string()),
            ("category_code", pa.string()),
            ("outcome_code", pa.string()),
            ("taken_down", pa.int64()),
            ("fine", pa.int64()),
            ("loss", pa.int64()),
            ("note", pa.string()),
        ]
    ),
    "models": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("model_id", pa.string()),
            ("model_name", pa.string()),
            ("model_kind", pa.string()),
            ("participants", pa.string()),
            ("leader", pa.string()),
            ("content", pa.string()),
            ("platform", pa.string()),
            ("theme", pa.string()),
            ("unit_code", pa.string()),
            ("head", pa.string()),
            ("members", pa.int64()),
            ("stage", pa.string()),
            ("established_on", pa.date32()),
            ("ended_on", pa.date32()),
        ]
    ),
    "tasks": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("task_id", pa.string()),
            ("task_name", pa.string()),
            ("owner", pa.string()),
            ("starts_on", pa.date32()),
            ("due_on", pa.date32()),
            ("done_on", pa.date32()),
            ("note", pa.string()),
        ]
    ),
    "milestones": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("step_id", pa.string()),
            ("unit_code", pa.string()),
            ("done_on", pa.date32()),
            ("note", pa.string()),
        ]
    ),
    "contacts": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("model_id", pa.string()),
            ("contacted_on", pa.date32()),
            ("admin", pa.string()),
            ("channel", pa.string()),
            ("officer", pa.string()),
            ("note", pa.string()),
        ]
    ),
    "units": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("unit_code", pa.string()),
            ("unit_name", pa.string()),
            ("unit_kind", pa.string()),
            ("parent_code", pa.string()),
            ("size_class", pa.string()),
            ("school_level", pa.string()),
            ("households", pa.int64()),
            ("is_synthetic", pa.bool_()),
        ]
    ),
}
