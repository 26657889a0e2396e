"""The eligibility texts as translatable messages, and the translate function that finds them.

Every English source text of facts.yml, outcomes.yml and the rule files has a stable
context, e.g. `eligibility:fact:age:question` or `eligibility:housing-benefit.income-low.fails`;
translators work in translations/eligibility_content/<language>.po. `render_result` and
the API only know English msgids, so `ContentTranslator` maps a msgid back to its contexts
(eligibility texts, and the catalogue's titles and office names) and remembers every text
it had to leave in English, so a chat turn can be labelled honestly.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from bot.catalogue import CatalogueData, load_catalogue_files
from bot.catalogue.translatable import catalogue_messages
from bot.eligibility.loader import load_rules
from bot.eligibility.types import RuleBook
from bot.paths import catalogue_dir, translations_dir
from bot.translation.compose import Texts
from bot.translation.messages import SOURCE_LANGUAGE, SourceMessage
from bot.translation.po_catalogs import PoCatalogs

__all__ = [
    "TEXT_DOMAIN",
    "ContentTranslator",
    "content_messages",
    "content_translator",
    "fact_context",
    "reason_context",
    "source_messages",
    "translator_for",
]

TEXT_DOMAIN = "eligibility_content"


def fact_context(fact: str, part: str) -> str:
    """`part` is label, question, help or choice:<id>."""
    return f"eligibility:fact:{fact}:{part}"


def reason_context(service: str, condition: str, state: str) -> str:
    """The rendered trace's `reason_key` (`housing-benefit.income-low.holds`) with a prefix."""
    return f"eligibility:{service}.{condition}.{state}"


def content_messages(book: RuleBook) -> list[SourceMessage]:
    """Every English text of a rule book, in file order, for the PO template."""
    messages: list[SourceMessage] = []
    for fact in book.facts.values():
        messages.append(SourceMessage(fact_context(fact.id, "label"), fact.label))
        messages.append(SourceMessage(fact_context(fact.id, "question"), fact.question))
        if fact.help:
            messages.append(SourceMessage(fact_context(fact.id, "help"), fact.help))
        messages.extend(SourceMessage(fact_context(fact.id, f"choice:{choice.id}"), choice.label)
                        for choice in fact.choices)
    for outcome, label in book.texts.outcome_labels.items():
        messages.append(SourceMessage(f"eligibility:outcome:{outcome}", label))
    messages.append(SourceMessage("eligibility:notice", book.texts.notice))
    messages.append(SourceMessage("eligibility:unknown_condition", book.texts.unknown_condition))
    for rules in book.services.values():
        messages.append(SourceMessage(f"eligibility:{rules.service}:basis", rules.basis))
        for condition in rules.conditions:
            for state, text in (("holds", condition.holds_text), ("fails", condition.fails_text)):
                context = reason_context(rules.service, condition.id, state)
                messages.append(SourceMessage(context, text))
    return messages


def rules_folder() -> Path:
    from bot.eligibility.__main__ import rules_dir

    return rules_dir()


def source_messages() -> list[SourceMessage]:
    """The translation tools' provider for the eligibility_content text domain."""
    catalogue = load_catalogue_files(catalogue_dir())
    return content_messages(load_rules(rules_folder(), catalogue))


def msgid_index(messages: Iterable[SourceMessage]) -> dict[str, tuple[str, ...]]:
    """English text to every context it appears under (the same text may sit in several)."""
    index: dict[str, list[str]] = {}
    for message in messages:
        index.setdefault(message.text, []).append(message.context)
    return {text: tuple(contexts) for text, contexts in index.items()}


@dataclass
class ContentTranslator:
    """msgid -> text in `language`; English when no current curated translation exists.

    `missing` collects the texts left in English; `texts`, when the translator serves a
    composition (bot.translation.compose), hears of every text, so a chat turn that
    contains an untranslated one is composed wholly in English and labelled `source`.
    """

    language: str
    index: Mapping[str, tuple[str, ...]]
    catalogs: PoCatalogs
    texts: Texts | None = None
    missing: set[str] = field(default_factory=set)

    def __call__(self, text: str) -> str:
        if self.language == SOURCE_LANGUAGE or not text:
            return text
        for context in self.index.get(text, ()):
            translated = self.catalogs.lookup(context, text, self.language)
            if translated is not None:
                return self._told(translated, text)
        self.missing.add(text)
        return self._told(None, text)

    def _told(self, translated: str | None, source: str) -> str:
        if self.texts is not None:
            return self.texts.found(translated, source)
        return source if translated is None else translated


def index_for(book: RuleBook, catalogue: CatalogueData) -> dict[str, tuple[str, ...]]:
    return msgid_index([*content_messages(book), *catalogue_messages(catalogue)])


@lru_cache(maxsize=4)
def _index(rules: Path, catalogue: Path) -> Mapping[str, tuple[str, ...]]:
    data = load_catalogue_files(catalogue)
    return index_for(load_rules(rules, data), data)


def content_translator(rules: str | Path, catalogue: str | Path
                       ) -> Callable[[str], ContentTranslator]:
    """The API's `translator` for these folders: `create_app(rules, catalogue,
    translator=content_translator(rules, catalogue))`. Texts are indexed on first use."""
    def translator(language: str) -> ContentTranslator:
        index = _index(Path(rules).resolve(), Path(catalogue).resolve())
        return ContentTranslator(language, index, PoCatalogs(translations_dir()))

    return translator


def translator_for(language: str, texts: Texts | None = None) -> ContentTranslator:
    """The translator over the default folders (CITY_ASSISTANT_CATALOGUE, …); `texts`: the
    composition it serves (bot.translation.compose)."""
    return replace(content_translator(rules_folder(), catalogue_dir())(language), texts=texts)
