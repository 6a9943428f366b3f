#!/usr/bin/env python3
"""Checks captured console API answers against Schemas/openapi.yaml.

    python3 Schemas/openapi_check.py --spec Schemas/openapi.yaml [--require-all] CAPTURE_DIR

CAPTURE_DIR holds one JSON file per captured answer (any file name ending in .json; subfolders are read too):

    {"method": "GET", "path": "/api/v1/procurements/{id}", "status": 200,
     "content_type": "application/json", "body": <the parsed JSON body, or the text for a text answer>}

`path` is the path template as the spec writes it (`/api/v1/ledger/entries/{seq}`); a concrete path
(`/api/v1/ledger/entries/17`, no query) is matched against the templates too. `content_type` may be omitted when
the documented response has a single media type. For each capture the checker finds the operation, the response
for the status (exact, then `4XX`, then `default`) and the media type (parameters such as `charset` ignored),
and validates the body against its schema (JSON Schema 2020-12, `$ref`s resolved inside the spec).

Prints one line per problem (`file: METHOD path status: where: message`) and exits 1 if there is any; with
`--require-all`, an operation of the spec that no capture exercised is a problem too. On success prints
`N responses checked against M operations`. The spec itself is validated with openapi-spec-validator when it is
installed (if not, that step is skipped with a note on stderr). Needs PyYAML and jsonschema >= 4.18.
"""

import argparse
import json
import re
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
SPEC_URI = "urn:tender:openapi"


