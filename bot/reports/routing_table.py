"""The routing table (services_catalogue/routing.yml): loaded, checked, and held as values.

Every mistake is reported with file:line and field, all at once, so whoever edits the
table can fix it in one pass: unknown ids, a route to an office that is not a report
office, a recipient without an e-mail address, and any incident x setting with no route.
"""
from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.paths import PROJECT_ROOT, catalogue_dir
from bot.reports.incident import REPORT_OFFICE_KINDS
from bot.reports.offices import OfficeContact, load_office_contacts
from bot.yaml_source import LineDict, LineList, YamlProblem, line_of, plain, read_yaml

__all__ = [
    "ANY",
    "Deadline",
    "Route",
    "RoutingProblem",
    "RoutingTable",
    "RoutingTableError",
    "default_routing_path",
    "load_routing_table",
]

ANY = "*"
INCIDENT_GROUPS = ("hate_crime", "discrimination", "other")


@dataclass(frozen=True)
class Deadline:
    id: str
    months: int
    counted_from: str
    reference: str
    text_key: str

    def due(self, start: date) -> date:
        """`start` plus `months` calendar months (the last day of a shorter month)."""
        month_index = start.month - 1 + self.months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Route:
    incident: str
    setting: str
    district: str | None
    office_id: str
    office_kind: str
    deliver_to: str
    why_key: str
    deadline: Deadline | None
    line: int


@dataclass(frozen=True)
class RoutingTable:
    source: str
    incident_groups: Mapping[str, str]
    settings: tuple[str, ...]
    discrimination_types: Mapping[str, str]
    city_settings: frozenset[str]
    districts: tuple[str, ...]
    deadlines: Mapping[str, Deadline]
    texts: Mapping[str, str]
    what_next: Mapping[str, str]
    emergency: Route
    anonymous_or_counselling: Route
    routes: tuple[Route, ...] = field(default=())

    @property
    def incident_types(self) -> tuple[str, ...]:
        return tuple(self.incident_groups)


@dataclass(frozen=True)
class RoutingProblem:
    source: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.field}: {self.message}"


class RoutingTableError(ValueError):
    def __init__(self, problems: list[RoutingProblem]) -> None:
        self.problems = problems
        super().__init__("routing table is not valid:\n" + "\n".join(map(str, problems)))


def default_routing_path() -> Path:
    return catalogue_dir() / "routing.yml"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


class _Checker:
    def __init__(self, source: str, offices: Mapping[str, OfficeContact]) -> None:
        self.source = source
        self.offices = offices
        self.problems: list[RoutingProblem] = []

    def problem(self, line: int, field_name: str, message: str) -> None:
        self.problems.append(RoutingProblem(self.source, line, field_name, message))

    def mapping(self, parent: Any, key: str, required: bool = True) -> LineDict:
        value = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(value, LineDict):
            return value
        if value is not None or required:
            self.problem(line_of(parent, key), key, "must be a mapping")
        empty = LineDict()
        empty.line, empty.key_lines = line_of(parent, key), {}
        return empty

    def text(self, entry: LineDict, key: str, where: str, required: bool = True) -> str | None:
        value = entry.get(key)
        if value is None:
            if required:
                self.problem(entry.line, f"{where}.{key}", "is missing")
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value) == "":
            self.problem(line_of(entry, key), f"{where}.{key}", "must be a non-empty text")
            return None
        return str(value)

    def one_of(self, entry: LineDict, key: str, where: str, allowed: tuple[str, ...] | Any,
               what: str, required: bool = True) -> str | None:
        value = self.text(entry, key, where, required)
        if value is not None and value not in allowed:
            self.problem(line_of(entry, key), f"{where}.{key}",
                         f"unknown {what} '{value}' (known: {', '.join(sorted(allowed))})")
            return None
        return value


def load_routing_table(path: Path | None = None,
                       offices: Mapping[str, OfficeContact] | None = None) -> RoutingTable:
    """Read and check routing.yml; raises RoutingTableError naming file:line and field."""
    path = path or default_routing_path()
    offices = load_office_contacts() if offices is None else offices
    checker = _Checker(_display(path), offices)
    try:
        data = plain(read_yaml(path))
    except YamlProblem as error:
        raise RoutingTableError([RoutingProblem(checker.source, error.line, "file",
                                                error.message)]) from None
    if not isinstance(data, LineDict):
        raise RoutingTableError([RoutingProblem(checker.source, 1, "file",
                                                "must be a mapping of sections")])
    table = _build(data, checker)
    if checker.problems or table is None:
        raise RoutingTableError(checker.problems)
    return table


