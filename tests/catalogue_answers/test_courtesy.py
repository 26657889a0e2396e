"""Words of thanks and goodbye tell a courtesy from a need NLU took for one
(bot/catalogue/courtesy.py)."""
from __future__ import annotations

import pytest
import yaml

from bot.catalogue import CatalogueData
from bot.catalogue.courtesy import COURTESY_WORDS, is_courtesy
from bot.language import SUPPORTED


def test_every_supported_language_has_words_of_thanks_and_goodbye() -> None:
    lists = yaml.safe_load(COURTESY_WORDS.read_text(encoding="utf-8"))
    assert set(lists) == set(SUPPORTED)
    assert all(lists[language] for language in SUPPORTED)


@pytest.mark.parametrize("text", [
    "thank you so much for the help with the Kita", "good night", "Danke!", "Ok tschüss",
    "شكرا جزيلا", "شب بخیر", "مننه", "дякую", "спасибо большое", "teşekkürler", "hoşça kal",
    "mahadsanid", "የቐንየለይ", "merci beaucoup", "muchas gracias", "dziękuję", "mulțumesc",
])
def test_thanks_and_goodbyes_read_as_courtesy(text: str) -> None:
    assert is_courtesy(text)


@pytest.mark.parametrize("text", [
    "شب جایی برای خواب ندارم", "мне негде спать", "ich brauche eine Wohnung", "para mi hijo",
    "dzieci", "أين سأعيش؟", "мы пока живём в хайме",
])
def test_needs_do_not_read_as_courtesy(text: str) -> None:
    assert not is_courtesy(text)


def test_no_question_of_the_catalogue_reads_as_courtesy(sample: CatalogueData) -> None:
    """A word of goodbye inside a question ("пока", bye or still, in "пока я на работе")
    would keep a need NLU took for a goodbye from its answer."""
    read = [question.text for service in sample.services for question in service.questions
            if is_courtesy(question.text)]
    assert read == []
