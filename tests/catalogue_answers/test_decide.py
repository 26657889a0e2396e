"""Answer, don't interrogate: how ranker and word search together decide the reply."""
from __future__ import annotations

from bot.catalogue.decide import decide
from bot.catalogue.ranker import NONE, Ranked
from bot.catalogue.search import Found, Match


def ranked(*pairs: tuple[str, float]) -> list[Ranked]:
    return [Ranked(service, probability) for service, probability in pairs]


NOTHING = Found("nothing")


def test_one_clearly_fitting_service_is_answered_at_once() -> None:
    decision = decide(ranked(("kita-place-and-voucher", 0.7), ("after-school-care", 0.1)), NOTHING)

    assert (decision.kind, decision.service_ids) == ("answer", ("kita-place-and-voucher",))


def test_close_candidates_are_offered_as_a_choice() -> None:
    decision = decide(ranked(("housing-benefit", 0.35), ("basic-income-support", 0.3),
                             ("social-pass", 0.05)), NOTHING)

    assert decision.kind == "choose"
    assert decision.service_ids == ("housing-benefit", "basic-income-support")


def test_a_choice_is_never_a_choice_of_one() -> None:
    decision = decide(ranked(("family-doctor", 0.3), (NONE, 0.1), ("dental-care", 0.03)),
                      NOTHING)

    assert (decision.kind, decision.service_ids) == ("answer", ("family-doctor",))


def test_the_word_search_agreeing_is_enough_to_answer() -> None:
    found = Found("answer", (Match("address-registration", 3.0),))

    decision = decide(ranked(("address-registration", 0.2), ("refugee-accommodation", 0.18)),
                      found)

    assert decision.service_ids == ("address-registration",)


def test_a_message_about_no_service_gets_nothing() -> None:
    decision = decide(ranked((NONE, 0.8), ("social-pass", 0.05)), NOTHING)

    assert decision.kind == "nothing"


def test_out_of_scope_is_overruled_only_by_an_overwhelming_match() -> None:
    unsure = ranked(("city-jobs", 0.6), ("vocational-training", 0.2))
    sure = ranked(("city-jobs", 0.9), ("vocational-training", 0.05))

    assert decide(unsure, NOTHING, out_of_scope=True).kind == "nothing"
    assert decide(sure, NOTHING, out_of_scope=True).service_ids == ("city-jobs",)


def test_out_of_scope_is_overruled_when_the_word_search_and_the_ranker_agree() -> None:
    """"Comment trouver une crèche ?" taken for out of scope: the keyword "crèche" and the
    ranker both say Kita."""
    found = Found("answer", (Match("kita-place-and-voucher", 3.0),))
    agreed = ranked(("kita-place-and-voucher", 0.67), ("renting-a-flat-advice", 0.06))
    weak = ranked(("kita-place-and-voucher", 0.3), ("renting-a-flat-advice", 0.2), (NONE, 0.1))
    other = Found("answer", (Match("renting-a-flat-advice", 3.0),))

    assert decide(agreed, found, out_of_scope=True).service_ids == ("kita-place-and-voucher",)
    assert decide(weak, found, out_of_scope=True).kind == "nothing"
    assert decide(agreed, other, out_of_scope=True).kind == "nothing"


def test_out_of_scope_is_overruled_when_the_search_names_the_service_the_ranker_has_no_doubt(
) -> None:
    """"busco piso" taken for out of scope: the word search offers the flat first, and the
    ranker, unsure which housing service, sees no chance it is about no service."""
    offered = Found("choose", (Match("renting-a-flat-advice", 1.5),
                               Match("housing-entitlement-certificate", 0.9)))
    no_doubt = ranked(("renting-a-flat-advice", 0.27), ("housing-entitlement-certificate", 0.2),
                      (NONE, 0.004))
    doubt = ranked(("renting-a-flat-advice", 0.27), ("housing-entitlement-certificate", 0.2),
                   (NONE, 0.25))

    assert decide(no_doubt, offered, out_of_scope=True).service_ids == ("renting-a-flat-advice",)
    assert decide(doubt, offered, out_of_scope=True).kind == "nothing"
    assert decide(no_doubt, NOTHING, out_of_scope=True).kind == "nothing"


def test_a_thin_spread_over_many_services_is_nothing_not_a_choice() -> None:
    """What the ranker does with "qwzx vbnm" or a fishing licence: no service stands out."""
    decision = decide(ranked(("housing-entitlement-certificate", 0.18),
                             ("tenant-rights-advice", 0.13), ("online-german-learning", 0.08)),
                      NOTHING)

    assert decision.kind == "nothing"


def test_about_no_service_competes_like_a_service() -> None:
    """"Where do I buy a train ticket": the social pass is likelier than any other service,
    but not than "about nothing the city offers"."""
    decision = decide(ranked(("social-pass", 0.46), (NONE, 0.3), ("kita-place-and-voucher", 0.04)),
                      NOTHING)

    assert decision.kind == "nothing"


def test_the_sharp_judgement_answers_where_the_broad_one_offers_a_choice() -> None:
    """Two near services: the broad classifier hesitates, the sharp one tells them apart."""
    broad = ranked(("housing-benefit", 0.35), ("basic-income-support", 0.3), (NONE, 0.05))
    sharp = ranked(("housing-benefit", 0.7), ("basic-income-support", 0.2), (NONE, 0.01))

    assert decide(broad, NOTHING).kind == "choose"
    decision = decide(broad, NOTHING, sharp=sharp)
    assert (decision.kind, decision.service_ids) == ("answer", ("housing-benefit",))


def test_the_sharp_judgement_never_answers_what_the_broad_one_finds_about_nothing() -> None:
    """A fishing licence: spread thin by the broad classifier, one service by the sharp."""
    broad = ranked(("integration-course-admission", 0.26), ("immigration-office-appointment", 0.13),
                   ("social-pass", 0.09))
    sharp = ranked(("integration-course-admission", 0.6), ("immigration-office-appointment", 0.2))

    assert decide(broad, NOTHING, sharp=sharp).kind == "nothing"


def test_the_sharp_judgement_never_answers_a_service_less_likely_than_no_service() -> None:
    """"How do I get a driving licence" (Pashto): no service of ours, and the broad
    classifier finds "no service" likelier than the one the sharp classifier picks."""
    broad = ranked(("integration-course-admission", 0.32), (NONE, 0.3),
                   ("permission-to-work", 0.15))
    sharp = ranked(("permission-to-work", 0.55), ("integration-course-admission", 0.3))

    assert decide(broad, NOTHING, sharp=sharp).kind == "choose"