def _build(data: LineDict, c: _Checker) -> RoutingTable | None:
    groups: dict[str, str] = {}
    types = c.mapping(data, "incident_types")
    for type_id, entry in types.items():
        entry = entry if isinstance(entry, LineDict) else c.mapping(types, type_id)
        group = c.one_of(entry, "group", f"incident_types.{type_id}", INCIDENT_GROUPS,
                         "group")
        groups[type_id] = group or "other"

    settings_section = c.mapping(data, "settings")
    discrimination_types: dict[str, str] = {}
    city_settings: set[str] = set()
    for setting_id, entry in settings_section.items():
        entry = entry if isinstance(entry, LineDict) else c.mapping(settings_section, setting_id)
        where = f"settings.{setting_id}"
        kinds = tuple(t for t, g in groups.items() if g == "discrimination")
        dtype = c.one_of(entry, "discrimination_type", where, kinds, "discrimination type",
                         required=False)
        if dtype:
            discrimination_types[setting_id] = dtype
        if entry.get("by_city") is True:
            city_settings.add(setting_id)
    settings = tuple(settings_section)

    districts_value = data.get("districts") or LineList()
    if not isinstance(districts_value, list):
        c.problem(line_of(data, "districts"), "districts", "must be a list of names")
        districts_value = LineList()
    districts = tuple(str(d) for d in districts_value)

    texts_section = c.mapping(data, "texts")
    texts = {key: str(value).strip() for key, value in texts_section.items()}
    for key, value in texts_section.items():
        if not isinstance(value, str) or not value.strip():
            c.problem(line_of(texts_section, key), f"texts.{key}", "must be a non-empty text")

    deadlines: dict[str, Deadline] = {}
    deadlines_section = c.mapping(data, "deadlines", required=False)
    for deadline_id, entry in deadlines_section.items():
        entry = entry if isinstance(entry, LineDict) else c.mapping(deadlines_section, deadline_id)
        where = f"deadlines.{deadline_id}"
        months = entry.get("months")
        if not isinstance(months, int) or isinstance(months, bool) or months <= 0:
            c.problem(line_of(entry, "months"), f"{where}.months", "must be a whole number > 0")
            months = 1
        counted_from = c.text(entry, "counted_from", where) or ""
        reference = c.text(entry, "reference", where) or ""
        text = c.text(entry, "text", where)
        key = f"deadline_{deadline_id}"
        if text:
            texts[key] = " ".join(text.split())
        deadlines[deadline_id] = Deadline(deadline_id, months, counted_from, reference, key)

    what_next_section = c.mapping(data, "what_next")
    what_next: dict[str, str] = {}
    for kind, key in what_next_section.items():
        if kind not in REPORT_OFFICE_KINDS:
            c.problem(line_of(what_next_section, kind), f"what_next.{kind}",
                      f"unknown office kind '{kind}' (known: {', '.join(REPORT_OFFICE_KINDS)})")
        elif str(key) not in texts:
            c.problem(line_of(what_next_section, kind), f"what_next.{kind}",
                      f"unknown text '{key}' (define it under texts)")
        else:
            what_next[kind] = str(key)

    context = _RouteContext(c, groups, settings, districts, deadlines, texts)
    emergency = context.route(c.mapping(data, "emergency"), "emergency", fixed=True)
    anonymous = context.route(c.mapping(data, "anonymous_or_counselling"),
                              "anonymous_or_counselling", fixed=True)
    if emergency and emergency.office_kind != "emergency":
        c.problem(data["emergency"].line, "emergency.office",
                  f"office '{emergency.office_id}' is of kind '{emergency.office_kind}', "
                  "not 'emergency': danger now must go to the emergency number")

    routes: list[Route] = []
    routes_value = data.get("routes")
    if not isinstance(routes_value, LineList):
        c.problem(line_of(data, "routes"), "routes", "must be a list of routes")
        routes_value = LineList()
    seen: dict[tuple[str, str, str | None], int] = {}
    for index, entry in enumerate(routes_value):
        where = f"routes[{index}]"
        if not isinstance(entry, LineDict):
            c.problem(line_of(routes_value), where, "must be a mapping")
            continue
        route_ = context.route(entry, where, fixed=False)
        if route_ is None:
            continue
        key = (route_.incident, route_.setting, route_.district)
        if key in seen:
            c.problem(route_.line, where, f"same incident, setting and district as the route "
                                          f"on line {seen[key]}")
            continue
        seen[key] = route_.line
        routes.append(route_)

    for kind in {r.office_kind for r in routes} | {r.office_kind for r in (emergency, anonymous)
                                                   if r}:
        if kind not in what_next:
            c.problem(what_next_section.line, "what_next",
                      f"no text for office kind '{kind}', which a route uses")

    _check_coverage(c, groups, settings, routes, line_of(data, "routes"))
    if emergency is None or anonymous is None:
        return None
    return RoutingTable(
        source=c.source,
        incident_groups=groups,
        settings=settings,
        discrimination_types=discrimination_types,
        city_settings=frozenset(city_settings),
        districts=districts,
        deadlines=deadlines,
        texts=texts,
        what_next=what_next,
        emergency=emergency,
        anonymous_or_counselling=anonymous,
        routes=tuple(routes),
    )


