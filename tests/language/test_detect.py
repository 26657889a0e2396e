"""Detection of the language a message is written in."""

import pytest

from bot.language import SUPPORTED, Detection, detect

GREETINGS = {
    "en": "hello",
    "de": "Hallo",
    "ar": "مرحبا",
    "uk": "Привіт",
    "ru": "Привет",
    "tr": "Merhaba",
    "fa": "سلام، خوبی؟",
    "ps": "ستړي مه شې",
    "so": "Iska warran",
    "ti": "ሰላም ከመይ ኣለኻ",
    "fr": "Bonjour",
    "es": "Hola",
    "pl": "Cześć",
    "ro": "Bună ziua",
}

SENTENCES = {
    "en": "Hello, I am looking for an apartment and need help with the rent.",
    "de": "Guten Tag, ich suche eine Wohnung und brauche Hilfe beim Jobcenter.",
    "ar": "مرحبا، أبحث عن شقة وأحتاج إلى مساعدة في دورة اللغة الألمانية.",
    "uk": "Добрий день, я шукаю житло і мені потрібна допомога з документами.",
    "ru": "Здравствуйте, я ищу квартиру и мне нужна помощь с документами.",
    "tr": "Merhaba, bir ev arıyorum ve Almanca kursu için yardıma ihtiyacım var.",
    "fa": "سلام، من دنبال خانه هستم و برای کلاس زبان آلمانی کمک می‌خواهم.",
    "ps": "سلام، زه د کور په لټه کې یم او د الماني ژبې کورس ته اړتیا لرم.",
    "so": "Waxaan raadinayaa guri, waxaana u baahanahay caawimaad ku saabsan koorsada luqadda.",
    "ti": "ሰላም፡ ኣነ ገዛ እደሊ ኣለኹ፡ ኣብ ትምህርቲ ቋንቋ ጀርመን ሓገዝ የድልየኒ እዩ።",
    "fr": "Bonjour, je cherche un logement et j'ai besoin d'aide pour le cours d'allemand.",
    "es": "Hola, busco un piso y necesito ayuda con el curso de alemán, por favor.",
    "pl": "Dzień dobry, szukam mieszkania i potrzebuję pomocy w sprawie kursu niemieckiego.",
    "ro": "Bună ziua, caut o locuință și am nevoie de ajutor pentru cursul de limba germană.",
}


@pytest.mark.parametrize("language", SUPPORTED)
def test_detect_recognises_a_greeting_in_every_supported_language(language: str) -> None:
    assert detect(GREETINGS[language]).language == language


@pytest.mark.parametrize("language", SUPPORTED)
def test_detect_recognises_a_sentence_in_every_supported_language_with_confidence(
    language: str,
) -> None:
    found = detect(SENTENCES[language])
    assert found.language == language
    assert found.confidence >= 0.9
    assert found.unsupported is None


@pytest.mark.parametrize(
    ("text", "language"),
    [("مرحبا", "ar"), ("Привіт", "uk"), ("hello", "en"), ("Hallo", "de"),
     ("Дякую", "uk"), ("Спасибо", "ru"), ("merhaba", "tr"), ("salaan", "so"),
     ("selam", "tr"), ("hola", "es"), ("bonjour", "fr"), ("cześć", "pl"), ("привет", "ru")],
)
def test_detect_recognises_single_greetings(text: str, language: str) -> None:
    assert detect(text).language == language


@pytest.mark.parametrize("text", ["", "   ", "?", "112", "👍", "0176 1234567", "!!!", "https://example.org"])
def test_detect_returns_no_language_for_text_without_words(text: str) -> None:
    found = detect(text)
    assert found.language is None
    assert found.confidence == 0.0


@pytest.mark.parametrize("text", ["ok", "OK", "okay", "taxi"])
def test_detect_treats_international_words_as_no_evidence(text: str) -> None:
    assert detect(text).language is None


def test_detect_is_deterministic() -> None:
    texts = list(SENTENCES.values()) + ["salam", "Ahmed", "kurs"]
    assert [detect(t) for t in texts] == [detect(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Я живу в місті і шукаю роботу", "uk"), ("Я живу в городе и ищу работу", "ru"),
     ("Чи можу я записатися на курс?", "uk"), ("Можно ли записаться на курс?", "ru"),
     ("Їжа", "uk"), ("Объявление", "ru"), ("Лінденаллее 12, Вестенд", "uk"),
     ("Линденаллее 12, Вестэнд", "ru")],
)
def test_detect_tells_ukrainian_from_russian(text: str, language: str) -> None:
    assert detect(text).language == language


@pytest.mark.parametrize(
    ("text", "language"),
    [("زه غواړم چې الماني زده کړم", "ps"), ("ښه", "ps"), ("مننه، ډېره مننه", "ps"),
     ("من می‌خواهم آلمانی یاد بگیرم", "fa"), ("چطوری؟", "fa"), ("خیلی ممنون", "fa"),
     ("أريد أن أتعلم اللغة الألمانية", "ar"), ("شكرا جزيلا", "ar"), ("كيف حالك؟", "ar")],
)
def test_detect_tells_pashto_persian_and_arabic_apart(text: str, language: str) -> None:
    assert detect(text).language == language


