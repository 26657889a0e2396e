"""Read a catalogue folder (YAML) into CatalogueData, or fail with every problem found.

Each problem names file:line, the field path and what is wrong, e.g.
`services_catalogue/services/housing.yml:42: services[3].category: 'hosing' is not one of
housing, education, ...`. All files are checked before anything is returned, so a loader
never sees half a catalogue. The format is described in docs/catalogue.md.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names

from bot.catalogue.not_offered import read_not_offered
from bot.catalogue.questions import read_questions
from bot.catalogue.types import (
    OFFICE_KINDS,
    WEEKDAYS,
    Address,
    CatalogueData,
    Category,
    City,
    Keyword,
    Office,
    OpeningHours,
    Service,
    Text,
    canonical_questions,
    parse_time,
)
from bot.yaml_source import (
    FieldChecker,
    Node,
    Problem,
    YamlProblem,
    describe,
    display,
    join,
    read_yaml,
)

__all__ = ["CatalogueError", "Problem", "load_catalogue_files"]

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 ]*$")

T = TypeVar("T")

#: Longest values the database columns take, by field name.
_MAX_LENGTH = {"id": 100, "contact_office": 100, "offices": 100, "category": 100, "phone": 50,
               "email": 320, "website": 500, "source_url": 500, "district": 200, "timezone": 64}


class CatalogueError(Exception):
    """The catalogue folder is not valid; `problems` lists every mistake found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"the catalogue has {len(self.problems)} problem(s):\n{lines}")


class _File(FieldChecker):
    """Checks the nodes of one catalogue file; texts may be given per language."""

    def __init__(self, path: Path, problems: list[Problem], source_language: str,
                 languages: frozenset[str] | None) -> None:
        super().__init__(path, problems)
        self.source_language = source_language
        self.languages = languages

    def string(self, node: Node, path: str) -> str | None:
        """Text that fits the database column its field is stored in."""
        text = super().string(node, path)
        limit = _MAX_LENGTH.get(path.rsplit(".", 1)[-1].split("[")[0])
        if text is not None and limit is not None and len(text) > limit:
            self.problem(node, path, f"is {len(text)} characters long (at most {limit})")
            return None
        return text

    def language(self, node: Node, path: str) -> str | None:
        code = self.matching(node, path, LANGUAGE, "a language code (ISO 639-1, like 'de')")
        if code is not None and self.languages is not None and code not in self.languages:
            self.problem(node, path, f"'{code}' is not one of the city's languages "
                                     f"({', '.join(sorted(self.languages))})")
            return None
        return code

    def text(self, node: Node, path: str) -> Text | None:
        """Plain text in the source language, or a mapping of language to text."""
        if node.kind == "scalar":
            value = self.string(node, path)
            return Text({self.source_language: value}, self.source_language) if value else None
        if node.kind != "mapping":
            self.problem(node, path, f"expected text or a mapping of language to text, "
                                     f"found {describe(node)}")
            return None
        values: dict[str, str] = {}
        failed = False
        for key, child in node.value.items():
            code = self.language(Node("scalar", key, child.line, raw=key), join(path, key))
            value = self.string(child, join(path, key))
            if code is None or value is None:
                failed = True
            else:
                values[code] = value
        if self.source_language not in node.value:
            self.problem(node, path, f"the source language '{self.source_language}' is missing")
            return None
        return None if failed else Text(values, self.source_language)


@cache
def _writes_in_latin(language: str) -> bool:
    """Whether a language is written in Latin letters (judged from CLDR's day names)."""
    try:
        monday = get_day_names("wide", locale=Locale.parse(language))[0]
    except (UnknownLocaleError, ValueError):
        return True
    return _is_latin(monday)


def _is_latin(term: str) -> bool:
    letters = [char for char in term if char.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(char, "") for char in letters)


