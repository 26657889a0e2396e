"""Drives a report intake in chat from the first message to "shall I send it?".

Answers each question by the text that asks it, so a test does not depend on the order in
which the form asks (which depends on the office and on anonymity).
"""
from __future__ import annotations

from collections.abc import Callable

from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from tests.conversation.replies import Turn

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
Say = Callable[[str], list[Turn]]

#: A first message per language naming a landlord's refusal, and free-text answers.
LANDLORD = {
    "uk": "Орендодавець відмовився здати мені квартиру, бо я іноземець.",
    "ar": "رفض صاحب الشقة أن يؤجرني الشقة لأنني عربي",
}
ANSWERS = {
    "uk": {"where": "Лінденаллее 12, Вестенд", "when": "3 березня, після обіду",
           "people": "орендодавець і його син"},
    "ar": {"where": "شارع ليندن 12، الحي الغربي", "when": "يوم 3 مارس بعد الظهر",
           "people": "صاحب الشقة وابنه"},
}


def expected(response: str, language: str, **arguments: str) -> str:
    return RENDERER.render(response, language, arguments).text


def button(turn: Turn, payload: str) -> str:
    """The payload of one of the turn's buttons (so the test presses a real button)."""
    assert payload in [b["payload"] for b in turn.buttons], turn.buttons
    return payload


def _answers(language: str, contact: str | None) -> dict[str, str]:
    texts = ANSWERS[language]
    return {
        # Staying anonymous may change the office, which is then shown for checking again.
        expected("utter_report_office_check", language): "/affirm",
        expected("utter_report_ask_where", language): texts["where"],
        expected("utter_report_ask_when", language): texts["when"],
        expected("utter_report_ask_people", language): texts["people"],
        expected("utter_report_ask_witnesses", language): "/skip_question",
        expected("utter_report_ask_contact_consent", language): "/affirm" if contact else "/deny",
        expected("utter_report_ask_contact", language): contact or "",
        expected("utter_report_ask_on_behalf", language): "/affirm",
    }


def intake_up_to_the_confirmation(say: Say, language: str, contact: str | None) -> Turn:
    """From the first message to the question "shall I send it?", which is returned.

    With `contact` ("name, e-mail") the person agrees to be contacted, else stays anonymous.
    """
    replies = say(LANDLORD[language])
    answers = _answers(language, contact)
    for _ in range(len(answers) + 2):
        assert all(turn.custom.get("language") == language for turn in replies), replies
        asked = replies[-1]
        if asked.text == expected("utter_report_ask_confirm", language):
            return asked
        assert asked.text in answers, f"unexpected question: {asked.text!r}"
        answer = answers[asked.text]
        if answer.startswith("/"):
            button(asked, answer)
        replies = say(answer)
    raise AssertionError(f"the confirmation was never asked: {replies}")
