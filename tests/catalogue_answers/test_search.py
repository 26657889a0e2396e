"""The catalogue search finds the service people mean, in every language and spelling."""
from __future__ import annotations

import time
from datetime import date

import pytest

from bot.catalogue.answers import Catalogue, respond
from bot.catalogue.search import IndexedText, SearchIndex, interpret, tokens
from bot.translation.po_catalogs import PoCatalogs

SCHOOL = "school-registration-new-arrivals"

# One or two everyday questions per language, with the service a good answer comes from.
# These are the search's development cases; the held-out questions (heldout/) measure it.
QUESTIONS = [
    ("en", "how do I register my child for school", SCHOOL),
    ("en", "my landlord wants to evict me", "help-keeping-your-flat"),
    ("de", "Wie bekomme ich einen Kita-Gutschein?", "kita-place-and-voucher"),
    ("de", "Ich muss meine neue Wohnung anmelden", "address-registration"),
    ("ar", "كيف أسجل ابني في المدرسة", SCHOOL),
    ("ar", "أريد أن أتعلم اللغة الألمانية", "integration-course"),
    ("uk", "як записати дитину до школи", SCHOOL),
    ("uk", "де отримати житлову допомогу Wohngeld", "housing-benefit"),
    ("ru", "как записать ребёнка в школу", SCHOOL),
    ("ru", "мне нужен бесплатный переводчик в ведомство", "city-interpreting-service"),
    ("tr", "çocuğumu okula kaydettirmek istiyorum", SCHOOL),
    ("tr", "sağlık sigortası nasıl yapılır", "health-insurance"),
    ("fa", "چطور بچه‌ام را در مدرسه ثبت‌نام کنم", SCHOOL),
    ("fa", "بیمه درمانی ندارم، دکتر می‌خواهم", "care-without-insurance"),
    ("ps", "زه غواړم خپل ماشوم په ښوونځي کې نوم لیکنه وکړم", SCHOOL),
    ("ps", "د الماني ژبې کورس", "integration-course"),
    ("so", "sidee ilmaha dugsiga loogu diiwaangeliyaa", SCHOOL),
    ("so", "caymiska caafimaadka", "health-insurance"),
    ("ti", "ምዝገባ ቤት ትምህርቲ ንቖልዓ", SCHOOL),
    ("ti", "ኮርስ ውህደት", "integration-course"),
    ("fr", "comment inscrire mon fils à l'école", SCHOOL),
    ("fr", "je cherche une place en crèche", "kita-place-and-voucher"),
    ("es", "cómo inscribo a mi hija en la escuela", SCHOOL),
    ("es", "necesito una vacuna contra el sarampión", "vaccinations"),
    ("pl", "jak zapisać syna do szkoły", SCHOOL),
    ("pl", "szukam kursu integracyjnego", "integration-course"),
    ("ro", "cum înscriu copilul la școală", SCHOOL),
    ("ro", "am nevoie de asigurare de sănătate", "health-insurance"),
]

# Latin-letter spellings of words written in other scripts, as people type them.
TRANSLITERATIONS = [
    ("kurs almani", "integration-course"),
    ("tasjil madrasa", SCHOOL),
    ("propiska", "address-registration"),
    ("sabt nam madrese", SCHOOL),
    ("privivka dlya rebenka", "vaccinations"),
    ("behandlungsschein", "health-care-asylum-seekers"),
    ("dopomoha na zhytlo", "housing-benefit"),
]


@pytest.mark.parametrize(("language", "question", "service"), QUESTIONS)
def test_search_finds_the_service_asked_about_in_every_language(
    index: SearchIndex, language: str, question: str, service: str
) -> None:
    found = [match.service_id for match in index.search(question)]
    assert found[:1] == [service], f"{language}: {question!r} -> {found}"


def test_the_school_question_is_answered_at_once_in_english_arabic_and_ukrainian(
    index: SearchIndex,
) -> None:
    for question in ("how do I register my child for school", "كيف أسجل ابني في المدرسة",
                     "як записати дитину до школи"):
        decision = interpret(index.search(question), index.known_share(question))
        assert decision.kind == "answer", question
        assert decision.matches[0].service_id == SCHOOL


@pytest.mark.parametrize(("typed", "service"), TRANSLITERATIONS)
def test_transliterations_find_the_service(index: SearchIndex, typed: str, service: str) -> None:
    found = [match.service_id for match in index.search(typed)]
    assert service in found[:3], f"{typed!r} -> {found}"


def test_misspelt_words_still_find_the_service(index: SearchIndex) -> None:
    assert index.search("integraton cours")[0].service_id.startswith("integration-course")
    assert index.search("helth insurence")[0].service_id == "health-insurance"


def test_a_german_word_inside_another_language_is_found(index: SearchIndex) -> None:
    assert index.search("ما هو Wohngeld")[0].service_id == "housing-benefit"
    assert index.search("що таке Anmeldung")[0].service_id == "address-registration"


def test_an_ambiguous_word_offers_up_to_three_services(index: SearchIndex) -> None:
    decision = interpret(index.search("kurs almani"))
    assert decision.kind == "choose"
    assert 2 <= len(decision.matches) <= 3
    assert "integration-course" in [match.service_id for match in decision.matches]


