"""From one message in any supported language to the right office kind."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.language.languages import SUPPORTED
from bot.reports import classify, route
from bot.reports.lexicon import load_lexicons
from bot.reports.mail import load_email_labels

CASES = yaml.safe_load((Path(__file__).parent / "classifier_cases.yml").read_text("utf-8"))
PARAMS = [pytest.param(language, case, id=f"{language}-{case['case']}")
          for language, cases in CASES.items() for case in cases]


@pytest.mark.parametrize("language, case", PARAMS)
def test_classify_route_message_reaches_the_right_office_kind(routes, language, case):
    result = classify(case["text"], routes, language)
    assert route(result.incident, routes).office_kind == case["office"], result
    if case["office"] == "emergency":
        assert result.incident.danger_now and result.confidence == 1.0


@pytest.mark.parametrize("language, case", PARAMS)
def test_classify_route_works_without_being_told_the_language(routes, language, case):
    result = classify(case["text"], routes)
    assert route(result.incident, routes).office_kind == case["office"], result


def test_classify_route_covers_the_five_cases_in_every_language():
    assert set(CASES) == set(SUPPORTED)
    required = {"landlord", "city_office", "street_attack", "anonymous_graffiti", "danger_now"}
    for language, cases in CASES.items():
        assert required <= {case["case"] for case in cases}, language


def test_classify_danger_is_checked_before_anything_else(routes):
    result = classify("The landlord refused me the flat, and now he is following me!", routes,
                      "en")
    assert result.incident.danger_now
    assert route(result.incident, routes).office_kind == "emergency"


def test_classify_a_message_that_is_only_a_cry_for_help_is_danger(routes):
    for language, text in [("en", "Help!"), ("de", "Hilfe"), ("ar", "النجدة"), ("ru", "Помогите!")]:
        assert classify(text, routes, language).incident.danger_now, text


@pytest.mark.parametrize("language, text", [
    ("en", "Can you help me find a flat?"),
    ("de", "Können Sie mir helfen, eine Wohnung zu finden?"),
    ("ar", "هل يمكنك مساعدتي في إيجاد شقة؟"),
    ("ru", "Помогите мне найти квартиру, пожалуйста"),
    ("uk", "Допоможіть мені знайти квартиру"),
    ("tr", "Ev bulmama yardım eder misiniz?"),
    ("fa", "می‌توانید به من کمک کنید آپارتمان پیدا کنم؟"),
    ("fr", "Pouvez-vous m'aider à trouver un appartement ?"),
    ("pl", "Potrzebuję pomocy w znalezieniu mieszkania."),
    ("ro", "Am nevoie de ajutor să găsesc un apartament."),
])
def test_classify_an_ordinary_request_is_neither_danger_nor_confident(routes, language, text):
    result = classify(text, routes, language)
    assert not result.incident.danger_now
    assert result.needs_confirmation


def test_classify_past_attack_is_not_danger_now(routes):
    result = classify("Last week a man hit me on the tram because I wear a hijab.", routes, "en")
    assert not result.incident.danger_now
    assert result.incident.type == "physical_attack" and result.incident.hate_motivated


def test_classify_reports_district_and_evidence(routes):
    result = classify("Someone sprayed a swastika on a wall in Nordstadt.", routes, "en")
    assert result.incident.district == "Nordstadt"
    assert "graffiti" not in result.evidence.get("physical_attack", ())
    assert result.evidence["property_damage_or_graffiti"]


def test_classify_lexicons_exist_for_every_language_and_use_known_settings(routes):
    lexicons = load_lexicons(routes.settings)
    assert set(lexicons) == set(SUPPORTED)
    for language, lexicon in lexicons.items():
        assert lexicon.danger and lexicon.anonymous and lexicon.help_only, language
        for setting, phrases in lexicon.setting.items():
            assert setting in routes.settings and phrases, (language, setting)
        assert all(lexicon.incident.values()), language


def test_email_labels_name_every_id_of_the_routing_table(routes):
    labels = load_email_labels()
    assert set(routes.incident_types) <= set(labels["incident_types"])
    assert set(routes.settings) <= set(labels["settings"])
    assert set(routes.deadlines) <= set(labels["deadlines"])
    kinds = {r.office_kind for r in routes.routes} | {routes.emergency.office_kind}
    assert kinds <= set(labels["office_kinds"])
