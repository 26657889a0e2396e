"""The real-questions development set keeps its form, so the benchmark's figures mean
what they say: every question has its text, an https source and exactly one label that
names something the catalogue has (or is about to have), in every language."""
from pathlib import Path

import pytest
import yaml

from bot.catalogue import load_catalogue_files
from bot.language import SUPPORTED
from bot.paths import PROJECT_ROOT, catalogue_dir

FOLDER = Path(__file__).parent
PENDING = FOLDER / "pending_services.yml"
LABELS = {"service", "services", "category", "office", "danger", "out_of_scope"}
CATEGORIES = {"housing", "education", "health", "language_tuition", "employment"}
REPORT_OFFICES = {"city-anti-discrimination-office", "federal-anti-discrimination-agency",
                  "victim-support", "police-110"}
#: Languages with few public pages of questions: as many as were found.
FEW_PAGES = {"ps", "so", "ti"}
#: Below 15 until more real questions are found (README "What is missing"); remove then.
SHORT_FOR_NOW = {"ar"}
AT_LEAST = 15
#: Where the product's code and training data live: none of it may read this folder.
PRODUCT = ("bot", "actions", "rasa_addons", "data", "domain", "scripts", "services_catalogue")


def _entries(language: str) -> list[dict]:
    path = FOLDER / f"{language}.yml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.exists() else []


@pytest.fixture(scope="module")
def known_services() -> set[str]:
    catalogue = {service.id for service in load_catalogue_files(catalogue_dir()).services}
    pending = set(yaml.safe_load(PENDING.read_text(encoding="utf-8")) or {})
    return catalogue | pending


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_question_has_text_source_and_one_label(language: str, known_services: set[str]):
    for entry in _entries(language):
        assert isinstance(entry.get("text"), str) and entry["text"].strip(), entry
        assert str(entry.get("source", "")).startswith("https://"), entry
        labels = set(entry) - {"text", "source"}
        assert len(labels) == 1 and labels <= LABELS, entry
        (kind,) = labels
        if kind == "service":
            assert entry[kind] in known_services, entry
        elif kind == "services":
            assert len(entry[kind]) >= 2 and set(entry[kind]) <= known_services, entry
        elif kind == "category":
            assert entry[kind] in CATEGORIES, entry
        elif kind == "office":
            assert entry[kind] in REPORT_OFFICES, entry
        else:
            assert entry[kind] is True, entry


@pytest.mark.parametrize("language", SUPPORTED)
def test_no_question_twice(language: str):
    texts = [entry["text"] for entry in _entries(language)]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("language", sorted(set(SUPPORTED) - FEW_PAGES - SHORT_FOR_NOW))
def test_enough_questions_per_language(language: str):
    assert len(_entries(language)) >= AT_LEAST


def test_the_product_never_reads_the_real_questions():
    """No code or data of the product names the folder. A YAML comment may (the generated
    NLU files say these questions are never used), since a comment reads nothing."""
    for folder in PRODUCT:
        for path in (PROJECT_ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".sh", ".md"}:
                lines = path.read_text(errors="replace").splitlines()
                if path.suffix in {".yml", ".yaml"}:
                    lines = [line for line in lines if not line.lstrip().startswith("#")]
                assert not any("real_questions" in line for line in lines), path
