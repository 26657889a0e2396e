"""What happened, in the terms routing needs: the one input of `route()`."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REPORT_OFFICE_KINDS", "Incident"]

#: The kinds of office a report can be routed to (offices.yml `kind`), in the order the
#: rules are tried: danger first, then crime, then discrimination.
REPORT_OFFICE_KINDS: tuple[str, ...] = (
    "emergency",
    "police",
    "anti_discrimination_office",
    "equality_body",
    "victim_support",
)


@dataclass(frozen=True)
class Incident:
    """One incident. `type` and `setting` are ids declared in routing.yml.

    `anonymous` and `wants_counselling` are the person's wishes, not facts about the
    incident; they matter because victim support takes anonymous reports and the police
    usually cannot.
    """

    type: str = "other"
    setting: str = "other"
    district: str | None = None
    danger_now: bool = False
    hate_motivated: bool = False
    anonymous: bool = False
    wants_counselling: bool = False
