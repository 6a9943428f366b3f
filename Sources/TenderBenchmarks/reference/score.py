#!/usr/bin/env python3
"""The plain-script reference for the tender benchmarks: what a buyer's analyst would otherwise write.

For every submission file: read it, hash it (SHA-256), parse it (PyYAML's C loader), assess it on arrival
(lateness, gates, marks criteria with moderation and minimums, SMART KPIs), and store the document and its
assessment in SQLite with the ledger's durability (WAL, synchronous=FULL) and batching (one transaction per
--batch documents). Then, per procurement, the final evaluation: relative price, totals, ranking, the
advisory checks (abnormally low, identical prices, mark reasons, evaluator spread, leave-one-out).
With --arrival-only it stops after the last batch: the same work as a daemon that assesses on arrival and closes
nothing.
Floats, not decimals: that is what such a script would use.

Prints one JSON line: {"documents": N, "seconds": S} (the timed part excludes interpreter start-up).
"""
import argparse
import hashlib
import json
import os
import sqlite3
import statistics
import time

import yaml

LOADER = yaml.CSafeLoader


def moderated(question_marks, moderation):
    if isinstance(question_marks, dict) and "mark" in question_marks:
        return question_marks["mark"], [question_marks]
    consensus = question_marks.get("consensus")
    evaluators = question_marks.get("evaluators", [])
    reasons = ([consensus] if consensus else []) + evaluators
    if moderation == "consensus" or consensus is not None:
        return (consensus or {}).get("mark"), reasons
    values = [e["mark"] for e in evaluators]
    if not values:
        return None, reasons
    return (statistics.median(values) if moderation == "median" else statistics.mean(values)), reasons


def marks_fraction(part, marks, failures, reasons_out):
    scale = part["scale"]
    low, high = scale["min"], scale["max"]
    total_weight = sum(q["weight"] for q in part["questions"])
    fraction = 0.0
    for question in part["questions"]:
        entry = marks.get(question["id"])
        if entry is None:
            return None
        mark, reasons = moderated(entry, part.get("moderation", "consensus"))
        if mark is None:
            return None
        reasons_out.extend((question["id"], r.get("mark"), r.get("reason", ""), scale) for r in reasons)
        if "minimum" in question and mark < question["minimum"]:
            failures.append(f"{question['id']} mark {mark} below minimum {question['minimum']}")
        fraction += question["weight"] * (mark - low) / (high - low)
    return fraction / total_weight


def kpi_fraction(criterion, outcomes):
    complete = sum(1 for o in outcomes if all(str(o.get(f, "")).strip() for f in criterion["required"]))
    return min(complete, criterion["expected"]) / criterion["expected"]


def field(document, path):
    value = document
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def assess(methodology, document):
    """Lateness, gates and the criteria that do not depend on other tenders."""
    result = {"tender": document.get("tender_id"), "price": document["price"]["total"], "status": "assessed",
              "reasons": [], "points": {}, "flags": [], "mark_reasons": []}
    if document["received_at"] > methodology["procurement"]["tender_deadline"]:
        result["status"] = "late"
        return result
    for gate in methodology.get("gates", []):
        value = field(document, gate["field"])
        passed = value == gate["equals"] if gate["kind"] == "declaration" else value <= gate["max"]
        if not passed:
            if gate["on_fail"] == "disregard":
                result["status"] = "disregarded"
                result["reasons"].append(f"failed gate {gate['id']}")
            else:
                result["flags"].append(f"gate {gate['id']}")
    if result["status"] != "assessed":
        return result
    marks = document.get("marks", {})
    failures = []
    for criterion in methodology["criteria"]:
        kind = criterion.get("kind")
        if kind == "price":
            continue
        if kind == "smart-kpis":
            fraction = kpi_fraction(criterion, document.get("outcomes", []))
        elif "parts" in criterion:
            fraction, total = 0.0, sum(p["weight"] for p in criterion["parts"])
            for part in criterion["parts"]:
                value = marks_fraction(part, marks, failures, result["mark_reasons"])
                fraction = None if value is None or fraction is None else fraction + part["weight"] * value / total
        else:
            fraction = marks_fraction(criterion, marks, failures, result["mark_reasons"])
        if fraction is None:
            result["status"] = "incomplete"
        else:
            result["points"][criterion["id"]] = criterion["weight"] * fraction
    if failures:
        result["status"] = "disregarded"
        result["reasons"].extend(failures)
    return result


