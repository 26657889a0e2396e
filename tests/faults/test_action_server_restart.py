"""The action server (custom actions, machine translation) dies and comes back mid-conversation.

While it is down Rasa cannot run custom actions: the language decision and the danger
check after every message (actions/language.py) and every answer that needs one. Responses
with a curated translation are rendered in the Rasa process (rasa_addons/nlg.py), so a turn
made of responses alone is still answered in the conversation's language. A turn whose
custom action failed would get nothing (Rasa's processor: "Bot will continue, but the
actions events are lost"), which rasa_addons/rest_channel.py turns into an apology; and
danger now still gets 112 first, from the channel.

The conversation in Redis is untouched, so after the restart the next message is answered
in the language the person was using.
"""
import pytest

from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from tests.conversation.replies import Turn, turns
from tests.faults.product import FaultyProduct

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))


def with_actions_down(product: FaultyProduct, sender: str, text: str) -> list[Turn]:
    """The turns answering `text` in a Ukrainian conversation once the action server died."""
    [greeting] = turns(product.assistant.send(sender, "Привіт"))
    assert greeting.custom["language"] == "uk"
    product.kill_actions()
    status, replies = product.post(sender, text)
    assert status == 200, replies
    return turns(replies)


@pytest.mark.e2e
def test_while_the_action_server_is_down_an_answer_that_needs_it_is_an_apology_in_their_language(
    product: FaultyProduct, sender: str
) -> None:
    [turn] = with_actions_down(product, sender, "Я хочу поговорити з людиною")
    assert turn.custom["language"] == "uk"
    assert turn.text == RENDERER.render("utter_technical_problem", "uk", {}).text


@pytest.mark.e2e
def test_while_the_action_server_is_down_a_greeting_is_still_answered_in_their_language(
    product: FaultyProduct, sender: str
) -> None:
    [turn] = with_actions_down(product, sender, "Привіт")
    assert turn.custom == {"language": "uk", "translation": "curated", "direction": "ltr",
                           "answered": True}
    assert turn.text.startswith(RENDERER.render("utter_greet", "uk", {}).text[:12])


@pytest.mark.e2e
def test_while_the_action_server_is_down_danger_now_still_gets_112_first(
    product: FaultyProduct, sender: str
) -> None:
    first, *_ = with_actions_down(product, sender, "Мене переслідує чоловік, допоможіть")
    assert first.custom["office"]["kind"] == "emergency"
    assert first.custom["language"] == "uk"
    assert "112" in first.text


@pytest.mark.e2e
def test_after_the_action_server_restarts_the_conversation_keeps_its_language(
    product: FaultyProduct, sender: str
) -> None:
    [greeting] = turns(product.assistant.send(sender, "Привіт"))
    assert greeting.custom["language"] == "uk"
    product.kill_actions()
    product.post(sender, "Я хочу поговорити з людиною")

    product.start_actions()
    replies = turns(product.assistant.send(sender, "ok", server=1))
    assert replies and all(turn.custom["language"] == "uk" for turn in replies)
    [person] = turns(product.assistant.send(sender, "Я хочу поговорити з людиною"))
    assert person.custom["language"] == "uk"
    assert person.custom["office"]["id"] == "welcome-centre"
