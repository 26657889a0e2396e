"""The sample city's catalogue and eligibility rules, loaded once, and the YAML cases."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.catalogue import CatalogueData, load_catalogue_files
from bot.eligibility import RuleBook, load_rules
from bot.paths import PROJECT_ROOT

CATALOGUE = PROJECT_ROOT / "services_catalogue"
RULES = CATALOGUE / "eligibility"
CASES = Path(__file__).with_name("cases")


@dataclass(frozen=True)
class Case:
    """One profile and the outcome expected for some services (OpenFisca-style YAML test)."""

    file: str
    name: str
    facts: dict[str, Any]
    expect: dict[str, str]
    missing_facts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.file}:{self.name}"


def read_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES.glob("*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            cases.append(Case(path.name, entry["name"], entry.get("facts") or {},
                              entry["expect"], entry.get("missing_facts") or {}))
    return cases


@pytest.fixture(scope="session")
def catalogue() -> CatalogueData:
    return load_catalogue_files(CATALOGUE)


@pytest.fixture(scope="session")
def book(catalogue: CatalogueData) -> RuleBook:
    return load_rules(RULES, catalogue)
