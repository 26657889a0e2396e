"""Multilingual search over the catalogue: which services a message is about.

People write in any of the city's languages, in another script's Latin spelling
("kurs almani"), with or without accents, inflected ("школи" for "школа"), with the German
word from a letter ("Anmeldung") in the middle of an Arabic sentence. Every service's
titles and keywords in every language, and its other texts with a lower weight, are
folded as the report lexicons fold them (bot/text_matching.py) and indexed once; a message
is scored token by token (same word, same stem, or similar character trigrams), each token
weighted by how specific it is to few services and how rarely it is just part of the
question ("how", "كيف", "где").

Plain Python and in memory: build an index when the catalogue is read, search it per
message. See docs/answering.md.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot import text_matching
from bot.catalogue.question_kind import single_question_words
from bot.catalogue.translatable import context, translate_text
from bot.catalogue.types import Service
from bot.translation.po_catalogs import PoCatalogs

__all__ = [
    "Found",
    "IndexedText",
    "Match",
    "SearchIndex",
    "catalogue_texts",
    "example_questions",
    "intent_examples",
    "interpret",
    "service_titles",
    "tokens",
]

# The Arabic article and the prepositions fused with it: "المدرسة" and "مدرسة" are one word.
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ETHIOPIC = (0x1200, 0x137F)
# "and", "by", "for", "as", "so" and the prefixes of the present tense ("I", "he", "she",
# "we") are one letter written onto the word: "اتعلم" is "تعلم" (I learn / learning).
_ARABIC_ONE_LETTER_PREFIXES = "اويتنبلفك"
# Tigrinya verbs take one-syllable prefixes (ክ-, ይ-, ት-, ን-, ዝ-, ብ-, ኣ-), shown here by
# their consonant: "ከመዝግብ" (that I register) and "ምዝገባ" (registration) share "መዝገበ".
_ETHIOPIC_PREFIXES = "ከየተነዘበአለ"


def _is_arabic_script(token: str) -> bool:
    return "\u0600" <= token[0] <= "\u06ff"


def _arabic_root(token: str) -> str:
    """A rough three-letter root for the commonest verb and noun patterns, so that
    "اسجل" (I register) and "تسجيل" (registration) meet: one prefix letter of the present
    tense or of the verbal noun is dropped, and the long vowel of the تفعيل pattern."""
    if len(token) >= 4 and token[0] in "ايتن":
        token = token[1:]
    if len(token) == 4 and token[2] == "ي":
        token = token[:2] + token[3]
    return token


def _ethiopic_skeleton(char: str) -> str:
    """The consonant of an Ethiopic syllable (its first order): Tigrinya inflects by
    changing the vowel of a syllable, so ትምህርቲ and ትምህርት share a skeleton. ሠ and ፀ are
    spelling variants of ሰ and ጸ."""
    code = ord(char)
    if not _ETHIOPIC[0] <= code < 0x1360:
        return char
    if 0x1220 <= code <= 0x1227:
        code += 0x10
    elif 0x1340 <= code <= 0x1347:
        code -= 0x08
    return chr(0x1200 + (code - 0x1200) // 8 * 8)


def _stem(token: str) -> str:
    if _is_arabic_script(token):
        for prefix in _ARABIC_PREFIXES:
            if token.startswith(prefix) and len(token) - len(prefix) >= 3:
                return token[len(prefix):]
        return token
    if _ETHIOPIC[0] <= ord(token[0]) <= _ETHIOPIC[1]:
        return "".join(_ethiopic_skeleton(char) for char in token)
    return token


def tokens(text: str) -> list[str]:
    """The words of `text`, folded (bot/text_matching.py) and lightly stemmed, in order.

    A zero-width non-joiner or an apostrophe separates two words: "ثبت‌نام" is "ثبت" and
    "نام", and the index also holds neighbouring Arabic-script words joined (`_joined`),
    so "ثبتنام" typed without the half-space is found as well."""
    return [_stem(token) for token in text_matching.words(text)]


@dataclass(frozen=True)
class IndexedText:
    """A text that identifies a service, with how much a match in it counts (1 for titles
    and keywords, less for longer descriptive texts)."""

    service_id: str
    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class Match:
    service_id: str
    score: float


# How much a token counts when it matches: the same word, one the prefix of the other
# (inflection, "registration"/"register"), a shared stem, a compound part or a short prefix
# of a long word, a short shared stem of words of different length ("kaydı"/"kaydettirmek"),
# similar trigrams (typing errors).
EXACT, PREFIX, STEM, PART, WEAK = 1.0, 0.9, 0.8, 0.7, 0.6
MIN_STEM = 4
MIN_STEM_ETHIOPIC = 3
MIN_TRIGRAM_DICE = 0.55
# Question words ("how", "где", "كيف") are frequent in the example questions of every
# language, topics are not: a word in a share r of them weighs 1 / (1 + (r / FRAME_SHARE)^2).
FRAME_SHARE = 0.06
# ... except a word of a title or keyword: examples name topics often too ("integration
# course" in many of them), and that must not make the topic a question word.
TOPIC_FLOOR = 0.8
# Texts weighing less than this (descriptions) add to a score but not to phrase coverage.
PHRASE_WEIGHT = 0.99
# Words whose matches are remembered (people ask with the same words again and again).
MATCH_CACHE = 20_000


def _trigrams(token: str) -> set[str]:
    padded = f"#{token}#"
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def _min_stem(token: str) -> int:
    return MIN_STEM_ETHIOPIC if _ETHIOPIC[0] <= ord(token[0]) <= _ETHIOPIC[1] else MIN_STEM


def similarity(query: str, indexed: str) -> float:
    """How well a token of the message matches a token of the index, from 0 to 1."""
    if query == indexed:
        return EXACT
    short, long = sorted((query, indexed), key=len)
    if _is_arabic_script(short) and len(short) >= 3:
        if long[1:] == short and long[0] in _ARABIC_ONE_LETTER_PREFIXES:
            return STEM
        if _arabic_root(short) == _arabic_root(long):
            return STEM
    minimum = _min_stem(short)
    if len(short) < minimum:
        return 0.0
    if minimum == MIN_STEM_ETHIOPIC and long[1:] == short and long[0] in _ETHIOPIC_PREFIXES:
        return STEM
    if long.startswith(short):
        close = len(short) >= 5 or len(long) - len(short) <= 2
        return PREFIX if close and len(short) >= 0.5 * len(long) else PART
    common = 0
    for left, right in zip(short, long, strict=False):
        if left != right:
            break
        common += 1
    if common >= minimum and common >= 0.75 * len(short):
        return STEM if common >= 0.5 * len(long) else WEAK
    if len(short) >= 5 and len(long) >= len(short) + 3 and long.endswith(short):
        return PART  # the last part of a compound: "anmeldung" in "schulanmeldung"
    shared = _trigrams(short) & _trigrams(long)
    if not shared:
        return 0.0
    dice = 2 * len(shared) / (len(short) + len(long) + 2)
    return dice * STEM if dice >= MIN_TRIGRAM_DICE else 0.0


@dataclass(frozen=True)
class _Phrase:
    service: int
    tokens: tuple[str, ...]


#: A word in the questions of this many services is a word of asking, not a topic.
ASKED_SERVICES = 3


class SearchIndex:
    """Services found from a message's words. Build once, search many times."""

    def __init__(
        self,
        texts: Iterable[IndexedText],
        background: Mapping[str, Iterable[str]] | None = None,
        asked: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """`texts` identify services; `background` holds example questions per language
        (the NLU training examples), whose frequent words are the question's frame;
        `asked`, the questions each service carries: a word in those of ASKED_SERVICES
        services or more is no new topic in a follow-up ("¿qué tengo que llevar?":
        "llevar" is no service's word, but people asking about services use it; "licence",
        in one service's questions, still is)."""
        self._services: list[str] = []
        positions: dict[str, int] = {}
        self._postings: dict[str, dict[int, float]] = defaultdict(dict)
        self._phrases: dict[int, list[_Phrase]] = defaultdict(list)
        self._topics: set[str] = set()
        for text in texts:
            service = positions.setdefault(text.service_id, len(positions))
            if service == len(self._services):
                self._services.append(text.service_id)
            words = tuple(dict.fromkeys(token for token in tokens(text.text) if len(token) > 1))
            for word in (*words, *_joined(words)):
                postings = self._postings[word]
                postings[service] = max(postings.get(service, 0.0), text.weight)
            if words and text.weight >= PHRASE_WEIGHT:
                self._phrases[service].append(_Phrase(service, words))
                self._topics.update(word for word in words if len(word) >= _min_stem(word))
        # "nie mam gdzie spać" is a keyword of emergency accommodation, but "gdzie" in
        # "Gdzie mam iść?" asks where, it names no topic.
        self._topics -= {token for word in single_question_words() for token in tokens(word)}
        self._by_trigram: dict[str, set[str]] = defaultdict(set)
        self._by_root: dict[str, set[str]] = defaultdict(set)
        for word in self._postings:
            for trigram in _trigrams(word):
                self._by_trigram[trigram].add(word)
            if _is_arabic_script(word):
                self._by_root[_arabic_root(word)].add(word)
        self._frame = _frame_rates(background or {})
        services_asking: dict[str, set[str]] = defaultdict(set)
        for service_id, questions in (asked or {}).items():
            for question in questions:
                for token in tokens(question):
                    services_asking[token].add(service_id)
        self._asked = frozenset(word for word, ids in services_asking.items()
                                if len(ids) >= ASKED_SERVICES)
        self._matches = lru_cache(maxsize=MATCH_CACHE)(self._find_matches)
        # Each phrase's word weights, worked out once: they depend on the index alone.
        self._weighted: dict[int, list[tuple[tuple[str, ...], tuple[float, ...], float]]] = {
            service: [(phrase.tokens, weights, sum(weights))
                      for phrase in phrases
                      for weights in [tuple(self._token_weight(word) for word in phrase.tokens)]
                      if sum(weights) > 0]
            for service, phrases in self._phrases.items()
        }

    def search(self, text: str, limit: int = 3) -> list[Match]:
        """The best `limit` services for `text`, best first; [] when nothing matches."""
        count = len(self._services)
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, dict[str, float]] = defaultdict(dict)
        for query in dict.fromkeys(token for token in tokens(text) if len(token) > 1):
            per_service: dict[int, float] = {}
            found = self._matches(query)
            for word, quality in found.items():
                for service, weight in self._postings[word].items():
                    # Squared: several loose matches must not add up to one clear one.
                    value = quality * quality * weight
                    per_service[service] = max(per_service.get(service, 0.0), value)
                    best = matched[service]
                    best[word] = max(best.get(word, 0.0), quality)
            if not per_service:
                continue
            frequency = max(1.0, sum(min(1.0, value) for value in per_service.values()))
            topical = any(q >= STEM and word in self._topics for word, q in found.items())
            specificity = math.log((count + 1) / frequency) * self._frame_weight(query, topical)
            for service, value in per_service.items():
                scores[service] += value * specificity
        results = []
        for service, score in scores.items():
            if score > 0:
                coverage = self._coverage(service, matched[service])
                results.append(Match(self._services[service], round(score * coverage, 4)))
        results.sort(key=lambda match: (-match.score, match.service_id))
        return results[:limit]

    def unknown_words(self, text: str) -> list[str]:
        """Words of `text` that are neither question words ("how", "where"), nor words of
        the questions people ask about services, nor close to anything in the catalogue. A
        question without any ("and where do I go?") is about the service the conversation
        was about; one with some asks about something new ("a fishing licence")."""
        return [
            word for word in dict.fromkeys(tokens(text))
            if len(word) >= _min_stem(word) and word not in self._asked
            and self._frame.get(word, 0.0) == 0 and not self._matches(word)
        ]

    def known_share(self, text: str) -> float:
        """The share of the message's content words (not question words) that are close
        to a word of the catalogue: "driving licence" shares only "licence" with it."""
        content = [
            word for word in dict.fromkeys(tokens(text))
            if len(word) >= _min_stem(word) and self._frame_weight(word) >= 0.5
        ]
        if not content:
            return 1.0
        return sum(bool(self._matches(word)) for word in content) / len(content)

    def recognises(self, text: str) -> bool:
        """True when some word of `text` is a question word of the example questions or
        close to a catalogue word: a message that reads like a question in a language the
        assistant knows, not "qwzx vbnm" or "👍"."""
        return any(
            self._frame.get(word, 0.0) > 0 or self._matches(word)
            for word in dict.fromkeys(tokens(text)) if len(word) > 1
        )

    def knows(self, word: str) -> bool:
        """True when `word` is (close to) a word of the catalogue's titles or keywords."""
        return any(bool(self._matches(token)) for token in tokens(word) if len(token) > 1)

    def _find_matches(self, query: str) -> dict[str, float]:
        """Words of the index close to `query`, with how close (see `similarity`).
        Candidates share at least two character trigrams with it, or an Arabic root."""
        found: dict[str, float] = {}
        if query in self._postings:
            found[query] = EXACT
        if len(query) < _min_stem(query):
            return found
        shared: Counter[str] = Counter()
        for trigram in _trigrams(query):
            shared.update(self._by_trigram.get(trigram, ()))
        candidates = {word for word, count in shared.items() if count >= 2}
        candidates.update(self._by_root.get(_arabic_root(query), ()))
        for word in candidates:
            if word != query:
                quality = similarity(query, word)
                if quality > 0:
                    found[word] = quality
        return found

    def _frame_weight(self, token: str, topical: bool | None = None) -> float:
        """Down-weights question words; a word that is (a form of) a title or keyword
        word keeps at least TOPIC_FLOOR."""
        weight = 1.0 / (1.0 + (self._frame.get(token, 0.0) / FRAME_SHARE) ** 2)
        if topical is None:
            topical = token in self._topics
        return max(weight, TOPIC_FLOOR) if topical else weight

    def _coverage(self, service: int, matched: Mapping[str, float]) -> float:
        """0.1 to 1: how completely the message covers one of the service's titles or
        keywords, so "register child for school" beats a page that mentions "school"."""
        best = 0.0
        for words, weights, total in self._weighted.get(service, ()):
            covered = sum(weight * matched.get(word, 0.0)
                          for word, weight in zip(words, weights, strict=True))
            best = max(best, covered / total)
        return 0.1 + 0.9 * best * best

    def _token_weight(self, word: str) -> float:
        count = len(self._services)
        return math.log((count + 1) / len(self._postings[word])) * self._frame_weight(word)


