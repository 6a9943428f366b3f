#!/usr/bin/env python3
"""Checks tender's documents (and, optionally, a ledger) against the JSON Schemas in this folder.

    python3 Schemas/check.py                       every shipped and test document, the bad fixtures and the
                                                   bad corpus in Schemas/bad/
    python3 Schemas/check.py --ledger L.sqlite     the same, plus every entry body of the ledger
    python3 Schemas/check.py --schema KIND FILE…   the given files against one schema: methodology, submission,
                                                   marks, decision, close, rule-tests, framework (or its
                                                   other kind, dynamic-market), plugin-manifest, settings,
                                                   document (dispatch on the document's kind) or
                                                   ledger/<type> (a JSON entry body)

Prints one line per problem, `file: path-in-document: message`, and exits 0 when everything is as expected,
1 otherwise. Needs PyYAML and jsonschema (Draft 2020-12); no network.

The decoders in Sources/ are the source of truth; the schemas are a convenience for editors and this check.
See Schemas/README.md, which also explains how YAML scalars are converted before validation (below:
`Document`).
"""

import argparse
import difflib
import json
import re
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent

# As DocumentParser.decode lists them. Both framework kinds share framework.schema.json (SCHEMA_FILES).
DOCUMENT_KINDS = ["methodology", "submission", "marks", "decision", "close", "rule-tests", "framework",
                  "dynamic-market"]
SCHEMA_KINDS = DOCUMENT_KINDS + ["plugin-manifest", "settings"]
# A kind whose schema file is not <kind>.schema.json.
SCHEMA_FILES = {"dynamic-market": "framework"}
# What the daemon reads from the rules folder (RuleSetLoader): methodologies and the records call-offs use.
RULES_KINDS = ["methodology", "framework", "dynamic-market"]

# The bad fixtures of Tests/TenderRulesTests/Fixtures/bad (see BadDocumentTests.swift), by what rejects them:
# "load" (the file is not a YAML document the decoder can compose: this checker's loader refuses it too),
# "schema" (a schema rejects it) or "decoder" (only the decoder can: the rule relates values to each other).
BAD_FIXTURES = {
    "alias-bomb": "load",  # more than 200,000 values through aliases
    "bad-deadline": "schema",  # tender_deadline is not RFC 3339
    "bad-regime": "schema",  # regime not in the enum
    "binary": "load",  # a NUL byte
    "decision-clarification-dates": "schema",  # outcome on a clarification (answered before asked: decoder only)
    "decision-disregard-early": "decoder",  # disregarded before the response deadline with no response (dates)
    "decision-many-mistakes": "schema",  # unknown decision kind, decided_by as text, decided_at without a time
    "deep-nesting": "load",  # deeper than 64 levels
    "duplicate-criterion": "decoder",  # criterion ids must be unique (uniqueness of a member across items)
    "duplicate-key": "load",  # a key twice in one mapping
    "duplicate-question": "decoder",  # question ids unique across the methodology
    "empty": "load",  # no document
    "formula-missing-parameters": "schema",  # bounded-linear without worst
    "gate-missing-field": "schema",  # declaration gate without field
    "invalid-yaml": "load",  # unterminated quoted scalar
    "kind-and-parts": "schema",  # both kind and parts (and parts empty)
    "label-outside-scale": "decoder",  # a label's mark outside min..max (compares two values)
    "latin1": "load",  # not UTF-8
    "log-a-too-small": "schema",  # logarithmic a must be > 1
    "marks-without-mark": "schema",  # a marks entry without mark
    "minimum-above-scale": "decoder",  # a question minimum above the scale max (compares two values)
    "missing-kind": "schema",  # no kind: no schema applies (reported by the dispatch)
    "ppqp-with-price": "schema",  # price-per-quality-point with a price criterion
    "submission-missing-price": "schema",  # no price
    "submission-wrong-types": "schema",  # received_at, sme, price.total and an unknown key
    "tie-break-no-criterion": "decoder",  # a tie-break naming no criterion (refers to other values)
    "unknown-formula": "schema",  # formula not in the enum
    "unknown-key": "schema",  # currancy
    "unknown-kind": "schema",  # kind: submision (reported by the dispatch)
    "weight-not-number": "schema",  # weight: fifty
    "weights-not-100": "decoder",  # weights must sum to 100
}


