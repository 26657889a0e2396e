"""Follow-ups without a topic of their own stay on the conversation's service, in every
language: "who can get it?", "and where do I go?" after a question about the Kita."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conversation.follow_ups import play
from tests.conversation.known_gaps import INTENT_GAP
from tests.support.servers import Assistant

CONVERSATIONS = yaml.safe_load(
    (Path(__file__).parent / "follow_up_conversations.yml").read_text(encoding="utf-8")
)["conversations"]


@INTENT_GAP
@pytest.mark.e2e
def test_follow_ups_keep_the_conversations_service_in_every_language(
    assistant: Assistant,
) -> None:
    kept: dict[str, list[bool]] = {}
    notes: list[str] = []
    for conversation in CONVERSATIONS:
        opened, turns, lost = play(assistant.rasa_urls[0], conversation)
        if opened:  # a follow-up can only keep a service the conversation reached
            kept.setdefault(conversation["language"], []).extend(turns)
        notes += [f"{conversation['language']} {conversation['service']}: {note}" for note in lost]

    assert set(kept) == {conversation["language"] for conversation in CONVERSATIONS}, notes
    every = [turn for turns in kept.values() for turn in turns]
    assert sum(every) / len(every) >= 0.9, notes
    for language, turns in kept.items():
        assert sum(turns) / len(turns) >= 0.6, (language, notes)
