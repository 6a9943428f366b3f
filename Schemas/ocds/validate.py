#!/usr/bin/env python3
"""Validate an OCDS 1.1 release package offline against the schemas vendored beside this script.

Usage: python3 Schemas/ocds/validate.py PACKAGE.json

Prints `valid`, or one line per error (`path: message`) then `invalid`. Exit 0 valid, 1 invalid, 2 could not
run (no jsonschema, unreadable package file, a vendored file missing). Needs Python 3.8+ and the `jsonschema`
package (4.18 or later, which brings `referencing`); nothing else, and no network.

What it does (see README.md beside it):
1. loads the OCDS 1.1.5 release schema and applies the release-schema.json of each extension the package
   declares, in the declared order, as a JSON Merge Patch (RFC 7386; `null` removes a member), the way OCDS
   extensions are applied; an extension that is not vendored under extensions/ makes the package invalid;
2. validates the package with the draft-04 release package schema, whose reference to the release schema
   (by URL) resolves to that merged schema through a `referencing` Registry; `date-time` formats are checked;
   `uniqueItems` is checked on ids (`ocid` and `id` for releases), as libcoveocds does;
3. checks every value of a field with a closed codelist (`"openCodelist": false`) against the codelist CSVs
   vendored under codelists/, as libcoveocds does.
Fields that are not in the schema are allowed (OCDS has no closed objects); they are listed on stderr.
"""

import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXTENSION_HOST = "https://raw.githubusercontent.com/"
MAX_MESSAGE = 300


class CouldNotRun(Exception):
    """A vendored file is missing or unreadable: exit 2."""


def load_json(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise CouldNotRun(f"cannot read {os.path.relpath(path, HERE)}: {error}") from error


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch: returns a new value, leaves both arguments untouched."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def extension_folder(url):
    """https://raw.githubusercontent.com/OWNER/REPO/REF/extension.json -> extensions/OWNER/REPO/REF."""
    if not url.startswith(EXTENSION_HOST) or not url.endswith("/extension.json"):
        return None
    parts = url[len(EXTENSION_HOST) : -len("/extension.json")].split("/")
    if len(parts) != 3 or any(part in ("", ".", "..") for part in parts):
        return None
    folder = os.path.join(HERE, "extensions", *parts)
    return folder if os.path.isfile(os.path.join(folder, "extension.json")) else None


def merged_release_schema(package, errors):
    """The core release schema with each declared extension's release-schema.json merged in."""
    schema = load_json(os.path.join(HERE, "release-schema.json"))
    declared = package.get("extensions") if isinstance(package, dict) else None
    if not isinstance(declared, list):
        return schema
    for index, url in enumerate(declared):
        if not isinstance(url, str):
            continue  # the package schema reports it
        folder = extension_folder(url)
        if folder is None:
            errors.append((("extensions", index), f"extension not vendored under Schemas/ocds/extensions: {url}"))
            continue
        metadata = load_json(os.path.join(folder, "extension.json"))
        patches = [name for name in metadata.get("codelists", []) if name[:1] in "+-"]
        if patches:
            raise CouldNotRun(f"{url}: codelist patches ({', '.join(patches)}) are not supported")
        patch_file = os.path.join(folder, "release-schema.json")
        if os.path.isfile(patch_file):
            schema = merge_patch(schema, load_json(patch_file))
    return schema


RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$", re.ASCII
)


def is_date_time(value):
    """RFC 3339 `date-time` (what JSON Schema's format means), as libcoveocds checks it: no leap seconds, no
    year 0; `t` and `z` may be lower case. Non-strings pass, as JSON Schema says."""
    if not isinstance(value, str):
        return True
    match = RFC3339.match(value)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if year == 0 or not 1 <= month <= 12 or not 1 <= day <= days[month - 1]:
        return False
    if hour > 23 or minute > 59 or second > 59:
        return False
    if match.group(9) is not None and (int(match.group(9)) > 23 or int(match.group(10)) > 59):
        return False
    return True


URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def is_uri(value):
    """`uri`: a scheme, then only characters a URI may hold (RFC 3986 syntax; not every rule of its grammar)."""
    return not isinstance(value, str) or URI.match(value) is not None


def canonical(value):
    return json.dumps(value, sort_keys=True)