class Problem(Exception):
    """A document that could not be loaded at all (not UTF-8, invalid YAML, duplicate keys…)."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


# ---------------------------------------------------------------------------------------------------------------
# Loading: YAML (and JSON, which is read as YAML, as tender reads it) into plain Python values.
#
# tender composes YAML with libyaml and resolves no tags: every decoder reads a scalar by its text and style.
# The checker does the same: it composes the document with PyYAML (without constructing any Python objects, so
# no timestamps, no YAML 1.1 `yes`/`no` booleans, no sexagesimal or octal numbers) and converts each scalar as
# tender's ValueReader.scalarValue does (YAML 1.2 core, restricted to what the decoders accept):
#   - quoted, literal and folded scalars are text;
#   - plain "", ~, null, Null, NULL are null (tender: an empty value);
#   - plain true/false (any case, as ValueReader.bool accepts) are booleans;
#   - plain decimal literals (DecimalText.parse: optional sign, digits, at most one point, no exponent) are
#     numbers: int when there is no point, Decimal otherwise (exact, never float);
#   - everything else is text (2026-12-01T12:00:00Z, 1e3, 0x1F, no, 1_000 are all text).
# Mapping keys are always their text (labels: {0: None} has the key "0"). The schemas then accept, for a value
# the decoder reads as text, a string, a number or a boolean; for a number, a number or a decimal string.

DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$")
INTEGER = re.compile(r"^[+-]?[0-9]+$")
NULLS = {"", "~", "null", "Null", "NULL"}
MAXIMUM_DEPTH = 64  # YAMLComposer's maximumDepth
NODE_BUDGET = 200_000  # ValueReader.nodeBudget


def scalar_value(node):
    if node.style is not None:  # quoted, literal or folded
        return node.value
    text = node.value
    if text in NULLS:
        return None
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if DECIMAL.match(text):
        return int(text) if INTEGER.match(text) else Decimal(text)
    return text


class Document:
    """A loaded document: its value and where each path starts (line numbers for messages)."""

    def __init__(self, value, positions):
        self.value = value
        self.positions = positions

    def line(self, path):
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path)


def load(path):
    """Loads one file as tender's DocumentParser would compose it; raises Problem when it cannot."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise Problem(f"the file is not UTF-8 text (invalid byte at offset {error.start})", line)
    if "\0" in text:
        raise Problem("the file contains a NUL byte: it looks like binary data, not YAML or JSON",
                      text[: text.index("\0")].count("\n") + 1)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise Problem(f"invalid YAML: {error.problem or error}", mark.line + 1 if mark else None)
    except yaml.YAMLError as error:
        raise Problem(f"invalid YAML: {error}")
    if root is None:
        raise Problem("the file is empty; expected a YAML or JSON document", 1)
    positions = {}
    budget = [NODE_BUDGET]

    def convert(node, path, depth):
        budget[0] -= 1
        if budget[0] < 0:
            raise Problem(f"the document expands to more than {NODE_BUDGET} values through aliases (a YAML "
                          "alias bomb?); documents must be plain data", node.start_mark.line + 1)
        positions.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return scalar_value(node)
        if depth >= MAXIMUM_DEPTH:
            raise Problem(f"the document nests deeper than {MAXIMUM_DEPTH} levels; flatten it",
                          node.start_mark.line + 1)
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise Problem("keys must be plain text, not lists or mappings", key_node.start_mark.line + 1)
            key = key_node.value
            if key in result:
                raise Problem(f"duplicate key '{key}' in one mapping (first at line {positions[path + (key,)]}); "
                              "each key may appear once", key_node.start_mark.line + 1)
            positions[path + (key,)] = key_node.start_mark.line + 1
            result[key] = convert(value_node, path + (key,), depth + 1)
        return result

    return Document(convert(root, (), 0), positions)


