"""The client address of a web request (bot/client_address.py: trusted proxies only)."""
from __future__ import annotations

from starlette.requests import Request

from bot.client_address import client_address

__all__ = ["request_address"]


def request_address(request: Request) -> str:
    peer = request.client.host if request.client else None
    return client_address(peer, request.headers.get("x-forwarded-for"))