def _days(file: _File, node: Node, path: str) -> tuple[str, ...] | None:
    """'mon-fri', 'thu' or [mon, wed]."""
    if node.kind == "sequence":
        days = file.sequence(node, path, lambda child, p: file.one_of(child, p, WEEKDAYS))
        return tuple(days) if days else None
    value = file.string(node, path)
    if value is None:
        return None
    first, _, last = value.partition("-")
    if first not in WEEKDAYS or (last and last not in WEEKDAYS):
        file.problem(node, path, f"'{value}' is not a day ({', '.join(WEEKDAYS)}), "
                                 "a range like mon-fri or a list of days")
        return None
    if not last:
        return (first,)
    start, end = WEEKDAYS.index(first), WEEKDAYS.index(last)
    if end < start:
        file.problem(node, path, f"'{value}': a range must run from Monday towards Sunday")
        return None
    return WEEKDAYS[start:end + 1]


def _clock(file: _File, node: Node, path: str, allow_midnight_end: bool) -> str | None:
    raw = file.string(node, path)
    if raw is None:
        return None
    if allow_midnight_end and raw == "24:00":
        return raw
    try:
        parse_time(raw)
    except ValueError:
        file.problem(node, path, f"'{raw}' is not a time of day (HH:MM, e.g. \"09:00\")")
        return None
    return raw


def _opening_hours(file: _File, node: Node, path: str) -> OpeningHours | None:
    fields = file.fields(node, path, ["days", "from", "to"], ["note"])
    if fields is None or not {"days", "from", "to"} <= fields.keys():
        return None
    days = _days(file, fields["days"], f"{path}.days")
    opens = _clock(file, fields["from"], f"{path}.from", allow_midnight_end=False)
    closes = _clock(file, fields["to"], f"{path}.to", allow_midnight_end=True)
    note = file.text(fields["note"], f"{path}.note") if "note" in fields else None
    if days is None or opens is None or closes is None or ("note" in fields and note is None):
        return None
    if closes != "24:00" and parse_time(closes) <= parse_time(opens):
        file.problem(fields["to"], f"{path}.to", f"closes at {closes}, before it opens at {opens}")
        return None
    return OpeningHours.from_dict(
        {"days": days, "from": opens, "to": closes, "note": note.to_dict() if note else None},
        file.source_language,
    )


def _address(file: _File, node: Node, path: str) -> Address | None:
    fields = file.fields(node, path, ["street", "postcode", "city"])
    if fields is None:
        return None
    parts = {key: file.string(child, join(path, key)) for key, child in fields.items()}
    if None in parts.values() or len(parts) != 3:
        return None
    street, postcode, city = (parts.get(key) for key in ("street", "postcode", "city"))
    if street is None or postcode is None or city is None:
        return None  # a misspelt field instead of one of these: file.fields reported both
    return Address(street, postcode, city)


OFFICE_FIELDS = ["id", "kind", "name", "fictional", "step_free_access", "languages"]
OFFICE_OPTIONAL = ["description", "address", "district", "opening_hours", "phone", "email",
                   "website"]


def _office(file: _File, node: Node, path: str) -> Office | None:
    fields = file.fields(node, path, OFFICE_FIELDS, OFFICE_OPTIONAL)
    if fields is None:
        return None
    f = fields
    values: dict[str, Any] = {
        "id": _get(f, "id", lambda n: file.matching(n, f"{path}.id", SLUG, "an id (a-z, 0-9, -)")),
        "kind": _get(f, "kind", lambda n: file.one_of(n, f"{path}.kind", OFFICE_KINDS)),
        "name": _get(f, "name", lambda n: file.text(n, f"{path}.name")),
        "fictional": _get(f, "fictional", lambda n: file.boolean(n, f"{path}.fictional")),
        "step_free_access": _get(f, "step_free_access",
                                 lambda n: file.boolean(n, f"{path}.step_free_access")),
        "languages": _get(f, "languages", lambda n: _tuple(file.sequence(
            n, f"{path}.languages",
            lambda c, p: file.matching(c, p, LANGUAGE, "a language code (ISO 639-1)")))),
    }
    optional: dict[str, Any] = {
        "description": lambda n: file.text(n, f"{path}.description"),
        "address": lambda n: _address(file, n, f"{path}.address"),
        "district": lambda n: file.string(n, f"{path}.district"),
        "opening_hours": lambda n: _tuple(file.sequence(
            n, f"{path}.opening_hours", lambda c, p: _opening_hours(file, c, p), allow_empty=True)),
        "phone": lambda n: file.matching(n, f"{path}.phone", PHONE, "a phone number (+49 ...)"),
        "email": lambda n: file.matching(n, f"{path}.email", EMAIL, "an email address"),
        "website": lambda n: file.matching(n, f"{path}.website", URL, "a web address (https://)"),
    }
    failed = any(values[key] is None for key in values)
    for key, read in optional.items():
        if key in f:
            values[key] = read(f[key])
            failed = failed or values[key] is None
    return None if failed else Office(**values)