def _joined(words: Sequence[str]) -> list[str]:
    """Neighbouring Arabic-script words written as one: Persian joins the parts of a word
    with a zero-width non-joiner ("ثبت‌نام"), which people and some keyboards leave out."""
    return [
        left + right for left, right in zip(words, words[1:], strict=False)
        if _is_arabic_script(left) and _is_arabic_script(right)
    ]


def _frame_rates(background: Mapping[str, Iterable[str]]) -> dict[str, float]:
    """For each word, the highest share of one language's example questions it occurs in."""
    rates: dict[str, float] = {}
    for sentences in background.values():
        listed: Sequence[str] = list(sentences)
        if not listed:
            continue
        counts: dict[str, int] = defaultdict(int)
        for sentence in listed:
            for word in set(tokens(sentence)):
                counts[word] += 1
        for word, number in counts.items():
            rates[word] = max(rates.get(word, 0.0), number / len(listed))
    return rates


#: Weight of a match in a service's summary, against 1 for its titles and keywords.
SUMMARY_WEIGHT = 0.3


def catalogue_texts(
    services: Iterable[Service], catalogs: PoCatalogs, languages: Iterable[str]
) -> list[IndexedText]:
    """Every service's keywords, and its title and summary in each language that has them
    (inline in the YAML or curated in translations/catalogue_content)."""
    wanted = tuple(languages)
    texts: list[IndexedText] = []
    for service in services:
        texts.extend(IndexedText(service.id, keyword.term) for keyword in service.keywords)
        for field, weight in (("title", 1.0), ("summary", SUMMARY_WEIGHT)):
            texts.extend(IndexedText(service.id, text, weight)
                         for text in _translations(service, field, wanted, catalogs))
    return texts


