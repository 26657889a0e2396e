"""Danger now, read from any message in any language, gets the emergency number first."""
from __future__ import annotations

import pytest

from bot.reports.chat import emergency_messages
from bot.reports.chat_texts import ChatContext
from bot.reports.safety import (
    CRY_FOR_HELP,
    DANGER,
    danger_signal,
    emergency_already_sent,
    nothing_urgent_in_words,
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("a man is following me right now", "en"),
        ("there is a man with a knife outside my door", "en"),
        ("Ein Mann verfolgt mich gerade!", "de"),
        ("رجل يلاحقني الآن", "ar"),
        ("Допоможіть, якийсь чоловік іде за мною прямо зараз!", "uk"),
        ("یک مرد همین الان دنبالم می‌کند", "fa"),
        ("Bir adam şu an beni takip ediyor", "tr"),
        # Written in another language than the conversation's: still danger.
        ("he is following me", "de"),
    ],
)
def test_safety_danger_now_is_recognised_in_every_language(
    context: ChatContext, text: str, language: str
) -> None:
    assert danger_signal(text, language, context.lexicons) == DANGER


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Can I get emergency accommodation tonight?", "en"),
        ("¿Puedo tener alojamiento de emergencia esta noche?", "es"),
        ("Bekomme ich eine Notfallwohnung?", "de"),
        ("Someone hit me in the tram last week", "en"),
        ("/report_incident{\"report_choice\":\"safe\"}", "en"),
        ("", "en"),
        ("how do I register my child at school", "en"),
    ],
)
def test_safety_ordinary_questions_and_past_events_are_not_danger_now(
    context: ChatContext, text: str, language: str
) -> None:
    assert danger_signal(text, language, context.lexicons) is None


def test_safety_a_lone_cry_for_help_is_a_softer_signal(context: ChatContext) -> None:
    assert danger_signal("Help!", "en", context.lexicons) == CRY_FOR_HELP
    assert danger_signal("Hilfe", "en", context.lexicons) == CRY_FOR_HELP


@pytest.mark.parametrize(("language", "text"), [
    ("tr", "acil durum!"), ("so", "i caawiya"), ("ti", "ሓግዙኒ"), ("fa", "کمکم کنید"),
    ("ps", "مرسته وکړئ")])
def test_safety_help_me_alone_still_gets_112_though_it_is_no_danger_phrase(
        context: ChatContext, language: str, text: str) -> None:
    """These left the `danger` lists ("help me write my CV" is no emergency), but said alone
    they are a cry for help, as "Help!" and "emergency" are."""
    assert danger_signal(text, language, context.lexicons) == CRY_FOR_HELP


def test_safety_hook_returns_the_112_reply_ready_to_send(context: ChatContext) -> None:
    [message] = emergency_messages("they are attacking me right now", "ar", context)

    assert message["response"] == "utter_report_emergency"
    assert message["office"]["kind"] == "emergency"
    assert message["office"]["id"] == context.routes.emergency.office_id
    assert message["content_language"] == "ar"
    assert "112" in message["why"]


def test_safety_hook_says_nothing_without_danger(context: ChatContext) -> None:
    assert emergency_messages("where is the citizens office?", "en", context) == []


def test_safety_hook_answers_a_cry_for_help_with_the_conditional_112_reply(
    context: ChatContext,
) -> None:
    [message] = emergency_messages("help", "en", context)

    assert message["response"] == "utter_report_emergency_check"
    assert "why" not in message


def test_safety_an_emergency_reply_already_sent_this_turn_is_not_repeated() -> None:
    earlier = [
        {"event": "user", "text": "he is following me"},
        {"event": "bot", "metadata": {"utter_action": "utter_report_emergency"}},
        {"event": "action", "name": "action_report_emergency"},
    ]
    assert emergency_already_sent(earlier)
    assert not emergency_already_sent([*earlier, {"event": "user", "text": "I am ok now"}])
    greeting = {"event": "bot", "metadata": {"utter_action": "utter_greet"}}
    assert not emergency_already_sent([{"event": "user", "text": "hello"}, greeting])


@pytest.mark.parametrize(("text", "language", "urgent"), [
    ("dónde está el albergue de emergencia", "es", False),
    ("¿Está embarazada y busca orientación?", "es", False),
    ("a man with a knife is following me", "en", True),
    ("aidez moi tout de suite, il est dehors", "fr", True),
    ("یو څوک همدا اوس زما کور ته د ننوتو هڅه کوي", "ps", True),
    ("Help!", "en", True),
])
def test_safety_a_word_for_now_or_a_danger_phrase_makes_nlu_danger_no_guess(
    context: ChatContext, text: str, language: str, urgent: bool,
) -> None:
    """NLU's danger now may give way to a clear service only when nothing urgent is in the
    words: "tout de suite", "همدا اوس" (right now) keep the emergency reply."""
    assert nothing_urgent_in_words(text, language, context.lexicons) is not urgent