def _tuple(values: list[T] | None) -> tuple[T, ...] | None:
    return tuple(values) if values is not None else None


def _get(fields: dict[str, Node], key: str, read: Callable[[Node], T | None]) -> T | None:
    return read(fields[key]) if key in fields else None


SERVICE_FIELDS = ["id", "category", "title", "summary", "who_can_get_it", "how_to_apply",
                  "documents", "fees", "offices", "source_url", "last_reviewed", "keywords"]


def _keywords(file: _File, node: Node, path: str) -> tuple[Keyword, ...] | None:
    if node.kind != "mapping":
        file.problem(node, path, f"expected a mapping of language to keywords, "
                                 f"found {describe(node)}")
        return None
    keywords: list[Keyword] = []
    failed = False
    for language, child in node.value.items():
        code = file.language(Node("scalar", language, child.line, raw=language),
                             join(path, language))
        terms = file.sequence(child, join(path, language), file.string)
        if code is None or terms is None:
            failed = True
            continue
        seen: set[str] = set()
        for index, term in enumerate(terms):
            if len(term) > 200:
                file.problem(child.value[index], f"{join(path, language)}[{index}]",
                             "a keyword is at most 200 characters long")
                failed = True
            if term.casefold() in seen:
                file.problem(child.value[index], f"{join(path, language)}[{index}]",
                             f"keyword '{term}' appears twice")
                failed = True
            seen.add(term.casefold())
            transliteration = not _writes_in_latin(code) and _is_latin(term)
            keywords.append(Keyword(code, term, transliteration))
    if file.source_language not in node.value:
        file.problem(node, path, f"keywords in the source language "
                                 f"'{file.source_language}' are missing")
        return None
    return None if failed else tuple(keywords)


def _service(file: _File, node: Node, path: str) -> tuple[Service, dict[str, Node]] | None:
    fields = file.fields(node, path, SERVICE_FIELDS)
    if fields is None:
        return None
    f = fields
    texts = lambda key: _get(f, key, lambda n: file.text(n, f"{path}.{key}"))  # noqa: E731
    text_list = lambda key: _get(f, key, lambda n: _tuple(file.sequence(  # noqa: E731
        n, f"{path}.{key}", file.text)))
    values: dict[str, Any] = {
        "id": _get(f, "id", lambda n: file.matching(n, f"{path}.id", SLUG, "an id (a-z, 0-9, -)")),
        "category": _get(f, "category", lambda n: file.string(n, f"{path}.category")),
        "title": texts("title"),
        "summary": texts("summary"),
        "who_can_get_it": texts("who_can_get_it"),
        "how_to_apply": text_list("how_to_apply"),
        "documents": _get(f, "documents", lambda n: _tuple(file.sequence(
            n, f"{path}.documents", file.text, allow_empty=True))),
        "fees": texts("fees"),
        "offices": _get(f, "offices", lambda n: _tuple(file.sequence(
            n, f"{path}.offices", file.string))),
        "source_url": _get(f, "source_url", lambda n: file.matching(
            n, f"{path}.source_url", URL, "a web address (https://)")),
        "last_reviewed": _get(f, "last_reviewed",
                              lambda n: file.date(n, f"{path}.last_reviewed")),
        "keywords": _get(f, "keywords", lambda n: _keywords(file, n, f"{path}.keywords")),
    }
    if any(value is None for value in values.values()):
        return None
    return Service(**values), fields


