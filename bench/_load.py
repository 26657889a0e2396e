"""Concurrent conversations over REST, and the latency figures they produce.

N workers each hold one conversation at a time and send its turns one after another,
waiting for every reply, like people typing. The run stops issuing messages after a
count or a time limit, whichever comes first; messages in flight are awaited.
"""
import asyncio
import itertools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import yaml

WORKLOAD = Path(__file__).with_name("conversations.yml")
REQUEST_TIMEOUT_SECONDS = 60


def conversations(path: Path = WORKLOAD) -> list[list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [[str(text) for text in turns] for turns in data["conversations"]]


@dataclass
class LoadResult:
    concurrency: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def percentile_ms(self, percent: float) -> float:
        """Nearest-rank percentile of the answered messages' latency, in milliseconds."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(percent / 100 * len(ordered)))
        return ordered[rank - 1] * 1000

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def run_load(
    urls: list[str],
    concurrency: int,
    max_messages: int,
    max_seconds: float,
    sender: Callable[[str], str],
    workload: list[list[str]],
    silence_answers: bool = False,
) -> LoadResult:
    """Sends conversations from `concurrency` workers; requests go round-robin over `urls`.

    An empty reply is an error, unless `silence_answers`: the stock bot's dialogue policy
    may choose to say nothing to a message it does not understand, after running its
    whole pipeline on it, which is a handled message all the same."""
    result = LoadResult(concurrency)
    issued = itertools.count()
    next_url = itertools.cycle(urls)
    scripts = itertools.cycle(enumerate(workload))
    started = time.monotonic()
    deadline = started + max_seconds
    conversation_numbers = itertools.count()

    def may_send() -> bool:
        return time.monotonic() < deadline and next(issued) < max_messages

    async def worker(session: aiohttp.ClientSession) -> None:
        while True:
            script_index, turns = next(scripts)
            conversation = sender(f"c{concurrency}-{next(conversation_numbers)}-s{script_index}")
            for text in turns:
                if not may_send():
                    return
                await _send(session, next(next_url), conversation, text, result, silence_answers)

    connector = aiohttp.TCPConnector(limit=concurrency + 4)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
    result.seconds = time.monotonic() - started
    return result


async def _send(
    session: aiohttp.ClientSession, url: str, conversation: str, text: str, result: LoadResult,
    silence_answers: bool,
) -> None:
    began = time.monotonic()
    try:
        async with session.post(
            f"{url}/webhooks/rest/webhook", json={"sender": conversation, "message": text}
        ) as reply:
            body = await reply.json(content_type=None)
            if reply.status != 200:
                result.error(f"http {reply.status}")
            elif not body and not silence_answers:
                result.error("empty reply")
            else:
                result.latencies.append(time.monotonic() - began)
    except (TimeoutError, aiohttp.ClientError, ValueError) as failure:
        result.error(type(failure).__name__)


def warm_up(
    urls: list[str], sender: Callable[[str], str], workload: list[list[str]],
    silence_answers: bool = False,
) -> LoadResult:
    """One pass over the workload per server, so first-message costs are not measured."""
    messages = sum(len(turns) for turns in workload) * len(urls)
    return asyncio.run(run_load(
        urls, 1, messages, 300, lambda label: sender(f"warm-{label}"), workload, silence_answers
    ))
