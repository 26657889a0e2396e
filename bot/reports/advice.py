"""Questions about discrimination and hate crime, answered: which office, why, and the offer.

"Whom can I turn to?", "Should I go to the police?", "What can I do after a racist
attack?" ask for advice, not for an intake. The answer names the office that would handle
such a report and why, decided by the same routing table as a report (routing.yml via
`route()`, never a name written here), then offers to take the report in the chat. Danger
now is not decided here: the caller checks `safety.danger_signal` first.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from bot.reports.chat_texts import (
    Arguments,
    ChatContext,
    Content,
    Message,
    deadline_message,
    default_context,
    office_arguments,
    office_contact,
    with_content,
)
from bot.reports.classify import classify
from bot.reports.incident import Incident
from bot.reports.lexicon import ASKS_ABOUT_KINDS, Lexicon, distinct, find, normalise
from bot.reports.routing import RoutingDecision, route
from bot.reports.routing_table import RoutingTable

__all__ = ["Advice", "advice_messages", "advise", "asked_office_kind"]

#: Which group of incidents explains an office kind best, when the question names only
#: the office: the police and victim support are about hate crime, the equality body about
#: discrimination, and the city's office about anything unfair ("other": it advises on
#: every kind and finds the right place).
_GROUP_OF_KIND = {"police": "hate_crime", "victim_support": "hate_crime",
                  "anti_discrimination_office": "other",
                  "equality_body": "discrimination"}


@dataclass(frozen=True)
class Advice:
    """The office for the question and why; `also` is the counselling service that takes
    hate-crime reports without a name, offered beside the police."""

    decision: RoutingDecision
    also: RoutingDecision | None
    incident: Incident
    asked_about: str | None


def asked_office_kind(text: str, lexicon: Lexicon) -> str | None:
    """The office kind the question names ("the police", "victim counselling"), if any."""
    normalised = normalise(text)
    hits = distinct({kind: find(lexicon.asks_about.get(kind, ()), normalised)
                     for kind in ASKS_ABOUT_KINDS})
    named = [kind for kind in ASKS_ABOUT_KINDS if hits[kind]]
    return max(named, key=lambda kind: len(hits[kind])) if named else None


def _for_kind(kind: str, routes: RoutingTable) -> RoutingDecision | None:
    """The table's decision for the most typical incident handled by an office of `kind`."""
    group = _GROUP_OF_KIND[kind]
    types = sorted(routes.incident_types,
                   key=lambda name: routes.incident_groups[name] != group)
    counselling = kind == "victim_support"
    # The city's own settings first for its anti-discrimination office, last for the others.
    city_first = kind == "anti_discrimination_office"
    settings = sorted(routes.settings,
                      key=lambda setting: (setting in routes.city_settings) != city_first)
    for incident_type in types:
        for setting in settings:
            incident = Incident(incident_type, setting, wants_counselling=counselling)
            decision = route(incident, routes)
            if decision.office_kind == kind:
                return decision
    return None


def advise(text: str, language: str, routes: RoutingTable,
           lexicons: Mapping[str, Lexicon]) -> Advice:
    """The office a question about discrimination or hate crime is best answered with.

    What the question describes decides first ("my landlord refuses ..." is the landlord
    route); a question that describes nothing but names an office ("should I go to the
    police?") gets that office's route; a wish for counselling gets victim support;
    anything else the table's route for `other`.
    """
    classification = classify(text, routes, language, lexicons)
    incident = replace(classification.incident, danger_now=False)
    unfair_here = routes.discrimination_types.get(incident.setting)
    if incident.type == "other" and unfair_here and incident.hate_motivated:
        # "The landlord won't rent to me because I am a foreigner": a motive in a setting
        # where unfair treatment is discrimination, as the report chat reads it.
        incident = replace(incident, type=unfair_here)
    asked = asked_office_kind(text, lexicons[classification.language])
    if (asked is not None and "discrimination" in classification.evidence
            and _GROUP_OF_KIND[asked] == "hate_crime"):
        # "Should I go to the police about discrimination?": unfair treatment is not a
        # crime, so the discrimination routes answer, not the office named.
        asked = None
    decision = None
    if incident.type != "other":
        decision = route(incident, routes)
    elif asked is not None:
        decision = _for_kind(asked, routes)
    elif incident.wants_counselling:
        decision = _for_kind("victim_support", routes)
    if decision is None:
        decision = route(replace(incident, type="other"), routes)
    also = None
    if decision.office_kind == "police":
        counselling = _for_kind("victim_support", routes)
        if counselling is not None and counselling.office_id != decision.office_id:
            also = counselling
    return Advice(decision, also, incident, asked)


def _office(response: str, decision: RoutingDecision, language: str,
            context: ChatContext, *, why: bool = True) -> Message:
    def build(content: Content) -> Arguments:
        arguments = {**office_arguments(decision.office_id, content),
                     "office_contact": office_contact(decision.office_id, context)}
        if why:
            arguments["why"] = content.text(decision.why_key)
        return arguments

    return with_content(response, language, context, build)


def advice_messages(text: str, language: str,
                    context: ChatContext | None = None) -> list[Message]:
    """The answer: the office and why (`custom.office`), the deadline that applies, the
    counselling service beside the police, and the offer to report it here."""
    context = context or default_context()
    advice = advise(text, language, context.routes, context.lexicons)
    messages = [_office("utter_report_advice", advice.decision, language, context)]
    deadline = deadline_message(advice.decision, language, context)
    if deadline is not None:
        messages.append(deadline)
    if advice.also is not None:
        messages.append(_office("utter_report_advice_also", advice.also, language, context,
                                why=False))
    messages.append(Message("utter_report_advice_offer"))
    return messages
