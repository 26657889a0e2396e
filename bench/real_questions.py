"""What a newcomer gets for a real question: the first reply of the running product.

The questions in tests/real_questions/<lang>.yml were copied from public pages (see the
README there). They are for measuring only: never used for training, keywords or
thresholds. Each is sent as the first message of a fresh conversation over REST, without a
language hint (as a person types it), and the first reply is read by the reply contract
(bench/_first_reply.py). Per language and overall, the share of questions whose first reply:

  service   answered the labelled service (or the labelled office for discrimination and
            victim questions)
  category  answered a service of the right category, or named the right office, or gave
            112 first for danger now, or declined an out-of-scope question
  target    right category AND in the asker's language (the issue's target)
  choice    offered a choice containing the labelled service
  elig      started an eligibility check
  noinfo    said "no information" / "say it in other words" for an in-scope question
  wrong     answered something wrong: another category, another office, a service for a
            danger or out-of-scope question, or started a report for a question that is
            not one
  report    started a report intake (counted whatever the label)
  lang      the reply was in the asker's language (`custom.language`)

and the latency of the first reply, p50/p95 in ms. Questions labelled with a service the
catalogue does not have yet (tests/real_questions/pending_services.yml) are counted apart:
"all" includes them, "in catalogue" leaves them out.

    .venv/bin/python bench/real_questions.py --model <model.tar.gz> [--languages en,de]
                                             [--misses] [--json figures.json]
    .venv/bin/python bench/real_questions.py --url http://127.0.0.1:5005
    .venv/bin/python bench/real_questions.py --model <model.tar.gz> --heldout
    .venv/bin/python bench/real_questions.py --model <model.tar.gz> --set <folder>

`--heldout` measures the team's own paraphrase held-out set
(tests/catalogue_answers/heldout) the same way, through the running product: what a person
gets for those questions, where bench/catalogue_accuracy.py's "e2e" only estimates it from
the NLU intent and the search. `--set` measures another folder in that format
(`language:` and `questions:` of `{text, service}`, `{text, services: [...]}` or
`{text, out_of_scope: true}`), such as the team's everyday needs
(tests/catalogue_answers/needs) or messages about nothing in the catalogue
(tests/catalogue_answers/out_of_scope).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._first_reply import FirstReply, read_first_reply  # noqa: E402
from bot.catalogue import load_catalogue_files  # noqa: E402
from bot.paths import catalogue_dir  # noqa: E402

QUESTIONS = ROOT / "tests" / "real_questions"
HELDOUT = ROOT / "tests" / "catalogue_answers" / "heldout"
PENDING = QUESTIONS / "pending_services.yml"
#: Office kinds a discrimination, hate-crime or victim question may be answered with.
REPORT_OFFICE_KINDS = {"anti_discrimination_office", "equality_body", "victim_support", "police"}
COLUMNS = ("service", "category", "target", "choice", "elig", "noinfo", "wrong", "report", "lang")

Send = Callable[[str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Question:
    language: str
    text: str
    source: str
    label: dict[str, Any]

    @property
    def services(self) -> tuple[str, ...]:
        if "service" in self.label:
            return (str(self.label["service"]),)
        return tuple(str(s) for s in self.label.get("services") or ())


@dataclass
class Tally:
    questions: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.questions += other.questions
        for name in COLUMNS:
            self.counts[name] += other.counts[name]
        self.latencies_ms.extend(other.latencies_ms)

    def percent(self, name: str) -> float:
        return 100 * self.counts[name] / self.questions if self.questions else 0.0

    def latency(self, share: int) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share / 100))]

    def as_json(self) -> dict[str, Any]:
        return {
            "questions": self.questions,
            **{name: round(self.percent(name), 1) for name in COLUMNS},
            "p50_ms": round(self.latency(50)), "p95_ms": round(self.latency(95)),
        }


def load_questions(folder: Path, languages: list[str] | None) -> list[Question]:
    questions = []
    for path in sorted(folder.glob("*.yml")):
        language = path.stem
        if language == PENDING.stem or (languages and language not in languages):
            continue
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            label = {k: v for k, v in entry.items() if k not in ("text", "source")}
            questions.append(Question(language, entry["text"], entry["source"], label))
    return questions


def load_team_set(folder: Path, languages: list[str] | None) -> list[Question]:
    """A set the team wrote (the paraphrase held-out set, the everyday needs), each question
    labelled with its service or services."""
    questions = []
    for path in sorted(folder.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        language = str(content.get("language") or path.stem)
        if languages and language not in languages:
            continue
        for entry in content.get("questions") or []:
            label = {key: entry[key] for key in ("service", "services", "out_of_scope")
                     if key in entry}
            questions.append(Question(language, entry["text"], folder.name, label))
    return questions


def service_categories() -> tuple[dict[str, str], set[str]]:
    """Category of every service id: the catalogue's, then the pending list's; and the ids
    that are only pending."""
    data = load_catalogue_files(catalogue_dir())
    known = {service.id: service.category for service in data.services}
    pending = yaml.safe_load(PENDING.read_text(encoding="utf-8")) if PENDING.exists() else {}
    only_pending = {sid for sid in pending or {} if sid not in known}
    return {**{sid: str(cat) for sid, cat in (pending or {}).items()}, **known}, only_pending


def score(question: Question, reply: FirstReply, categories: dict[str, str]) -> dict[str, bool]:
    """Which columns this first reply counts in (see the module docstring)."""
    label = question.label
    answered = set(reply.service_ids)
    answered_categories = {str(s.get("category") or categories.get(str(s.get("id")))) for s in
                           reply.sources}
    office_ids = [str(office.get("id")) for office in reply.offices]
    report_offices = [str(o.get("id")) for o in reply.offices
                      if o.get("kind") in REPORT_OFFICE_KINDS]
    marks = {name: False for name in COLUMNS}
    marks["report"] = reply.report
    marks["elig"] = reply.eligibility
    marks["lang"] = bool(reply.languages) and reply.languages[0] == question.language
    if question.services:
        expected = {categories.get(sid) for sid in question.services}
        marks["service"] = bool(answered & set(question.services))
        marks["category"] = marks["service"] or bool(answered_categories & expected)
        marks["choice"] = bool(set(reply.candidates) & set(question.services))
        marks["noinfo"] = reply.unanswered and not answered
        marks["wrong"] = (bool(answered) and not marks["category"]) or reply.report or bool(
            report_offices)
    elif "category" in label:
        marks["category"] = str(label["category"]) in answered_categories
        marks["choice"] = any(categories.get(c) == label["category"] for c in reply.candidates)
        marks["noinfo"] = reply.unanswered and not answered
        marks["wrong"] = (bool(answered) and not marks["category"]) or reply.report or bool(
            report_offices)
    elif "office" in label:
        marks["service"] = marks["category"] = str(label["office"]) in office_ids
        marks["noinfo"] = reply.unanswered and not reply.offices
        marks["wrong"] = bool(answered) or (bool(report_offices) and not marks["category"])
    elif label.get("danger"):
        marks["service"] = marks["category"] = reply.emergency_first
        marks["wrong"] = not reply.emergency_first and (bool(answered) or reply.report or bool(
            reply.offices))
    elif label.get("out_of_scope"):
        declined = not answered and not reply.report and not reply.eligibility
        marks["service"] = marks["category"] = declined
        marks["wrong"] = bool(answered) or reply.report
    marks["target"] = marks["category"] and marks["lang"]
    return marks


def measure(questions: list[Question], send: Send, categories: dict[str, str],
            pending: set[str]) -> dict[str, dict[str, Tally]]:
    """Tallies per language, for all questions and for those labelled in the catalogue."""
    tallies: dict[str, dict[str, Tally]] = {"all": {}, "in catalogue": {}}
    for question in questions:
        started = time.perf_counter()
        messages = send(question.text)
        elapsed_ms = 1000 * (time.perf_counter() - started)
        reply = read_first_reply(messages)
        marks = score(question, reply, categories)
        groups = ["all"]
        if not set(question.services) & pending:
            groups.append("in catalogue")
        for group in groups:
            tally = tallies[group].setdefault(question.language, Tally())
            tally.questions += 1
            tally.latencies_ms.append(elapsed_ms)
            for name, hit in marks.items():
                tally.counts[name] += hit
        if not marks["target"]:
            expected = ", ".join(f"{k}={v}" for k, v in question.label.items())
            tallies["all"][question.language].misses.append(
                f"{question.language}: {question.text!r}\n    expected {expected}; got "
                f"{reply.summary()}; language {','.join(reply.languages[:1]) or '-'}"
            )
    return tallies


def total(by_language: dict[str, Tally]) -> Tally:
    overall = Tally()
    for tally in by_language.values():
        overall.add(tally)
    return overall


def table(by_language: dict[str, Tally]) -> str:
    header = ["lang", "n", *COLUMNS, "p50 ms", "p95 ms"]
    lines = ["| " + " | ".join(header) + " |", "|" + " ---: |" * len(header)]
    for language, tally in [*sorted(by_language.items()), ("all", total(by_language))]:
        cells = [language, str(tally.questions),
                 *(f"{tally.percent(name):.0f}" for name in COLUMNS),
                 f"{tally.latency(50):.0f}", f"{tally.latency(95):.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def rest_sender(url: str) -> Send:
    def send(text: str) -> list[dict[str, Any]]:
        body = {"sender": f"realq-{uuid.uuid4().hex[:12]}", "message": text}
        request = urllib.request.Request(
            f"{url.rstrip('/')}/webhooks/rest/webhook", data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())
    return send


@contextmanager
def running_product(model: Path) -> Iterator[str]:
    """Our product as the end-to-end tests start it: in-memory conversations, the sample
    catalogue in a fresh SQLite file."""
    from bench._product import start_ours

    os.environ["CITY_ASSISTANT_MODEL"] = str(model)
    with tempfile.TemporaryDirectory(prefix="realq-") as work:
        product = start_ours(Path(work), redis_url="")
        try:
            yield product.rasa_urls[0]
        finally:
            product.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=os.environ.get("CITY_ASSISTANT_MODEL"),
                        help="trained model to start the product with")
    parser.add_argument("--url", help="talk to a running Rasa server instead")
    parser.add_argument("--languages", help="comma-separated, e.g. en,de,uk")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--heldout", action="store_true",
                        help="measure the paraphrase held-out set instead")
    parser.add_argument("--set", type=Path, help="measure this folder of team questions instead")
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    arguments = parser.parse_args()
    if not arguments.url and not (arguments.model and Path(arguments.model).exists()):
        parser.error("give --url of a running product or --model of a trained one")
    languages = arguments.languages.split(",") if arguments.languages else None
    team_set = HELDOUT if arguments.heldout else arguments.set
    questions = (load_team_set(team_set, languages) if team_set
                 else load_questions(arguments.questions, languages))
    categories, pending = service_categories()
    started = time.monotonic()
    if arguments.url:
        tallies = measure(questions, rest_sender(arguments.url), categories, pending)
    else:
        with running_product(Path(arguments.model)) as url:
            tallies = measure(questions, rest_sender(url), categories, pending)
    for group, by_language in tallies.items():
        print(f"\n## {group} ({sum(t.questions for t in by_language.values())} questions)\n")
        print(table(by_language))
    print(f"\n(percent of questions; {time.monotonic() - started:.0f} s)")
    if arguments.misses:
        for tally in tallies["all"].values():
            for miss in tally.misses:
                print(miss)
    if arguments.json:
        figures = {group: {lang: t.as_json() for lang, t in {**by_language,
                                                            "all": total(by_language)}.items()}
                   for group, by_language in tallies.items()}
        figures["model"] = str(arguments.model) if not arguments.url else arguments.url
        arguments.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
