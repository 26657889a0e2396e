"""Read an eligibility folder (facts.yml, outcomes.yml, <category>.yml) into a RuleBook.

Every problem is reported with file:line and what is wrong, and nothing is returned until
all files are valid, so a malformed rule never reaches a resident. The format is described
in docs/eligibility.md.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from bot.catalogue import CatalogueData
from bot.eligibility._check import Checker
from bot.eligibility._expressions import ConditionProblem, compile_condition, symbols
from bot.eligibility.types import (
    FACT_TYPES,
    FAILURE_OUTCOMES,
    NOT_ELIGIBLE,
    OUTCOMES,
    Alternative,
    Choice,
    Condition,
    Fact,
    Outcome,
    RuleBook,
    ServiceRules,
    Texts,
)
from bot.yaml_source import Node, Problem, YamlProblem, display, join, read_yaml

__all__ = ["RulesError", "load_rules"]

FACT_ID = re.compile(r"^[a-z][a-z0-9_]*$")
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
FACTS_FILE = "facts.yml"
OUTCOMES_FILE = "outcomes.yml"


class RulesError(Exception):
    """The eligibility folder is not valid; `problems` lists every mistake found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"the eligibility rules have {len(self.problems)} problem(s):\n{lines}")


def load_rules(folder: str | Path, catalogue: CatalogueData) -> RuleBook:
    """Parse and validate every rule file in `folder` against `catalogue`; raises RulesError."""
    folder = Path(folder)
    problems: list[Problem] = []
    facts = _read_facts(folder / FACTS_FILE, problems)
    texts = _read_texts(folder / OUTCOMES_FILE, problems)
    if facts is None:
        raise RulesError(problems)
    categories = {category.id for category in catalogue.categories}
    services: dict[str, ServiceRules] = {}
    for path in sorted(folder.glob("*.yml")):
        if path.name in (FACTS_FILE, OUTCOMES_FILE):
            continue
        if path.stem not in categories:
            problems.append(Problem(display(path), 1, "", f"'{path.stem}' is not a catalogue "
                                    f"category ({', '.join(sorted(categories))})"))
            continue
        _read_category(path, facts, catalogue, services, problems)
    if problems or texts is None:
        raise RulesError(problems)
    uncovered = tuple(s.id for s in catalogue.services if not s.retired and s.id not in services)
    return RuleBook(facts=facts, services=services, texts=texts, uncovered=uncovered)


def _root(path: Path, problems: list[Problem], required: Iterable[str]
          ) -> tuple[Checker, dict[str, Node]] | None:
    checker = Checker(path, problems)
    if not path.is_file():
        checker.problem(1, "", "file is missing")
        return None
    try:
        root = read_yaml(path)
    except YamlProblem as error:
        checker.problem(error.line, "", error.message)
        return None
    if root is None:
        checker.problem(1, "", "file is empty")
        return None
    fields = checker.fields(root, "", required)
    return (checker, fields) if fields is not None else None


def _read_facts(path: Path, problems: list[Problem]) -> dict[str, Fact] | None:
    opened = _root(path, problems, ["facts"])
    if opened is None:
        return None
    checker, fields = opened
    before = len(problems)
    facts: dict[str, Fact] = {}
    items = checker.sequence(fields["facts"], "facts", lambda node, path: node) or []
    for position, node in enumerate(items):
        fact = _read_fact(checker, node, f"facts[{position}]", position)
        if fact is None:
            continue
        if fact.id in facts:
            checker.problem(node, f"facts[{position}].id", f"fact '{fact.id}' is defined twice")
        facts[fact.id] = fact
    return facts if len(problems) == before else None


