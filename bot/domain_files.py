"""Reads the Rasa domain folder (one YAML file per feature) as plain data, without Rasa.

Rasa merges the files itself when it trains; the NLG endpoint, the translation tools and
the tests read the same files through here.
"""
from pathlib import Path
from typing import Any

import yaml


def domain_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml"))


def read_domain_file(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def read_domain(folder: Path) -> dict[str, Any]:
    """All domain files merged: lists are joined, mappings are united."""
    merged: dict[str, Any] = {}
    for path in domain_files(folder):
        for key, value in read_domain_file(path).items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            else:
                merged[key] = value
    return merged
