"""Requests drawn from an OpenAPI 3.0 document and answers checked against it: what
schemathesis does, for the subset of OpenAPI our API document uses (objects, arrays,
strings, integers, booleans, enums, oneOf, nullable, $ref). schemathesis itself cannot be
installed beside Rasa 3.6 (docs/web.md, "Fuzzing")."""
from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from jsonschema import Draft7Validator, RefResolver

Schema = dict[str, Any]


def _resolve(schema: Schema, document: Schema) -> Schema:
    while "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def requests(schema: Schema, document: Schema) -> st.SearchStrategy[Any]:
    """Values the schema allows, plus wrong types and unknown keys where it has objects."""
    schema = _resolve(schema, document)
    choices: list[st.SearchStrategy[Any]] = []
    if schema.get("nullable") or "type" not in schema and "oneOf" not in schema:
        choices.append(st.none())
    if "enum" in schema:
        return st.one_of(st.sampled_from(schema["enum"]), *choices)
    if "oneOf" in schema:
        choices += [requests(option, document) for option in schema["oneOf"]]
    kind = schema.get("type")
    if kind == "object":
        properties = {name: requests(value, document)
                      for name, value in (schema.get("properties") or {}).items()}
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            choices.append(st.dictionaries(st.text(max_size=20), requests(extra, document),
                                           max_size=5))
        else:
            choices.append(st.fixed_dictionaries({}, optional=properties))
    elif kind == "array":
        choices.append(st.lists(requests(schema.get("items") or {}, document), max_size=4))
    elif kind == "string":
        choices.append(st.text(max_size=40))
    elif kind == "integer":
        choices.append(st.integers(-10**15, 10**15))
    elif kind == "boolean":
        choices.append(st.booleans())
    if not choices:
        choices.append(st.none() | st.booleans() | st.integers() | st.text(max_size=20))
    return st.one_of(*choices)


def _json_schema(schema: Any) -> Any:
    """OpenAPI 3.0's `nullable` as JSON Schema: the type or null."""
    if isinstance(schema, list):
        return [_json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _json_schema(value) for key, value in schema.items()
                 if key not in ("nullable", "example")}
    if schema.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def problems(instance: Any, schema: Schema, document: Schema) -> list[str]:
    """Where `instance` breaks `schema` (empty when it conforms)."""
    converted = _json_schema(document)
    validator = Draft7Validator(_json_schema(schema),
                                resolver=RefResolver.from_schema(converted))
    return [f"{'/'.join(map(str, error.path))}: {error.message}"
            for error in validator.iter_errors(instance)]


def documented_statuses(document: Schema, path: str, method: str) -> dict[int, Schema]:
    """Status code to the answer's schema, as the document lists them."""
    answers = document["paths"][path][method]["responses"]
    return {int(code): answer["content"]["application/json"]["schema"]
            for code, answer in answers.items()}
