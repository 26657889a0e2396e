"""Staff see only their own office's reports; administrators only counts."""
from __future__ import annotations

import pytest

from bot.reports import (
    AccessDenied,
    StaffMember,
    file_report,
    report_counts,
    report_status,
    reports_visible_to,
    set_report_status,
)

from .conftest import NOW

LANDLORD = "The landlord refused to rent the flat to me because I am Syrian."
ATTACK = "Two men attacked me at the bus stop and called me names."


def _file_two(sessions, make_draft):
    with sessions() as session:
        police = file_report(session, make_draft(ATTACK), now=NOW)
        city = file_report(session, make_draft(LANDLORD), now=NOW)
    return police, city


def test_staff_of_office_a_cannot_see_office_b_reports(sessions, make_draft):
    police, city = _file_two(sessions, make_draft)
    officer = StaffMember("k.weber", office_id="police-station-mitte")
    adviser = StaffMember("s.yilmaz", office_id="city-anti-discrimination-office")
    with sessions() as session:
        assert [r.reference for r in reports_visible_to(session, officer)] == [police.reference]
        assert [r.reference for r in reports_visible_to(session, adviser)] == [city.reference]
        assert reports_visible_to(session, StaffMember("x", office_id="victim-support")) == []


def test_staff_cannot_change_the_status_of_another_office_report(sessions, make_draft):
    police, city = _file_two(sessions, make_draft)
    officer = StaffMember("k.weber", office_id="police-station-mitte")
    with sessions() as session:
        with pytest.raises(LookupError):
            set_report_status(session, officer, city.reference, "closed", now=NOW)
        set_report_status(session, officer, police.reference, "in_progress", now=NOW)
        assert report_status(session, police.reference).status == "in_progress"
        assert report_status(session, city.reference).status == "received"


def test_admin_sees_counts_but_no_report(sessions, make_draft):
    _file_two(sessions, make_draft)
    admin = StaffMember("admin", is_admin=True)
    with sessions() as session:
        with pytest.raises(AccessDenied):
            reports_visible_to(session, admin)
        counts = {(c.office_id, c.incident_type): c.count for c in report_counts(session, admin)}
        assert counts == {("city-anti-discrimination-office", "discrimination_housing"): 1,
                          ("police-station-mitte", "physical_attack"): 1}
        own = report_counts(session, StaffMember("k", office_id="police-station-mitte"))
        assert [(c.office_id, c.count) for c in own] == [("police-station-mitte", 1)]


def test_staff_without_an_office_sees_nothing(sessions, make_draft):
    _file_two(sessions, make_draft)
    with sessions() as session, pytest.raises(AccessDenied):
        reports_visible_to(session, StaffMember("nobody"))
