"""A machine translation that drops, loses, copies or loops is never shown: the person gets
the English text with the "not yet available in your language" notice, and the failure is
counted per language pair.

The translator is the product's own (installed package, sentence splitting, placeholder
markers, gate, cache, counts); only the model's output per sentence is written by the test,
as the failures of real models cannot be produced on demand.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot.machine_translation import ArgosTranslator, MemoryCache, TranslationSettings
from bot.machine_translation.quality import check_copy_and_loop, check_sentence, check_template
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs

SOURCE = (
    "The housing office helps you find a flat. Please bring your passport and your "
    "residence permit. Call {office_phone} or 0551 1234567 before 16:00."
)
FIRST = "The housing office helps you find a flat."
SECOND = "Please bring your passport and your residence permit."
THIRD = "Call [1] or 0551 1234567 before 16:00."
GOOD = {
    FIRST: "يساعدك مكتب الإسكان في العثور على شقة.",
    SECOND: "يرجى إحضار جواز سفرك وتصريح إقامتك.",
    THIRD: "اتصل بالرقم [1] أو 0551 1234567 قبل الساعة 16:00.",
}
NOTICE_AR = "هذه الإجابة غير متوفرة بلغتك بعد."
DOMAIN = f"""
responses:
  utter_housing:
    - text: "{SOURCE}"
      buttons:
        - title: "More about housing"
          payload: /housing
  utter_not_translated_notice:
    - text: "This answer is not yet available in your language."
