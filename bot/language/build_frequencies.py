"""Build data/frequencies/<code>.txt.gz, the word-frequency tables detection reads.

Derived from the frequency lists of the PyPI package wordfreq 3.1.1 (its data files only;
data licence CC-BY-SA 4.0, see data/frequencies/README.md). Each table keeps the most
frequent words of one language, normalised like user text, grouped by frequency in
centibels (a word of frequency f is in group round(-100 * log10 f)), one line a group:
"<centibels> <word> <word> ...". wordfreq is needed to build only, never at run time:

    .venv/bin/pip install --no-deps wordfreq==3.1.1
    PYTHONPATH=. .venv/bin/python -m bot.language.build_frequencies

Somali and Pashto, which wordfreq lacks, get small tables counted from the project's own
texts in those languages (translations/*/<code>.po and the questions of the sample
catalogue, services_catalogue/questions/<code>.yml), without words that are common in a
language wordfreq covers (loan words such as "Jobcenter" say nothing about the language).
The hand-written NLU examples (data/nlu) are left out: detection's weights are chosen on
them. (The catalogue intents' NLU examples are drawn from the questions, so for Somali and
Pashto that choice is no longer blind; the language-identification test data is.)
Never built from the language-identification test data (../shared/langid).
"""

from __future__ import annotations

import argparse
import ast
import gzip
import importlib.util
import math
import re
from collections import Counter
from pathlib import Path

import msgpack
import yaml

from ._data import DATA_DIR
from ._text import normalize, tokens

# Languages of ours that wordfreq covers (not so, ps, ti).
LANGUAGES = ("en", "de", "ar", "uk", "ru", "tr", "fa", "fr", "es", "pl", "ro")
MAX_WORDS = 100_000
OUT_DIR = DATA_DIR / "frequencies"
# Languages counted from our own translations, and where those are.
OWN_LANGUAGES = ("so", "ps")
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
QUESTIONS = Path(__file__).resolve().parents[2] / "services_catalogue" / "questions"
# A word at least this frequent in a wordfreq language is no evidence for so or ps.
COMMON_ELSEWHERE = 1e-5
_MSGSTR = re.compile(r'^(?:msgstr(?:\[\d+\])?\s+)?("(?:[^"\\]|\\.)*")\s*$')


def wordfreq_data() -> Path:
    """The data folder of the installed wordfreq package (without importing it)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "wordfreq is not installed: .venv/bin/pip install --no-deps wordfreq==3.1.1"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def read_groups(data: Path, code: str) -> list[list[str]]:
    """wordfreq's list for a language (the large one where it exists), index = centibels."""
    for size in ("large", "small"):
        path = data / f"{size}_{code}.msgpack.gz"
        if path.exists():
            groups = msgpack.loads(gzip.decompress(path.read_bytes()), raw=False)
            return [list(g) for g in groups[1:]]  # groups[0] is the format header
    raise SystemExit(f"no wordfreq list for {code} in {data}")


def table(groups: list[list[str]], max_words: int) -> list[tuple[int, list[str]]]:
    """The max_words most frequent words as our tokeniser sees them, by centibel group."""
    seen: set[str] = set()
    kept: list[tuple[int, list[str]]] = []
    for centibels, group in enumerate(groups):
        words = []
        for raw in group:
            found = tokens(normalize(raw))
            if len(found) != 1 or found[0] in seen:
                continue
            seen.add(found[0])
            words.append(found[0])
        if words:
            kept.append((centibels, words))
        if len(seen) >= max_words:
            break
    return kept


def po_texts(path: Path) -> list[str]:
    """The translated strings (msgstr, with their continuation lines) of a PO file."""
    texts: list[str] = []
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr"):
            inside = True
        elif not line.startswith('"'):
            inside = False
        match = _MSGSTR.match(line)
        if inside and match:
            texts.append(ast.literal_eval(match.group(1)))
    return texts


def question_texts(path: Path) -> list[str]:
    """Every question of a catalogue question file (services_catalogue/questions/*.yml)."""
    if not path.exists():
        return []
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [str(text) for kinds in (content.get("questions") or {}).values()
            for texts in kinds.values() for text in texts or ()]


def own_table(code: str, common: set[str]) -> list[tuple[int, list[str]]]:
    """Word counts of our own texts in `code`, as centibel groups, without `common` words."""
    counts: Counter[str] = Counter()
    texts = [text for path in sorted(TRANSLATIONS.glob(f"*/{code}.po"))
             for text in po_texts(path)]
    for text in [*texts, *question_texts(QUESTIONS / f"{code}.yml")]:
        counts.update(tokens(normalize(re.sub(r"\{[^}]*\}|<[^>]*>", " ", text))))
    total = sum(counts.values())
    groups: dict[int, list[str]] = {}
    for word, count in counts.most_common():
        if len(word) > 1 and word not in common:
            groups.setdefault(round(-100 * math.log10(count / total)), []).append(word)
    return sorted(groups.items())


def write(out: Path, code: str, groups: list[tuple[int, list[str]]]) -> None:
    text = "".join(f"{c} {' '.join(words)}\n" for c, words in groups)
    # mtime=0: the same input gives the same bytes, so a rebuild shows no diff.
    (out / f"{code}.txt.gz").write_bytes(gzip.compress(text.encode("utf-8"), 9, mtime=0))
    print(code, sum(len(w) for _, w in groups), "words")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-words", type=int, default=MAX_WORDS, help="words per language")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    data = wordfreq_data()
    args.out.mkdir(parents=True, exist_ok=True)
    common: set[str] = set()
    deepest_common = round(-100 * math.log10(COMMON_ELSEWHERE))
    for code in LANGUAGES:
        groups = table(read_groups(data, code), args.max_words)
        write(args.out, code, groups)
        common.update(w for c, words in groups if c <= deepest_common for w in words)
    for code in OWN_LANGUAGES:
        write(args.out, code, own_table(code, common))


if __name__ == "__main__":
    main()
