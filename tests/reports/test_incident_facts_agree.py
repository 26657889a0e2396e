"""Incident types and settings are stated once, in services_catalogue/routing.yml; the chat's
buttons (bot/reports/chat.py), the danger check (bot/reports/classify.py) and the buttons of
domain/reports.yml name them and must not drift from it."""
import re

from bot.domain_files import read_domain
from bot.paths import domain_dir
from bot.reports.chat import DECLINED_CHOICE, GENERIC_DISCRIMINATION, SAFE_CHOICE, TYPE_CHOICES
from bot.reports.classify import DANGER_TYPES
from bot.reports.routing_table import load_routing_table


def test_every_type_button_names_an_incident_type_of_the_routing_table() -> None:
    routes = load_routing_table()
    assert set(TYPE_CHOICES) - {GENERIC_DISCRIMINATION} <= set(routes.incident_types)


def test_the_danger_types_are_hate_crimes_of_the_routing_table() -> None:
    routes = load_routing_table()
    assert {routes.incident_groups[kind] for kind in DANGER_TYPES} == {"hate_crime"}


def test_every_report_button_in_the_domain_is_a_type_a_setting_or_an_answer_the_chat_reads(
) -> None:
    routes = load_routing_table()
    known = {*TYPE_CHOICES, *routes.settings, SAFE_CHOICE, DECLINED_CHOICE}
    payloads = re.findall(r'"report_choice":\s*"([a-z_]+)"', str(read_domain(domain_dir())))
    assert payloads, "the report buttons were not found"
    assert set(payloads) <= known
