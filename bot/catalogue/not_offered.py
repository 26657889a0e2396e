"""Near topics the catalogue does not offer: services_catalogue/not_offered.yml.

{language: [message, ...]}: a bank account, car insurance, a train ticket, whose words sit
near a service's. The service ranker learns its "about no service" class from them
(bot/catalogue/ranker.py); the intent classifier does not (docs/catalogue.md). Optional: a
catalogue without the file has only the NLU's out-of-scope examples for that class.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from bot.yaml_source import Problem, display

__all__ = ["NOT_OFFERED", "not_offered_messages", "read_not_offered"]

NOT_OFFERED = "not_offered.yml"


def read_not_offered(folder: Path, languages: Iterable[str],
                     problems: list[Problem]) -> tuple[str, ...]:
    """The messages of `folder`/not_offered.yml; its mistakes are added to `problems`."""
    path = folder / NOT_OFFERED
    if not path.is_file():
        return ()
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(Problem(display(path), mark.line + 1 if mark else 1, "", str(error)))
        return ()
    known = set(languages)
    if not isinstance(content, dict):
        problems.append(Problem(display(path), 1, "", "must map languages to lists of messages"))
        return ()
    messages: list[str] = []
    for language, listed in content.items():
        if language not in known:
            problems.append(Problem(display(path), 1, str(language),
                                    f"'{language}' is not one of the city's languages"))
        elif not isinstance(listed, list) or not all(isinstance(m, str) for m in listed):
            problems.append(Problem(display(path), 1, str(language),
                                    "must be a list of messages"))
        else:
            messages += listed
    return tuple(messages)


def not_offered_messages(folder: Path) -> list[str]:
    """Every language's messages, for the ranker (the validator reports mistakes)."""
    problems: list[Problem] = []
    messages = read_not_offered(folder, _all_languages(folder), problems)
    return [] if problems else list(messages)


def _all_languages(folder: Path) -> list[str]:
    path = folder / NOT_OFFERED
    content = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return [str(language) for language in content] if isinstance(content, dict) else []
