"""Keyword and phrase lists per language (bot/reports/data/lexicon/<lang>.yml), compiled.

Lists are data so that speakers of each language can correct them without touching code.
Text and phrases go through the same `normalise()` (the folding of bot/text_matching.py,
which the catalogue search shares), so a list may be written with accents, umlauts or
Arabic vowel marks and still match text typed without them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot.text_matching import words

__all__ = [
    "ASKS_ABOUT_KINDS",
    "CRIME_SIGNALS",
    "DISCRIMINATION_SIGNAL",
    "Hit",
    "Lexicon",
    "LexiconError",
    "Phrase",
    "compile_phrases",
    "default_lexicon_dir",
    "distinct",
    "find",
    "load_lexicons",
    "matches",
    "normalise",
]

#: Signals that name an incident type directly (type ids of routing.yml), most severe first.
CRIME_SIGNALS: tuple[str, ...] = (
    "physical_attack",
    "threat",
    "property_damage_or_graffiti",
    "insult_or_harassment",
)
#: Unfair refusal or unequal treatment: its type follows from the setting.
DISCRIMINATION_SIGNAL = "discrimination"
#: `past`: "last week", "ago", "after an attack": an attack or threat told with one of these
#: happened before; it cancels "attack + now", never a danger phrase.
#: `witness`: "if I witness", "Zeuge", "свидетель": someone sees an attack on another person;
#: with an attack or threat and not `past`, 112 comes first ("what can I do if I see…").
#: `group`: words naming a group of people, a religion or an origin ("refugee", "Muslim",
#: "Ausländer"): with an incident or a setting they show a motive, as `hate_motive` does;
#: alone they make no message one about reports ("where can refugees see a doctor?").
#: `because`: words giving a reason; a group word with one ("because we are refugees",
#: "weil wir Syrer sind") is a motive, as a `hate_motive` phrase is.
FLAG_SIGNALS: tuple[str, ...] = ("danger", "now", "anonymous", "counselling", "hate_motive",
                                 "past", "witness", "group", "because")
#: Office kinds a question can name ("should I go to the police?"), for bot.reports.advice.
ASKS_ABOUT_KINDS: tuple[str, ...] = ("police", "victim_support", "anti_discrimination_office",
                                     "equality_body")
#: " * " in a phrase stands for up to three words, for verbs in two parts: "werde * verfolgt"
#: finds "ich werde von drei Männern verfolgt", "greift * an$" finds "greift eine Frau an".
GAP = "*"
_GAP_PATTERN = " (?:\\w+ ){0,3}"
COMMON_FILE = "_common.yml"
MATCH_MODES = ("word_prefix", "substring")

def normalise(text: str) -> str:
    """Text as the phrase patterns read it: its folded words (bot/text_matching.py), one
    space between them.

    Lists may match inside words, and every language's lists are tried on a message: so
    part marks join ("می‌خواهم" is "میخواهم", "Ankara'da" starts with "ankara"), and
    Pashto letters stay apart from the Persian ones they resemble (`PASHTO_AS_PERSIAN`).
    """
    return " ".join(words(text, join_parts=True, pashto_as_persian=False))


@dataclass(frozen=True)
class Phrase:
    """One list entry: `written` as in the file, `pattern` compiled for normalised text."""

    written: str
    pattern: re.Pattern[str]


def _compile(written: str, mode: str) -> Phrase:
    phrase = written.strip()
    start = phrase.startswith("^") or mode == "word_prefix"
    end = phrase.endswith("$")
    parts = [normalise(part) for part in phrase.strip("^$").split(GAP)]
    if not all(parts):
        raise LexiconError(f"phrase '{written}' is empty once normalised")
    core = _GAP_PATTERN.join(re.escape(part) for part in parts)
    pattern = ("(?<!\\w)" if start else "") + core + ("(?!\\w)" if end else "")
    return Phrase(written, re.compile(pattern))


class LexiconError(ValueError):
    pass


def compile_phrases(written: Iterable[str], mode: str = "word_prefix") -> tuple[Phrase, ...]:
    """Phrases as the lexicons write them, compiled for `normalise`d text (other word lists,
    such as the catalogue's question words, use the same rules)."""
    return tuple(_compile(item, mode) for item in written)


@dataclass(frozen=True)
class Lexicon:
    language: str
    danger: tuple[Phrase, ...]
    now: tuple[Phrase, ...]
    help_only: frozenset[str]
    anonymous: tuple[Phrase, ...]
    counselling: tuple[Phrase, ...]
    hate_motive: tuple[Phrase, ...]
    incident: Mapping[str, tuple[Phrase, ...]]
    setting: Mapping[str, tuple[Phrase, ...]]
    past: tuple[Phrase, ...] = ()
    witness: tuple[Phrase, ...] = ()
    group: tuple[Phrase, ...] = ()
    because: tuple[Phrase, ...] = ()
    asks_about: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)

    def merged(self, common: Lexicon) -> Lexicon:
        """This language's lists plus the language-independent names (office names, apps)."""
        def join(a: Mapping[str, tuple[Phrase, ...]],
                 b: Mapping[str, tuple[Phrase, ...]]) -> dict[str, tuple[Phrase, ...]]:
            return {key: a.get(key, ()) + b.get(key, ()) for key in dict.fromkeys([*a, *b])}

        return Lexicon(
            language=self.language,
            danger=self.danger + common.danger,
            now=self.now + common.now,
            help_only=self.help_only | common.help_only,
            anonymous=self.anonymous + common.anonymous,
            counselling=self.counselling + common.counselling,
            hate_motive=self.hate_motive + common.hate_motive,
            past=self.past + common.past,
            witness=self.witness + common.witness,
            group=self.group + common.group,
            because=self.because + common.because,
            asks_about=join(self.asks_about, common.asks_about),
            incident=join(self.incident, common.incident),
            setting=join(self.setting, common.setting),
        )


