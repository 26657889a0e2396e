"""Facts about the supported languages that the interface renders."""

from bot.language import CITY_LANGUAGE, LANGUAGE_NAMES, RTL, SUPPORTED, text_direction


def test_every_supported_language_has_its_own_name() -> None:
    assert set(LANGUAGE_NAMES) == set(SUPPORTED)
    assert LANGUAGE_NAMES["ar"] == "العربية"
    assert LANGUAGE_NAMES["ti"] == "ትግርኛ"
    assert LANGUAGE_NAMES["uk"] == "Українська"


def test_right_to_left_languages_are_arabic_persian_and_pashto() -> None:
    assert RTL == {"ar", "fa", "ps"}
    assert [text_direction(c) for c in ("ar", "fa", "ps", "de", "ti")] == ["rtl"] * 3 + ["ltr"] * 2


def test_city_language_is_german_and_supported() -> None:
    assert CITY_LANGUAGE == "de"
    assert CITY_LANGUAGE in SUPPORTED


def test_the_sample_city_and_the_assistant_name_the_same_languages() -> None:
    """services_catalogue/city.yml states the city's languages and its own language for
    content; bot.language states what the assistant speaks. They must agree, or a reply
    could be rendered in a language the catalogue has no text for."""
    from bot.catalogue import load_catalogue_files
    from bot.paths import catalogue_dir

    city = load_catalogue_files(catalogue_dir()).city
    assert list(city.languages) == list(SUPPORTED)
    assert city.city_language == CITY_LANGUAGE


def test_importing_the_language_package_loads_no_statistics() -> None:
    import subprocess
    import sys

    code = "import sys, bot.language; print(any(m.startswith('langdetect') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
