"""Two application hosts behind HAProxy; one dies in the middle of conversations and of
report intakes. Nothing a person would notice may be lost.

Conversations in several languages and two report intakes (Ukrainian with contact
details, Arabic anonymous) take turns, one message at a time, through the balancer, which
sends each message to either host. When the intakes are half done, every process of one
application host is killed (SIGKILL). Every conversation must go on on the other host:
each message answered once, in the conversation's language, the intakes continue where
they were and file their reports; each report is stored once and e-mailed once (by
whichever host's outbox worker claims it; the SMTP server is the test's own).

What is asserted holds for any well-trained model: replies arrive in the right language,
the conversation state carries over between hosts. The closing note (printed, and in the
test's report section) gives the figures.
"""
from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import redis
from sqlalchemy import select

from bot.db import make_engine, session_factory
from bot.reports import Report
from tests.conversation.replies import Turn, turns
from tests.conversation.report_intake import button, intake_up_to_the_confirmation
from tests.scaleout.cluster import Cluster, http_json
from tests.scaleout.conftest import NOTES, Mailroom

CHATS = {
    "en": ["hello", "what can you do", "ok", "hello"],
    "de": ["Hallo, guten Tag", "Was können Sie für mich tun?", "ok", "Hallo"],
    "uk": ["Привіт", "Чим ви можете мені допомогти?", "ok", "Привіт"],
    "ar": ["مرحبا", "ماذا يمكنك أن تفعل؟", "ok", "مرحبا"],
}
INTAKES = {"uk": "Олена Коваль, olena.koval@example.org", "ar": None}
KILLED_HOST = "app1"
MAIL_SECONDS = 60


@dataclass
class Log:
    """Every turn sent, by conversation, with the host that answered it."""

    sent: dict[str, list[str]] = field(default_factory=dict)
    served_by: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    turn: int = 0
    killed_at: int | None = None


class Turnstile:
    """Lets the conversations (each in its own thread) speak one at a time, in rotation, so
    the run is the same every time and the kill falls between two turns."""

    def __init__(self, names: list[str]) -> None:
        self._order = list(names)
        self._current: str | None = self._order[0] if self._order else None
        self._condition = threading.Condition()

    def wait_for(self, name: str) -> None:
        with self._condition:
            self._condition.wait_for(lambda: self._current == name, timeout=300)

    def passed(self, name: str) -> None:
        with self._condition:
            index = self._order.index(name)
            self._current = self._order[(index + 1) % len(self._order)]
            self._condition.notify_all()

    def leave(self, name: str) -> None:
        """A finished (or failed) conversation leaves the rotation so the others go on."""
        with self._condition:
            if name not in self._order:
                return
            if self._current == name:
                index = self._order.index(name)
                following = self._order[(index + 1) % len(self._order)]
                self._current = following if following != name else None
            self._order.remove(name)
            self._condition.notify_all()


def speaker(cluster: Cluster, log: Log, turnstile: Turnstile, name: str, sender: str,
            kill_at: int) -> Callable[[str], list[Turn]]:
    def say(text: str) -> list[Turn]:
        turnstile.wait_for(name)
        try:
            log.turn += 1
            if log.killed_at is None and log.turn >= kill_at:
                cluster.network.kill_host(KILLED_HOST)
                log.killed_at = log.turn
            log.sent.setdefault(sender, []).append(text)
            try:
                status, body, headers = http_json(
                    f"{cluster.balancer_url}/webhooks/rest/webhook",
                    {"sender": sender, "message": text})
            except OSError as error:  # no answer at all: counted, the conversation stops
                log.failures.append(f"{name} turn {log.turn}: {type(error).__name__}")
                raise
            log.served_by[headers.get("x-served-by", "?")] += 1
            if status != 200:
                log.failures.append(f"{name} turn {log.turn}: HTTP {status}")
                return []
            return turns(body)
        finally:
            turnstile.passed(name)

    return say


def chat(say: Callable[[str], list[Turn]], language: str) -> None:
    for text in CHATS[language]:
        replies = say(text)
        assert replies, f"no reply to {text!r}"
        assert all(turn.custom.get("language") == language for turn in replies), replies


def intake(say: Callable[[str], list[Turn]], language: str) -> str:
    confirm = intake_up_to_the_confirmation(say, language, INTAKES[language])
    replies = say(button(confirm, "/affirm"))
    assert all(turn.custom.get("language") == language for turn in replies), replies
    return next((t.custom["reference"] for t in replies if t.custom.get("reference")), "")


