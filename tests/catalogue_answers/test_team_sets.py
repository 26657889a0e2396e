"""The team's development sets (tests/catalogue_answers/needs, .../out_of_scope) are
readable by bench/real_questions.py and name services the catalogue has."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.catalogue import CatalogueData
from bot.language import SUPPORTED

HERE = Path(__file__).parent
SETS = ("needs", "out_of_scope")


def _entries(name: str) -> dict[str, list[dict[str, object]]]:
    files = sorted((HERE / name).glob("*.yml"))
    return {str(content["language"]): content["questions"]
            for content in (yaml.safe_load(path.read_text(encoding="utf-8")) for path in files)}


@pytest.mark.parametrize("name", SETS)
def test_every_supported_language_has_its_questions(name: str) -> None:
    entries = _entries(name)
    assert set(entries) == set(SUPPORTED)
    assert all(len(questions) >= 20 for questions in entries.values())


@pytest.mark.parametrize("name", SETS)
def test_every_label_names_a_catalogue_service_or_nothing(name: str, sample: CatalogueData,
                                                          ) -> None:
    known = {service.id for service in sample.services}
    for questions in _entries(name).values():
        for entry in questions:
            named = entry.get("services") or [entry["service"]] if (
                "service" in entry or "services" in entry) else []
            assert set(named) <= known, entry
            assert named or entry.get("out_of_scope") is True, entry
