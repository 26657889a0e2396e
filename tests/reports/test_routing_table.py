"""The routing table is data; mistakes in it are reported with file:line and field."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.reports import Incident, RoutingTableError, load_routing_table, route
from bot.reports.incident import REPORT_OFFICE_KINDS
from bot.reports.offices import load_office_contacts
from bot.reports.routing_table import default_routing_path

SOURCE = default_routing_path().read_text(encoding="utf-8")
OTHER_ROUTE = ('  - {incident: other, setting: "*", office: city-anti-discrimination-office, '
               'why: why_other}\n')


def _load_changed(tmp_path: Path, old: str, new: str):
    assert old in SOURCE, old
    path = tmp_path / "routing.yml"
    path.write_text(SOURCE.replace(old, new, 1), encoding="utf-8")
    return path, load_routing_table(path)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _problem(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    with pytest.raises(RoutingTableError) as error:
        _load_changed(tmp_path, old, new)
    changed = SOURCE.replace(old, new, 1)
    return str(error.value), changed


def test_routing_table_of_the_sample_city_is_valid_and_complete(routes):
    offices = load_office_contacts()
    for route_ in routes.routes + (routes.emergency, routes.anonymous_or_counselling):
        assert route_.office_kind in REPORT_OFFICE_KINDS
        assert offices[route_.deliver_to].email, route_
    assert routes.emergency.office_id == "emergency-112"
    for incident_type in routes.incident_types:
        for setting in routes.settings:
            route(Incident(incident_type, setting), routes)


def test_routing_table_unknown_office_is_named_with_file_line_and_field(tmp_path):
    old = "{incident: physical_attack, setting: \"*\", office: police-station-mitte"
    new = "{incident: physical_attack, setting: \"*\", office: police-mitte"
    message, changed = _problem(tmp_path, old, new)
    line = _line_of(changed, new)
    assert f"routing.yml:{line}: routes[0].office: unknown office id 'police-mitte'" in message


def test_routing_table_unknown_incident_type_is_named(tmp_path):
    old = "{incident: threat, setting: \"*\""
    message, changed = _problem(tmp_path, old, "{incident: threats, setting: \"*\"")
    line = _line_of(changed, "{incident: threats")
    assert f"routing.yml:{line}: routes[1].incident: unknown incident type 'threats'" in message


def test_routing_table_combination_without_a_route_is_named(tmp_path):
    old = OTHER_ROUTE
    message, changed = _problem(tmp_path, old, "")
    line = _line_of(changed, "\nroutes:") + 1
    assert f"routing.yml:{line}: routes: no route for incident 'other' in setting(s) " in message
    assert "street_or_public_transport" in message


def test_routing_table_recipient_without_email_is_refused(tmp_path):
    old = "    deliver_to: city-anti-discrimination-office\n    why: why_discrimination_private\n"
    message, changed = _problem(tmp_path, old, "    why: why_discrimination_private\n")
    assert "routes[" in message and ".office: office 'federal-anti-discrimination-agency' " \
        "has no e-mail address" in message


def test_routing_table_emergency_must_be_the_emergency_number(tmp_path):
    message, _ = _problem(tmp_path, "  office: emergency-112\n", "  office: police-110\n")
    assert "emergency.office" in message and "not 'emergency'" in message


def test_routing_table_office_that_takes_no_reports_is_refused(tmp_path):
    old = "{incident: other, setting: \"*\", office: city-anti-discrimination-office"
    message, _ = _problem(tmp_path, old, "{incident: other, setting: \"*\", office: welcome-centre")
    assert "office 'welcome-centre' is of kind 'advice', which takes no reports" in message


def test_routing_table_reports_every_problem_at_once(tmp_path):
    path = tmp_path / "routing.yml"
    path.write_text(SOURCE.replace("why: why_hate_crime_police}", "why: no_such_text}")
                    .replace("deadline: agg_employment\n", "deadline: agg_forever\n"),
                    encoding="utf-8")
    with pytest.raises(RoutingTableError) as error:
        load_routing_table(path)
    messages = [str(p) for p in error.value.problems]
    assert sum("unknown text 'no_such_text'" in m for m in messages) == 3
    assert sum("unknown deadline 'agg_forever'" in m for m in messages) == 2


def test_routing_table_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "routing.yml"
    path.write_text("incident_types:\n  a: {group: x\nsettings: {}\n", encoding="utf-8")
    with pytest.raises(RoutingTableError) as error:
        load_routing_table(path)
    assert str(error.value.problems[0]).startswith(f"{path}:")
    assert "not valid YAML" in str(error.value)


def test_routing_table_district_route_wins_in_its_district_only(tmp_path):
    old = OTHER_ROUTE
    extra = ("  - {incident: other, setting: \"*\", district: Nordstadt, office: victim-support, "
             "why: why_other}\n")
    _, table = _load_changed(tmp_path, old, old + extra)
    nordstadt = Incident("other", "online", district="Nordstadt")
    assert route(nordstadt, table).office_id == "victim-support"
    assert route(Incident("other", "online", district="Mitte"), table).office_id == \
        "city-anti-discrimination-office"
    assert route(Incident("other", "online"), table).office_id == "city-anti-discrimination-office"


def test_routing_table_unknown_district_is_named(tmp_path):
    old = OTHER_ROUTE
    extra = ("  - {incident: other, setting: online, district: Atlantis, office: victim-support, "
             "why: why_other}\n")
    message, _ = _problem(tmp_path, old, old + extra)
    assert "district: unknown district 'Atlantis'" in message