def _read_fact(checker: Checker, node: Node, path: str, position: int) -> Fact | None:
    fields = checker.fields(node, path, ["id", "type", "label", "question"],
                            ["help", "choices", "minimum", "maximum"])
    if fields is None:
        return None
    fact_id = checker.matching(fields["id"], join(path, "id"), FACT_ID,
                               "a fact id (lower case letters, digits and _)")
    kind = checker.one_of(fields["type"], join(path, "type"), FACT_TYPES)
    label = checker.string(fields["label"], join(path, "label"))
    question = checker.string(fields["question"], join(path, "question"))
    help_text = checker.string(fields["help"], join(path, "help")) if "help" in fields else None
    bounds = {key: checker.integer(fields[key], join(path, key)) if key in fields else None
              for key in ("minimum", "maximum")}
    choices: tuple[Choice, ...] = ()
    if kind in ("choice", "band"):
        if "choices" not in fields:
            checker.problem(node, join(path, "choices"), f"a {kind} fact needs choices")
            return None
        read = checker.sequence(fields["choices"], join(path, "choices"),
                                lambda item, at: _read_choice(checker, item, at, kind))
        if read is None:
            return None
        choices = tuple(read)
        if not _choices_valid(checker, fields["choices"], join(path, "choices"), choices, kind):
            return None
    elif "choices" in fields:
        checker.problem(fields["choices"], join(path, "choices"), f"a {kind} fact has no choices")
        return None
    if None in (fact_id, kind, label, question):
        return None
    assert fact_id and kind and label and question
    return Fact(fact_id, kind, label, question, position, choices,
                bounds["minimum"], bounds["maximum"], help_text)


def _read_choice(checker: Checker, node: Node, path: str, kind: str) -> Choice | None:
    optional = ["up_to"] if kind == "band" else []
    fields = checker.fields(node, path, ["id", "label"], optional)
    if fields is None:
        return None
    choice_id = checker.matching(fields["id"], join(path, "id"), FACT_ID,
                                 "a value id (lower case letters, digits and _)")
    label = checker.string(fields["label"], join(path, "label"))
    up_to = checker.integer(fields["up_to"], join(path, "up_to")) if "up_to" in fields else None
    if choice_id is None or label is None or ("up_to" in fields and up_to is None):
        return None
    return Choice(choice_id, label, up_to)


def _choices_valid(checker: Checker, node: Node, path: str, choices: tuple[Choice, ...],
                   kind: str) -> bool:
    ids = [choice.id for choice in choices]
    twice = sorted({choice for choice in ids if ids.count(choice) > 1})
    if twice:
        checker.problem(node, path, f"values appear twice: {', '.join(twice)}")
        return False
    if kind == "band":
        limits = [choice.up_to for choice in choices]
        if limits[-1] is not None or None in limits[:-1]:
            checker.problem(node, path, "every band but the last needs up_to; the last has none")
            return False
        bounds = [limit for limit in limits[:-1] if limit is not None]
        if bounds != sorted(set(bounds)):
            checker.problem(node, path, "bands must be in rising order of up_to")
            return False
    return True


def _read_texts(path: Path, problems: list[Problem]) -> Texts | None:
    opened = _root(path, problems, ["outcomes", "notice", "unknown_condition"])
    if opened is None:
        return None
    checker, fields = opened
    outcomes = checker.fields(fields["outcomes"], "outcomes", OUTCOMES)
    if outcomes is None:
        return None
    labels: dict[str, str] = {}
    for outcome in OUTCOMES:
        entry = checker.fields(outcomes[outcome], join("outcomes", outcome), ["label"])
        label = checker.string(entry["label"], f"outcomes.{outcome}.label") if entry else None
        if label is None:
            return None
        labels[outcome] = label
    notice = checker.string(fields["notice"], "notice")
    unknown = checker.string(fields["unknown_condition"], "unknown_condition")
    if notice is None or unknown is None:
        return None
    return Texts(labels, notice, unknown)


def _read_category(path: Path, facts: dict[str, Fact], catalogue: CatalogueData,
                   services: dict[str, ServiceRules], problems: list[Problem]) -> None:
    opened = _root(path, problems, ["simplified", "services"])
    if opened is None:
        return
    checker, fields = opened
    simplified = checker.boolean(fields["simplified"], "simplified")
    if simplified is None:
        return
    items = checker.sequence(fields["services"], "services", lambda node, at: node) or []
    for index, node in enumerate(items):
        rules = _read_service(checker, node, f"services[{index}]", path.stem, facts, catalogue,
                              simplified)
        if rules is None:
            continue
        if rules.service in services:
            earlier = services[rules.service]
            checker.problem(node, f"services[{index}].service", f"rules for '{rules.service}' "
                            f"are already defined at {earlier.file}:{earlier.line}")
            continue
        services[rules.service] = rules


