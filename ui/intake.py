"""Upload side of the app: templates to download, uploaded files ingested, the warehouse rebuilt.
The intake parsers and the build (openpyxl among them) are imported by the functions that use
them, so a page that only reads never loads them."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from data_pipeline.reference.programme import load_programmes
from data_pipeline.reference.units import seat_agencies
from data_pipeline.settings import resolve_paths
from ui import auth, data

STATUS_LABELS = {
    "accepted": "đã nhận",
    "rejected": "bị từ chối",
    "duplicate": "trùng, đã nhận trước đây",
    "held": "tạm giữ, chờ văn thư xác định thứ tự",
}


@st.cache_data(show_spinner=False, max_entries=64)
def template_bytes(programme_id: str, unit: str, period: str) -> bytes:
    """The report template for a unit and period, as the bytes of an .xlsx file."""
    from data_pipeline.intake.template import write_template

    paths = resolve_paths()
    programme = load_programmes(paths.programmes_dir)[programme_id]
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(programme, unit, period, Path(folder) / "mau.xlsx", seat_agencies(paths, programme))
        return path.read_bytes()


def ingest_uploads(programme_id: str, uploads: list) -> pd.DataFrame:
    """Ingest uploaded files (received now) and return one row per file with its outcome and messages."""
    from data_pipeline.intake.ingest import Ingestor
    from data_pipeline.intake.receipts import Receipt

    user = auth.require(auth.UPLOADERS)
    paths = resolve_paths()
    programmes = load_programmes(paths.programmes_dir)
    received = dt.datetime.now()
    scope = auth.scope_units(user, data.area_map(programme_id))
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for upload in uploads:
            # Keep only the file's own name: a browser may send a path.
            path = Path(folder) / Path(upload.name.replace("\\", "/")).name
            path.write_bytes(upload.getvalue())
            files.append(path)
        result = Ingestor(paths, programmes, programme_id, scope=scope).run(files, received=Receipt(received, "upload"))
    for item in result.files:
        auth.audit(
            user, "upload", {"file": Path(item["file"]).name, "sha256": item["sha256"], "status": item["status"]}
        )
    return pd.DataFrame(
        {
            "Tệp": [Path(item["file"]).name for item in result.files],
            "Kết quả": [STATUS_LABELS[item["status"]] for item in result.files],
            "Lần nộp": [item.get("version", "") for item in result.files],
            "Thông báo": ["\n".join(item["messages"]) for item in result.files],
        }
    )


def submit(programme_id: str, uploads: list) -> pd.DataFrame:
    """Ingest the uploads and, when something was accepted, rebuild the warehouse as of today
    while showing progress; the pages' caches follow the new build id."""
    from data_pipeline.warehouse.build import build

    outcome = ingest_uploads(programme_id, uploads)
    if (outcome["Kết quả"] == STATUS_LABELS["accepted"]).any():
        with st.status("Đang cập nhật số liệu…", expanded=False) as status:
            paths = resolve_paths()
            manifest = build(paths, load_programmes(paths.programmes_dir), as_of=dt.date.today())
            auth.audit(auth.current_user(), "rebuild", {"build_id": manifest["build_id"]})
            status.update(label=f"Đã cập nhật số liệu (bản dựng {manifest['build_id']})", state="complete")
    return outcome
