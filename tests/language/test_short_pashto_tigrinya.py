"""Single words and pairs in Pashto and Tigrinya get their language (the public test data
lacks both; data/short_ps_ti.tsv is our own set, also measured by bench/langid_accuracy.py)."""

from collections import Counter
from pathlib import Path

import pytest

from bot.language import detect

SET = Path(__file__).resolve().parent / "data" / "short_ps_ti.tsv"
# The share of the set that must be right, per language and length (measured: ps 20/20
# words and 11/12 pairs, ti 20/20 and 12/12).
MINIMUM = {"ps": 0.9, "ti": 0.95}


def _rows() -> list[tuple[str, str, str]]:
    lines = SET.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("language", sorted(MINIMUM))
@pytest.mark.parametrize("length", ["word", "pair"])
def test_short_messages_in_pashto_and_tigrinya_get_their_language(
    language: str, length: str
) -> None:
    texts = [text for code, kind, text in _rows() if (code, kind) == (language, length)]
    found = Counter(detect(text).language for text in texts)
    assert len(texts) >= 12
    assert found[language] >= MINIMUM[language] * len(texts), found
