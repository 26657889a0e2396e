"""A person who sends only their reference number is answered in their language (issue #5).

A reference ("LB-7K3Q-9XRM") is no word of any language: before bot.language set such
tokens aside, a bare reference was read as Romanian, Somali or an unsupported language,
and the status came in the wrong language or not at all.
"""
from __future__ import annotations

import pytest

from tests.conversation.replies import Turn, turns
from tests.conversation.report_intake import button, expected, intake_up_to_the_confirmation
from tests.support.servers import Assistant

# How the person types the reference back: as shown, and as typed on a phone.
TYPED = {"uk": lambda reference: reference,
         "ar": lambda reference: reference.lower().replace("-", " ")}
CONTACT = {"uk": "Олена Коваль, olena.koval@example.org", "ar": None}


@pytest.mark.e2e
@pytest.mark.parametrize("language", sorted(TYPED))
def test_report_status_asked_with_the_bare_reference_stays_in_the_persons_language(
    assistant: Assistant, sender: str, language: str
) -> None:
    def say(text: str) -> list[Turn]:
        replies = turns(assistant.send(sender, text))
        assert replies, f"no reply to {text!r}"
        return replies

    confirm = intake_up_to_the_confirmation(say, language, CONTACT[language])
    filed, *_ = say(button(confirm, "/affirm"))
    reference = filed.custom["reference"]
    say("/restart")  # a new conversation: only the reference tells what the person wants
    say({"uk": "Привіт", "ar": "مرحبا"}[language])

    replies = say(TYPED[language](reference))

    assert all(turn.custom.get("language") == language for turn in replies), replies
    [status] = replies
    assert "office" in status.custom, replies
    assert status.text == expected(
        "utter_report_status_received", language, report_number=reference,
        office_name=status.custom["office"]["name"])
