"""Finds what is missing or broken in the curated translations."""
from dataclasses import dataclass

from bot.translation.messages import SourceMessage, placeholders
from bot.translation.po_catalogs import PoCatalogs


@dataclass(frozen=True)
class Problem:
    language: str
    context: str
    what: str

    def __str__(self) -> str:
        return f"{self.language}: {self.context}: {self.what}"


def find_problems(
    text_domain: str, messages: list[SourceMessage], catalogs: PoCatalogs, languages: list[str]
) -> list[Problem]:
    """What is missing in one text domain (translations/<text_domain>/<language>.po)."""
    problems: list[Problem] = []
    for language in languages:
        if not catalogs.path(text_domain, language).exists():
            problems.append(
                Problem(language, "-", f"translations/{text_domain}/{language}.po is missing")
            )
            continue
        for message in messages:
            translated = catalogs.lookup(message.context, message.text, language)
            if translated is None:
                problems.append(Problem(language, message.context, "no current translation"))
            elif placeholders(translated) != message.placeholders:
                problems.append(
                    Problem(
                        language,
                        message.context,
                        f"placeholders {sorted(placeholders(translated))} "
                        f"differ from the source's {sorted(message.placeholders)}",
                    )
                )
    return problems
