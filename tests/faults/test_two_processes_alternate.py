"""Two Rasa processes take turns on one conversation, sharing Redis's tracker and lock store.

A load balancer may send each message of a conversation to a different process, and a
person may press send twice. Every reply must stay in the conversation's language, and
the conversation must hold every message in order, each answered before the next one is
handled (the lock store's job), with nothing lost when two arrive at once.

Two messages at the same moment on two processes are answered, but now and then one of
them is missing from the stored conversation: Rasa's RedisLockStore issues tickets with
a GET then a SET, not atomically, so both processes can hold the lock, and the later
tracker save overwrites the earlier one's events (RasaHQ/rasa#9213; Rasa's atomic lock
store was reverted from open source, RasaHQ/rasa#11428). That test reports xfail when it
catches a loss (a race: some runs lose nothing) until rasa_addons/stores.py has an atomic
lock store; everything else it checks must pass.
"""
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from tests.conversation.replies import Turn, turns
from tests.faults.product import LONG, FaultyProduct

ROUNDS = 50 if LONG else 10
APOLOGY = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir())).render(
    "utter_technical_problem", "uk", {}
).text
LOST_UPDATES = (
    "Rasa's RedisLockStore is not atomic across processes (RasaHQ/rasa#9213): two messages "
    "at once can both get the lock and one's events are overwritten in Redis"
)
UKRAINIAN = [
    "Чим ви можете мені допомогти?",
    "ok",
    "Я хочу поговорити з людиною",
    "дякую",
    "Привіт",
]


def message(index: int) -> str:
    return UKRAINIAN[index % len(UKRAINIAN)]


def answered_in_ukrainian(replies: list[Turn]) -> bool:
    return bool(replies) and all(
        turn.custom["language"] == "uk" and turn.text != APOLOGY for turn in replies
    )


def stored_events(product: FaultyProduct, sender: str) -> list[dict]:
    raw = product.redis.client().get(f"cityassistant:tracker:{sender}")
    assert raw is not None, "the conversation is not in Redis"
    return json.loads(raw)["events"]


def user_texts_with_answers(events: list[dict]) -> list[tuple[str, int]]:
    """Each user message with the number of bot turns that follow it before the next one."""
    result: list[tuple[str, int]] = []
    for event in events:
        if event["event"] == "user":
            result.append((event["text"], 0))
        elif event["event"] == "bot" and result:
            text, answered = result[-1]
            result[-1] = (text, answered + 1)
    return result


@pytest.mark.e2e
def test_messages_alternating_between_two_processes_stay_in_order_and_in_language(
    product: FaultyProduct, sender: str
) -> None:
    [greeting] = turns(product.assistant.send(sender, "Привіт"))
    assert greeting.custom["language"] == "uk"
    sent = ["Привіт"]
    for index in range(2 * ROUNDS):
        text = message(index)
        replies = turns(product.assistant.send(sender, text, server=index % 2))
        assert answered_in_ukrainian(replies), (index, text, replies)
        sent.append(text)

    stored = user_texts_with_answers(stored_events(product, sender))
    assert [text for text, _ in stored] == sent
    assert all(answered >= 1 for _, answered in stored), stored


@pytest.mark.e2e
def test_two_messages_at_once_on_two_processes_are_both_kept_and_answered(
    product: FaultyProduct, sender: str
) -> None:
    [greeting] = turns(product.assistant.send(sender, "Привіт"))
    assert greeting.custom["language"] == "uk"
    # Numbered, so every message is told apart in the stored conversation.
    pairs = [(f"{message(2 * k)} #{2 * k}", f"{message(2 * k + 1)} #{2 * k + 1}")
             for k in range(ROUNDS)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for first, second in pairs:
            answers = list(pool.map(
                lambda job: product.assistant.send(sender, job[0], server=job[1]),
                [(first, 0), (second, 1)],
            ))
            for replies in answers:
                assert answered_in_ukrainian(turns(replies)), replies

    stored = user_texts_with_answers(stored_events(product, sender))
    texts = [text for text, _ in stored]
    lost = [text for pair in pairs for text in pair if text not in texts]
    if lost:
        pytest.xfail(f"{LOST_UPDATES}; answered but not stored: {lost}")
    assert texts[0] == "Привіт" and len(texts) == 1 + 2 * len(pairs)
    for index, pair in enumerate(pairs):
        assert sorted(texts[1 + 2 * index: 3 + 2 * index]) == sorted(pair)
    assert all(answered >= 1 for _, answered in stored), stored
