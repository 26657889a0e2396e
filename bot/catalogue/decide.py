"""From what the ranker and the word search found to what the reply does: answer one
service, offer a few to choose from, or say the catalogue has nothing on it.

Answer, don't interrogate: when one service clearly fits it is answered at once (its
answer carries where / how / who buttons and "not what I meant"); a choice is offered only
when the best candidates are close, and never a choice of one. The thresholds were chosen
on the team's paraphrase held-out set (tests/catalogue_answers/heldout) and the search's
development questions, never on the real questions kept under tests/ for measuring.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.catalogue.ranker import NONE, Ranked
from bot.catalogue.search import Found, Match

__all__ = ["Decision", "decide"]

# The ranker alone answers when its best service is this likely and well ahead of the next.
ANSWER_PROBABILITY = 0.45
ANSWER_MARGIN = 2.0
# When the word search agrees on the best service, less certainty is enough; when it
# answers another one, the ranker must find that one likely too.
AGREED_PROBABILITY = 0.15
LEXICAL_PROBABILITY = 0.25
# Candidates worth offering: this likely, and not far behind the best ...
OFFER_PROBABILITY = 0.08
OFFER_SHARE = 0.3
# ... when the best is at least this likely or the word search found something: below it
# the ranker is spreading a message about nothing it knows ("qwzx", "fishing licence").
CHOICE_PROBABILITY = 0.3
# A lone candidate is answered rather than offered as a choice of one.
ALONE_PROBABILITY = 0.3
# NLU said the message is not about city services: only overwhelming evidence overrules it,
# or the word search and the ranker agreeing on one service ("Comment trouver une crèche?"),
# or the word search naming first the ranker's best service while the ranker sees no
# chance that the message is about no service ("busco piso", "guarderia": DIET was sure
# they were out of scope). Chosen on the team's development sets (tests/catalogue_answers/
# needs, out_of_scope, heldout): of the 215 messages NLU called out of scope, the last rule
# answers 4 more needs rightly and none of the 195 out-of-scope messages; letting the
# ranker's doubt alone decide (below 0.01) would answer 6 more needs and 3 out-of-scope
# messages (a driving licence as school certificates, a mosque as a shelter).
OVERRULE_PROBABILITY = 0.8
OVERRULE_AGREED_PROBABILITY = 0.5
OVERRULE_NAMED_PROBABILITY = 0.25
OVERRULE_NO_DOUBT = 0.03


@dataclass(frozen=True)
class Decision:
    """`answer` (one service id), `choose` (two or three), or `nothing`."""

    kind: str
    service_ids: tuple[str, ...] = ()


def decide(ranked: Sequence[Ranked], lexical: Found, *, out_of_scope: bool = False,
           sharp: Sequence[Ranked] = ()) -> Decision:
    """Combine the ranker's probabilities (`ranked`) with the word search's verdict
    (`lexical`). `sharp`: the ranker's sharper judgement of which service it is
    (ServiceRanker.rank_sharp), which may answer at once where `ranked` would offer a
    choice, but never where `ranked` finds nothing or finds "no service" likelier than the
    one answered: which service is the sharp one's question, whether any is the other's."""
    decision = _decide(ranked, lexical, out_of_scope)
    if not sharp or out_of_scope or decision.kind == "nothing":
        return decision
    sharper = _decide(sharp, lexical, out_of_scope)
    if sharper.kind == "answer" and (
        _probability(ranked, sharper.service_ids[0]) > _probability(ranked, NONE)
    ):
        return sharper
    return decision


def _decide(ranked: Sequence[Ranked], lexical: Found, out_of_scope: bool) -> Decision:
    services = [item for item in ranked if item.service_id != NONE]
    none = next((item.probability for item in ranked if item.service_id == NONE), 0.0)
    if not services:
        return _lexical_only(lexical, out_of_scope)
    top = services[0]
    second = services[1].probability if len(services) > 1 else 0.0
    lexical_best = lexical.matches[0].service_id if lexical.kind == "answer" else None
    if out_of_scope:
        agreed = lexical_best == top.service_id and top.probability >= OVERRULE_AGREED_PROBABILITY
        offered = _offered(lexical)
        named_first = bool(offered) and offered[0].service_id == top.service_id
        undoubted = (named_first and none < OVERRULE_NO_DOUBT
                     and top.probability >= OVERRULE_NAMED_PROBABILITY)
        if top.probability >= OVERRULE_PROBABILITY or agreed or undoubted:
            return Decision("answer", (top.service_id,))
        return Decision("nothing")
    if lexical_best == top.service_id and top.probability >= AGREED_PROBABILITY:
        return Decision("answer", (top.service_id,))
    # "About no service" competes like a service: a train ticket is not the social pass.
    if (top.probability >= ANSWER_PROBABILITY
            and top.probability >= ANSWER_MARGIN * max(second, none)):
        return Decision("answer", (top.service_id,))
    if lexical_best is not None and _probability(services, lexical_best) >= LEXICAL_PROBABILITY:
        return Decision("answer", (lexical_best,))
    if top.probability < CHOICE_PROBABILITY and not _offered(lexical):
        return Decision("nothing")
    floor = max(OFFER_PROBABILITY, top.probability * OFFER_SHARE)
    close = [item.service_id for item in services[:3] if item.probability >= floor]
    for match in _offered(lexical):
        if match.service_id not in close and len(close) < 3:
            close.append(match.service_id)
    if len(close) >= 2 and none < top.probability + second:
        return Decision("choose", tuple(close))
    if close and top.probability >= ALONE_PROBABILITY and top.probability >= ANSWER_MARGIN * none:
        return Decision("answer", (close[0],))
    return Decision("nothing")


def _probability(services: Sequence[Ranked], service_id: str) -> float:
    return next((item.probability for item in services if item.service_id == service_id), 0.0)


def _offered(lexical: Found) -> tuple[Match, ...]:
    return lexical.matches if lexical.kind != "nothing" else ()


def _lexical_only(lexical: Found, out_of_scope: bool) -> Decision:
    """Without a ranker (an empty catalogue of questions): the word search decides."""
    ids = tuple(match.service_id for match in lexical.matches)
    if out_of_scope or lexical.kind == "nothing":
        return Decision("nothing")
    if lexical.kind == "answer" or len(ids) == 1:
        return Decision("answer", ids[:1])
    return Decision("choose", ids)
