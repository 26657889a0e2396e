"""The questions people ask about each service: services_catalogue/questions/<language>.yml.

One file per language, {service id: {kind: [question, ...]}} (docs/catalogue.md). They are
catalogue content like the titles and keywords: the service ranker learns from all of them
when the catalogue is read (a city that adds a service with its questions has it found
without retraining the Rasa model), and the NLU examples of the ask_<kind> intents are
drawn from them (`python -m bot.catalogue nlu`), so no question is written twice.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from bot.catalogue.types import QUESTION_KINDS, Question
from bot.yaml_source import FieldChecker, Node, Problem, YamlProblem, display, join, read_yaml

__all__ = ["MINIMUM", "read_questions"]

#: At least this many questions of each kind per service and language, so every service
#: is learnt in every language from more than its title.
MINIMUM: Mapping[str, int] = {"service": 8, "how": 3, "where": 2, "who": 2}


def read_questions(
    folder: Path, service_ids: Iterable[str], languages: Iterable[str],
    problems: list[Problem], warnings: list[str],
) -> dict[str, tuple[Question, ...]]:
    """Questions per service id from `folder`/questions/<language>.yml for each of the
    city's `languages`; every mistake is added to `problems` with its file and line.
    Questions about a service that is no longer in services/*.yml are left out with a
    warning, so removing a service does not mean editing fourteen files first."""
    known = list(service_ids)
    found: dict[str, list[Question]] = {service: [] for service in known}
    for language in languages:
        path = folder / "questions" / f"{language}.yml"
        if not path.is_file():
            problems.append(Problem(display(path), 1, "", "file not found (every language "
                                                           "of the city has its questions)"))
            continue
        try:
            root = read_yaml(path)
        except YamlProblem as error:
            problems.append(Problem(display(path), error.line, "", error.message))
            continue
        checker = FieldChecker(path, problems)
        for service, questions in _read_file(checker, root, language, known, warnings).items():
            found[service].extend(questions)
    return {service: tuple(questions) for service, questions in found.items()}


def _read_file(
    checker: FieldChecker, root: Node | None, language: str, known: list[str],
    warnings: list[str],
) -> dict[str, list[Question]]:
    if root is None:
        checker.problem(1, "", "the file is empty")
        return {}
    fields = checker.fields(root, "", ["language", "questions"])
    if fields is None or "questions" not in fields or "language" not in fields:
        return {}
    if checker.string(fields["language"], "language") != language:
        checker.problem(fields["language"], "language",
                        f"must be '{language}', the language of the file's name")
    services = fields["questions"]
    if services.kind != "mapping":
        checker.problem(services, "questions", "expected a mapping of service id to questions")
        return {}
    result: dict[str, list[Question]] = {}
    for service in known:
        if service not in services.value:
            checker.problem(services, join("questions", service), "no questions for this service")
    for service, node in services.value.items():
        path = join("questions", service)
        if service not in known:
            warnings.append(f"{checker.name}:{node.line}: {path}: no service with id "
                            f"'{service}' in services/*.yml; its questions are left out")
            continue
        kinds = checker.fields(node, path, [], QUESTION_KINDS)
        if kinds is None:
            continue
        questions: list[Question] = []
        for kind in QUESTION_KINDS:
            texts = (checker.sequence(kinds[kind], join(path, kind), checker.string)
                     if kind in kinds else []) or []
            if len(texts) < MINIMUM[kind]:
                checker.problem(node, join(path, kind),
                                f"{len(texts)} question(s), at least {MINIMUM[kind]} needed")
            seen: set[str] = set()
            for text in texts:
                if text.casefold() in seen:
                    checker.problem(kinds[kind], join(path, kind), f"'{text}' is written twice")
                seen.add(text.casefold())
                questions.append(Question(language, kind, text))
        result[service] = questions
    return result
