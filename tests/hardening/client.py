"""Plain HTTP to the running product, as a client at a given address would send it."""
from __future__ import annotations

import json
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx2


def post(url: str, body: Any, address: str | None = None, raw: bytes | None = None,
         timeout: float = 120) -> tuple[int, Any]:
    """(status, decoded JSON answer or None) of one POST; `address` is sent as
    X-Forwarded-For (honoured only from a trusted proxy, as the tests' loopback is)."""
    headers = {"Content-Type": "application/json"}
    if address:
        headers["X-Forwarded-For"] = address
    content = raw if raw is not None else json.dumps(body).encode()
    answer = httpx2.post(url, content=content, headers=headers, timeout=timeout)
    try:
        return answer.status_code, answer.json()
    except ValueError:
        return answer.status_code, None


def say(rasa_or_relay: str, sender: str, text: str, address: str,
        metadata: dict[str, Any] | None = None) -> tuple[int, Any]:
    body: dict[str, Any] = {"sender": sender, "message": text}
    if metadata:
        body["metadata"] = metadata
    return post(f"{rasa_or_relay}/webhooks/rest/webhook", body, address)


def declared_length_status(url: str, length: int) -> int:
    """Sends only the headers of a POST that declares `length` bytes and reads the answer:
    a server that checks Content-Length first answers without waiting for the body."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(
            f"POST {parts.path} HTTP/1.1\r\nHost: {parts.hostname}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{".encode())
        answer = connection.recv(4096).decode("latin-1")
    return int(answer.split(" ", 2)[1])