def service_index(services: Sequence[Service], catalogs: PoCatalogs, languages: Iterable[str],
                  background: Mapping[str, Iterable[str]] | None = None) -> SearchIndex:
    """The word search over `services` as the assistant builds it: their catalogue texts,
    the NLU's example questions as the frame, and the services' questions as words asked."""
    return SearchIndex(catalogue_texts(services, catalogs, languages), background,
                       {service.id: [question.text for question in service.questions]
                        for service in services})


def service_titles(
    services: Iterable[Service], catalogs: PoCatalogs, languages: Iterable[str]
) -> dict[str, list[str]]:
    """Each service's title in every language that has one, without repeats."""
    wanted = tuple(languages)
    return {service.id: _translations(service, "title", wanted, catalogs)
            for service in services}


def _translations(
    service: Service, field: str, languages: tuple[str, ...], catalogs: PoCatalogs
) -> list[str]:
    text = getattr(service, field)
    found = (translate_text(text, context("service", service.id, field), language, catalogs).text
             for language in languages)
    return list(dict.fromkeys(found))


def example_questions(folder: Path) -> dict[str, list[str]]:
    """The example questions of each language's NLU file (`<folder>/<lang>.yml`), used as
    the background that tells question words from topics."""
    examples: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lines = [
            _without_annotations(line.strip()[2:])
            for item in data.get("nlu") or []
            for line in str(item.get("examples") or "").splitlines()
            if line.strip().startswith("- ")
        ]
        examples[path.stem] = lines
    return examples


