"""The mark a demo leaves in its data home, so every build of that home knows it shows
generated data (the manifest's `demo`), until the home is cleaned for real data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from data_pipeline.settings import Paths


def mark_home(paths: Paths, programme_id: str, seed: int, as_of: dt.date) -> Path:
    """Record that the home holds the demo of a programme (the programmes add up)."""
    path = paths.demo_marker
    programmes = json.loads(path.read_text(encoding="utf-8")).get("programmes", []) if path.exists() else []
    record = {"programmes": sorted({*programmes, programme_id}), "seed": seed, "as_of": as_of.isoformat()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