def _read_service(checker: Checker, node: Node, path: str, category: str,
                  facts: dict[str, Fact], catalogue: CatalogueData,
                  simplified: bool) -> ServiceRules | None:
    fields = checker.fields(node, path, ["service", "basis", "conditions"], ["decided_by"])
    if fields is None:
        return None
    service_id = checker.string(fields["service"], join(path, "service"))
    basis = checker.string(fields["basis"], join(path, "basis"))
    service = catalogue.service(service_id) if service_id else None
    if service_id and service is None:
        checker.problem(fields["service"], join(path, "service"),
                        f"'{service_id}' is not a service in the catalogue")
    elif service is not None and service.category != category:
        checker.problem(fields["service"], join(path, "service"), f"'{service_id}' is in "
                        f"category '{service.category}', so its rules belong in "
                        f"{service.category}.yml")
        service = None
    decided_by: tuple[str, ...] | None = service.offices if service else None
    if "decided_by" in fields:
        read = checker.sequence(fields["decided_by"], join(path, "decided_by"),
                                lambda item, at: _office(checker, item, at, catalogue))
        decided_by = tuple(read) if read is not None else None
    conditions = checker.sequence(
        fields["conditions"], join(path, "conditions"),
        lambda item, at: _read_condition(checker, item, at, facts, catalogue),
    )
    if conditions is not None:
        ids = [condition.id for condition in conditions]
        twice = sorted({condition for condition in ids if ids.count(condition) > 1})
        if twice:
            checker.problem(fields["conditions"], join(path, "conditions"),
                            f"condition ids appear twice: {', '.join(twice)}")
            return None
    if service is None or basis is None or conditions is None or decided_by is None:
        return None
    read_facts = {name: facts[name] for condition in conditions for name in condition.reads}
    return ServiceRules(service.id, category, basis, tuple(conditions), decided_by,
                        read_facts, simplified, checker.name, node.line)


def _read_condition(checker: Checker, node: Node, path: str, facts: dict[str, Fact],
                    catalogue: CatalogueData) -> Condition | None:
    fields = checker.fields(node, path, ["id", "when", "holds", "fails"], ["if_fails", "instead"])
    if fields is None:
        return None
    condition_id = checker.matching(fields["id"], join(path, "id"), SLUG, "a condition id")
    when = checker.string(fields["when"], join(path, "when"))
    holds = checker.string(fields["holds"], join(path, "holds"))
    fails = checker.string(fields["fails"], join(path, "fails"))
    if_fails: Outcome | None = NOT_ELIGIBLE
    if "if_fails" in fields:
        if_fails = checker.one_of(fields["if_fails"], join(path, "if_fails"), FAILURE_OUTCOMES)
    instead: list[Alternative] | None = []
    if "instead" in fields:
        instead = checker.sequence(fields["instead"], join(path, "instead"),
                                   lambda item, at: _alternative(checker, item, at, catalogue))
    elif if_fails == NOT_ELIGIBLE:
        checker.problem(node, join(path, "instead"), "say what the person can do instead "
                        "when this fails (a service or an advice office)")
        instead = None
    rule = None
    if when is not None:
        try:
            rule = compile_condition(when, facts)
        except ConditionProblem as problem:
            checker.problem(fields["when"], join(path, "when"), str(problem))
    if None in (condition_id, rule, holds, fails, if_fails, instead):
        return None
    assert condition_id and when and holds and fails and if_fails and rule and instead is not None
    return Condition(condition_id, when, if_fails, holds, fails, symbols(rule),
                     tuple(instead), rule)


def _office(checker: Checker, node: Node, path: str, catalogue: CatalogueData) -> str | None:
    office_id = checker.string(node, path)
    if office_id is not None and catalogue.office(office_id) is None:
        checker.problem(node, path, f"'{office_id}' is not an office in the catalogue")
        return None
    return office_id


def _alternative(checker: Checker, node: Node, path: str,
                 catalogue: CatalogueData) -> Alternative | None:
    if node.kind != "mapping" or len(node.value) != 1:
        checker.problem(node, path, "expected one of {service: <id>} or {office: <id>}")
        return None
    kind, child = next(iter(node.value.items()))
    target = checker.string(child, join(path, kind))
    if target is None:
        return None
    if kind == "office":
        return Alternative("office", target) if _office(checker, child, join(path, kind),
                                                         catalogue) else None
    if kind == "service":
        if catalogue.service(target) is None:
            checker.problem(child, join(path, kind), f"'{target}' is not a service in the "
                            "catalogue")
            return None
        return Alternative("service", target)
    checker.problem(node, path, f"'{kind}' is neither service nor office")
    return None