def unique_ids(release_url):
    """`uniqueItems` as libcoveocds checks it: arrays of objects must not repeat an id (releases: ocid + id);
    items without ids fall back to plain uniqueness."""
    from jsonschema.exceptions import ValidationError

    def check(validator, unique, instance, schema):
        if not unique or not validator.is_type(instance, "array"):
            return
        items = schema.get("items")
        names = ("ocid", "id") if isinstance(items, dict) and items.get("$ref") == release_url else ("id",)
        seen, repeated, plain_checked = set(), [], False
        for item in instance:
            ids = tuple(item.get(name) for name in names) if isinstance(item, dict) else None
            if ids and all(i is not None and not isinstance(i, (dict, list)) for i in ids):
                if ids in seen and ids not in repeated:
                    repeated.append(ids)
                seen.add(ids)
            elif not plain_checked:
                plain_checked = True
                values = [canonical(v) for v in instance]
                if len(set(values)) != len(values):
                    yield ValidationError("array has non-unique elements")
                    return
        for ids in repeated:
            shown = ", ".join(json.dumps(i) for i in ids)
            yield ValidationError(f"non-unique {' and '.join(names)}: {shown}")

    return check


class Dereferencer:
    """Follows `$ref`s inside the merged release schema and from the package schema into it."""

    def __init__(self, release_url, release_schema):
        self.release_url = release_url
        self.release_schema = release_schema

    def follow(self, schema, document):
        hops = 0
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            hops += 1
            original = ref = schema["$ref"]
            if hops > 50:
                raise CouldNotRun(f"$ref loop at {original}")
            if ref.startswith(self.release_url):
                document, ref = self.release_schema, ref[len(self.release_url) :] or "#"
            if not ref.startswith("#"):
                raise CouldNotRun(f"cannot resolve $ref {original} offline")
            schema = document
            for part in (p for p in ref[1:].split("/") if p):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(schema, dict) or part not in schema:
                    raise CouldNotRun(f"cannot resolve $ref {original}")
                schema = schema[part]
        return schema, document


def types(schema):
    value = schema.get("type", []) if isinstance(schema, dict) else []
    return value if isinstance(value, list) else [value]


def walk_schema(schema, document, deref, path, codelists, fields, depth=0):
    """Collects, by path without array indices, each field's codelist (name, open?) and every schema field
    (`fields`: paths, plus `(path, "patternProperties")` -> patterns for language variants like `title_fr`)."""
    if depth > 40:
        return
    if isinstance(schema, dict) and isinstance(schema.get("patternProperties"), dict):
        fields.setdefault((path, "patternProperties"), set()).update(schema["patternProperties"])
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict):
        return
    for name, value in properties.items():
        here = path + (name,)
        fields[here] = True
        value, value_document = deref.follow(value, document)
        if not isinstance(value, dict):
            continue
        if "codelist" in value and here not in codelists:
            codelists[here] = (value["codelist"], value.get("openCodelist", False))
        if isinstance(value.get("oneOf"), list):
            alternatives = value["oneOf"]
        elif isinstance(value.get("anyOf"), list):
            alternatives = value["anyOf"]
        else:
            alternatives = [value]
        for alternative in alternatives:
            alternative, alt_document = deref.follow(alternative, value_document)
            if not isinstance(alternative, dict):
                continue
            if "object" in types(alternative) or "properties" in alternative:
                walk_schema(alternative, alt_document, deref, here, codelists, fields, depth + 1)
            if "array" in types(alternative) and isinstance(alternative.get("items"), dict):
                items, items_document = deref.follow(alternative["items"], alt_document)
                if "codelist" in items and here not in codelists:
                    codelists[here] = (items["codelist"], items.get("openCodelist", False))
                walk_schema(items, items_document, deref, here, codelists, fields, depth + 1)


def load_codelist(name):
    path = os.path.join(HERE, "codelists", os.path.basename(name))
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise CouldNotRun(f"closed codelist {name} is not vendored under Schemas/ocds/codelists: {error}") from error
    column = next((c for c in ("Code", "code") if rows and c in rows[0]), None)
    if column is None:
        raise CouldNotRun(f"codelist {name} has no Code column")
    return {row[column] for row in rows}


def data_values(data, path=()):
    """(path with indices, value) for every scalar or array-of-scalars member, skipping empty ones (as
    libcoveocds does)."""
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        if not value:
            continue
        if isinstance(value, list):
            if isinstance(value[0], dict):
                for index, item in enumerate(value):
                    yield from data_values(item, path + (key, index))
            else:
                yield path + (key,), value
        elif isinstance(value, dict):
            yield from data_values(value, path + (key,))
        else:
            yield path + (key,), value


