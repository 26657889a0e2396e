"""Opening hours read naturally in every supported language (day names and times from CLDR)."""
from __future__ import annotations

from datetime import time

import pytest

from bot.catalogue import Office, OpeningHours, Text, format_opening_hours

LANGUAGES = "en de ar uk ru tr fa ps so ti fr es pl ro".split()


def office(*hours: OpeningHours) -> Office:
    return Office(id="test", kind="advice", name=Text({"en": "Test"}, "en"), fictional=True,
                  step_free_access=True, opening_hours=hours)


WEEKDAYS_9_TO_4 = OpeningHours(("mon", "tue", "wed", "thu", "fri"), time(9), time(16))
SATURDAY_NOTE = OpeningHours(("sat",), time(10), time(12),
                             Text({"en": "By appointment.", "de": "Nach Vereinbarung."}, "en"))


def test_format_opening_hours_in_english() -> None:
    text = format_opening_hours(office(WEEKDAYS_9_TO_4, SATURDAY_NOTE), "en")

    assert text.replace("\u2009", "") == "Mon–Fri 09:00–16:00\nSat 10:00–12:00 (By appointment.)"


def test_format_opening_hours_in_german_uses_german_days_and_the_translated_note() -> None:
    text = format_opening_hours(office(WEEKDAYS_9_TO_4, SATURDAY_NOTE), "de")

    assert text == "Mo.–Fr. 09:00–16:00 Uhr\nSa. 10:00–12:00 Uhr (Nach Vereinbarung.)"


def test_format_opening_hours_in_arabic_uses_arabic_day_names() -> None:
    text = format_opening_hours(office(WEEKDAYS_9_TO_4, SATURDAY_NOTE), "ar")

    assert text.splitlines()[0] == "الاثنين–الجمعة 09:00–16:00"
    # Untranslated notes fall back to the catalogue's source language.
    assert text.splitlines()[1] == "السبت 10:00–12:00 (By appointment.)"


def test_format_opening_hours_in_tigrinya_uses_ethiopic_day_names() -> None:
    text = format_opening_hours(office(WEEKDAYS_9_TO_4), "ti")

    assert text == "ሰኑ–ዓር 09:00–16:00"


def test_format_opening_hours_merges_days_with_the_same_hours_and_lists_them() -> None:
    hours = office(OpeningHours(("mon",), time(8), time(14)),
                   OpeningHours(("wed",), time(8), time(14)),
                   OpeningHours(("tue",), time(10), time(18)))

    assert format_opening_hours(hours, "en").replace("\u2009", "").splitlines() == [
        "Mon and Wed 08:00–14:00", "Tue 10:00–18:00",
    ]


def test_format_opening_hours_shows_round_the_clock_as_until_24_00() -> None:
    always = office(OpeningHours(tuple("mon tue wed thu fri sat sun".split()), time(0), None))

    assert format_opening_hours(always, "de") == "Mo.–So. 00:00–24:00 Uhr"


@pytest.mark.parametrize("language", LANGUAGES)
def test_format_opening_hours_works_in_every_supported_language(language: str) -> None:
    text = format_opening_hours(office(WEEKDAYS_9_TO_4, SATURDAY_NOTE), language)

    first, second = text.splitlines()
    assert "16:00" in first and "12:00" in second
    assert not any(english in text for english in ("Mon", "Fri", "Sat")) or language == "en"


def test_format_opening_hours_is_empty_for_an_office_without_fixed_hours() -> None:
    assert format_opening_hours(office(), "fr") == ""