@dataclass(frozen=True)
class Hit:
    written: str
    start: int
    end: int

    def inside(self, other: Hit) -> bool:
        return (other.start <= self.start and self.end <= other.end
                and other.end - other.start > self.end - self.start)


def find(phrases: Iterable[Phrase], text: str) -> list[Hit]:
    """Where each entry is first found in normalised `text`."""
    return [Hit(p.written, m.start(), m.end()) for p in phrases if (m := p.pattern.search(text))]


def distinct(hits_by_key: Mapping[str, list[Hit]]) -> dict[str, tuple[str, ...]]:
    """Drop every hit found only inside a longer hit, under any key.

    So one phrase in the message counts once however many entries cover it: "job" inside
    "job at the city" does not also count for work in general.
    """
    every = [hit for hits in hits_by_key.values() for hit in hits]
    result: dict[str, tuple[str, ...]] = {}
    for key, hits in hits_by_key.items():
        spans: dict[tuple[int, int], str] = {}
        for hit in hits:
            if not any(hit.inside(other) for other in every):
                spans.setdefault((hit.start, hit.end), hit.written)
        result[key] = tuple(spans.values())
    return result


def matches(phrases: Iterable[Phrase], text: str) -> list[str]:
    """The entries (as written) found in `text`, without those inside a longer one."""
    return list(distinct({"": find(phrases, text)})[""])


def default_lexicon_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "lexicon"


def _phrases(raw: object, mode: str, where: str) -> tuple[Phrase, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise LexiconError(f"{where}: must be a list of phrases")
    return tuple(_compile(item, mode) for item in raw)


def _section(raw: object, mode: str, where: str,
             allowed: tuple[str, ...]) -> dict[str, tuple[Phrase, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: must be a mapping")
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(unknown)} "
                           f"(known: {', '.join(allowed)})")
    return {key: _phrases(value, mode, f"{where}.{key}") for key, value in raw.items()}


def _read(path: Path, settings: tuple[str, ...]) -> Lexicon:
    with path.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream) or {}
    where = path.name
    mode = data.get("match", "word_prefix")
    if mode not in MATCH_MODES:
        raise LexiconError(f"{where}: match must be one of {', '.join(MATCH_MODES)}")
    known = {"language", "match", "help_only", "incident", "setting", "asks_about",
             *FLAG_SIGNALS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(unknown)}")
    flags = {name: _phrases(data.get(name), mode, f"{where}: {name}") for name in FLAG_SIGNALS}
    return Lexicon(
        language=str(data.get("language", path.stem)),
        help_only=frozenset(normalise(item) for item in data.get("help_only") or []),
        incident=_section(data.get("incident"), mode, f"{where}: incident",
                          CRIME_SIGNALS + (DISCRIMINATION_SIGNAL,)),
        setting=_section(data.get("setting"), mode, f"{where}: setting", settings),
        asks_about=_section(data.get("asks_about"), mode, f"{where}: asks_about",
                            ASKS_ABOUT_KINDS),
        **flags,
    )


@lru_cache(maxsize=8)
def _load(folder: Path, settings: tuple[str, ...]) -> dict[str, Lexicon]:
    common = _read(folder / COMMON_FILE, settings)
    lexicons: dict[str, Lexicon] = {}
    for path in sorted(folder.glob("*.yml")):
        if path.name == COMMON_FILE:
            continue
        lexicon = _read(path, settings)
        if lexicon.language != path.stem:
            raise LexiconError(f"{path.name}: language '{lexicon.language}' does not match "
                               "the file name")
        lexicons[lexicon.language] = lexicon.merged(common)
    return lexicons


def load_lexicons(settings: Iterable[str], folder: Path | None = None) -> dict[str, Lexicon]:
    """Every language's lexicon, merged with _common.yml; read once per folder."""
    return _load((folder or default_lexicon_dir()).resolve(), tuple(settings))
