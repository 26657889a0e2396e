"""Loading the catalogue into SQLite and PostgreSQL: idempotent, with history, all or nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.catalogue import (
    CatalogueError,
    CatalogueNotLoaded,
    get_city,
    get_office,
    get_service,
    history,
    list_offices,
    list_services,
    load_into_database,
)
from bot.catalogue.models import HistoryRow, KeywordRow, OfficeRow, ServiceRow
from bot.db import session_scope
from tests.catalogue.conftest import SAMPLE
from tests.catalogue.editing import edit


def snapshot(engine: Engine) -> dict[str, object]:
    """Everything a reader can see, to prove that a rejected load changed nothing."""
    with session_scope(engine) as session:
        return {
            "city": get_city(session),
            "offices": list_offices(session, include_retired=True),
            "services": list_services(session, include_retired=True),
            "history": session.execute(select(func.count(HistoryRow.id))).scalar_one(),
        }


def test_load_sample_then_read_city_contact_office_and_services(
    catalogue: Path, engine: Engine
) -> None:
    report = load_into_database(catalogue, engine)

    assert report.changes == len(report.created) > 60
    with session_scope(engine) as session:
        city = get_city(session)
        office = get_office(session, city.contact_office)
        housing = list_services(session, category="housing")
        service = get_service(session, "integration-course")
        police = list_offices(session, kind="police")
    assert city.name.source == "Lindenbruck" and city.timezone == "Europe/Berlin"
    assert office.kind == "advice"
    assert office.name.in_language("de") == "Willkommenszentrum Lindenbruck"
    assert office.address.one_line() == "Lindenplatz 3, 00101 Lindenbruck"
    assert [s.id for s in housing][:2] == ["address-registration",
                                           "housing-entitlement-certificate"]
    assert service.offices == ("adult-education-centre", "bamf-regional-office",
                               "immigration-office")
    assert "kurs almani" in service.keywords_in("ar")
    assert {o.id for o in police} == {"police-110", "police-station-mitte"}


def test_read_api_returns_none_for_unknown_ids(engine: Engine, catalogue: Path) -> None:
    load_into_database(catalogue, engine)
    with session_scope(engine) as session:
        assert get_office(session, "no-such-office") is None
        assert get_service(session, "no-such-service") is None


def test_read_api_before_first_load_raises_catalogue_not_loaded(sqlite_engine: Engine) -> None:
    from bot.catalogue.migrate import upgrade

    upgrade(sqlite_engine)
    with session_scope(sqlite_engine) as session, pytest.raises(CatalogueNotLoaded):
        get_city(session)


def test_loading_twice_reports_no_changes(catalogue: Path, engine: Engine) -> None:
    first = load_into_database(catalogue, engine)
    before = snapshot(engine)

    second = load_into_database(catalogue, engine)

    assert second.changes == 0
    assert second.unchanged == len(first.created)
    assert "0 change(s)" in second.summary()
    assert snapshot(engine) == before


def test_changed_entry_is_updated_and_its_history_kept(catalogue: Path, engine: Engine) -> None:
    load_into_database(catalogue, engine)
    edit(catalogue, "services/housing.yml", "fees: Free in Lindenbruck.", "fees: 10 euros.")
    edit(catalogue, "services/housing.yml", "en: [WBS, social housing,",
         "en: [WBS, rent-controlled flat,")
    edit(catalogue, "offices.yml", '{days: fri, from: "09:00", to: "13:00"}',
         '{days: fri, from: "09:00", to: "12:00"}')

    report = load_into_database(catalogue, engine)

    assert sorted(report.updated) == [("office", "welcome-centre"),
                                      ("service", "housing-entitlement-certificate")]
    assert report.changes == 2
    with session_scope(engine) as session:
        service = get_service(session, "housing-entitlement-certificate")
        changes = history(session, "service", "housing-entitlement-certificate")
        office = get_office(session, "welcome-centre")
    assert service.fees.source == "10 euros."
    assert "rent-controlled flat" in service.keywords_in("en")
    assert "social housing" not in service.keywords_in("en")
    assert [change.action for change in changes] == ["created", "updated"]
    assert changes[1].previous["fees"] == {"en": "Free in Lindenbruck."}
    assert changes[1].current["fees"] == {"en": "10 euros."}
    assert office.opening_hours[1].closes.hour == 12


def test_removed_entry_is_retired_not_deleted_and_restored_when_back(
    catalogue: Path, engine: Engine
) -> None:
    load_into_database(catalogue, engine)
    original = (catalogue / "services/health.yml").read_text(encoding="utf-8")
    start = original.index("  - id: mental-health-support")
    (catalogue / "services/health.yml").write_text(original[:start], encoding="utf-8")

    retired = load_into_database(catalogue, engine)

    assert retired.retired == [("service", "mental-health-support")]
    with session_scope(engine) as session:
        assert get_service(session, "mental-health-support") is None
        kept = get_service(session, "mental-health-support", include_retired=True)
        assert kept is not None and kept.retired
        assert "mental-health-support" not in {s.id for s in list_services(session)}
        assert session.get(ServiceRow, "mental-health-support") is not None
        assert session.execute(select(func.count(KeywordRow.id)).where(
            KeywordRow.service_id == "mental-health-support")).scalar_one() > 0

    (catalogue / "services/health.yml").write_text(original, encoding="utf-8")
    restored = load_into_database(catalogue, engine)

    assert restored.restored == [("service", "mental-health-support")]
    with session_scope(engine) as session:
        actions = [c.action for c in history(session, "service", "mental-health-support")]
        assert actions == ["created", "retired", "restored"]
        assert get_service(session, "mental-health-support").retired is False


def test_removed_office_is_retired_and_no_longer_offered(catalogue: Path, engine: Engine) -> None:
    load_into_database(catalogue, engine)
    content = (catalogue / "offices.yml").read_text(encoding="utf-8")
    start = content.index("  - id: victim-support")
    end = content.find("\n  - id: ", start)
    rest = "" if end == -1 else content[end + 1:]
    (catalogue / "offices.yml").write_text(content[:start] + rest, encoding="utf-8")

    report = load_into_database(catalogue, engine)

    assert report.retired == [("office", "victim-support")]
    with session_scope(engine) as session:
        assert get_office(session, "victim-support") is None
        assert list_offices(session, kind="victim_support") == []
        assert session.get(OfficeRow, "victim-support").retired


def office_position(office_id: str) -> int:
    """Where an office stands in the sample offices.yml, so new offices do not break the case."""
    lines = (SAMPLE / "offices.yml").read_text(encoding="utf-8").splitlines()
    ids = [line.split("- id:")[1].strip() for line in lines if line.startswith("  - id:")]
    return ids.index(office_id)


BREAKAGES = {
    "yaml syntax error": ("services/health.yml", "    fees: Free.\n", "    fees: [Free.\n",
                          "not valid YAML"),
    "unknown category": ("services/education.yml", "category: education", "category: edukation",
                         "services[0].category: 'edukation' is not one of"),
    "missing required field": ("services/employment.yml",
                               "    source_url: https://www.lindenbruck.example/karriere\n", "",
                               "services[2].source_url: required field is missing"),
    "unknown office": ("services/housing.yml", "offices: [housing-office]",
                       "offices: [housing-ofice]",
                       "services[1].offices[0]: no office with id 'housing-ofice'"),
    "duplicate id": ("offices.yml", "- id: police-110", "- id: emergency-112",
                     f"offices[{office_position('police-110')}].id: duplicate id 'emergency-112'"),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=list(BREAKAGES))
def test_malformed_catalogue_is_rejected_and_nothing_loaded_is_lost(
    catalogue: Path, engine: Engine, breakage: str
) -> None:
    load_into_database(catalogue, engine)
    before = snapshot(engine)
    # A valid change in another file must not be applied either: all or nothing.
    edit(catalogue, "offices.yml", "Welcome Centre Lindenbruck", "Welcome Centre")
    relative, old, new, message = BREAKAGES[breakage]
    edit(catalogue, relative, old, new)

    with pytest.raises(CatalogueError) as raised:
        load_into_database(catalogue, engine)

    problems = [str(problem) for problem in raised.value.problems]
    assert any(relative in p and message in p for p in problems), problems
    assert all(p.split(":")[1].isdigit() for p in problems), problems
    assert snapshot(engine) == before
