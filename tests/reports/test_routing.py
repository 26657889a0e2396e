"""route(): one pure function; the order of its rules is the safety policy."""
from __future__ import annotations

from datetime import date

import pytest

from bot.reports import Incident, UnknownIncident, route


def test_route_danger_now_goes_to_112_whatever_else_is_true(routes):
    for incident in [
        Incident("discrimination_housing", "housing", danger_now=True),
        Incident("physical_attack", "street_or_public_transport", danger_now=True, anonymous=True),
        Incident("other", "other", danger_now=True),
    ]:
        decision = route(incident, routes)
        assert (decision.office_id, decision.office_kind, decision.rule) == (
            "emergency-112", "emergency", "danger_now")
        assert decision.deliver_to == "police-station-mitte"


@pytest.mark.parametrize("incident_type", [
    "physical_attack", "threat", "insult_or_harassment", "property_damage_or_graffiti"])
def test_route_hate_crime_goes_to_the_police(routes, incident_type):
    decision = route(Incident(incident_type, "street_or_public_transport", hate_motivated=True),
                     routes)
    assert decision.office_kind == "police"
    assert decision.why_key == "why_hate_crime_police"


def test_route_anonymous_or_counselling_hate_incident_goes_to_victim_support(routes):
    for incident in [Incident("property_damage_or_graffiti", "housing", anonymous=True),
                     Incident("physical_attack", "online", wants_counselling=True)]:
        assert route(incident, routes).office_id == "victim-support"


def test_route_anonymous_wish_does_not_move_a_discrimination_complaint(routes):
    decision = route(Incident("discrimination_housing", "housing", anonymous=True), routes)
    assert decision.office_kind == "equality_body"


@pytest.mark.parametrize("incident", [
    Incident("discrimination_by_city", "other"),
    Incident("discrimination_denied_service", "city_office_or_service"),
    Incident("discrimination_denied_service", "school_or_kita"),
    Incident("discrimination_housing", "city_office_or_service"),
    Incident("insult_or_harassment", "city_office_or_service"),
])
def test_route_discrimination_by_the_city_goes_to_its_own_office(routes, incident):
    decision = route(incident, routes)
    assert (decision.office_id, decision.office_kind) == (
        "city-anti-discrimination-office", "anti_discrimination_office")


def test_route_private_discrimination_goes_to_the_equality_body_with_the_agg_deadline(routes):
    decision = route(Incident("discrimination_housing", "housing"), routes)
    assert decision.office_kind == "equality_body"
    assert decision.office_id == "federal-anti-discrimination-agency"
    assert decision.deliver_to == "city-anti-discrimination-office"
    assert decision.deadline is not None and decision.deadline.months == 2
    assert "§ 21 (5) AGG" == decision.deadline.reference
    assert "two months" in routes.texts[decision.deadline.text_key]


def test_route_city_as_employer_keeps_the_agg_deadline(routes):
    decision = route(Incident("discrimination_employment", "city_as_employer"), routes)
    assert decision.office_kind == "anti_discrimination_office"
    assert decision.deadline.id == "agg_employment"


def test_route_says_which_line_decided_and_what_happens_next(routes):
    decision = route(Incident("threat", "online"), routes)
    assert decision.source.startswith("services_catalogue/routing.yml:")
    assert decision.what_next_key == "next_police"
    assert routes.texts[decision.why_key]


def test_route_unknown_type_or_setting_is_an_error(routes):
    with pytest.raises(UnknownIncident):
        route(Incident("burglary", "other"), routes)
    with pytest.raises(UnknownIncident):
        route(Incident("threat", "moon"), routes)


def test_deadline_due_date_counts_calendar_months(routes):
    deadline = routes.deadlines["agg_goods_and_services"]
    assert deadline.due(date(2026, 3, 2)) == date(2026, 5, 2)
    assert deadline.due(date(2026, 12, 31)) == date(2027, 2, 28)
