"""The action server (custom actions and the NLG endpoint) dies and comes back mid-conversation.

While it is down Rasa can neither run custom actions nor render a response (every utter_*
goes through the NLG endpoint there). What a person needs then is an apology in their
language, which the REST channel gives without the action server: Rasa's processor
catches the failed action ("Bot will continue, but the actions events are lost") and
would return an empty list, which rasa_addons/rest_channel.py turns into the apology.

The conversation in Redis is untouched, so after the restart the next message is answered
in the language the person was using.
"""
import pytest

from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from tests.conversation.replies import turns
from tests.faults.product import FaultyProduct

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))


@pytest.mark.e2e
@pytest.mark.parametrize("text", ["Привіт", "Я хочу поговорити з людиною"])
def test_while_the_action_server_is_down_the_person_gets_an_apology_in_their_language(
    product: FaultyProduct, sender: str, text: str
) -> None:
    [greeting] = turns(product.assistant.send(sender, "Привіт"))
    assert greeting.custom["language"] == "uk"

    product.kill_actions()
    status, replies = product.post(sender, text)
    assert status == 200, replies
    [turn] = turns(replies)
    assert turn.custom["language"] == "uk"
    assert turn.text == RENDERER.render("utter_technical_problem", "uk", {}).text


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
