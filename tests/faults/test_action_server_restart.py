"""The action server (custom actions and the NLG endpoint) dies and comes back mid-conversation.

While it is down Rasa can neither run custom actions nor render a response (every utter_*
goes through the NLG endpoint there). What a person needs then is an apology in their
language, which the REST channel can give without the action server. Today Rasa's
processor catches the failed action ("Bot will continue, but the actions events are lost")
and the channel returns HTTP 200 with an empty list: the person sees nothing. That test is
marked xfail until rasa_addons/ handles it (docs/benchmarks.md, "Faults").

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


NOTHING_SAID = (
    "with the action server down Rasa logs 'Encountered an exception while running action "
    "...' and continues; the REST channel then returns HTTP 200 with [] instead of an apology"
)


@pytest.mark.e2e
@pytest.mark.xfail(reason=NOTHING_SAID, strict=True)
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