def _category(file: _File, node: Node, path: str) -> Category | None:
    fields = file.fields(node, path, ["id", "title", "summary"])
    if fields is None:
        return None
    category_id = _get(fields, "id", lambda n: file.matching(n, f"{path}.id", SLUG, "an id"))
    title = _get(fields, "title", lambda n: file.text(n, f"{path}.title"))
    summary = _get(fields, "summary", lambda n: file.text(n, f"{path}.summary"))
    if category_id is None or title is None or summary is None:
        return None
    return Category(category_id, title, summary)


CITY_FIELDS = ["id", "name", "fictional", "source_language", "city_language", "languages",
               "timezone", "contact_office"]


def _city(file: _File, root: Node) -> tuple[City, Node] | None:
    fields = file.fields(root, "", CITY_FIELDS, ["website"])
    if fields is None:
        return None
    f = fields
    languages = _get(f, "languages", lambda n: file.sequence(
        n, "languages", lambda c, p: file.matching(c, p, LANGUAGE, "a language code")))
    source = _get(f, "source_language", lambda n: file.matching(
        n, "source_language", LANGUAGE, "a language code"))
    if languages is not None:
        file.languages = frozenset(languages)
        for key in ("source_language", "city_language"):
            if key in f and f[key].raw not in file.languages:
                file.problem(f[key], key, f"'{f[key].raw}' is not one of the city's languages")
    if source is not None:
        file.source_language = source
    values: dict[str, Any] = {
        "id": _get(f, "id", lambda n: file.matching(n, "id", SLUG, "an id")),
        "name": _get(f, "name", lambda n: file.text(n, "name")),
        "fictional": _get(f, "fictional", lambda n: file.boolean(n, "fictional")),
        "source_language": source,
        "city_language": _get(f, "city_language", lambda n: file.matching(
            n, "city_language", LANGUAGE, "a language code")),
        "languages": _tuple(languages),
        "timezone": _get(f, "timezone", lambda n: _timezone(file, n)),
        "contact_office": _get(f, "contact_office", lambda n: file.string(n, "contact_office")),
    }
    if "website" in f:
        values["website"] = file.matching(f["website"], "website", URL, "a web address")
        if values["website"] is None:
            return None
    if any(value is None for value in values.values()):
        return None
    return City(**values), f["contact_office"]


def _timezone(file: _File, node: Node) -> str | None:
    name = file.string(node, "timezone")
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        file.problem(node, "timezone", f"'{name}' is not a time zone (like Europe/Berlin)")
        return None
    return name


def _list_file(file: _File, root: Node | None, key: str, item: Callable[[Node, str], T | None]
               ) -> list[tuple[T | None, Node]]:
    """The entries of a file shaped `key: [entry, ...]`, each with its node."""
    if root is None:
        file.problem(1, "", f"the file is empty (expected '{key}:' and a list)")
        return []
    fields = file.fields(root, "", [key])
    if fields is None or key not in fields:
        return []
    entries = fields[key]
    if entries.kind != "sequence":
        file.problem(entries, key, f"expected a list, found {describe(entries)}")
        return []
    return [(item(child, f"{key}[{index}]"), child) for index, child in enumerate(entries.value)]


def _unique(file: _File, entries: list[tuple[Any, Node]], key: str, seen: dict[str, str]) -> None:
    for index, (entry, node) in enumerate(entries):
        if entry is None:
            continue
        entry_id = entry.id if not isinstance(entry, tuple) else entry[0].id
        line = node.value["id"].line if node.kind == "mapping" and "id" in node.value else node.line
        if entry_id in seen:
            file.problem(line, f"{key}[{index}].id",
                         f"duplicate id '{entry_id}' (first defined at {seen[entry_id]})")
        else:
            seen[entry_id] = f"{file.name}:{line}"


def _written_ids(entries: list[tuple[Any, Node]]) -> list[str]:
    return [
        str(node.value["id"].raw)
        for _, node in entries
        if node.kind == "mapping" and "id" in node.value and node.value["id"].raw
    ]


