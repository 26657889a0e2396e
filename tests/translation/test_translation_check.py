"""The translation check names every missing translation and every broken placeholder."""
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot.translation import PoCatalogs, SourceMessage, find_problems, placeholders

MESSAGES = [
    SourceMessage("response:utter_a", "Call {phone}."),
    SourceMessage("response:utter_b", "Welcome."),
]


def write(folder: Path, language: str, entries: dict[str, tuple[str, str]]) -> None:
    catalog = Catalog(locale=language)
    for context, (source, translated) in entries.items():
        catalog.add(source, translated, context=context)
    (folder / "greetings").mkdir(exist_ok=True)
    with (folder / "greetings" / f"{language}.po").open("wb") as handle:
        write_po(handle, catalog)


def test_complete_translations_have_no_problems(tmp_path: Path) -> None:
    write(tmp_path, "de", {"response:utter_a": ("Call {phone}.", "Rufen Sie {phone} an."),
                           "response:utter_b": ("Welcome.", "Willkommen.")})
    assert find_problems("greetings", MESSAGES, PoCatalogs(tmp_path), ["de"]) == []


def test_missing_file_missing_entry_and_wrong_placeholder_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "de", {"response:utter_a": ("Call {phone}.", "Rufen Sie {telefon} an.")})
    problems = [
        str(problem)
        for problem in find_problems("greetings", MESSAGES, PoCatalogs(tmp_path), ["de", "fr"])
    ]
    assert any("de: response:utter_a: placeholders ['telefon']" in problem for problem in problems)
    assert "de: response:utter_b: no current translation" in problems
    assert "fr: -: translations/greetings/fr.po is missing" in problems


def test_a_translation_of_an_older_source_text_does_not_count(tmp_path: Path) -> None:
    write(tmp_path, "de", {"response:utter_b": ("Hello.", "Hallo."),
                           "response:utter_a": ("Call {phone}.", "Rufen Sie {phone} an.")})
    problems = find_problems("greetings", MESSAGES, PoCatalogs(tmp_path), ["de"])
    assert [problem.context for problem in problems] == ["response:utter_b"]


def test_placeholders_are_found_in_any_script() -> None:
    assert placeholders("اتصل بـ {phone} أو {email}") == {"phone", "email"}


def test_translations_of_all_text_domains_are_found_together(tmp_path: Path) -> None:
    write(tmp_path, "de", {"response:utter_b": ("Welcome.", "Willkommen.")})
    other = Catalog(locale="de")
    other.add("Housing", "Wohnen", context="catalogue:category:housing:title")
    (tmp_path / "catalogue").mkdir()
    with (tmp_path / "catalogue" / "de.po").open("wb") as handle:
        write_po(handle, other)
    catalogs = PoCatalogs(tmp_path)
    assert catalogs.lookup("response:utter_b", "Welcome.", "de") == "Willkommen."
    assert catalogs.lookup("catalogue:category:housing:title", "Housing", "de") == "Wohnen"
