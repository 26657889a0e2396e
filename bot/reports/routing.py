"""Who must act on a report: one pure function from an incident to an office.

The order of the rules is the safety policy and lives here, not in data: danger now goes
to the emergency number before anything else is considered. Which office each rule names,
and why, is data (routing.yml).
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.reports.incident import Incident
from bot.reports.routing_table import ANY, Deadline, Route, RoutingTable

__all__ = ["RoutingDecision", "UnknownIncident", "route"]


class UnknownIncident(ValueError):
    """The incident names a type or setting the routing table does not declare."""


@dataclass(frozen=True)
class RoutingDecision:
    """Where a report goes and why; shown to the person before anything is asked.

    `office_id` is who handles it; `deliver_to` is the office that receives the written
    report (they differ when the handling office takes no e-mail, e.g. 112).
    `rule` and `source` say which rule and which line of routing.yml decided.
    """

    office_id: str
    office_kind: str
    why_key: str
    deadline: Deadline | None
    deliver_to: str
    what_next_key: str
    rule: str
    source: str


def _decide(route_: Route, rule: str, routes: RoutingTable) -> RoutingDecision:
    return RoutingDecision(
        office_id=route_.office_id,
        office_kind=route_.office_kind,
        why_key=route_.why_key,
        deadline=route_.deadline,
        deliver_to=route_.deliver_to,
        what_next_key=routes.what_next[route_.office_kind],
        rule=rule,
        source=f"{routes.source}:{route_.line}",
    )


def _specificity(route_: Route, incident: Incident) -> int | None:
    if route_.incident != incident.type:
        return None
    if route_.setting not in (incident.setting, ANY):
        return None
    if route_.district not in (incident.district, None):
        return None
    return (2 if route_.setting != ANY else 0) + (1 if route_.district is not None else 0)


def route(incident: Incident, routes: RoutingTable) -> RoutingDecision:
    """The office for `incident`: danger first, then anonymous hate reports, then the table."""
    if incident.danger_now:
        return _decide(routes.emergency, "danger_now", routes)
    if incident.type not in routes.incident_groups:
        raise UnknownIncident(f"unknown incident type '{incident.type}'")
    if incident.setting not in routes.settings:
        raise UnknownIncident(f"unknown setting '{incident.setting}'")
    if routes.incident_groups[incident.type] == "hate_crime" and (
        incident.anonymous or incident.wants_counselling
    ):
        return _decide(routes.anonymous_or_counselling, "anonymous_or_counselling", routes)
    scored = [(score, r) for r in routes.routes
              if (score := _specificity(r, incident)) is not None]
    if not scored:
        raise UnknownIncident(f"no route for {incident.type} in {incident.setting}")
    best = max(scored, key=lambda pair: pair[0])[1]
    return _decide(best, "table", routes)
