"""The province's controlled vocabularies (config/*.yaml): incident categories and outcomes, and
how models are classified; each name with its code and the variants the field writes."""

from __future__ import annotations

from functools import cache

import yaml

from data_pipeline.reference.spelling import match_key
from data_pipeline.settings import REPO_ROOT

INCIDENT_VOCABULARY = REPO_ROOT / "config" / "incident_categories.yaml"
MODEL_VOCABULARY = REPO_ROOT / "config" / "model_classification.yaml"


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