def test_detect_reads_ethiopic_script_as_tigrinya() -> None:
    found = detect("የቐንየለይ")
    assert found == Detection("ti", found.confidence, "script:ethiopic")
    assert found.confidence >= 0.7


def test_detect_reports_amharic_as_unsupported() -> None:
    found = detect("ሰላም እንዴት ነህ? አመሰግናለሁ")
    assert found.language is None
    assert found.unsupported == "am"


@pytest.mark.parametrize(
    "text",
    ["Waad salaaman tahay, magacaygu waa Cali", "Mahadsanid walaal", "Waxaan doonayaa shaqo"],
)
def test_detect_recognises_somali(text: str) -> None:
    assert detect(text).language == "so"


@pytest.mark.parametrize(
    ("text", "code"),
    [("Buongiorno, vorrei prendere un appuntamento per domani mattina", "it"),
     ("Olá, eu gostaria de marcar uma consulta para amanhã", "pt"),
     ("你好，我需要帮助", "zh"), ("こんにちは", "ja"), ("안녕하세요", "ko"),
     ("آپ کیسے ہیں؟ مجھے مدد چاہیے", "ur"), ("Γεια σας", "el"), ("नमस्ते", "hi")],
)
def test_detect_reports_unsupported_languages(text: str, code: str) -> None:
    found = detect(text)
    assert found.language is None
    assert found.unsupported == code
    assert found.reason == f"unsupported:{code}"


@pytest.mark.parametrize(
    ("text", "languages"),
    [("salam, kurs almani?", {"fa", "ar"}), ("kayf halak", {"ar"}), ("chetori", {"fa"}),
     ("shukran", {"ar"}), ("khoobi? mamnoon", {"fa"}), ("marhaba", {"ar"})],
)
def test_detect_reads_arabic_and_persian_typed_in_latin_letters(text: str, languages: set) -> None:
    found = detect(text)
    assert found.language in languages
    assert found.reason == "transliteration"


def test_detect_gives_low_confidence_to_ambiguous_salam() -> None:
    assert detect("salam").confidence < 0.8


@pytest.mark.parametrize("text", ["Ahmed", "Lindenbruck", "Maria"])
def test_detect_is_unsure_about_a_lone_name(text: str) -> None:
    assert detect(text).confidence < 0.8


def test_detect_still_reports_czech_with_y_acute_as_unsupported() -> None:
    assert detect("Dobrý den, potřebuji pomoc s bydlením, prosím").unsupported == "cs"


def test_turkish_capital_dotted_i_lower_cases_to_i() -> None:
    from bot.language._text import tokens

    assert tokens("İndirim İŞ") == ["indirim", "iş"]


@pytest.mark.parametrize(
    ("word", "code", "stem"),
    [("kitabını", "tr", "kitap"), ("randevumuzdan", "tr", "randevu"),
     ("dowladdeena", "so", "dowlad"), ("nolosha", "so", "nolol")],
)
def test_inflected_words_reach_their_stem(word: str, code: str, stem: str) -> None:
    from bot.language import _data, _frequencies

    stems = dict(_frequencies.stems_of(word, code, _data.inflections()[code]))
    assert stem in stems


@pytest.mark.parametrize(
    ("word", "stem"), [("daraa", "dar"), ("sideen", "side"), ("saatler", "saat")]
)
def test_turkish_endings_keep_vowel_rules(word: str, stem: str) -> None:
    """No vowel-initial ending after a vowel, no doubled vowel: these are no Turkish forms."""
    from bot.language import _data, _frequencies

    stems = dict(_frequencies.stems_of(word, "tr", _data.inflections()["tr"]))
    assert stem not in stems


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Что такое WBS (Wohnberechtigungsschein)?", "ru"),
        ("Кому нужна Gleichwertigkeitsprüfung?", "ru"),
        ("Де отримати Aufenthaltstitel і Anmeldung?", "uk"),
        ("ما هو Integrationskurs بالضبط؟", "ar"),
        ("چطور برای Wohnberechtigungsschein درخواست بدهم", "fa"),
        ("ኣበይ ይርከብ Jobcenter ኣብ ከተማ", "ti"),
    ],
)
def test_german_terms_inside_another_script_keep_the_writers_language(
    text: str, language: str
) -> None:
    """Long German words in Latin letters must not turn a Russian or Arabic question German."""
    assert detect(text).language == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ('What is "Bildungs- und Teilhabepaket"?', "en"),
        ("¿Qué es la «Anmeldung» y por qué es importante?", "es"),
        ("Wie bekomme ich einen „Kita-Gutschein“?", "de"),
        ("Was bedeutet مدرسة?", "de"),
    ],
)
def test_a_quoted_term_does_not_decide_the_language(text: str, language: str) -> None:
    assert detect(text).language == language
