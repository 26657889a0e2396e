"""Naming a language inside a need never changes the reply language; asking for one does.

"I want to learn German" is the most common wish of a newcomer: it must reach the catalogue
(a German course), not switch the conversation to German or English. An explicit request
("please answer in English", "auf Deutsch bitte", "اكتب لي بالعربية") still switches, in
every language. Checked three ways: the text rule (explicit_choice), the reply-language
decision (decide), and the Rasa component that overrules the intent classifier.
"""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.language import decide, explicit_choice
from rasa_addons.language_detector import LanguageRequestCheck

# (language the message is written in, message naming a language inside a need)
NEEDS = [
    ("en", "I want to learn German"), ("en", "a German course"), ("en", "Arabic-speaking doctor"),
    ("en", "I need a doctor who speaks Arabic"), ("en", "where can I learn English"),
    ("de", "Ich möchte Deutsch lernen"), ("de", "Deutschkurs"), ("de", "ein Deutschkurs bitte"),
    ("de", "Arzt der Arabisch spricht"),
    ("ar", "أريد أن أتعلم الألمانية"), ("ar", "دورة اللغة الألمانية"), ("ar", "طبيب يتكلم العربية"),
    ("uk", "хочу вивчити німецьку"), ("uk", "курси німецької мови"),
    ("uk", "лікар, який говорить українською"),
    ("ru", "хочу выучить немецкий"), ("ru", "курсы немецкого языка"),
    ("ru", "врач, говорящий по-русски"),
    ("tr", "Almanca öğrenmek istiyorum"), ("tr", "Almanca kursu"), ("tr", "Türkçe konuşan doktor"),
    ("fa", "می‌خواهم آلمانی یاد بگیرم"), ("fa", "کلاس زبان آلمانی"), ("fa", "دکتر فارسی زبان"),
    ("ps", "زه غواړم الماني زده کړم"), ("ps", "د الماني ژبې کورس"),
    ("ps", "ډاکټر چې پښتو خبرې کوي"),
    ("so", "Waxaan rabaa inaan barto af Jarmal"), ("so", "koorso af Jarmal ah"),
    ("so", "dhakhtar ku hadla af Soomaali"),
    ("ti", "ጀርመንኛ ክመሃር እደሊ"), ("ti", "ናይ ጀርመንኛ ትምህርቲ"), ("ti", "ትግርኛ ዝዛረብ ሓኪም"),
    ("fr", "Je veux apprendre l'allemand"), ("fr", "un cours d'allemand"),
    ("fr", "médecin qui parle arabe"),
    ("es", "Quiero aprender alemán"), ("es", "un curso de alemán"),
    ("es", "médico que hable árabe"),
    ("pl", "Chcę się uczyć niemieckiego"), ("pl", "kurs niemieckiego"),
    ("pl", "lekarz mówiący po polsku"),
    ("ro", "Vreau să învăț germana"), ("ro", "curs de limba germană"),
    ("ro", "medic care vorbește română"),
]

# (message written in some language, the language it asks for, a language to switch from)
REQUESTS = [
    ("please answer in English", "en", "de"), ("can you write in German please", "de", "en"),
    ("auf Deutsch bitte", "de", "ar"), ("Bitte antworten Sie auf Englisch", "en", "de"),
    ("اكتب لي بالعربية", "ar", "de"), ("تكلم معي بالعربي من فضلك", "ar", "en"),
    ("відповідайте українською, будь ласка", "uk", "ru"), ("пишіть українською", "uk", "en"),
    ("пишите по-русски пожалуйста", "ru", "uk"), ("ответьте на русском", "ru", "de"),
    ("Türkçe yazın lütfen", "tr", "de"), ("Türkçe konuşalım", "tr", "en"),
    ("لطفا فارسی بنویسید", "fa", "ar"), ("به فارسی جواب بدهید", "fa", "en"),
    ("په پښتو ولیکئ", "ps", "fa"), ("مهرباني وکړئ په پښتو خبرې وکړئ", "ps", "en"),
    ("fadlan af Soomaali igu qor", "so", "en"), ("af Soomaali igula hadal", "so", "de"),
    ("ብትግርኛ ጽሓፉ", "ti", "en"), ("በጃኹም ብትግርኛ", "ti", "de"),
    ("répondez en français s'il vous plaît", "fr", "en"), ("écrivez-moi en français", "fr", "de"),
    ("responde en español por favor", "es", "en"), ("escríbeme en español", "es", "fr"),
    ("proszę pisać po polsku", "pl", "de"), ("odpowiedz po polsku", "pl", "uk"),
    ("scrieți în română vă rog", "ro", "de"), ("răspundeți în limba română", "ro", "en"),
]


