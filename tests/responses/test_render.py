"""A response is shown in the person's language, or honestly in English when untranslated."""
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot.machine_translation import MachineResult
from bot.responses import ResponseRenderer, UnknownResponse, fill
from bot.translation import PoCatalogs

DOMAIN = """
responses:
  utter_hello:
    - text: "Hello {name}!"
      buttons:
        - title: "Yes"
          payload: /affirm
  utter_bye:
    - text: "Goodbye."
"""


@pytest.fixture
def renderer(tmp_path: Path) -> ResponseRenderer:
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "greetings.yml").write_text(DOMAIN, encoding="utf-8")
    catalog = Catalog(locale="ar")
    catalog.add("Hello {name}!", "مرحبا {name}!", context="response:utter_hello")
    catalog.add("Yes", "نعم", context="response:utter_hello:button:/affirm")
    catalog.add("Goodbye.", "مع السلامة.", context="response:utter_bye", flags=["fuzzy"])
    folder = tmp_path / "translations"
    (folder / "greetings").mkdir(parents=True)
    with (folder / "greetings" / "ar.po").open("wb") as handle:
        write_po(handle, catalog)
    return ResponseRenderer(tmp_path / "domain", PoCatalogs(folder))


def test_a_curated_translation_is_shown_with_its_language(renderer: ResponseRenderer) -> None:
    reply = renderer.render("utter_hello", "ar", {"name": "Amal"})
    assert reply.text == "مرحبا Amal!"
    assert reply.buttons[0].title == "نعم" and reply.buttons[0].payload == "/affirm"
    assert reply.custom() == {"language": "ar", "translation": "curated", "direction": "rtl",
                             "answered": True}


def test_without_a_translation_the_english_source_is_shown_and_labelled(
    renderer: ResponseRenderer,
) -> None:
    reply = renderer.render("utter_hello", "ti", {"name": "Selam"})
    assert reply.text == "Hello Selam!"
    assert reply.custom()["language"] == "en"
    assert reply.custom()["translation"] == "source"


def test_a_fuzzy_translation_is_never_shown(renderer: ResponseRenderer) -> None:
    reply = renderer.render("utter_bye", "ar", {})
    assert reply.text == "Goodbye." and reply.language == "en"


def test_sources_and_office_pass_through_to_the_reply(renderer: ResponseRenderer) -> None:
    office = {"id": "welcome-centre", "kind": "advice", "name": "Welcome Centre"}
    reply = renderer.render("utter_bye", "en", {"office": office, "unrelated": 1})
    assert reply.custom()["office"] == office
    assert "unrelated" not in reply.custom()


def test_an_unknown_response_is_an_error(renderer: ResponseRenderer) -> None:
    with pytest.raises(UnknownResponse):
        renderer.render("utter_nothing", "en", {})


def test_a_missing_value_leaves_a_blank_not_a_raw_placeholder() -> None:
    assert fill("Call {phone} today", {}) == "Call  today"


def test_a_turn_with_machine_translated_content_is_labelled_machine(
    renderer: ResponseRenderer,
) -> None:
    reply = renderer.render("utter_hello", "ar", {"name": "x", "content_translation": "machine"})
    assert reply.language == "ar" and reply.translation == "machine"


def test_content_only_in_english_makes_the_whole_turn_english(renderer: ResponseRenderer) -> None:
    reply = renderer.render(
        "utter_hello",
        "ar",
        {"name": "x", "content_language": "en", "content_translation": "source"},
    )
    assert reply.text == "Hello x!"
    assert (reply.language, reply.translation) == ("en", "source")


class Uppercase:
    """A machine translator that needs no model: it shouts the English text."""

    def translate(self, text: str, source: str, target: str) -> MachineResult | None:
        return MachineResult(text.upper().replace("{NAME}", "{name}"), source, target, "upper")

    def available_pairs(self) -> set[tuple[str, str]]:
        return {("en", "de")}


def test_without_a_curated_translation_a_machine_translation_is_labelled_with_its_original(
    tmp_path: Path, renderer: ResponseRenderer
) -> None:
    machine = ResponseRenderer(
        tmp_path / "domain", PoCatalogs(tmp_path / "translations"), Uppercase()
    )
    reply = machine.render("utter_hello", "de", {"name": "Jana"})
    assert reply.text == "HELLO Jana!"
    assert reply.custom()["translation"] == "machine"
    assert reply.custom()["original"] == "Hello Jana!"


def test_a_reply_left_in_english_carries_a_notice_in_the_persons_language(tmp_path: Path) -> None:
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "a.yml").write_text(
        'responses:\n  utter_x:\n    - text: "Only English."\n'
        '  utter_not_translated_notice:\n    - text: "Not in your language yet."\n',
        encoding="utf-8",
    )
    catalog = Catalog(locale="uk")
    catalog.add(
        "Not in your language yet.",
        "Ще не вашою мовою.",
        context="response:utter_not_translated_notice",
    )
    (tmp_path / "translations" / "a").mkdir(parents=True)
    with (tmp_path / "translations" / "a" / "uk.po").open("wb") as handle:
        write_po(handle, catalog)
    reply = ResponseRenderer(tmp_path / "domain", PoCatalogs(tmp_path / "translations")).render(
        "utter_x", "uk", {}
    )
    assert (reply.text, reply.language) == ("Only English.", "en")
    assert reply.custom()["notice"] == {"text": "Ще не вашою мовою.", "language": "uk"}
