"""The question word decides the kind of answer, in every language: "how do I register
my child for school" wants how to apply, whatever intent NLU picked."""
from __future__ import annotations

import pytest

from bot.catalogue.question_kind import _words, asked_kind, asks_what_it_is
from bot.language import SUPPORTED

ASKED = [
    ("en", "how do I register my child for school", "how"),
    ("ar", "كيف أسجل ابني في المدرسة", "how"),
    ("uk", "як записати дитину до школи", "how"),
    ("tr", "Çocuğumu okula nasıl kaydettiririm?", "how"),
    ("es", "¿Cómo pido cita?", "how"),
    ("ti", "ብኸመይ ኣብ ቤት ትምህርቲ ክምዝገብ?", "how"),
    ("ps", "زه څنګه کولی شم چې ماشوم په ښوونځي کې ثبت کړم؟", "how"),
    ("de", "Wie lange dauert es, und wie beantrage ich das?", "how"),
    ("de", "Wo ist die Ausländerbehörde", "where"),
    ("fa", "کجا می توانم کلاس زبان پیدا کنم؟", "where"),
    ("fr", "Où puis-je apprendre le français ?", "where"),
    ("de", "Wer bekommt Wohngeld?", "who"),
    ("ru", "Кто имеет право на Бюргергельд?", "who"),
    # What to bring and what it costs are part of how to apply (utter_service_how).
    ("en", "What documents do I need?", "how"),
    ("en", "How much does Kita cost?", "how"),
    ("de", "Welche Unterlagen muss ich mitbringen?", "how"),
    ("es", "¿Qué documentos necesito?", "how"),
    ("fr", "Ça coûte combien ?", "how"),
    ("pl", "Ile to kosztuje?", "how"),
    ("ru", "Сколько это стоит?", "how"),
    ("uk", "Скільки це коштує?", "how"),
    ("tr", "Hangi belgeler gerekli?", "how"),
    ("ar", "ما هي الأوراق المطلوبة؟", "how"),
    ("fa", "چه مدارکی لازم است؟", "how"),
]
UNDECIDED = [
    ("en", "how much is the ticket"),
    ("en", "Where can I find out who is eligible"),
    ("ru", "Как дела?"),
    ("de", "Wohngeld"),
    # Help with costs is a service, not a question about fees.
    ("fa", "کمک هزینه اجاره خانه"),
    ("de", "wir arbeiten beide, aber die Miete ist zu teuer"),
    ("en", "/ask_how"),
    ("xx", "how do I register"),
]


@pytest.mark.parametrize(("language", "text", "kind"), ASKED)
def test_the_question_word_names_the_kind(language: str, text: str, kind: str) -> None:
    assert asked_kind(text, language) == kind


@pytest.mark.parametrize(("language", "text"), UNDECIDED)
def test_no_word_or_words_of_several_kinds_leave_it_to_nlu(language: str, text: str) -> None:
    assert asked_kind(text, language) is None


def test_every_supported_language_has_question_words() -> None:
    words = _words()
    assert set(words) == set(SUPPORTED)
    for language, lists in words.items():
        assert all(lists.kinds[kind] for kind in ("how", "where", "who")), language


WHAT_IT_IS = [
    ("en", "what's a WBS and do I need one"),
    ("de", "Was ist eigentlich ein Wohnberechtigungsschein?"),
    ("ar", "ما هي شهادة أحقية السكن؟"),
    ("fa", "کارت اقامت چیست؟"),
    ("ps", "د استوګنې اجازه څه شی دی؟"),
    ("uk", "Що таке Bürgergeld?"),
    ("ru", "что такое бюргергельд"),
    ("tr", "Kita Gutscheini nedir?"),
    ("so", "Jobcenter-ku waa maxay?"),
    ("ti", "ኪታ እንታይ እዩ?"),
    ("fr", "C'est quoi le Bürgergeld ?"),
    ("es", "¿Qué es el Bürgergeld?"),
    ("pl", "Co to jest Kita?"),
    ("ro", "Ce este un Kita-Gutschein?"),
]
NOT_WHAT_IT_IS = [
    ("en", "can I get housing benefit"),
    ("es", "¿Qué está pasando con mi solicitud?"),
    ("ru", "могу ли я получить пособие"),
    ("de", "Bekomme ich Wohngeld?"),
]


@pytest.mark.parametrize(("language", "text"), WHAT_IT_IS)
def test_asking_what_something_is_is_recognised_in_every_language(
    language: str, text: str
) -> None:
    assert asks_what_it_is(text, language)


@pytest.mark.parametrize(("language", "text"), NOT_WHAT_IT_IS)
def test_asking_whether_one_can_get_something_is_no_what_is_question(
    language: str, text: str
) -> None:
    assert not asks_what_it_is(text, language)


def test_every_supported_language_can_ask_what_something_is() -> None:
    assert {language for language, _ in WHAT_IT_IS} == set(SUPPORTED)
    assert all(lists.what for lists in _words().values())
