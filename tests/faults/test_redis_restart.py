"""Redis, where conversations are kept, stops and comes back in the middle of a conversation.

What a person sees: while Redis is down every message gets a polite apology in their
language (HTTP 200, the reply contract kept), never an error page or silence; once Redis
is back the next message is answered normally. What is lost: the conversation itself
(this Redis keeps nothing on disk, like a crashed server), so it starts afresh. Reports
are kept in the database, not in Redis (docs/benchmarks.md, "Faults").
"""
import pytest

from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from tests.conversation.replies import turns
from tests.faults.product import LONG, FaultyProduct

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
OUTAGES = 3 if LONG else 1


def apology(language: str) -> str:
    return RENDERER.render("utter_technical_problem", language, {}).text


@pytest.mark.e2e
def test_while_redis_is_down_the_person_gets_a_polite_apology_in_their_language(
    product: FaultyProduct, sender: str
) -> None:
    [greeting] = turns(product.assistant.send(sender, "مرحبا"))
    assert greeting.custom["language"] == "ar"

    for _ in range(OUTAGES):
        product.redis.shutdown_nosave()
        for server in (0, 1):
            status, replies = product.post(sender, "شكرا جزيلا", server=server)
            assert status == 200, replies
            [turn] = turns(replies)
            assert turn.custom["language"] == "ar"
            assert turn.text == apology("ar")
        product.redis.start()

        [answer] = turns(product.assistant.send(sender, "مرحبا", server=1))
        assert answer.custom["language"] == "ar"
        greet = RENDERER.render("utter_greet", "ar", {"city_name": "Lindenbruck"})
        assert answer.text == greet.text


@pytest.mark.e2e
def test_after_redis_comes_back_empty_the_conversation_starts_afresh(
    product: FaultyProduct, sender: str
) -> None:
    [greeting] = turns(product.assistant.send(sender, "Привіт"))
    assert greeting.custom["language"] == "uk"
    assert product.redis.client().exists(f"cityassistant:tracker:{sender}")

    product.redis.shutdown_nosave()
    product.redis.start()

    assert not product.redis.client().exists(f"cityassistant:tracker:{sender}")
    replies = turns(product.assistant.send(sender, "ok", server=1))
    assert replies and all(turn.custom.get("language") for turn in replies)
    # The language the person had chosen is gone with the conversation: "ok" says nothing
    # about a language, so the reply is no longer in Ukrainian.
    assert all(turn.custom["language"] != "uk" for turn in replies)
