"""The sample catalogue and rules, and the chat's translators over the real PO files."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.catalogue import CatalogueData, load_catalogue_files
from bot.eligibility import RuleBook, load_rules
from bot.eligibility.translatable import ContentTranslator, index_for
from bot.paths import translations_dir
from bot.translation import PoCatalogs
from tests.eligibility.conftest import CATALOGUE, RULES


@pytest.fixture(scope="session")
def catalogue() -> CatalogueData:
    return load_catalogue_files(CATALOGUE)


@pytest.fixture(scope="session")
def book(catalogue: CatalogueData) -> RuleBook:
    return load_rules(RULES, catalogue)


@pytest.fixture(scope="session")
def translator(book: RuleBook, catalogue: CatalogueData) -> Callable[[str], ContentTranslator]:
    """A fresh translator per call, so each test sees only its own missing texts."""
    index = index_for(book, catalogue)
    catalogs = PoCatalogs(translations_dir())
    return lambda language: ContentTranslator(language, index, catalogs)
