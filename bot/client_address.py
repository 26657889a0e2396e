"""The address of the person behind a request, for per-address limits.

Behind a proxy (the web server's relay, a city's reverse proxy) every request comes from the
proxy's address, so all people would share one limit. A proxy we trust says who its client
is in X-Forwarded-For; a header from anyone else is ignored, since a client can write any
address there. TRUSTED_PROXIES (comma-separated addresses) names the proxies to trust;
default: this machine (127.0.0.1, ::1), where `make run` runs the relay.
"""
from __future__ import annotations

from bot.settings import items

__all__ = ["client_address", "trusted_proxies"]

DEFAULT_TRUSTED = "127.0.0.1,::1"


def trusted_proxies() -> frozenset[str]:
    return frozenset(items("TRUSTED_PROXIES", DEFAULT_TRUSTED))


def client_address(peer: str | None, forwarded_for: str | None,
                   trusted: frozenset[str] | None = None) -> str:
    """The nearest address in the chain that is not a trusted proxy: walk X-Forwarded-For
    from the right while each hop was written by a proxy we trust."""
    trusted = trusted_proxies() if trusted is None else trusted
    address = (peer or "-").strip()
    if not forwarded_for:
        return address
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    while address in trusted and hops:
        address = hops.pop()[:64]
    return address