@dataclass
class _RouteContext:
    c: _Checker
    groups: Mapping[str, str]
    settings: tuple[str, ...]
    districts: tuple[str, ...]
    deadlines: Mapping[str, Deadline]
    texts: Mapping[str, str]

    def route(self, entry: LineDict, where: str, fixed: bool) -> Route | None:
        c = self.c
        problems_before = len(c.problems)
        incident: str | None = ANY
        setting: str | None = ANY
        district: str | None = None
        if not fixed:
            incident = c.one_of(entry, "incident", where, tuple(self.groups), "incident type")
            setting = c.one_of(entry, "setting", where, self.settings + (ANY,), "setting")
            district = c.one_of(entry, "district", where, self.districts + (ANY,), "district",
                                required=False)
            district = None if district in (None, ANY) else district
        office_id = self._office(entry, "office", where)
        deliver_to = self._office(entry, "deliver_to", where, required=False) or office_id
        if office_id and deliver_to:
            recipient = c.offices[deliver_to]
            if not recipient.email:
                field_name = "deliver_to" if "deliver_to" in entry else "office"
                c.problem(line_of(entry, field_name), f"{where}.{field_name}",
                          f"office '{deliver_to}' has no e-mail address in offices.yml, so it "
                          "cannot receive written reports (set deliver_to)")
        why = c.one_of(entry, "why", where, tuple(self.texts), "text")
        deadline_id = c.one_of(entry, "deadline", where, tuple(self.deadlines), "deadline",
                               required=False)
        if len(c.problems) > problems_before or not (incident and setting and office_id and why):
            return None
        return Route(
            incident=incident,
            setting=setting,
            district=district,
            office_id=office_id,
            office_kind=c.offices[office_id].kind,
            deliver_to=deliver_to or office_id,
            why_key=why,
            deadline=self.deadlines[deadline_id] if deadline_id else None,
            line=entry.line,
        )

    def _office(self, entry: LineDict, key: str, where: str, required: bool = True) -> str | None:
        c = self.c
        office_id = c.text(entry, key, where, required)
        if office_id is None:
            return None
        office = c.offices.get(office_id)
        if office is None:
            c.problem(line_of(entry, key), f"{where}.{key}",
                      f"unknown office id '{office_id}' (not in offices.yml)")
            return None
        if key == "office" and office.kind not in REPORT_OFFICE_KINDS:
            c.problem(line_of(entry, key), f"{where}.{key}",
                      f"office '{office_id}' is of kind '{office.kind}', which takes no reports "
                      f"(report kinds: {', '.join(REPORT_OFFICE_KINDS)})")
            return None
        return office_id


def _check_coverage(c: _Checker, groups: Mapping[str, str], settings: tuple[str, ...],
                    routes: list[Route], line: int) -> None:
    citywide = {(r.incident, r.setting) for r in routes if r.district is None}
    for incident in groups:
        missing = [s for s in settings
                   if (incident, s) not in citywide and (incident, ANY) not in citywide]
        if missing:
            c.problem(line, "routes",
                      f"no route for incident '{incident}' in setting(s) {', '.join(missing)} "
                      f"(add a route with setting '*' or one of these)")