# Questions about things the sample catalogue does not cover.
NOT_IN_CATALOGUE = [
    ("en", "how do I get a fishing licence"),
    ("en", "where can I buy a bicycle"),
    ("de", "wo kann ich mein Auto reparieren lassen"),
    # Known miss since the everyday-need questions (7 December 2026, later that night): the
    # ranker gives the address registration 0.31 against 0.05 for "about no service", a
    # lone candidate answered at 0.3 (as "где починить телефон" below).
    pytest.param("de", "Wie beantrage ich einen Hundeausweis?", marks=pytest.mark.xfail(
        reason="the ranker takes a dog licence for the address registration", strict=False)),
    ("ar", "أين أشتري تذكرة قطار"),
    ("uk", "де купити квиток на потяг"),
    # Known miss since the catalogue's questions grew (7 December 2026, night): the ranker
    # gives "help keeping your flat" 0.35 against 0.13 for "about no service", and the
    # thresholds chosen on the folds (bench/ranker_folds.py) answer a lone candidate at 0.3;
    # the two stricter rules tried lost more right answers there than wrong ones
    # (docs/answering.md).
    pytest.param("ru", "где починить телефон", marks=pytest.mark.xfail(
        reason="the ranker takes repairs for help keeping a flat", strict=False)),
    ("tr", "balık tutma izni nasıl alınır"),
    ("fa", "کجا می‌تونم دوچرخه بخرم"),
    ("ps", "د موټر چلولو جواز څنګه واخلم"),
    ("so", "xagee ka iibsadaa baaskiil"),
    ("ti", "ብሽክለታ ኣበይ ክዕድግ"),
    ("fr", "où acheter un vélo"),
    ("es", "dónde puedo pescar"),
    ("pl", "gdzie kupić rower"),
    ("ro", "unde pot repara mașina"),
]


@pytest.mark.parametrize(("language", "question"), NOT_IN_CATALOGUE)
def test_a_question_about_something_the_catalogue_lacks_gets_no_answer(
    ranked_catalogue: Catalogue, catalogs: PoCatalogs, language: str, question: str
) -> None:
    """The word search may find a word ("جواز", a permit, in "driving licence"); the reply,
    decided with the service ranker, still answers no service."""
    reply = respond(ranked_catalogue, "how", question, language, catalogs, date(2026, 12, 7))
    assert reply.kind != "answer", reply.service_id


def test_question_words_alone_name_no_service(index: SearchIndex) -> None:
    for question in ("where do I go?", "what documents do I need", "wo muss ich hin",
                     "وين لازم روح", "хто може це отримати",
                     # "gdzie" is a word of the keyword "nie mam gdzie spać", but asks where
                     "Gdzie mam iść?", "¿A dónde tengo que ir?"):
        assert interpret(index.search(question)).kind == "nothing", question
        assert index.unknown_words(question) == [], question


def test_a_new_topic_has_unknown_words(index: SearchIndex) -> None:
    assert "licence" in index.unknown_words("how do I get a fishing licence")
    assert index.unknown_words("где купить билет на рыбалку") != []


@pytest.mark.parametrize("question", [
    "¿qué tengo que llevar?", "¿cómo lo hago?", "Ce acte îmi trebuie?", "куда обращаться?",
    "کجا باید بروم؟", "Xagee baan aadaa?",
])
def test_words_people_use_asking_about_services_are_no_new_topic(
    index: SearchIndex, question: str,
) -> None:
    """Words of the catalogue's own questions ("llevar", "acte", "baan") that are no
    service's word: a follow-up made of them stays on the conversation's service."""
    assert index.unknown_words(question) == []


def test_the_arabic_article_does_not_hide_a_word() -> None:
    assert tokens("المدرسة") == tokens("مدرسة")
    assert tokens("بالمدرسة") == tokens("مدرسة")


def test_tigrinya_inflections_share_a_consonant_skeleton() -> None:
    assert tokens("ትምህርቲ") == tokens("ትምህርት")


def test_scores_are_best_first_and_limited(index: SearchIndex) -> None:
    found = index.search("school", limit=3)
    assert len(found) == 3
    scores = [match.score for match in found]
    assert scores == sorted(scores, reverse=True)


def test_search_is_fast(index: SearchIndex) -> None:
    started = time.perf_counter()
    for _ in range(20):
        index.search("wie bekomme ich einen Termin für die Anmeldung meiner Wohnung")
    assert (time.perf_counter() - started) / 20 < 0.05


def test_an_index_can_be_built_from_any_texts() -> None:
    index = SearchIndex([IndexedText("a", "library card"), IndexedText("b", "swimming pool")])
    assert [match.service_id for match in index.search("swimming")] == ["b"]
    assert index.search("") == []


def test_persian_written_without_zero_width_non_joiners_is_found(index: SearchIndex) -> None:
    question = "چطور بچهام را در مدرسه ثبتنام کنم"  # "بچه‌ام", "ثبت‌نام" typed without ZWNJ
    decision = interpret(index.search(question), index.known_share(question))
    assert (decision.kind, decision.matches[0].service_id) == ("answer", SCHOOL)
