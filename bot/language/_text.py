"""Text clean-up and tokenising shared by detection and explicit choices.

Some things people type say nothing about their language: links, e-mail addresses,
@handles and the reference numbers the assistant itself hands out ("LB-7K3Q-9XRM",
bot/reports/reference.py). Left in, a bare reference reads as Romanian or Somali to the
n-gram statistics and can switch the conversation's language; they are removed first.
Phone numbers and other digits are no letters, so they never counted.
"""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+", re.IGNORECASE)
# Shaped like a reference: up to four letters, then two groups of four letters or digits,
# joined by - . _ spaces or nothing ("LB-7K3Q-9XRM", "lb 7k3q 9xrm", "7K3Q9XRM").
_CANDIDATE = re.compile(
    r"(?<![\w-])(?:(?P<prefix>[A-Za-z]{1,4})[-._\s]*)?"
    r"(?P<body>[A-Za-z0-9]{4}[-._\s]*[A-Za-z0-9]{4})(?![\w-])"
)
# In capitals without I and O, which references never use: "LB-ZZZZ-ZZZZ", "LB ZZZZ ZZZZ",
# "ZZZZ-ZZZZ" (not "DAS KANN", two shouted words).
_CAPITAL_CODE = re.compile(
    r"[A-Z]{1,4}[-\s]+[A-HJ-NP-Z]{4}[-\s]+[A-HJ-NP-Z]{4}|[A-HJ-NP-Z]{4}-[A-HJ-NP-Z]{4}"
)
_DIGIT = re.compile(r"\d")
_LOWER = re.compile(r"[a-z]")
_SPACE = re.compile(r"\s")
# Arabic short vowels, shadda, sukun, superscript alef and tatweel carry no language signal.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "\u200c": "", "\u200d": ""})
_TOKEN = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
# Turkish capital İ lower-cases to i; casefold alone gives i plus a combining dot, a word no
# table has ("İndirim" missed "indirim").
_DOTTED_CAPITAL_I = str.maketrans({"İ": "i"})


def _valid_reference(code: str) -> bool:
    """A reference the assistant could have issued, typed with its prefix ("lb bbaz kguj").

    Without the prefix, one pair of words in 32 ("wann kann") would pass the check character.
    """
    # Imported here: bot.reports imports bot.language, and only rare candidates get here.
    from bot.reports.reference import normalise_reference
    from bot.reports.settings import reference_prefix

    try:
        prefix = reference_prefix()
    except ValueError:
        return False
    return code.upper().startswith(prefix) and normalise_reference(code, prefix) is not None


def _is_code(code: str) -> bool:
    """A reference number, or a code shaped like one (a mistyped reference is no word either).

    With a digit it is a code if written as one chunk or in capitals; "seit 2024 habe" and
    Arabic chat spelling ("3ala 7ala") are lower-case words apart, so those need the check
    character to be taken for a reference.
    """
    if _DIGIT.search(code) and (not _SPACE.search(code) or not _LOWER.search(code)):
        return True
    return bool(_CAPITAL_CODE.fullmatch(code)) or _valid_reference(code)


def _drop_code(match: re.Match[str]) -> str:
    if _is_code(match.group(0)):
        return " "
    separate_word = _SPACE.search(match.group(0)[: match.start("body") - match.start()])
    if match.group("prefix") and separate_word and _is_code(match.group("body")):
        return match.group(0)[: match.start("body") - match.start()] + " "
    return match.group(0)


def without_neutral_tokens(text: str) -> str:
    """`text` without links, e-mail addresses, @handles, #tags and reference numbers."""
    return _CANDIDATE.sub(_drop_code, _URL.sub(" ", text))


def normalize(text: str) -> str:
    """NFC text without neutral tokens (see above), Arabic vowel marks or joiners.

    Letters are not folded as for matching (bot/text_matching.py): ي against ی, ک against
    ك, is exactly what tells Arabic from Persian."""
    text = unicodedata.normalize("NFC", text)
    text = without_neutral_tokens(text)
    text = _ARABIC_MARKS.sub("", text)
    return text.translate(_APOSTROPHES)


def tokens(text: str) -> list[str]:
    """Lower-cased words of already normalised text (letters, inner apostrophes and hyphens)."""
    return [t.translate(_DOTTED_CAPITAL_I).casefold() for t in _TOKEN.findall(text)]

