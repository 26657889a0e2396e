"""Near topics the catalogue does not offer: services_catalogue/not_offered.yml.

{language: [message, ...]}: a bank account, car insurance, a train ticket, whose words sit
near a service's. The service ranker learns its "about no service" class from them
(bot/catalogue/ranker.py); the intent classifier does not (docs/catalogue.md). Optional: a
catalogue without the file has only the NLU's out-of-scope examples for that class.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bot.yaml_source import FieldChecker, Problem, YamlProblem, describe, display, read_yaml

__all__ = ["NOT_OFFERED", "not_offered_messages", "read_not_offered"]

NOT_OFFERED = "not_offered.yml"


def read_not_offered(folder: Path, languages: Iterable[str] | None,
                     problems: list[Problem]) -> tuple[str, ...]:
    """The messages of `folder`/not_offered.yml, read as every catalogue file is (its
    mistakes are added to `problems` with their lines); `languages`, the city's, or None
    to take every language written."""
    path = folder / NOT_OFFERED
    if not path.is_file():
        return ()
    try:
        root = read_yaml(path)
    except YamlProblem as error:
        problems.append(Problem(display(path), error.line, "", error.message))
        return ()
    if root is None:
        return ()
    checker = FieldChecker(path, problems)
    if root.kind != "mapping":
        checker.problem(root, "", f"expected languages mapped to lists of messages, found "
                                  f"{describe(root)}")
        return ()
    known = None if languages is None else set(languages)
    messages: list[str] = []
    for language, node in root.value.items():
        if known is not None and language not in known:
            checker.problem(node, str(language), f"'{language}' is not one of the city's languages")
            continue
        messages += checker.sequence(node, str(language), checker.string) or []
    return tuple(messages)


def not_offered_messages(folder: Path) -> list[str]:
    """Every language's messages, for the ranker (the validator reports mistakes)."""
    problems: list[Problem] = []
    messages = read_not_offered(folder, None, problems)
    return [] if problems else list(messages)
