"""From one free-text message, in any supported language, to an Incident and a confidence.

Danger is checked first and on its own terms, so a message that also describes the past
can never hide that someone is in danger now. The rest is counting phrases from the
language's lexicon; the confidence lets the chat ask instead of guessing.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.reports.incident import Incident
from bot.reports.lexicon import (
    CRIME_SIGNALS,
    DISCRIMINATION_SIGNAL,
    Lexicon,
    distinct,
    find,
    load_lexicons,
    matches,
    normalise,
)
from bot.reports.routing import route
from bot.reports.routing_table import RoutingTable

__all__ = ["ASK_BELOW", "Classification", "classify"]

#: Below this confidence the chat should confirm the office with the person before filing.
ASK_BELOW = 0.6
#: Settings tried in this order on a tie: the city's own settings first, because a
#: complaint about the city must not be sent to a private-sector route by accident.
SETTING_PRIORITY: tuple[str, ...] = (
    "city_as_employer",
    "school_or_kita",
    "city_office_or_service",
    "housing",
    "work_or_job_search",
    "shop_restaurant_or_bank",
    "online",
    "street_or_public_transport",
)
DANGER_TYPES = ("physical_attack", "threat")


@dataclass(frozen=True)
class Classification:
    """The incident read from a message, how sure we are, and the phrases that decided."""

    incident: Incident
    language: str
    confidence: float
    evidence: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def needs_confirmation(self) -> bool:
        return self.confidence < ASK_BELOW


def _strength(top: int, second: int) -> float:
    """1.0 for a clear winner with two phrases; less with one phrase or a close second."""
    if top <= 0:
        return 0.0
    return min(1.0, 0.6 + 0.2 * top) * max(0, top - second) / top


def _margin(scores: Mapping[str, int], best: str | None) -> float:
    if best is None or best not in scores:
        return 0.0
    second = max((v for k, v in scores.items() if k != best), default=0)
    return _strength(scores[best], second)


def _best(scores: Mapping[str, int], order: tuple[str, ...]) -> str | None:
    ranked = [key for key in order if scores.get(key, 0) > 0]
    return max(ranked, key=lambda key: scores[key]) if ranked else None


def _total(lexicon: Lexicon, text: str) -> int:
    lists = [lexicon.danger, lexicon.anonymous, lexicon.hate_motive, lexicon.group,
             *lexicon.incident.values(), *lexicon.setting.values()]
    return sum(len(matches(phrases, text)) for phrases in lists)


def _guess_language(lexicons: Mapping[str, Lexicon], text: str) -> str:
    scores = {language: _total(lexicon, text) for language, lexicon in lexicons.items()}
    best = max(scores, key=lambda language: scores[language])
    return best if scores[best] > 0 else "en"


def _setting_matters(incident: Incident, routes: RoutingTable) -> bool:
    offices = {route(Incident(incident.type, setting, incident.district), routes).office_id
               for setting in routes.settings}
    return len(offices) > 1


def classify(text: str, routes: RoutingTable, language: str | None = None,
             lexicons: Mapping[str, Lexicon] | None = None) -> Classification:
    """Read one message. `language` is the chat's language; None means guess from the text."""
    lexicons = lexicons if lexicons is not None else load_lexicons(routes.settings)
    normalised = normalise(text)
    if language is None or language not in lexicons:
        language = _guess_language(lexicons, normalised)
    lexicon = lexicons[language]

    evidence: dict[str, tuple[str, ...]] = {}

    def found(name: str, phrases) -> tuple[str, ...]:
        hits = tuple(matches(phrases, normalised))
        if hits:
            evidence[name] = hits
        return hits

    type_hits = distinct({name: find(lexicon.incident.get(name, ()), normalised)
                          for name in CRIME_SIGNALS + (DISCRIMINATION_SIGNAL,)})
    setting_order = tuple(s for s in SETTING_PRIORITY if s in routes.settings)
    setting_hits = distinct({name: find(lexicon.setting.get(name, ()), normalised)
                             for name in setting_order})
    for name, hits in [*type_hits.items(), *(("setting:" + k, v) for k, v in setting_hits.items())]:
        if hits:
            evidence[name] = hits
    type_scores = {name: len(hits) for name, hits in type_hits.items()}
    setting_scores = {name: len(hits) for name, hits in setting_hits.items()}
    setting = _best(setting_scores, setting_order) or "other"

    # "Ausländer" inside "Ausländerbehörde" names an office, not a motive.
    named_settings = [hit for name in setting_order
                      for hit in find(lexicon.setting.get(name, ()), normalised)]
    motive = tuple(hit.written for hit in find(lexicon.hate_motive, normalised)
                   if not any(hit.inside(setting) for setting in named_settings))
    group = tuple(hit.written for hit in find(lexicon.group, normalised)
                  if not any(hit.inside(setting) for setting in named_settings))
    if group and matches(lexicon.because, normalised):
        # "…because we are refugees": the group given as the reason is the motive.
        motive += group
    elif group:
        evidence["group"] = group
    if motive:
        evidence["hate_motive"] = motive

    cry_for_help = normalised in lexicon.help_only
    if cry_for_help:
        evidence["help_only"] = (normalised,)
    danger_now = bool(found("danger", lexicon.danger)) or cry_for_help or (
        bool(found("now", lexicon.now)) and any(type_scores[t] for t in DANGER_TYPES)
        and not found("past", lexicon.past)
    )

    # Crime types in order of severity: an attack with insults is an attack.
    crime = next((t for t in CRIME_SIGNALS if type_scores[t]), None)
    crime_score = sum(type_scores[t] for t in CRIME_SIGNALS)
    unfair = type_scores[DISCRIMINATION_SIGNAL]
    discrimination_type = routes.discrimination_types.get(setting)
    if crime and (crime_score > unfair or (crime_score == unfair and not discrimination_type)):
        incident_type, type_confidence = crime, _strength(crime_score, unfair)
    elif unfair:
        incident_type = discrimination_type or "other"
        type_confidence = _strength(unfair, crime_score) or 0.5
        if not discrimination_type:
            type_confidence *= 0.5
    else:
        incident_type, type_confidence = "other", 0.0

    district = next((d for d in routes.districts if f" {normalise(d)} " in f" {normalised} "),
                    None)
    incident = Incident(
        type=incident_type,
        setting=setting,
        district=district,
        danger_now=danger_now,
        # A group named with an incident or a setting ("the landlord won't rent to
        # refugees") shows a motive; named alone ("where can refugees find a flat?") not.
        hate_motivated=bool(motive) or (bool(group) and (
            bool(crime) or bool(unfair) or setting != "other")),
        anonymous=bool(found("anonymous", lexicon.anonymous)),
        wants_counselling=bool(found("counselling", lexicon.counselling)),
    )
    if danger_now:
        confidence = 1.0
    elif _setting_matters(incident, routes):
        confidence = type_confidence * (0.5 + 0.5 * _margin(setting_scores, setting))
    else:
        confidence = type_confidence
    return Classification(incident, language, round(confidence, 2), evidence)
