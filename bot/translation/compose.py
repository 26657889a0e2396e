"""A reply in the person's language from its parts, or wholly in the source language.

One rule for every reply whose content (catalogue texts, routing texts, eligibility
texts) is filled in by code: compose it in the person's language; if any part has no
translation in that language, compose the WHOLE reply again in the source language and
say so. A reply is never half in one language and half in another, and it never claims a
better translation than its weakest part (README, "Reply contract").

    def build(texts: Texts) -> dict[str, str]:
        translated = translate_text(office.name, name_context, texts.language, catalogs)
        texts.record(translated.language, translated.translation)
        return {"office_name": translated.text}

    composed = compose(build, language)
    dispatcher.utter_message(response=..., **composed.value, **composed.contract())

`build` reads `texts.language` (the language to compose in) and tells `texts` what each
text turned out to be: `record(language, translation)` for a translate function that
says both, `found(lookup, source)` for a curated lookup that returns None when missing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal, TypeGuard, TypeVar

from bot.translation.messages import SOURCE_LANGUAGE

__all__ = [
    "TRANSLATION_RANK",
    "Composed",
    "Texts",
    "Translation",
    "compose",
    "is_translation",
    "weakest",
]

#: How a text came to be in the language it is shown in (the contract's `translation`).
Translation = Literal["source", "machine", "curated"]
#: How trustworthy each is: a reply is only as good as its weakest part.
TRANSLATION_RANK: dict[str, int] = {"source": 0, "machine": 1, "curated": 2}

T = TypeVar("T")


def weakest(first: Translation, *others: Translation) -> Translation:
    """The least trustworthy of these translations ("source" < "machine" < "curated")."""
    return min((first, *others), key=TRANSLATION_RANK.__getitem__)


def is_translation(value: object) -> TypeGuard[Translation]:
    """Whether `value` is one of the contract's translation labels."""
    return isinstance(value, str) and value in TRANSLATION_RANK


class Texts:
    """What the texts of one composition turned out to be, in `language`.

    `missing` once any text came out in another language than `language`; `translation`
    is the weakest translation recorded ("curated" when nothing was recorded), and always
    "source" when composing in the source language itself.
    """

    def __init__(self, language: str, source_language: str = SOURCE_LANGUAGE) -> None:
        self.language = language
        self.source_language = source_language
        self._missing = False
        self._weakest: Translation = "curated"

    def record(self, language: str, translation: str) -> None:
        """One text came out in `language`, made as `translation` says."""
        if not is_translation(translation):
            raise ValueError(f"not a translation label: {translation!r}")
        if language != self.language:
            self._missing = True
        self._weakest = weakest(self._weakest, translation)

    def found(self, translated: str | None, source: str) -> str:
        """A curated look-up's result: `translated` (curated, in `language`), or `source`
        when there is none, which sends the whole composition to the source language."""
        if translated is None:
            self.record(self.source_language, "source")
            return source
        self.record(self.language, "curated")
        return translated

    @property
    def missing(self) -> bool:
        return self._missing

    @property
    def translation(self) -> Translation:
        if self.language == self.source_language:
            return "source"
        return self._weakest


@dataclass(frozen=True)
class Composed(Generic[T]):
    """What `build` made, and in which language and translation it came out."""

    value: T
    language: str
    translation: Translation
    #: The language asked for; `language` differs when a text was missing in it.
    wanted: str

    @property
    def fell_back(self) -> bool:
        """Composed in the source language because a text was missing in the wanted one."""
        return self.language != self.wanted

    def contract(self) -> dict[str, str]:
        """The response arguments `content_language` and `content_translation`, which the
        renderer (bot/responses/render.py) turns into the reply's language and label."""
        return {"content_language": self.language, "content_translation": self.translation}


def compose(
    build: Callable[[Texts], T], language: str, source_language: str = SOURCE_LANGUAGE
) -> Composed[T]:
    """`build` in `language`, or, when any text it needed was missing there, `build` again
    wholly in `source_language` (never the first result with parts patched)."""
    texts = Texts(language, source_language)
    value = build(texts)
    if texts.missing and language != source_language:
        texts = Texts(source_language, source_language)
        value = build(texts)
    return Composed(value, texts.language, texts.translation, language)