@pytest.fixture
def check(tmp_path: Path) -> LanguageRequestCheck:
    return LanguageRequestCheck.create(
        LanguageRequestCheck.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("language_request_check"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def _classified_as_choose_language(text: str) -> Message:
    message = Message.build(text=text)
    message.data["intent"] = {"name": "choose_language", "confidence": 0.93}
    message.data["intent_ranking"] = [
        {"name": "choose_language", "confidence": 0.93},
        {"name": "out_of_scope", "confidence": 0.04},
    ]
    return message


@pytest.mark.parametrize(("language", "text"), NEEDS)
def test_a_need_naming_a_language_is_no_request_for_it(language: str, text: str) -> None:
    assert explicit_choice(text) is None


@pytest.mark.parametrize(("language", "text"), NEEDS)
def test_a_need_naming_a_language_keeps_the_conversation_language(language: str, text: str) -> None:
    decision = decide(text, current=language)
    assert (decision.language, decision.switched) == (language, False)


@pytest.mark.parametrize(("language", "text"), NEEDS)
def test_a_need_classified_as_choose_language_goes_to_the_catalogue(
    check: LanguageRequestCheck, language: str, text: str
) -> None:
    [message] = check.process([_classified_as_choose_language(text)])
    assert message.get("intent")["name"] == "nlu_fallback"
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "out_of_scope"]


@pytest.mark.parametrize(("text", "asked", "current"), REQUESTS)
def test_an_explicit_request_names_the_language(text: str, asked: str, current: str) -> None:
    assert explicit_choice(text) == asked


@pytest.mark.parametrize(("text", "asked", "current"), REQUESTS)
def test_an_explicit_request_switches_the_reply_language(
    text: str, asked: str, current: str
) -> None:
    decision = decide(text, current=current)
    assert (decision.language, decision.switched, decision.reason) == (asked, True, "explicit:text")


@pytest.mark.parametrize(("text", "asked", "current"), REQUESTS)
def test_an_explicit_request_keeps_its_choose_language_intent(
    check: LanguageRequestCheck, text: str, asked: str, current: str
) -> None:
    [message] = check.process([_classified_as_choose_language(text)])
    assert message.get("intent")["name"] == "choose_language"


def test_the_picker_button_and_other_intents_pass_unchanged(check: LanguageRequestCheck) -> None:
    button = _classified_as_choose_language('/choose_language{"language":"de"}')
    other = Message.build(text="I want to learn German")
    other.data["intent"] = {"name": "out_of_scope", "confidence": 0.6}
    [button, other] = check.process([button, other])
    assert button.get("intent")["name"] == "choose_language"
    assert other.get("intent") == {"name": "out_of_scope", "confidence": 0.6}


def test_the_check_runs_after_the_classifiers_in_the_project_pipeline() -> None:
    from rasa.engine.recipes.recipe import Recipe
    from rasa.engine.validation import validate
    from rasa.shared.data import TrainingType
    from rasa.shared.utils.io import read_yaml_file

    config = read_yaml_file(Path(__file__).resolve().parents[2] / "config.yml")
    names = [step["name"] for step in config["pipeline"]]
    assert names.index("rasa_addons.language_detector.LanguageRequestCheck") > names.index(
        "FallbackClassifier"
    )
    recipe = Recipe.recipe_for_name("default.v1")
    validate(recipe.graph_config_for_recipe(config, {}, training_type=TrainingType.BOTH))