def codelist_errors(package, codelists):
    closed = {path: name for path, (name, is_open) in codelists.items() if is_open is False}
    codes = {name: load_codelist(name) for name in sorted(set(closed.values()))}
    errors = []
    for path, values in data_values(package):
        name = closed.get(tuple(p for p in path if isinstance(p, str)))
        if name is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            if str(value) not in codes[name]:
                shown = json.dumps(value) if not isinstance(value, (dict, list)) else canonical(value)[:80]
                errors.append((path, f"{shown} is not in the closed codelist {name}"))
    return errors


def unknown_fields(package, fields):
    """Fields in the data that the schema does not define (the outermost one of each unknown subtree)."""
    found = {}

    def visit(data, path):
        if isinstance(data, list):
            for item in data:
                visit(item, path)
        elif isinstance(data, dict):
            for key, value in data.items():
                here = path + (key,)
                patterns = fields.get((path, "patternProperties"), ())
                if any(re.search(pattern, key) for pattern in patterns):
                    continue
                if here not in fields:
                    found[here] = found.get(here, 0) + 1
                else:
                    visit(value, here)

    visit(package, ())
    return found


def error_order(error):
    """Errors by path, array indices in numeric order, then by message."""
    path, message = error
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path), message


def show_path(path):
    return "/".join(str(p) for p in path) or "(package)"


def main(argv):
    if len(argv) != 2:
        print("usage: python3 Schemas/ocds/validate.py PACKAGE.json", file=sys.stderr)
        return 2
    try:
        from jsonschema import Draft4Validator, FormatChecker
        from jsonschema.validators import extend, validates
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4
    except ImportError as error:
        print(
            f"could not run: {error}: install the Python package jsonschema (4.18 or later, e.g. "
            "`python3 -m pip install jsonschema`), or set TENDER_PYTHON to a Python 3 that has it",
            file=sys.stderr,
        )
        return 2

    try:
        with open(argv[1], "rb") as handle:
            raw = handle.read()
    except OSError as error:
        print(f"could not run: cannot read {argv[1]}: {error}", file=sys.stderr)
        return 2
    try:
        package = json.loads(raw.decode("utf-8"))
    except ValueError as error:
        print(f"(package): not JSON: {error}")
        print("invalid")
        return 1

    try:
        errors = []
        package_schema = load_json(os.path.join(HERE, "release-package-schema.json"))
        release_url = package_schema["properties"]["releases"]["items"]["$ref"]
        release_schema = merged_release_schema(package, errors)

        # The package schema names the release schema by URL: serve the merged schema at that URL, locally.
        release = Resource.from_contents(release_schema, default_specification=DRAFT4)
        registry = Registry().with_resource(release_url, release)
        checker = FormatChecker(formats=())
        checker.checks("date-time")(is_date_time)
        checker.checks("uri")(is_uri)
        Validator = extend(Draft4Validator, validators={"uniqueItems": unique_ids(release_url)})
        # The release schema declares draft-04 in `$schema`: when a `$ref` enters it, jsonschema picks the
        # validator registered for that draft, so register this one (as libcoveocds does) or the id-based
        # uniqueItems would not apply inside releases. This only affects this process.
        validates(package_schema["$schema"])(Validator)
        validator = Validator(package_schema, registry=registry, format_checker=checker)
        for error in validator.iter_errors(package):
            message = error.message
            if error.validator == "format":
                rfc = "RFC 3339" if error.validator_value == "date-time" else "RFC 3986"
                message = f"{json.dumps(error.instance)} is not a valid {error.validator_value} ({rfc})"
            if len(message) > MAX_MESSAGE:
                message = message[: MAX_MESSAGE - 3] + "..."
            errors.append((tuple(error.absolute_path), message))

        codelists, fields = {}, {}
        deref = Dereferencer(release_url, release_schema)
        walk_schema(package_schema, package_schema, deref, (), codelists, fields)
        errors += codelist_errors(package, codelists)
        extra = unknown_fields(package, fields)
    except CouldNotRun as error:
        print(f"could not run: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # e.g. referencing.exceptions.Unresolvable: a schema we cannot serve offline
        print(f"could not run: {type(error).__name__}: {error}", file=sys.stderr)
        return 2

    if extra:
        listed = ", ".join(f"{show_path(p)} ({n}x)" if n > 1 else show_path(p) for p, n in sorted(extra.items()))
        print(f"warning: {sum(extra.values())} fields not in the schema: {listed}", file=sys.stderr)
        sys.stderr.flush()
    lines = []
    for path, message in sorted(set(errors), key=error_order):
        lines.append(f"{show_path(path)}: {message}")
        print(lines[-1])
    print("invalid" if lines else "valid")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