def intent_examples(folder: Path, intent: str) -> list[str]:
    """The examples of one intent in every language's NLU file of `folder`."""
    examples: list[str] = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("nlu") or []:
            if item.get("intent") == intent:
                examples += [_without_annotations(line.strip()[2:])
                             for line in str(item.get("examples") or "").splitlines()
                             if line.strip().startswith("- ")]
    return examples


_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def _without_annotations(example: str) -> str:
    """'[Kita](service)' -> 'Kita': entity annotations are not part of what people type."""
    return _ANNOTATION.sub(r"\1", example)


# When the best service is clearly the one meant, answer; when a few fit, offer them.
# Calibrated on the development questions in tests/catalogue_answers/test_search.py.
ANSWER_SCORE = 2.0
CLEAR_MARGIN = 0.65
# ... or a lower score when no other service comes close.
ANSWER_SCORE_ALONE = 1.5
ALONE_MARGIN = 0.35
# At least this share of the topic words must be known to the catalogue, unless the
# evidence is overwhelming (a word glued to a suffix, "بچهام", is not a new topic).
KNOWN_SHARE = 0.6
STRONG_SCORE = 3.0
SUGGEST_SCORE = 1.2
SUGGEST_SHARE = 0.5


@dataclass(frozen=True)
class Found:
    """What a search means for the reply: `answer` with one service, `choose` among up
    to three, or `nothing`."""

    kind: str
    matches: tuple[Match, ...] = ()


def interpret(matches: Sequence[Match], known_share: float = 1.0) -> Found:
    """Answer when one service scores high, well ahead of the next, and most of the
    message's words are known to the catalogue (`SearchIndex.known_share`) or the score
    leaves no doubt; offer the close ones when the best scores enough; else nothing."""
    if not matches or matches[0].score < SUGGEST_SCORE:
        return Found("nothing")
    top = matches[0]
    runner_up = matches[1].score if len(matches) > 1 else 0.0
    clear = (top.score >= ANSWER_SCORE and runner_up <= top.score * CLEAR_MARGIN) or (
        top.score >= ANSWER_SCORE_ALONE and runner_up <= top.score * ALONE_MARGIN
    )
    overwhelming = top.score >= STRONG_SCORE and runner_up <= top.score * ALONE_MARGIN
    if clear and (known_share >= KNOWN_SHARE or overwhelming):
        return Found("answer", (top,))
    close = tuple(match for match in matches[:3] if match.score >= top.score * SUGGEST_SHARE)
    return Found("choose", close)
