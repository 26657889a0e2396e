"""Sentence embeddings: real multilingual-e5-small, computed once per text and kept."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.semantics import Embedder, pack, unpack


def test_the_same_need_in_two_languages_is_closer_than_another_need(tmp_path: Path) -> None:
    embedder = Embedder(tmp_path / "cache.sqlite3")
    sleep_en, sleep_ar, doctor_en = embedder.embed_many(
        ["we have nowhere to sleep tonight", "ليس لدينا مكان للنوم الليلة",
         "where can I find a family doctor"])

    assert float(sleep_en @ sleep_ar) > float(sleep_en @ doctor_en)


def test_embeddings_are_kept_so_a_new_process_does_not_compute_them_again(tmp_path: Path) -> None:
    texts = ["Kita-Gutschein beantragen", "как получить WBS"]
    first = Embedder(tmp_path / "cache.sqlite3").embed_many(texts)

    again = Embedder(tmp_path / "cache.sqlite3")
    second = again.embed_many(texts)

    assert again._model is None  # answered from the cache, the model never loaded
    assert np.allclose(first, second, atol=1e-3)


def test_an_unwritable_cache_costs_time_never_an_embedding(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    vectors = Embedder(blocked / "cache.sqlite3").embed_many(["hello"])

    assert vectors.shape == (1, 384)


def test_a_packed_embedding_survives_the_parse_data() -> None:
    vector = Embedder(Path("/nonexistent/never-written.sqlite3")).embed("Wohnung finden")

    restored = unpack(pack(vector))

    assert restored is not None and float(restored @ vector) > 0.999
    assert unpack("not a vector") is None


def test_a_message_typed_in_capitals_means_what_it_means_in_small_letters(tmp_path: Path) -> None:
    embedder = Embedder(tmp_path / "cache.sqlite3")
    shouted, plain, flat, doctor = embedder.embed_many(
        ["WO FINDE ICH EINE WOHNUNG", "wo finde ich eine wohnung",
         "Ich suche eine Wohnung", "Ich suche einen Hausarzt"])

    assert np.allclose(shouted, plain, atol=1e-3)
    assert float(shouted @ flat) > float(shouted @ doctor)


def test_an_acronym_inside_a_sentence_is_read_as_written(tmp_path: Path) -> None:
    embedder = Embedder(tmp_path / "cache.sqlite3")
    written, lowered = embedder.embed_many(
        ["wie bekomme ich einen WBS", "wie bekomme ich einen wbs"])

    assert not np.allclose(written, lowered, atol=1e-3)