def load_catalogue_files(folder: str | Path) -> CatalogueData:
    """Read and check a catalogue folder; raises CatalogueError listing every problem."""
    folder = Path(folder)
    problems: list[Problem] = []
    roots: dict[Path, Node | None] = {}
    paths = [folder / "city.yml", folder / "categories.yml", folder / "offices.yml"]
    service_files = sorted((folder / "services").glob("*.yml"))
    if not service_files:
        problems.append(Problem(display(folder / "services"), 1, "",
                                "no service files (services/*.yml) found"))
    for path in paths + service_files:
        if not path.is_file():
            problems.append(Problem(display(path), 1, "", "file not found"))
            continue
        try:
            roots[path] = read_yaml(path)
        except YamlProblem as error:
            problems.append(Problem(display(path), error.line, "", error.message))

    def file_for(path: Path, base: _File | None = None) -> _File:
        return _File(path, problems, base.source_language if base else "en",
                     base.languages if base else None)

    city_file = file_for(paths[0])
    city = None
    if paths[0] in roots:
        city_root = roots[paths[0]]
        if city_root is None:
            city_file.problem(1, "", "the file is empty")
        else:
            city = _city(city_file, city_root)

    categories: list[tuple[Category | None, Node]] = []
    category_file = file_for(paths[1], city_file)
    if paths[1] in roots:
        categories = _list_file(category_file, roots[paths[1]], "categories",
                                lambda n, p: _category(category_file, n, p))
        _unique(category_file, categories, "categories", {})

    offices: list[tuple[Office | None, Node]] = []
    office_file = file_for(paths[2], city_file)
    if paths[2] in roots:
        offices = _list_file(office_file, roots[paths[2]], "offices",
                             lambda n, p: _office(office_file, n, p))
        _unique(office_file, offices, "offices", {})
    # Ids written in the files count even when their entry has other mistakes, so one
    # mistake is reported once, not again at every reference.
    office_ids = _written_ids(offices)
    category_ids = list(dict.fromkeys(_written_ids(categories)))
    services: list[Service] = []
    seen_services: dict[str, str] = {}
    warnings: list[str] = []
    for path in service_files:
        if path not in roots:
            continue
        service_file = file_for(path, city_file)
        entries = _list_file(service_file, roots[path], "services",
                             partial(_service, service_file))
        _unique(service_file, entries, "services", seen_services)
        for index, (entry, _node) in enumerate(entries):
            if entry is None:
                continue
            service, fields = entry
            where = f"services[{index}]"
            if categories and service.category not in category_ids:
                service_file.problem(fields["category"], f"{where}.category",
                                     f"'{service.category}' is not one of "
                                     f"{', '.join(category_ids)}")
            for position, office_id in enumerate(service.offices):
                if offices and office_id not in office_ids:
                    service_file.problem(fields["offices"].value[position],
                                         f"{where}.offices[{position}]",
                                         f"no office with id '{office_id}' in offices.yml")
            if city is not None:
                missing = [lang for lang in city[0].languages if not service.keywords_in(lang)]
                if missing:
                    warnings.append(f"{service_file.name}:{fields['keywords'].line}: "
                                    f"{where}.keywords: no keywords in {', '.join(missing)}")
            services.append(service)

    if city is not None:
        read_not_offered(folder, city[0].languages, problems)
    if city is not None and services:
        asked = read_questions(folder, [service.id for service in services], city[0].languages,
                               problems, warnings)
        services = [replace(service, questions=canonical_questions(asked.get(service.id, ())))
                     for service in services]

    if city is not None and offices:
        contact, node = city
        if contact.contact_office not in office_ids:
            city_file.problem(node, "contact_office",
                              f"no office with id '{contact.contact_office}' in offices.yml")
    if problems:
        raise CatalogueError(problems)
    assert city is not None
    return CatalogueData(
        city=city[0],
        categories=tuple(
            Category(c.id, c.title, c.summary, position)
            for position, (c, _) in enumerate(categories) if c is not None
        ),
        offices=tuple(office for office, _ in offices if office is not None),
        services=tuple(services),
        warnings=tuple(warnings),
    )