"""
PHONE = "+49 5555 0101"


class ScriptedModel(ArgosTranslator):
    """The product's translator, with each sentence's model output given by the test."""

    def __init__(self, packages_dir: Path, outputs: dict[str, str]) -> None:
        super().__init__(TranslationSettings(packages_dir=packages_dir), MemoryCache(64))
        self.outputs = outputs
        self.sentences_seen: list[str] = []

    def _translate_sentences(self, loaded: Any, batch: list[str]) -> list[str]:
        self.sentences_seen.extend(batch)
        return [self.outputs[sentence] for sentence in batch]


@pytest.fixture
def renderer_for(tmp_path: Path, packages_dir: Path):
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "housing.yml").write_text(DOMAIN, encoding="utf-8")
    catalog = Catalog(locale="ar")
    catalog.add(
        "This answer is not yet available in your language.",
        NOTICE_AR,
        context="response:utter_not_translated_notice",
    )
    (tmp_path / "translations" / "housing").mkdir(parents=True)
    with (tmp_path / "translations" / "housing" / "ar.po").open("wb") as handle:
        write_po(handle, catalog)

    def make(outputs: dict[str, str]) -> tuple[ResponseRenderer, ScriptedModel]:
        model = ScriptedModel(packages_dir, {"More about housing": "المزيد عن السكن", **outputs})
        renderer = ResponseRenderer(
            tmp_path / "domain", PoCatalogs(tmp_path / "translations"), model
        )
        return renderer, model

    return make


def test_quality_gate_shows_a_sound_translation_labelled_machine_with_its_original(
    renderer_for,
) -> None:
    renderer, model = renderer_for(GOOD)
    reply = renderer.render("utter_housing", "ar", {"office_phone": PHONE})
    assert reply.text == (
        "يساعدك مكتب الإسكان في العثور على شقة. يرجى إحضار جواز سفرك وتصريح إقامتك. "
        f"اتصل بالرقم {PHONE} أو 0551 1234567 قبل الساعة 16:00."
    )
    assert reply.custom()["translation"] == "machine" and reply.language == "ar"
    assert reply.custom()["original"] == SOURCE.format(office_phone=PHONE)
    assert "notice" not in reply.custom()
    assert model.sentences_seen[:3] == [FIRST, SECOND, THIRD]  # one sentence at a time
    assert model.counts.figures() == [
        {"source": "en", "target": "ar", "shown": 2, "withheld": 0, "reasons": {}}
    ]


BAD_OUTPUTS = {
    "a sentence dropped": ({SECOND: ""}, "length"),
    "half a sentence dropped": ({SECOND: "يرجى إحضار."}, "length"),
    "the placeholder lost": (
        {THIRD: "اتصل بالرقم أو 0551 1234567 قبل الساعة 16:00."}, "placeholders"
    ),
    "the placeholder twice": ({THIRD: "اتصل [1] [1] أو 0551 1234567 قبل 16:00."}, "placeholders"),
    "the source copied": ({FIRST: FIRST}, "copy"),
    "a word looping": ({SECOND: "يرجى إحضار إحضار إحضار إحضار جواز سفرك."}, "loop"),
    "a phrase looping": (
        {FIRST: "مكتب الإسكان يساعدك مكتب الإسكان يساعدك مكتب الإسكان يساعدك."}, "loop"
    ),
    "a phone number changed": (
        {THIRD: "اتصل بالرقم [1] أو 0551 1234568 قبل الساعة 16:00."}, "numbers"
    ),
    "a time lost": ({THIRD: "اتصل بالرقم [1] أو 0551 1234567 في الصباح."}, "numbers"),
}


@pytest.mark.parametrize("failure", list(BAD_OUTPUTS))
def test_quality_gate_withholds_a_bad_translation_shows_english_with_the_notice_and_counts_it(
    renderer_for, failure: str
) -> None:
    broken, reason = BAD_OUTPUTS[failure]
    renderer, model = renderer_for({**GOOD, **broken})

    for _ in range(2):  # the second time from the cache: still withheld, counted again
        reply = renderer.render("utter_housing", "ar", {"office_phone": PHONE})
        assert reply.text == SOURCE.format(office_phone=PHONE)
        assert (reply.language, reply.translation) == ("en", "source")
        assert reply.custom()["notice"] == {"text": NOTICE_AR, "language": "ar"}
        assert "original" not in reply.custom()
        assert [button.title for button in reply.buttons] == ["More about housing"]

    figures = {(row["source"], row["target"]): row for row in model.counts.figures()}
    assert figures[("en", "ar")]["withheld"] == 2
    assert figures[("en", "ar")]["reasons"] == {reason: 2}


def test_quality_gate_withholding_a_button_keeps_the_whole_turn_in_english(renderer_for) -> None:
    renderer, model = renderer_for(GOOD)
    model.outputs["More about housing"] = "More about housing"  # copied: withheld
    reply = renderer.render("utter_housing", "ar", {"office_phone": PHONE})
    assert (reply.language, reply.translation) == ("en", "source")
    assert reply.text == SOURCE.format(office_phone=PHONE)
    assert reply.buttons[0].title == "More about housing"
    assert reply.custom()["notice"]["language"] == "ar"


def test_quality_gate_compares_lengths_across_scripts() -> None:
    """A Han character weighs about three Latin letters: a faithful zh -> en passes, a
    translation of only part of the sentence does not."""
    chinese = "您可以在教育局为您的孩子办理入学登记。"
    faithful = "You can register your children at the Education Department."
    assert check_sentence(chinese, faithful).passed
    assert check_sentence(chinese, "Register.").reason == "length"
    assert check_sentence("Hello.", "مرحبا.").passed
    assert check_sentence("ሰላም።", "Hello.").passed
    assert check_sentence("Hi.", "Hi " * 40).reason == "length"


def test_quality_gate_allows_names_and_repeats_that_are_in_the_source() -> None:
    assert check_copy_and_loop("Lindenbruck.", "Lindenbruck.").passed  # too short to judge
    assert check_copy_and_loop("Ja, ja, ja, das stimmt.", "Yes, yes, yes, that's right.").passed
    opening = "Open 8:00 - 16:00, call 112."
    assert check_template(opening, "Geöffnet 8.00-16.00, Notruf 112.").passed
    assert check_template("Tel. 0551 123 45 67.", "هاتف ٠٥٥١١٢٣٤٥٦٧.").passed
    assert check_template("Call {a}.", "Rufen Sie {a} an.").passed
    assert check_template("From 01.02.2026.", "Ab 1.2.2026.").passed
    assert check_template("Call {a}.", "Rufen Sie an.").reason == "placeholders"