def pointer_escape(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def resolve_pointer(document, pointer):
    """The value at a JSON pointer (`#/a/b`) of `document`."""
    node = document
    for token in pointer.lstrip("#").lstrip("/").split("/") if pointer not in ("", "#") else []:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def deref(spec, node, pointer):
    """Follows OpenAPI-level `$ref`s (responses, parameters); returns (node, its pointer)."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#") or ref in seen:
            raise ValueError(f"cannot follow $ref {ref!r}")
        seen.add(ref)
        node, pointer = resolve_pointer(spec, ref), ref
    return node, pointer


def json_path(path):
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def shorten(text, limit=240):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def media_base(content_type):
    return (content_type or "").split(";")[0].strip().lower()


class Spec:
    def __init__(self, path):
        self.path = path
        self.document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(SPEC_URI, resource)
        self.templates = []  # (template, regex)
        self.operations = []  # (METHOD, template)
        for template, item in (self.document.get("paths") or {}).items():
            regex = re.compile(
                "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
            )
            self.templates.append((template, regex))
            for method in METHODS:
                if method in item:
                    self.operations.append((method.upper(), template))
        self.validators = {}

    def template_for(self, path):
        paths = self.document.get("paths") or {}
        if path in paths:
            return path
        matches = [template for template, regex in self.templates if regex.match(path)]
        # A literal segment beats a parameter (`/a/b` over `/a/{x}`): fewer braces first.
        matches.sort(key=lambda template: template.count("{"))
        return matches[0] if matches else None

    def validator(self, pointer):
        """A validator for the schema at `pointer`, whose `$ref`s resolve inside the spec."""
        if pointer not in self.validators:
            schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": SPEC_URI + pointer}
            self.validators[pointer] = Draft202012Validator(schema, registry=self.registry)
        return self.validators[pointer]


def validate_spec(path, document):
    """Problems openapi-spec-validator finds in the spec, or None when it is not installed."""
    try:
        from openapi_spec_validator import validate
    except ImportError:
        return None
    try:
        validate(document, base_uri=Path(path).resolve().as_uri())
    except Exception as error:  # the validator's own error types vary between versions
        return [f"{path}: not a valid OpenAPI document: {shorten(getattr(error, 'message', error), 600)}"]
    # Every schema of the spec must itself be a valid 2020-12 schema (openapi-spec-validator checks OAS keywords).
    problems = []
    for name, schema in ((document.get("components") or {}).get("schemas") or {}).items():
        for error in Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema):
            problems.append(f"{path}: components.schemas.{name}: not a valid JSON Schema: {shorten(error.message)}")
    return problems


def closest_branch(error):
    """The errors of the oneOf/anyOf branch the instance was most likely meant to match: branches that fail on
    the instance's type, or on a `const`/`enum` member (a discriminator such as `state`), are set aside; of the
    rest, the one with the fewest errors."""
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def mismatched(errors):
        return any(
            (e.validator in ("type", "const", "enum") and len(e.relative_path) == 0)
            or (e.validator in ("const", "enum") and len(e.relative_path) == 1)
            for e in errors
        )

    candidates = [errors for errors in branches.values() if not mismatched(errors)]
    if not candidates:
        return [best_match(error.context)]
    return min(candidates, key=len)


def describe(error, depth=0):
    """Lines for a validation error: where in the body, and what; for oneOf/anyOf, the closest branch's errors."""
    where = json_path(error.absolute_path)
    if error.validator == "uniqueItems" and isinstance(error.instance, list):
        seen, repeated = [], []
        for item in error.instance:
            if item in seen and item not in repeated:
                repeated.append(item)
            seen.append(item)
        return [f"{where}: has repeated items: " + ", ".join(json.dumps(item) for item in repeated)]
    if error.validator in ("oneOf", "anyOf") and error.context and depth < 8:
        lines = []
        for sub in sorted(closest_branch(error), key=lambda e: list(map(str, e.absolute_path))):
            lines += describe(sub, depth + 1)
        return lines
    return [f"{where}: {shorten(error.message)}"]


def check_capture(spec, file, capture, exercised):
    """The problems of one capture."""
    label = file
    if not isinstance(capture, dict) or not {"method", "path", "status"} <= capture.keys():
        return [f"{label}: not a capture (needs method, path, status, body)"]
    method = str(capture["method"]).upper()
    path = str(capture["path"])
    status = capture["status"]
    label = f"{file}: {method} {path} {status}"
    if "body" not in capture:
        return [f"{label}: the capture has no body"]
    template = spec.template_for(path)
    if template is None:
        return [f"{label}: unknown path: the spec has no path {path}"]
    item = spec.document["paths"][template]
    if method.lower() not in item:
        documented = ", ".join(m.upper() for m in METHODS if m in item)
        return [f"{label}: unknown method: {template} has no {method} operation (only {documented})"]
    exercised.add((method, template))
    operation = item[method.lower()]
    op_pointer = f"#/paths/{pointer_escape(template)}/{method.lower()}"
    responses = operation.get("responses") or {}
    key = next(
        (k for k in (str(status), f"{str(status)[0]}XX", "default") if k in responses), None
    )
    if key is None:
        return [
            f"{label}: undocumented status {status} (documented: {', '.join(sorted(map(str, responses)))})"
        ]
    response, response_pointer = deref(spec.document, responses[key], f"{op_pointer}/responses/{key}")
    content = response.get("content") or {}
    if not content:
        if capture["body"] not in (None, ""):
            return [f"{label}: the spec documents no body for {status}, but there is one"]
        return []
    content_type = capture.get("content_type")
    if content_type:
        wanted = media_base(content_type)
        media = next((m for m in content if m.lower() == content_type.lower()), None)
        media = media or next((m for m in content if media_base(m) == wanted), None)
        if media is None:
            return [
                f"{label}: undocumented content type {content_type} "
                f"(documented: {', '.join(content)})"
            ]
    elif len(content) == 1:
        media = next(iter(content))
    else:
        return [f"{label}: the capture has no content_type and the response has several: {', '.join(content)}"]
    if "schema" not in content[media]:
        return []
    schema_pointer = f"{response_pointer}/content/{pointer_escape(media)}/schema"
    validator = spec.validator(schema_pointer)
    errors = sorted(validator.iter_errors(capture["body"]), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{label}: {line}" for error in errors for line in describe(error)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", required=True, help="the OpenAPI document (Schemas/openapi.yaml)")
    parser.add_argument("--require-all", action="store_true", help="fail if an operation was never exercised")
    parser.add_argument("captures", help="the folder of capture files")
    args = parser.parse_args(argv)

    spec = Spec(args.spec)
    problems = []
    spec_problems = validate_spec(args.spec, spec.document)
    if spec_problems is None:
        print(
            "openapi_check: openapi-spec-validator is not installed: the spec itself was not validated "
            "(the captures still are)",
            file=sys.stderr,
        )
    else:
        problems += spec_problems

    folder = Path(args.captures)
    if not folder.is_dir():
        print(f"{folder}: not a folder", file=sys.stderr)
        return 2
    files = sorted(p for p in folder.rglob("*.json") if p.is_file())
    exercised = set()
    for file in files:
        name = str(file.relative_to(folder))
        try:
            capture = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            problems.append(f"{name}: cannot read: {error}")
            continue
        problems += check_capture(spec, name, capture, exercised)

    if not files:
        problems.append(f"{folder}: no capture files (*.json)")
    if args.require_all:
        for method, template in spec.operations:
            if (method, template) not in exercised:
                problems.append(f"{args.spec}: {method} {template}: never exercised by a capture")

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(files)} responses", file=sys.stderr)
        return 1
    print(f"{len(files)} responses checked against {len(exercised)} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
