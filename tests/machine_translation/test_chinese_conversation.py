"""A person writing Chinese, which the assistant does not speak, is understood through the
installed zh -> en package and answered in English, and told so plainly.

The whole product with the trained model and the real package from shared/models. Holds for
any well-trained model: the Chinese question must get the answer its English translation
gets, and that answer must come from the catalogue's school registration service.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.machine_translation import install
from tests.conversation.replies import turns
from tests.machine_translation.test_real_model import REAL_PACKAGE
from tests.support.servers import TEST_RATE_LIMITS, Assistant, start_assistant

pytestmark = pytest.mark.skipif(
    not REAL_PACKAGE.is_file(), reason=f"the real Argos package is not at {REAL_PACKAGE}"
)

SCHOOL = "school-registration-new-arrivals"
HOW_TO_REGISTER_FOR_SCHOOL = "我怎么给孩子报名上学？"


@pytest.fixture(scope="module")
def chinese_assistant(
    trained_model: Path, sample_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Assistant]:
    work = tmp_path_factory.mktemp("chinese-assistant")
    install(REAL_PACKAGE, work / "argos-packages")
    env = {
        "DATABASE_URL": sample_database,
        "REDIS_URL": "",
        "ARGOS_PACKAGES_DIR": str(work / "argos-packages"),
        **TEST_RATE_LIMITS,
    }
    running = start_assistant(trained_model, work, env)
    yield running
    running.stop()


def _customs(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [message["custom"] for message in messages if "custom" in message]


def _sources(messages: list[dict[str, Any]]) -> set[str]:
    return {
        source["id"] for custom in _customs(messages) for source in custom.get("sources") or []
    }


def test_a_chinese_question_about_a_service_gets_its_answer_in_english_and_says_so(
    chinese_assistant: Assistant,
) -> None:
    sender = f"zh-{os.urandom(6).hex()}"
    messages = chinese_assistant.send(sender, HOW_TO_REGISTER_FOR_SCHOOL)

    statement = next(turn for turn in turns(messages)
                     if "I cannot write in Chinese yet" in turn.text)
    assert "so I answer in English" in statement.text
    assert statement.custom["translation"] == "machine"
    assert statement.custom["original"] == HOW_TO_REGISTER_FOR_SCHOOL
    assert "school" in statement.text.lower()  # what was understood, quoted
    assert all(custom["language"] == "en" for custom in _customs(messages))
    assert SCHOOL in _sources(messages), [m.get("text") for m in messages]

    # The same answer as the English the machine read gets.
    understood = statement.text.split('as: "', 1)[1].rstrip('"')
    english = chinese_assistant.send(f"en-{os.urandom(6).hex()}", understood)
    assert _sources(english) == _sources(messages)


def test_a_second_chinese_message_is_understood_too_and_the_conversation_stays_english(
    chinese_assistant: Assistant,
) -> None:
    sender = f"zh-{os.urandom(6).hex()}"
    chinese_assistant.send(sender, HOW_TO_REGISTER_FOR_SCHOOL)
    messages = chinese_assistant.send(sender, "我需要找房子")
    assert any("I cannot write in Chinese yet" in m.get("text", "") for m in messages)
    assert all(custom["language"] == "en" for custom in _customs(messages))
    assert not any("Please choose one" in m.get("text", "") for m in messages)
