"""The service ranker: what a message means, in any of our languages, finds its service.

Real multilingual-e5-small embeddings, learnt from the sample catalogue's questions, titles
and keywords. The sentences here are not in services_catalogue/questions; they are the kind
of thing newcomers write, and assert only what holds for any well-trained ranker: the right
service is answered, or at least offered, and nothing is forced onto a message about
something the city does not do.
"""
from __future__ import annotations

from datetime import date

import pytest

from bot.catalogue.answers import Catalogue, respond
from bot.catalogue.ranker import NONE
from bot.translation.po_catalogs import PoCatalogs

TODAY = date(2026, 12, 7)


NEEDS = [
    ("en", "my family and I have no place to stay tonight", "emergency-accommodation"),
    ("de", "Wir wissen nicht, wo wir heute Nacht schlafen sollen", "emergency-accommodation"),
    ("ar", "انا وعيلتي ما عنا مكان ننام فيه الليلة", "emergency-accommodation"),
    ("uk", "нам нема де ночувати сьогодні", "emergency-accommodation"),
    ("tr", "çocuğum hasta, hafta sonu hangi doktora gidebiliriz gece", "out-of-hours-medical-care"),
    ("ru", "хочу выучить немецкий, как попасть на интеграционный курс",
     "integration-course integration-course-admission"),
    ("fa", "میخوام بچه ام رو مهدکودک ثبت نام کنم", "kita-place-and-voucher"),
    ("fr", "je cherche un médecin généraliste qui parle arabe", "family-doctor"),
]


@pytest.mark.parametrize(("language", "text", "service"), NEEDS)
def test_a_need_in_the_persons_own_words_finds_its_service(
    ranked_catalogue: Catalogue, catalogs: PoCatalogs, language: str, text: str, service: str
) -> None:
    reply = respond(ranked_catalogue, "service", text, language, catalogs, TODAY)

    offered = reply.service_id or ""
    if reply.kind == "choose" and reply.answer is not None:
        offered = " ".join(item["id"] for item in
                           reply.answer.utterances[0].arguments["candidates"])
    # `service` may name two services that are equally right, separated by a space.
    assert reply.kind in ("answer", "choose"), reply.kind
    assert set(service.split()) & set(offered.split()), offered


@pytest.mark.parametrize("text", ["can you book me a table at a Thai restaurant",
                                  "who won the football match yesterday",
                                  "write me a poem about the sea"])
def test_a_message_about_nothing_the_city_offers_is_not_forced_onto_a_service(
    ranked_catalogue: Catalogue, catalogs: PoCatalogs, text: str
) -> None:
    assert ranked_catalogue.ranker is not None
    assert ranked_catalogue.ranker.rank_text(text)[0].service_id == NONE
    reply = respond(ranked_catalogue, "service", text, "en", catalogs, TODAY, out_of_scope=True)
    assert reply.kind == "nothing"
