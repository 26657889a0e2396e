"""Reference numbers, links, addresses and phone numbers say nothing about the language.

A person who sends only the reference number they were given must be answered in the
language of the conversation, never switched to Romanian or told their language is not
supported (issue #5).
"""

import pytest

from bot.language import decide, detect, without_neutral_tokens
from bot.reports.reference import generate_reference

REFERENCE = "LB-7K3Q-9XRM"


def _typed_forms(reference: str) -> list[str]:
    """The ways people type a reference back: as shown, lower case, without or with spaces.

    Not among them: the part after the prefix alone without a digit, in lower case
    ("bbazkguj") or with a space ("BBAZ KGUJ"): those are words like any others.
    """
    body = reference[3:]
    return [
        reference,
        reference.lower(),
        reference.replace("-", ""),
        reference.replace("-", " "),
        reference.lower().replace("-", " "),
        reference.lower().replace("-", ""),
        body,
        f"{reference}?",
        f"({reference})",
    ]


@pytest.mark.parametrize(
    "text", _typed_forms(REFERENCE) + ["7K3Q 9XRM", "LB-ZZZZ-ZZZZ", "LB ZZZZ ZZZZ", "lb bbaz kguj"]
)
def test_a_bare_reference_is_neutral(text: str) -> None:
    found = detect(text)
    assert found.language is None
    assert found.unsupported is None
    assert found.reason == "neutral"


@pytest.mark.parametrize("current", ["uk", "ar", "fa", "tr", "de", "ti"])
def test_many_random_references_keep_the_conversation_language_however_typed(current: str) -> None:
    references = [generate_reference() for _ in range(300)]
    switched = [
        text for reference in references for text in _typed_forms(reference)
        if decide(text, current).language != current
    ]
    assert switched == []


@pytest.mark.parametrize(
    ("text", "current", "language"),
    [
        ("Статус LB-7K3Q-9XRM", "uk", "uk"),
        ("Який статус мого звернення LB-7K3Q-9XRM?", "en", "uk"),
        ("ما هي حالة بلاغي LB-7K3Q-9XRM", "uk", "ar"),
        ("ما حالة بلاغي LB-N3BF-2KCL؟", "en", "ar"),
        ("وضعیت گزارش من LB 7K3Q 9XRM چیست؟", "en", "fa"),
        ("status LB-7K3Q-9XRM", "uk", "uk"),
        ("Wie ist der Stand von meiner Meldung lb7k3q9xrm?", "uk", "de"),
    ],
)
def test_a_reference_in_a_short_message_leaves_the_words_to_decide(
    text: str, current: str, language: str
) -> None:
    decision = decide(text, current)
    assert decision.language == language
    assert not decision.reason.startswith("unsupported")


@pytest.mark.parametrize(
    "text",
    ["anna.kowalenko@example.org", "https://lindenbruck.example/meldung?id=3", "+49 30 1234 5678",
     "0151 2345678", "@lindenbruck_hilft", "LB-7K3Q-9XRM anna.k@example.org +49 30 1234567"],
)
def test_addresses_links_and_phone_numbers_are_neutral(text: str) -> None:
    assert decide(text, "ar").language == "ar"
    assert detect(text).language is None


@pytest.mark.parametrize(
    "text",
    ["seit 2024 habe ich Probleme", "B1-Kurs", "Nord-West-Ecke", "ana 3ala 7ala",
     "DAS KANN MAN", "ich habe eine frage", "Informationen", "STRASSENBAHN", "sprechen",
     "wann kann", "habe eine"],
)
def test_words_next_to_numbers_or_in_capitals_are_kept(text: str) -> None:
    assert without_neutral_tokens(text) == text


def test_only_the_reference_is_removed_from_a_sentence() -> None:
    assert without_neutral_tokens("Code LB-7K3Q-9XRM bitte").split() == ["Code", "bitte"]
    assert without_neutral_tokens("code 7K3Q9XRM").split() == ["code"]