def rank(methodology, tenders):
    price = next(c for c in methodology["criteria"] if c.get("kind") == "price")
    ranked = [t for t in tenders if t["status"] == "assessed"]
    if not ranked:
        return []
    lowest = min(t["price"] for t in ranked)
    for tender in ranked:
        tender["total"] = sum(tender["points"].values()) + price["weight"] * lowest / tender["price"]
    return sorted(ranked, key=lambda t: (-t["total"], t["price"], t["tender"]))


def evaluate(methodology, tenders):
    ordered = rank(methodology, tenders)
    flags = []
    checks = {c["kind"]: c for c in methodology.get("checks", [])}
    prices = [t["price"] for t in tenders if t["status"] == "assessed"]
    if "abnormally-low" in checks and prices:
        median = statistics.median(prices)
        limit = median * (1 - checks["abnormally-low"]["below_median_by"])
        flags += [("abnormally-low", t["tender"]) for t in tenders if t["status"] == "assessed" and t["price"] < limit]
    if "identical-prices" in checks:
        seen = {}
        for t in tenders:
            seen.setdefault(t["price"], []).append(t["tender"])
        flags += [("identical-prices", ids) for ids in seen.values() if len(ids) > 1]
    if "mark-reasons" in checks:
        minimum = checks["mark-reasons"]["min_words"]
        for t in tenders:
            for question, _, reason, scale in t["mark_reasons"]:
                label = reason.strip().rstrip(".")
                if len(reason.split()) < minimum or label in scale.get("labels", {}).values():
                    flags.append(("mark-reasons", t["tender"], question))
    if "leave-one-out" in checks and ordered:
        winner = ordered[0]["tender"]
        for other in ordered[1:]:
            rest = [dict(t) for t in tenders if t is not other]
            again = rank(methodology, rest)
            if again and again[0]["tender"] != winner:
                flags.append(("leave-one-out", other["tender"]))
    return {"winner": ordered[0]["tender"] if ordered else None,
            "ranking": [(t["tender"], round(t["total"], 2)) for t in ordered], "flags": len(flags)}


def main():
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--rules", required=True)
    arguments.add_argument("--docs", required=True)
    arguments.add_argument("--db", required=True)
    arguments.add_argument("--batch", type=int, default=16)
    arguments.add_argument("--arrival-only", action="store_true", help="assess and store; evaluate nothing")
    options = arguments.parse_args()
    if os.path.exists(options.db):
        os.remove(options.db)
    start = time.perf_counter()
    methodologies = {}
    for name in sorted(os.listdir(options.rules)):
        if name.endswith(".yaml"):
            with open(os.path.join(options.rules, name), "rb") as handle:
                methodology = yaml.load(handle.read(), Loader=LOADER)
            procurement = methodology["procurement"]
            methodologies[(procurement["reference"], str(procurement.get("lot")))] = methodology
    db = sqlite3.connect(options.db, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE documents(sha256 TEXT PRIMARY KEY, name TEXT, bytes BLOB)")
    db.execute("CREATE TABLE assessments(sha256 TEXT, procurement TEXT, tender TEXT, status TEXT, body TEXT)")
    db.execute("CREATE TABLE evaluations(procurement TEXT, winner TEXT, body TEXT)")
    names = sorted(os.listdir(options.docs))
    book = {}
    for first in range(0, len(names), options.batch):
        db.execute("BEGIN")
        for name in names[first:first + options.batch]:
            with open(os.path.join(options.docs, name), "rb") as handle:
                data = handle.read()
            sha = hashlib.sha256(data).hexdigest()
            document = yaml.load(data, Loader=LOADER)
            key = (document["procurement"], str(document.get("lot")))
            methodology = methodologies[key]
            assessment = assess(methodology, document)
            book.setdefault(key, []).append(assessment)
            db.execute("INSERT OR IGNORE INTO documents VALUES (?, ?, ?)", (sha, name, data))
            body = {k: v for k, v in assessment.items() if k != "mark_reasons"}
            db.execute("INSERT INTO assessments VALUES (?, ?, ?, ?, ?)",
                       (sha, key[0], assessment["tender"], assessment["status"], json.dumps(body, default=str)))
        db.execute("COMMIT")
    db.execute("BEGIN")
    for key, tenders in [] if options.arrival_only else sorted(book.items()):
        result = evaluate(methodologies[key], tenders)
        db.execute("INSERT INTO evaluations VALUES (?, ?, ?)", (key[0], result["winner"], json.dumps(result)))
    db.execute("COMMIT")
    db.close()
    print(json.dumps({"documents": len(names), "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
