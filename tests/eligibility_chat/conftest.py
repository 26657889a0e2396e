"""The sample catalogue and rules, and the chat's translators over the real PO files."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.catalogue import CatalogueData
from bot.eligibility import RuleBook
from bot.eligibility.translatable import ContentTranslator, index_for
from bot.paths import translations_dir
from bot.translation import PoCatalogs
from tests.catalogue_answers.conftest import database  # noqa: F401  (the same fixture)
from tests.eligibility.conftest import book, catalogue  # noqa: F401  (the same fixtures)


@pytest.fixture(scope="session")
def translator(
    book: RuleBook, catalogue: CatalogueData  # noqa: F811  (the imported fixtures)
) -> Callable[[str], ContentTranslator]:
    """A fresh translator per call, so each test sees only its own missing texts."""
    index = index_for(book, catalogue)
    catalogs = PoCatalogs(translations_dir())
    return lambda language: ContentTranslator(language, index, catalogs)
