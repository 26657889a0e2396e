"""Who an office is and how to reach it in writing, read from the catalogue's offices.yml.

This is the one seam between reports and the catalogue: routing needs each office's kind
and the outbox needs its e-mail address. It reads the YAML directly so the reports package
works before the catalogue is loaded into the database; swapping it for
`bot.catalogue.get_office` later changes this module only.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.paths import catalogue_dir

__all__ = ["OfficeContact", "default_offices_path", "load_office_contacts"]


@dataclass(frozen=True)
class OfficeContact:
    id: str
    kind: str
    name_en: str
    name_de: str
    email: str | None
    district: str | None


def default_offices_path() -> Path:
    return catalogue_dir() / "offices.yml"


def _name(value: object, language: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(language) or value.get("en") or "")
    return str(value or "")


def load_office_contacts(path: Path | None = None) -> dict[str, OfficeContact]:
    """Every office in offices.yml by id (the catalogue's own validator checks the file)."""
    path = path or default_offices_path()
    with path.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream) or {}
    contacts: dict[str, OfficeContact] = {}
    for entry in data.get("offices") or []:
        office_id = str(entry["id"])
        contacts[office_id] = OfficeContact(
            id=office_id,
            kind=str(entry.get("kind", "")),
            name_en=_name(entry.get("name"), "en"),
            name_de=_name(entry.get("name"), "de"),
            email=str(entry["email"]) if entry.get("email") else None,
            district=str(entry["district"]) if entry.get("district") else None,
        )
    return contacts
