"""The catalogue's texts as translatable messages, and where their translations are found.

Every text of a service, category or office has a stable context, e.g.
`catalogue:service:school-registration-new-arrivals:title` or
`catalogue:service:<id>:how_to_apply:2`; translators work in
translations/catalogue_content/<language>.po. A translation written inline in the YAML
(the city's own wording, e.g. an office's official German name) comes first.
"""
from dataclasses import dataclass

from bot.catalogue.types import CatalogueData, Text
from bot.paths import catalogue_dir, translations_dir
from bot.translation.messages import SourceMessage
from bot.translation.po_catalogs import PoCatalogs

TEXT_DOMAIN = "catalogue_content"


def context(kind: str, entry_id: str, field: str, index: int | None = None) -> str:
    suffix = "" if index is None else f":{index}"
    return f"catalogue:{kind}:{entry_id}:{field}{suffix}"


@dataclass(frozen=True)
class Translated:
    text: str
    language: str
    translation: str


def translate_text(
    text: Text, text_context: str, language: str, catalogs: PoCatalogs
) -> Translated:
    """The catalogue text in `language`: inline YAML, then curated PO, else the source.

    The caller may machine-translate a `source` result; the label says which it is.
    """
    if language == text.source_language:
        return Translated(text.source, language, "source")
    if text.has_translation(language):
        return Translated(text.values[language], language, "curated")
    curated = catalogs.lookup(text_context, text.source, language)
    if curated is not None:
        return Translated(curated, language, "curated")
    return Translated(text.source, text.source_language, "source")


def catalogue_messages(data: CatalogueData) -> list[SourceMessage]:
    """Every text of the catalogue, in file order, for the PO template."""
    messages: list[SourceMessage] = []

    def add(
        text: Text | None, kind: str, entry_id: str, field: str, index: int | None = None
    ) -> None:
        if text is not None:
            messages.append(SourceMessage(context(kind, entry_id, field, index), text.source))

    for category in data.categories:
        add(category.title, "category", category.id, "title")
        add(category.summary, "category", category.id, "summary")
    for office in data.offices:
        add(office.name, "office", office.id, "name")
        add(office.description, "office", office.id, "description")
        for index, hours in enumerate(office.opening_hours):
            add(hours.note, "office", office.id, "opening_hours_note", index)
    for service in data.services:
        add(service.title, "service", service.id, "title")
        add(service.summary, "service", service.id, "summary")
        add(service.who_can_get_it, "service", service.id, "who_can_get_it")
        for index, step in enumerate(service.how_to_apply):
            add(step, "service", service.id, "how_to_apply", index)
        for index, document in enumerate(service.documents):
            add(document, "service", service.id, "documents", index)
        add(service.fees, "service", service.id, "fees")
    return messages


def source_messages() -> list[SourceMessage]:
    """The translation tools' provider for the catalogue_content text domain."""
    from bot.catalogue import load_catalogue_files

    return catalogue_messages(load_catalogue_files(catalogue_dir()))


def default_catalogs() -> PoCatalogs:
    return PoCatalogs(translations_dir())
