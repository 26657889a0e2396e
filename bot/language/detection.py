"""Which of our languages a message is written in, and how sure we are.

Script rules decide first (they are exact where they apply), then a score per
candidate language adds three kinds of evidence in log space: langdetect's
n-gram statistics (supported profiles only), letters that a language does or
does not use, and words from our own lists. Confidence is capped by how much
text there was, so that "ok" or a name never looks certain.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from . import _data, _frequencies, _ngrams
from ._text import normalize, tokens
from .languages import SUPPORTED
from .scripts import (
    ARABIC_STRONG_LETTERS,
    ARABIC_WEAK_LETTERS,
    CYRILLIC_ALPHABETS,
    CYRILLIC_UNSUPPORTED,
    KURDISH_LETTERS,
    LATIN_ALPHABETS,
    LATIN_LOAN_LETTERS,
    PASHTO_LETTERS,
    PERSIAN_LETTERS,
    SIGNATURE_LETTERS,
    TIGRINYA_SYLLABLES,
    UNSUPPORTED_SCRIPTS,
    URDU_LETTERS,
    script_counts,
)

LATIN = ("en", "de", "tr", "so", "fr", "es", "pl", "ro")
CYRILLIC = ("uk", "ru")
ARABIC = ("ar", "fa", "ps")

# Log-prior per language, correcting langdetect profiles that favour some languages on short
# text (English wins too rarely); fitted on data/words. Somali's is raised (-1 -> +3) since its
# frequency table, counted from our own texts, is tiny: most Somali words miss it.
PRIOR = {"en": 2.0, "de": -0.5, "tr": 1.0, "so": 3.0, "fr": 2.0, "es": 0.5, "pl": -3.0,
         "uk": 1.0}
SUFFIX_BONUS = 16.0  # log-odds a typical ending of four letters or more adds (shorter: less)
ONE_WORD_CAP = 0.75
WORD_BONUS = 20.0  # log-odds a listed word adds (shared between the lists that have it)
LETTER_PENALTY = 6.0  # log-odds a letter costs a language whose alphabet lacks it
LOAN_LETTER_PENALTY = 3.0  # half that for a plain letter only its loan words use
# і ї є ґ are never Russian, ы э ъ ё never Ukrainian: one of them outweighs the n-grams of a
# foreign name written in Cyrillic ("Лінденаллее 12, Вестенд" looked Russian to them).
CYRILLIC_LETTER_PENALTY = 20.0
# Word frequencies (data/frequencies): each word adds FREQUENCY_WEIGHT times the log of its
# frequency in each language. A word a table lacks counts as FREQUENCY_GAP rarer than the
# rarest word the table keeps, or than FREQUENCY_FLOOR where a table is short (tr, ro, fa
# keep fewer words; so and ps are counted from our own texts); a language without a table
# gets NO_TABLE a word. Natural log units; chosen on single words and pairs from our own NLU
# examples (data/nlu, not the test data).
FREQUENCY_WEIGHT = 6.0
FREQUENCY_GAP = 2.0
FREQUENCY_FLOOR = -16.0
NO_TABLE = -18.0
# Languages whose long words are often compounds missing from the table as a whole.
COMPOUNDING = frozenset({"de"})
# A word at least this frequent (natural log) is a common word of a language, and a message
# three quarters of whose words are common words of our best language is in that language.
# Not for the small tables counted from our own texts (so, ps), which hold loan words too.
COMMON_WORD = math.log(1e-5)
OWN_TABLES = frozenset({"so", "ps"})
# A language we do not speak is only claimed on enough text, when langdetect is sure of it.
UNSUPPORTED_MIN_WORDS = 3
UNSUPPORTED_MIN_LETTERS = 15
UNSUPPORTED_MIN_PROB = 0.99
# People write their own language in its own script and keep German terms in Latin letters
# ("Что такое WBS?", "ما هو Integrationskurs بالضبط؟"): at least this many words in a script
# of ours other than Latin, and no fewer than the Latin words, decide the script, however
# long the Latin words are.
OWN_SCRIPT_WORDS = 2
# A short term in quotes is named, not written in ("What is "Bildungs- und Teilhabepaket"?"):
# left out when at least this many words remain.
NAMED_TERM_REST = 2
_NAMED_TERM = re.compile(r'"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]|«([^»]*)»')
NAMED_TERM_WORDS = 4


@dataclass(frozen=True)
class Detection:
    """The best supported language for a text, with how sure we are and why."""

    language: str | None
    confidence: float
    reason: str
    unsupported: str | None = None


def detect(text: str) -> Detection:
    """Detect the language of a chat message among SUPPORTED (see docs/language.md)."""
    clean = _without_named_terms(normalize(text or ""))
    words = tokens(clean)
    scripts = script_counts(clean)
    if not scripts:
        # Only a link, an address or a reference number: "neutral", like "ok".
        return Detection(None, 0.0, "neutral" if script_counts(text or "") else "empty")
    neutral = _data.neutral_words()
    if words and all(w in neutral for w in words):
        return Detection(None, 0.0, "neutral")
    word_scripts = [_word_script(word) for word in words]
    script = _own_script(word_scripts) or scripts.most_common(1)[0][0]
    if script != "latin" and scripts["latin"]:
        # The German terms in Latin letters say nothing about the writer's language.
        words = [word for word, own in zip(words, word_scripts, strict=True) if own == script]
        clean = " ".join(words)
    if script == "latin":
        return _latin(clean, words)
    if script == "cyrillic":
        return _cyrillic(clean, words)
    if script == "arabic":
        return _arabic(clean, words)
    if script == "ethiopic":
        return _ethiopic(clean, words)
    code = UNSUPPORTED_SCRIPTS.get(script)
    if script == "cjk" and (scripts["hiragana"] or scripts["katakana"]):
        code = "ja"
    if code:
        confidence = 0.9 if scripts[script] >= 2 else 0.6
        return Detection(None, confidence, f"unsupported:{code}", code)
    return Detection(None, 0.0, f"unknown-script:{script}")


def _without_named_terms(text: str) -> str:
    """`text` without short terms in quotes, if enough words remain."""
    rest = _NAMED_TERM.sub(_drop_short_term, text)
    return rest if rest != text and len(tokens(rest)) >= NAMED_TERM_REST else text


def _drop_short_term(match: re.Match[str]) -> str:
    term = next(group for group in match.groups() if group is not None)
    return " " if len(tokens(term)) <= NAMED_TERM_WORDS else match.group(0)


def _word_script(word: str) -> str | None:
    counts = script_counts(word).most_common(1)
    return counts[0][0] if counts else None


def _own_script(word_scripts: list[str | None]) -> str | None:
    """The script of ours other than Latin that enough words are in (OWN_SCRIPT_WORDS)."""
    counts = Counter(word_scripts)
    for script in ("cyrillic", "arabic", "ethiopic"):
        if counts[script] >= max(OWN_SCRIPT_WORDS, counts["latin"]):
            return script
    return None


def _word_scores(words: list[str], candidates: tuple[str, ...]) -> dict[str, float]:
    """WORD_BONUS per word, shared among the candidates whose list has it; half of it for an
    inflected form of a listed word ("dowladdeena") in a language with data/inflections."""
    lists = _data.word_lists()
    scores = dict.fromkeys(candidates, 0.0)
    for word in words:
        owners = [c for c in candidates if word in lists.get(c, ())]
        bonus = WORD_BONUS
        if not owners:
            owners = [c for c in candidates if _inflection_of_listed(word, c)]
            bonus = WORD_BONUS / 2
        for code in owners:
            scores[code] += bonus / len(owners)
    return scores


def _inflection_of_listed(word: str, code: str) -> bool:
    endings = _data.inflections().get(code)
    if not endings:
        return False
    listed = _data.word_lists().get(code, frozenset())
    return any(stem in listed for stem, _ in _frequencies.stems_of(word, code, endings))


def _suffix_scores(words: list[str], candidates: tuple[str, ...]) -> dict[str, float]:
    """Reward languages whose typical endings (data/suffixes) the words have."""
    endings = _suffix_sets()
    scores = dict.fromkeys(candidates, 0.0)
    for word in words:
        for code in candidates:
            known, longest = endings.get(code, (frozenset(), 0))
            # The longest listed ending that leaves at least two letters of the word.
            length = next(
                (n for n in range(min(longest, len(word) - 2), 0, -1) if word[-n:] in known), 0
            )
            scores[code] += SUFFIX_BONUS * min(length, 4) / 4
    return scores


@cache
def _suffix_sets() -> dict[str, tuple[frozenset[str], int]]:
    return {
        code: (frozenset(e), max(map(len, e), default=0)) for code, e in _data.suffixes().items()
    }


def _frequency_scores(words: list[str], candidates: tuple[str, ...]) -> dict[str, float]:
    """FREQUENCY_WEIGHT x log frequency of each word in each candidate language."""
    found = _frequencies.log_frequencies(words, candidates)
    scores = dict.fromkeys(candidates, 0.0)
    for code in candidates:
        if code not in found:
            scores[code] = FREQUENCY_WEIGHT * NO_TABLE * len(words)
            continue
        floor = min(_frequencies.deepest(code), FREQUENCY_FLOOR) - FREQUENCY_GAP
        values = found[code]
        if code in COMPOUNDING:
            values = [
                _frequencies.compound_log_frequency(w, code) if f is None else f
                for w, f in zip(words, values, strict=True)
            ]
        endings = _data.inflections().get(code)
        if endings:
            values = [
                _frequencies.inflected_log_frequency(w, code, endings) if f is None else f
                for w, f in zip(words, values, strict=True)
            ]
        scores[code] = FREQUENCY_WEIGHT * sum(floor if f is None else f for f in values)
    return scores


def _letter_scores(
    text: str, alphabets: dict[str, frozenset[str]], plain: str, penalty: float = LETTER_PENALTY
) -> dict[str, float]:
    """Penalise each language once per distinct letter outside its alphabet."""
    scores = dict.fromkeys(alphabets, 0.0)
    letters = {c for c in text.casefold() if c.isalpha() and c not in plain}
    for letter in letters:
        for code, alphabet in alphabets.items():
            if letter not in alphabet:
                scores[code] -= penalty
    return scores


def _loan_letter_scores(text: str) -> dict[str, float]:
    """LOAN_LETTER_PENALTY per distinct plain letter a language writes only in loan words."""
    letters = set(text.casefold())
    return {
        code: -LOAN_LETTER_PENALTY * len(letters & loans)
        for code, loans in LATIN_LOAN_LETTERS.items()
    }


def _reason(statistics: dict[str, float], scores: dict[str, float], default: str) -> str:
    """ "words" when our word lists, not the n-gram statistics, chose the language."""
    best = max(scores, key=scores.__getitem__)
    return default if best == max(statistics, key=statistics.__getitem__) else "words"


def _prior(candidates: tuple[str, ...]) -> dict[str, float]:
    return {code: PRIOR.get(code, 0.0) for code in candidates}


def _posterior(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values())
    weights = {code: math.exp(s - top) for code, s in scores.items()}
    total = sum(weights.values())
    return {code: w / total for code, w in weights.items()}


def _combine(*parts: dict[str, float]) -> dict[str, float]:
    total: dict[str, float] = {}
    for part in parts:
        for code, score in part.items():
            total[code] = total.get(code, 0.0) + score
    return total


def _cap(words: list[str], language: str, decisive_letters: bool) -> float:
    """The most confidence the amount of text allows."""
    listed = any(w in _data.word_lists().get(language, ()) for w in words)
    letters = sum(len(w) for w in words)
    if letters < 3:
        return 0.5 if listed else 0.2
    if len(words) == 1:
        # One word never reaches the switch threshold: "danke" or "hola" in the middle of a
        # conversation is a loan word or a courtesy, not a change of language.
        return ONE_WORD_CAP if listed or decisive_letters else 0.6
    if len(words) == 2:
        return 0.9 if listed or decisive_letters else 0.75
    return 0.99


def _result(
    scores: dict[str, float], words: list[str], reason: str, decisive_letters: bool = False
) -> Detection:
    posterior = _posterior(scores)
    language = max(posterior, key=posterior.__getitem__)
    confidence = min(posterior[language], _cap(words, language, decisive_letters))
    if sum(len(w) for w in words) < 3:
        reason = "short"
    return Detection(language, round(confidence, 4), reason)


def _mostly_common_words(words: list[str], language: str) -> bool:
    """Most words are common words of `language`: no other language to look for (and the
    all-profiles langdetect run, the slowest step, is saved)."""
    if language not in _frequencies.languages() or language in OWN_TABLES:
        return False
    found = _frequencies.log_frequencies(words, (language,))[language]
    common = sum(1 for f in found if f is not None and f >= COMMON_WORD)
    return common * 4 >= len(words) * 3


def _unsupported(clean: str, words: list[str], best: str) -> str | None:
    """An unsupported language that langdetect (all profiles) is sure of, if any."""
    if sum(len(w) for w in words) < UNSUPPORTED_MIN_LETTERS or len(words) < UNSUPPORTED_MIN_WORDS:
        return None
    if _mostly_common_words(words, best):
        return None
    probs = _ngrams.probabilities(clean, "all")
    if not probs:
        return None
    top = max(probs, key=probs.__getitem__)
    code = top.split("-")[0]
    if code in SUPPORTED or probs[top] < UNSUPPORTED_MIN_PROB:
        return None
    if any(c in SIGNATURE_LETTERS.get(best, ()) for c in clean.casefold()):
        return None
    listed = sum(1 for w in words if w in _data.word_lists().get(best, ()))
    return code if listed * 3 < len(words) else None


def _latin(clean: str, words: list[str]) -> Detection:
    translit = _transliteration(words)
    if translit is not None:
        return translit
    text, scored = clean, words
    letters = _letter_scores(text, LATIN_ALPHABETS, plain="abcdefghijklmnopqrstuvwxyz")
    loan_letters = _loan_letter_scores(text)
    ngram = _ngrams.log_likelihoods(text, LATIN)
    statistics = _combine(
        ngram, letters, loan_letters, _prior(LATIN), _suffix_scores(scored, LATIN)
    )
    scores = _combine(statistics, _word_scores(scored, LATIN), _frequency_scores(scored, LATIN))
    decisive = sum(1 for s in letters.values() if s == 0.0) == 1
    detection = _result(scores, scored, _reason(statistics, scores, "langdetect"), decisive)
    unsupported = _unsupported(clean, words, detection.language or "")
    if unsupported:
        return Detection(None, detection.confidence, f"unsupported:{unsupported}", unsupported)
    return detection


@cache
def _latin_words() -> frozenset[str]:
    lists = _data.word_lists()
    return frozenset().union(*(lists[c] for c in LATIN))


def _transliteration(words: list[str]) -> Detection | None:
    """Arabic or Persian typed in Latin letters ("salam", "kurs almani", "chetori")."""
    translit = _data.transliterations()
    latin_words = _latin_words()
    scores = dict.fromkeys(translit, 0.0)
    latin_hits = 0
    for word in words:
        is_latin = word in latin_words
        latin_hits += is_latin
        for code, vocabulary in translit.items():
            if word in vocabulary:
                scores[code] += 0.3 if is_latin else 1.0
    best = max(scores, key=scores.__getitem__)
    strong = sum(1 for w in words
                 if w not in latin_words and any(w in v for v in translit.values()))
    if not words or scores[best] == 0.0 or strong * 2 < len(words) or latin_hits > strong:
        return None
    ranked = sorted(scores.values(), reverse=True)
    margin = ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0)
    confidence = min(0.9, 0.5 + 0.2 * margin + 0.05 * (len(words) - 1))
    return Detection(best, round(confidence, 4), "transliteration")


def _cyrillic(clean: str, words: list[str]) -> Detection:
    foreign = Counter(CYRILLIC_UNSUPPORTED[c] for c in clean.casefold()
                      if c in CYRILLIC_UNSUPPORTED)
    if foreign:
        code = foreign.most_common(1)[0][0]
        return Detection(None, 0.9, f"unsupported:{code}", code)
    letters = _letter_scores(clean, CYRILLIC_ALPHABETS, plain="", penalty=CYRILLIC_LETTER_PENALTY)
    ngram = _ngrams.log_likelihoods(clean, CYRILLIC)
    statistics = _combine(ngram, letters, _prior(CYRILLIC), _suffix_scores(words, CYRILLIC))
    scores = _combine(statistics, _word_scores(words, CYRILLIC), _frequency_scores(words, CYRILLIC))
    decisive = sum(1 for s in letters.values() if s == 0.0) == 1
    reason = "script:cyrillic" if decisive else _reason(statistics, scores, "langdetect")
    detection = _result(scores, words, reason, decisive)
    unsupported = _unsupported(clean, words, detection.language or "")
    if unsupported:
        return Detection(None, detection.confidence, f"unsupported:{unsupported}", unsupported)
    return detection


def _arabic(clean: str, words: list[str]) -> Detection:
    chars = Counter(clean)
    pashto = sum(chars[c] for c in PASHTO_LETTERS)
    urdu = sum(chars[c] for c in URDU_LETTERS)
    kurdish = sum(chars[c] for c in KURDISH_LETTERS)
    if urdu > pashto:
        return Detection(None, 0.9, "unsupported:ur", "ur")
    if kurdish > pashto:
        return Detection(None, 0.9, "unsupported:ku", "ku")
    persian = sum(chars[c] for c in PERSIAN_LETTERS)
    arabic = 2.0 * sum(chars[c] for c in ARABIC_STRONG_LETTERS)
    arabic += 0.5 * sum(chars[c] for c in ARABIC_WEAK_LETTERS)
    ngram = _ngrams.log_likelihoods(clean, ("ar", "fa"))
    ngram["ps"] = ngram["fa"] - 1.0 * len(words)
    letters = {
        "ar": -LETTER_PENALTY * (persian + pashto),
        "fa": -LETTER_PENALTY * pashto - arabic,
        "ps": LETTER_PENALTY * pashto - arabic,
    }
    statistics = _combine(ngram, letters)
    # Pashto's table is small (counted from our own texts): its letters still do most.
    frequencies = _frequency_scores(words, ARABIC)
    scores = _combine(statistics, _word_scores(words, ARABIC), frequencies)
    decisive = bool(pashto or persian or arabic)
    reason = "script:arabic" if decisive else _reason(statistics, scores, "langdetect")
    return _result(scores, words, reason, decisive)


def _ethiopic(clean: str, words: list[str]) -> Detection:
    lists = _data.word_lists()
    amharic = sum(1 for w in words if w in lists.get("am", ()) and w not in lists.get("ti", ()))
    tigrinya = sum(1 for w in words if w in lists.get("ti", ()))
    tigrinya += sum(1 for c in clean if c in TIGRINYA_SYLLABLES)
    if amharic > tigrinya:
        return Detection(None, 0.8, "unsupported:am", "am")
    confidence = 0.95 if len(words) > 1 else ONE_WORD_CAP
    return Detection("ti", confidence, "script:ethiopic")
