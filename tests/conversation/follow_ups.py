"""Plays a scripted conversation over REST and tells whether its follow-ups kept the service
(tests/conversation/follow_up_conversations.yml; used by the test and bench/follow_ups.py)."""
from __future__ import annotations

import json
import urllib.request
import uuid
from typing import Any

from tests.conversation.replies import turns


def send(url: str, sender: str, text: str) -> list[dict[str, Any]]:
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as reply:
        return json.loads(reply.read())


def about(messages: list[dict[str, Any]]) -> tuple[set[str], list[dict[str, Any]]]:
    """The services the reply is about (sources), and the choice it offers (candidates)."""
    sources: set[str] = set()
    candidates: list[dict[str, Any]] = []
    for turn in turns(messages):
        sources |= {item["id"] for item in turn.custom.get("sources") or []}
        candidates = candidates or list(turn.custom.get("candidates") or [])
    return sources, candidates


def play(url: str, conversation: dict[str, Any]) -> tuple[bool, list[bool], list[str]]:
    """Whether the opening reached the service, and whether each follow-up kept it."""
    sender = f"follow-ups-{uuid.uuid4().hex[:10]}"
    service = conversation["service"]
    first, *follow_ups = conversation["turns"]
    notes: list[str] = []
    sources, candidates = about(send(url, sender, first))
    if service not in sources and any(item["id"] == service for item in candidates):
        sources, _ = about(send(url, sender, f'/ask_service{{"service": "{service}"}}'))
    opened = service in sources
    if not opened:
        notes.append(f"opening {first!r}: sources {sorted(sources)}")
    kept = []
    for text in follow_ups:
        sources, candidates = about(send(url, sender, text))
        kept.append(service in sources)
        if service not in sources:
            notes.append(f"{text!r}: sources {sorted(sources)} "
                         f"candidates {[item['id'] for item in candidates]}")
    return opened, kept, notes
