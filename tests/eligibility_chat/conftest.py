"""The sample catalogue and rules, and the chat's translators and context over the real PO
files and domain."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.catalogue import CatalogueData
from bot.eligibility import RuleBook
from bot.eligibility.chat_texts import Context
from bot.eligibility.translatable import ContentTranslator, index_for
from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
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


def context_over(rules: RuleBook, data: CatalogueData, translations: Path) -> Context:
    """What the dialogue reads, with the PO files of `translations`."""
    catalogs = PoCatalogs(translations)
    return Context(data, rules, index_for(rules, data), catalogs,
                   ResponseRenderer(domain_dir(), catalogs))


@pytest.fixture(scope="session")
def context(book: RuleBook, catalogue: CatalogueData  # noqa: F811  (the imported fixtures)
            ) -> Context:
    return context_over(book, catalogue, translations_dir())