def stored_user_messages(client: redis.Redis, sender: str) -> list[tuple[str, int]]:
    """Each user message in the stored conversation with the number of bot turns after it."""
    raw = client.get(f"cityassistant:tracker:{sender}")
    assert raw is not None, f"conversation {sender} is not in Redis"
    result: list[tuple[str, int]] = []
    for event in json.loads(raw)["events"]:
        if event["event"] == "user":
            result.append((event["text"], 0))
        elif event["event"] == "bot" and result:
            result[-1] = (result[-1][0], result[-1][1] + 1)
    return result


@pytest.mark.e2e
@pytest.mark.scaleout
def test_one_application_host_dies_mid_conversation_and_nothing_is_lost(
    cluster: tuple[Cluster, Mailroom], record_property: Callable[[str, object], None]
) -> None:
    product, mailroom = cluster
    tag = f"{time.time_ns() % 10**8:x}"
    work: dict[str, Callable[[Callable[[str], list[Turn]]], object]] = {}
    for language in CHATS:
        work[f"scaleout-{tag}-chat-{language}"] = lambda say, lang=language: chat(say, lang)
    for language in INTAKES:
        work[f"scaleout-{tag}-report-{language}"] = lambda say, lang=language: intake(say, lang)
    log = Log()
    turnstile = Turnstile(list(work))
    # Each chat has 4 turns, each intake about 9: after 3 rounds the intakes are a third
    # done and every chat has turns left.
    kill_at = 3 * len(work) + 1
    outcomes: dict[str, object] = {}
    errors: dict[str, BaseException] = {}

    def run(name: str) -> None:
        say = speaker(product, log, turnstile, name, name, kill_at)
        try:
            outcomes[name] = work[name](say)
        except BaseException as error:  # reported below, with the figures
            errors[name] = error
        finally:
            turnstile.leave(name)

    threads = [threading.Thread(target=run, args=(name,)) for name in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)

    client = redis.Redis.from_url(product.redis_url, socket_timeout=5)
    lost = duplicates = unanswered = 0
    lost_turns: list[str] = []
    for sender, sent in log.sent.items():
        stored = stored_user_messages(client, sender)
        texts = [text for text, _ in stored]
        for text, count in Counter(sent).items():
            missing = max(0, count - texts.count(text))
            lost += missing
            if missing:
                # Which conversation and which of its turns: the next session's lead.
                lost_turns.append(f"{sender.rsplit('-', 2)[-2:]} turn {sent.index(text) + 1} "
                                  f"of {len(sent)}: {text[:40]!r}")
        duplicates += sum(max(0, count - Counter(sent)[text])
                          for text, count in Counter(texts).items())
        unanswered += sum(1 for _, answers in stored if answers == 0)

    references = {name: outcomes.get(name) for name in work if "report" in name}
    engine = make_engine(product.postgres.url)
    deadline = time.monotonic() + MAIL_SECONDS
    mails: Counter = Counter()
    stored_reports: Counter = Counter()
    outbox_rows: Counter = Counter()
    while True:
        with session_factory(engine)() as session:
            for reference in references.values():
                rows = list(session.execute(
                    select(Report).where(Report.reference == reference)).scalars())
                stored_reports[reference] = len(rows)
                outbox_rows[reference] = sum(len(row.outbox) for row in rows)
        mails = Counter(message["X-Report-Reference"]
                        for _, message in list(mailroom.inbox.messages))
        if all(mails[r] >= 1 for r in references.values()) or time.monotonic() > deadline:
            break
        time.sleep(1)
    engine.dispose()

    figures = {
        "conversations": len(work),
        "turns": log.turn,
        "killed": f"{KILLED_HOST} before turn {log.killed_at}",
        "served_by": dict(log.served_by),
        "turns_lost": lost,
        "lost_turns": lost_turns,
        "duplicate_replies": duplicates,
        "unanswered": unanswered,
        "http_failures": log.failures,
        "balancer_events": product.balancer_events(),
        "reports": {r: {"stored": stored_reports[r], "outbox": outbox_rows[r],
                        "emails": mails[r]} for r in references.values()},
    }
    note = f"scale-out: {json.dumps(figures, ensure_ascii=False)}"
    NOTES.append(note)
    record_property("scaleout", note)

    assert not errors, f"{ {n: repr(e) for n, e in errors.items()} }\n{note}"
    assert log.killed_at is not None, note
    assert not log.failures, note
    assert (lost, duplicates, unanswered) == (0, 0, 0), note
    assert all(references.values()), f"a report was not filed: {note}"
    assert all(stored_reports[r] == 1 and outbox_rows[r] == 1 and mails[r] == 1
               for r in references.values()), note
    survivor = "app2" if KILLED_HOST == "app1" else "app1"
    assert log.served_by[survivor] > log.served_by[KILLED_HOST], note