# ---------------------------------------------------------------------------------------------------------------
# Schemas

def load_schemas():
    """Every schema in this folder and in ledger/, each under its file URI (so relative $refs resolve as an
    editor resolves them, from the file's own folder). Schema numbers are read as Decimal, like documents."""
    resources = []
    schemas = {}
    for file in sorted(list(HERE.glob("*.schema.json")) + list((HERE / "ledger").glob("*.schema.json"))):
        contents = json.loads(file.read_text(encoding="utf-8"), parse_float=Decimal)
        Draft202012Validator.check_schema(contents)
        contents = dict(contents, **{"$id": file.as_uri()})
        schemas[file] = contents
        resources.append((file.as_uri(), Resource.from_contents(contents, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    return schemas, registry


class Checker:
    def __init__(self):
        self.schemas, self.registry = load_schemas()
        self.validators = {}
        self.problems = 0

    def validator(self, file):
        file = Path(file).resolve()
        if file not in self.validators:
            if file not in self.schemas:
                return None
            self.validators[file] = Draft202012Validator(self.schemas[file], registry=self.registry)
        return self.validators[file]

    def document_schema(self, kind):
        return HERE / f"{SCHEMA_FILES.get(kind, kind)}.schema.json"

    def ledger_schema(self, entry_type):
        if entry_type == "common" or not re.fullmatch(r"[a-z0-9-]+", entry_type or ""):
            return None
        file = HERE / "ledger" / f"{entry_type}.schema.json"
        return file if file.exists() else None

    # -- reporting

    def report(self, name, path, message, line=None):
        self.problems += 1
        where = f" (line {line})" if line else ""
        print(f"{name}: {format_path(path)}: {message}{where}")

    def problems_in(self, instance, schema_file, document=None):
        """Every problem a schema finds in `instance`, as (path, message, line), sorted by position."""
        found = []
        for error in self.validator(schema_file).iter_errors(instance):
            for path, message in messages(error):
                line = document.line(path) if document else None
                found.append((path, message, line))
        unique = []
        for item in sorted(found, key=lambda item: (item[2] or 0, format_path(item[0]), item[1])):
            if item not in unique:
                unique.append(item)
        return unique

    # -- documents

    def check_document(self, file, kind=None, show=True):
        """Validates one document file; `kind` None dispatches on the document's own `kind`, and a list of kinds
        dispatches on it among those only. Returns the list of (path, message, line) problems and whether the file
        failed to load."""
        name = display(file)
        try:
            document = load(file)
        except Problem as problem:
            found = [((), problem.message, problem.line)]
            if show:
                for path, message, line in found:
                    self.report(name, path, message, line)
            return found, True
        if kind is None or isinstance(kind, list):
            found = self.dispatch_problems(document, kind or DOCUMENT_KINDS)
            if found is not None:
                if show:
                    for path, message, line in found:
                        self.report(name, path, message, line)
                return found, False
            kind = document.value["kind"]
        schema = self.document_schema(kind) if not kind.startswith("ledger/") else HERE / f"{kind}.schema.json"
        found = self.problems_in(document.value, schema, document)
        if show:
            for path, message, line in found:
                self.report(name, path, message, line)
        return found, False

    def dispatch_problems(self, document, kinds=DOCUMENT_KINDS):
        """None when the document names one of `kinds`; else the problem, as the decoder (or, for the rules folder,
        RuleSetLoader) words it."""
        value = document.value
        if not isinstance(value, dict):
            return [((), f"the document must be a mapping of keys to values, found {show_value(value)}", 1)]
        if "kind" not in value:
            return [((), "missing 'kind'; add 'kind: " + "|".join(kinds) + "'", 1)]
        kind = value["kind"]
        if kind in DOCUMENT_KINDS and kind not in kinds:
            return [(("kind",), f"a document of kind {show_value(kind)}: only methodologies, frameworks and dynamic "
                     "markets belong in the rules folder", document.line(("kind",)))]
        if kind not in kinds:
            hint = difflib.get_close_matches(str(kind), kinds, 1)
            return [(("kind",), f"unknown kind {show_value(kind)}; expected one of: {', '.join(kinds)}"
                     + (f"; did you mean '{hint[0]}'?" if hint else ""), document.line(("kind",)))]
        return None

    # -- ledgers

    def check_ledger(self, file):
        name = str(file)
        try:
            database = sqlite3.connect(f"file:{Path(file).resolve()}?mode=ro", uri=True)
            rows = database.execute("SELECT seq, type, body FROM entries ORDER BY seq").fetchall()
        except sqlite3.Error as error:
            self.report(name, (), f"cannot read the ledger's entries: {error}")
            return 0
        for seq, entry_type, body in rows:
            where = ("entries", seq)
            schema = self.ledger_schema(entry_type)
            if schema is None:
                self.report(name, where, f"no schema for entry type '{entry_type}' (expected "
                            f"Schemas/ledger/{entry_type}.schema.json)")
                continue
            try:
                value = json.loads(bytes(body).decode("utf-8"), parse_float=Decimal)
            except (UnicodeDecodeError, ValueError) as error:
                self.report(name, where, f"the body is not JSON: {error}")
                continue
            for path, message, _ in self.problems_in(value, schema):
                self.report(name, where + tuple(path), f"({entry_type}) {message}")
        return len(rows)


# ---------------------------------------------------------------------------------------------------------------
# Messages

TYPE_WORDS = {"object": "a mapping", "array": "a list", "string": "text", "number": "a number",
              "integer": "a whole number", "boolean": "true or false", "null": "null (an empty value)"}


def show_value(value):
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, Decimal, float)):
        return str(value)
    return f"'{value}'"


def format_path(path):
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


def messages(error):
    """(path, message) pairs for one jsonschema error, worded for someone editing the document."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    path = tuple(error.absolute_path)
    validator = error.validator
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        properties = schema.get("properties", {})
        allowed = sorted(key for key, value in properties.items() if value is not False)
        for key in error.instance:
            if key in properties:
                continue
            hint = difflib.get_close_matches(key, allowed, 1)
            yield path + (key,), (f"unknown key '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
                                  + f"; allowed keys: {', '.join(allowed)}")
        return
    if "errorMessage" in schema:
        found = "" if isinstance(error.instance, (dict, list)) else f"; found {show_value(error.instance)}"
        yield path, f"{schema['errorMessage']}{found}"
        return
    if validator == "required" and isinstance(error.instance, dict):
        for key in error.validator_value:
            if key not in error.instance:
                yield path, f"missing '{key}'"
        return
    if validator == "enum":
        options = [str(option) for option in error.validator_value]
        hint = difflib.get_close_matches(str(error.instance), options, 1)
        yield path, (f"{show_value(error.instance)} is not one of: {', '.join(options)}"
                     + (f"; did you mean '{hint[0]}'?" if hint else ""))
        return
    if validator == "const":
        yield path, f"must be '{error.validator_value}', found {show_value(error.instance)}"
        return
    if validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(TYPE_WORDS.get(kind, kind) for kind in expected)
        yield path, f"must be {words}, found {show_value(error.instance)}"
        return
    if validator == "minItems":
        yield path, f"must list at least {error.validator_value} item(s)"
        return
    if validator == "minProperties":
        yield path, f"must have at least {error.validator_value} entry(ies)"
        return
    if validator in ("anyOf", "oneOf") and error.context:
        yield from messages(best_match(error.context))
        return
    yield path, error.message


# ---------------------------------------------------------------------------------------------------------------
# What is checked

def display(file):
    file = Path(file).resolve()
    try:
        return str(file.relative_to(REPOSITORY))
    except ValueError:
        return str(file)


def shipped_documents():
    """(file, kind, None to dispatch on the document's kind, or a list of the kinds to dispatch among) for every
    shipped and good test document."""
    r = REPOSITORY
    documents = [(file, RULES_KINDS) for file in sorted(r.glob("Rules/*.yaml"))]
    documents += [(file, "rule-tests") for file in sorted(r.glob("Rules/tests/*.yaml"))]
    documents += [(file, None) for file in sorted((r / "Rules/examples").rglob("*")) if file.is_file()]
    documents += [(file, "plugin-manifest") for file in sorted(r.glob("Plugins/*/plugin.yaml"))]
    documents += [(file, None) for file in sorted(r.glob("Plugins/*/tests/*.yaml"))]
    documents += [(r / "deploy/tender.yaml", "settings")]
    fixtures = r / "Tests/TenderRulesTests/Fixtures"
    documents += [(file, None) for file in sorted(fixtures.iterdir()) if file.is_file()]
    documents += [(file, None) for file in sorted((fixtures / "lint").iterdir()) if file.is_file()]
    return documents


def corpus_kind(file):
    """The schema a bad-corpus file targets, from its name: <kind>-<mistake>.yaml."""
    for kind in sorted(SCHEMA_KINDS, key=len, reverse=True):
        if file.name.startswith(kind + "-"):
            return kind
    return None


def check_everything(checker):
    counts = {"documents": 0, "corpus": 0, "fixtures": 0}
    for file, kind in shipped_documents():
        checker.check_document(file, kind)
        counts["documents"] += 1

    # The bad fixtures: each rejected by what BAD_FIXTURES says, and only by that.
    folder = REPOSITORY / "Tests/TenderRulesTests/Fixtures/bad"
    names = {file.stem for file in folder.iterdir() if file.is_file()}
    for stem in sorted(names - set(BAD_FIXTURES)):
        checker.report(display(folder / f"{stem}.yaml"), (), "a bad fixture check.py does not know; add it to "
                       "BAD_FIXTURES (load, schema or decoder)")
    for stem, expected in sorted(BAD_FIXTURES.items()):
        file = folder / f"{stem}.yaml"
        if not file.exists():
            checker.report(display(file), (), "listed in BAD_FIXTURES but missing")
            continue
        found, failed_to_load = checker.check_document(file, None, show=False)
        outcome = "load" if failed_to_load else ("schema" if found else "decoder")
        counts["fixtures"] += 1
        if outcome != expected:
            detail = f": {found[0][1]}" if found else ""
            checker.report(display(file), (), f"expected to be rejected by the {expected} step, but the outcome "
                           f"is '{outcome}'{detail}")

    # The bad corpus: every file rejected by its schema (not by the loader), for the stated reason; a file marked
    # `# rejected-by: decoder` is one only the decoder can reject (as "decoder" in BAD_FIXTURES): its schema must
    # accept it, so that the mark goes when a schema learns to reject it.
    for file in sorted((HERE / "bad").glob("*.yaml")):
        counts["corpus"] += 1
        kind = corpus_kind(file)
        if kind is None:
            checker.report(display(file), (), "name it <kind>-<mistake>.yaml with a kind of: "
                           + ", ".join(SCHEMA_KINDS))
            continue
        text = file.read_text(encoding="utf-8")
        if not text.startswith("#"):
            checker.report(display(file), (), "must begin with a comment line saying what is wrong")
        decoder_only = re.search(r"^# rejected-by: decoder\b", text, re.MULTILINE) is not None
        found, failed_to_load = checker.check_document(file, kind, show=False)
        if failed_to_load:
            checker.report(display(file), (), f"must be rejected by the {kind} schema, but it does not even load: "
                           f"{found[0][1]}")
        elif decoder_only:
            if found:
                checker.report(display(file), (), f"marked '# rejected-by: decoder', but the {kind} schema rejects "
                               f"it: {found[0][1]}; replace the mark with '# expect: …'")
            elif re.search(r"^# expect: ", text, re.MULTILINE):
                checker.report(display(file), (), "marked '# rejected-by: decoder', so no schema message can be "
                               "expected; give the decoder's message in bad/README.md")
        elif not found:
            checker.report(display(file), (), f"accepted by the {kind} schema, but it is in the bad corpus")
        else:
            expected = re.findall(r"^# expect: (.+)$", text, re.MULTILINE)
            for fragment in expected:
                if not any(fragment.strip() in message for _, message, _ in found):
                    checker.report(display(file), (), f"rejected, but not with a message containing "
                                   f"'{fragment.strip()}': " + " | ".join(message for _, message, _ in found))
    return counts


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message):  # a usage error is a failure too: exit 1, not argparse's 2
        self.print_usage(sys.stderr)
        print(f"check.py: error: {message}", file=sys.stderr)
        sys.exit(1)


def check_against_file(schema_file, files, parser):
    """Validates documents against one bundled schema, with no other schema loaded."""
    if not files:
        parser.error("--schema-file needs at least one FILE")
    schema = json.loads(Path(schema_file).read_text(encoding="utf-8"), parse_float=Decimal)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    problems = 0
    for file in files:
        try:
            document = load(file)
        except Problem as problem:
            print(f"{file}: {problem}")
            problems += 1
            continue
        for error in sorted(validator.iter_errors(document.value), key=lambda e: list(e.absolute_path)):
            print(f"{file}: {format_path(error.absolute_path)}: {error.message}")
            problems += 1
    print(f"check.py: {len(files)} file(s) against {schema_file}: "
          + ("ok" if problems == 0 else f"{problems} problem(s)"), file=sys.stderr)
    return 0 if problems == 0 else 1


def main(argv):
    parser = ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ledger", metavar="PATH.sqlite", action="append", default=[],
                        help="also validate every entry body of this ledger")
    parser.add_argument("--schema", metavar="KIND", help="validate FILE… against this schema only: "
                        + ", ".join(SCHEMA_KINDS) + ", document (by the document's kind) or ledger/<type>")
    parser.add_argument("--schema-file", metavar="SCHEMA.json", help="validate FILE… against this one self-contained "
                        "schema (as `tender schema KIND` prints it)")
    parser.add_argument("files", nargs="*", metavar="FILE")
    options = parser.parse_args(argv)
    if options.schema_file:
        return check_against_file(options.schema_file, options.files, parser)
    checker = Checker()
    if options.schema:
        kind = options.schema
        known = kind in SCHEMA_KINDS or kind == "document" or (
            kind.startswith("ledger/") and checker.ledger_schema(kind[len("ledger/"):]))
        if not known:
            parser.error(f"unknown schema '{kind}'; use one of: {', '.join(SCHEMA_KINDS)}, document, ledger/<type>")
        if not options.files:
            parser.error("--schema needs at least one FILE")
        for file in options.files:
            checker.check_document(file, None if kind == "document" else kind)
        for ledger in options.ledger:
            checker.check_ledger(ledger)
        summary = f"{len(options.files)} file(s) against {kind}"
    else:
        if options.files:
            parser.error("FILE… is only used with --schema")
        counts = check_everything(checker)
        summary = (f"{counts['documents']} documents, {counts['fixtures']} bad fixtures, "
                   f"{counts['corpus']} bad-corpus files")
        for ledger in options.ledger:
            entries = checker.check_ledger(ledger)
            summary += f", {entries} entries of {ledger}"
    status = "ok" if checker.problems == 0 else f"{checker.problems} problem(s)"
    print(f"check.py: {summary}: {status}", file=sys.stderr)
    return 0 if checker.problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
