#!/usr/bin/env python3
"""The plain-script reference for the tender benchmarks: what a buyer's analyst would otherwise write.

For every submission file: read it, hash it (SHA-256), parse it (PyYAML's C loader), assess it on arrival
(lateness, gates, marks criteria with moderation and minimums, SMART KPIs), and store the document and its
assessment in SQLite with the ledger's durability (WAL, synchronous=FULL) and batching (one transaction per
--batch documents). Then, per procurement, the final evaluation: relative price, totals, ranking, the
advisory checks (abnormally low, identical prices, mark reasons, evaluator spread, leave-one-out).
With --reports FOLDER each final evaluation also writes what the daemon's close writes for a procurement, under
FOLDER/<procurement>: evaluation.json, .csv and .md, evaluation.html, an assessment summary per tender
(summaries/<tender>.md and .html: its points and the winner's by criterion, the reasons), ocds-release-package.json
and red-flags.json; each under a temporary name, then one filesystem sync, the renames and a sync of each folder
(the daemon's durability), and the files' SHA-256 stored with the evaluation (the daemon's report-written entry).
With --arrival-only it stops after the last batch: the same work as a daemon that assesses on arrival and closes
nothing.
Floats, not decimals: that is what such a script would use.

Prints one JSON line: {"documents": N, "seconds": S} (the timed part excludes interpreter start-up).
"""
import argparse
import ctypes
import csv
import hashlib
import html
import io
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
    result = {"tender": document.get("tender_id"), "supplier": document["supplier"]["name"],
              "price": document["price"]["total"], "status": "assessed",
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
            "ranking": [(t["tender"], round(t["total"], 2)) for t in ordered], "flags": flags,
            "lowest_price": min(prices) if prices else None}


def report_files(methodology, key, tenders, result):
    """What the daemon's close writes for one procurement, as {relative name: bytes}."""
    criteria = [c["id"] for c in methodology["criteria"]]
    ranks = {tender: rank for rank, (tender, _) in enumerate(result["ranking"], start=1)}
    by_tender = {t["tender"]: t for t in tenders}
    winner = by_tender.get(result["winner"])
    price = next(c for c in methodology["criteria"] if c.get("kind") == "price")

    def points(tender):
        row = dict(tender["points"])
        if "total" in tender:
            row[price["id"]] = tender["total"] - sum(tender["points"].values())
        return row

    rows = [{"tender": t["tender"], "supplier": t["supplier"], "status": t["status"], "rank": ranks.get(t["tender"]),
             "price": t["price"], "total": round(t["total"], 2) if "total" in t else None,
             "points": {c: round(v, 2) for c, v in points(t).items()}, "reasons": t["reasons"]} for t in tenders]
    files = {"evaluation.json": json.dumps({"procurement": key[0], "lot": key[1], "methodology": methodology["id"],
                                            "winner": result["winner"], "lowest_price": result["lowest_price"],
                                            "tenders": rows, "flags": result["flags"]}, indent=2, sort_keys=True)}
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["rank", "tender", "supplier", "status", "price_total"] + criteria + ["total"])
    for row in rows:
        writer.writerow([row["rank"] or "", row["tender"], row["supplier"], row["status"], row["price"]]
                        + [row["points"].get(c, "") for c in criteria] + [row["total"] or ""])
    files["evaluation.csv"] = table.getvalue()
    cells = lambda values: "| " + " | ".join(str(v).replace("|", "\\|") for v in values) + " |"
    markdown = [f"# Evaluation of {key[0]} lot {key[1]}", "", cells(["Rank", "Tender", "Supplier", "Total"] + criteria),
                cells(["---"] * (4 + len(criteria)))]
    markdown += [cells([r["rank"] or "", r["tender"], r["supplier"], r["total"] or ""]
                       + [r["points"].get(c, "") for c in criteria]) for r in rows]
    files["evaluation.md"] = "\n".join(markdown) + "\n"
    page = ["<!doctype html><html><head><meta charset=utf-8><title>Evaluation</title></head><body><table>"]
    page += ["<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in
                               [r["rank"] or "", r["tender"], r["supplier"], r["status"], r["total"] or ""]
                               + [r["points"].get(c, "") for c in criteria]) + "</tr>" for r in rows]
    files["evaluation.html"] = "\n".join(page + ["</table></body></html>"])
    for row in rows:
        lines = [f"# Assessment summary: {row['supplier']} ({row['tender']})", "",
                 f"Status: {row['status']}; rank {row['rank'] or '-'} of {len(ranks)}; total {row['total']}", "",
                 cells(["Criterion", "Your points", "Most advantageous tender's points"]), cells(["---"] * 3)]
        theirs = points(winner) if winner else {}
        lines += [cells([c, round(row["points"].get(c, 0), 2), round(theirs.get(c, 0), 2)]) for c in criteria]
        lines += [""] + [f"- {reason}" for reason in row["reasons"]]
        lines += [f"- {question}: mark {mark}: {reason}" for question, mark, reason, _ in
                  by_tender[row["tender"]]["mark_reasons"]]
        summary = "\n".join(lines) + "\n"
        files[f"summaries/{row['tender']}.md"] = summary
        files[f"summaries/{row['tender']}.html"] = ("<!doctype html><html><body><pre>" + html.escape(summary)
                                                    + "</pre></body></html>")
    release = {"ocid": key[0], "tag": ["award"], "bids": {"details": [
        {"id": r["tender"], "tenderers": [{"name": r["supplier"]}], "value": {"amount": r["price"]},
         "status": "valid" if r["status"] == "assessed" else "disqualified"} for r in rows]},
        "awards": [{"id": f"{key[0]}-award", "suppliers": [{"name": winner["supplier"]}]}] if winner else []}
    files["ocds-release-package.json"] = json.dumps({"releases": [release]}, indent=2, sort_keys=True)
    files["red-flags.json"] = json.dumps({"procurement": key[0], "flags": result["flags"]}, indent=2)
    return {name: text.encode() for name, text in files.items()}


def sync_file_system(folder):
    """syncfs(2) on the folder's filesystem, as the daemon does; sync(2) where syncfs is missing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if libc.syncfs(descriptor) == 0:
                return
        finally:
            os.close(descriptor)
    except (OSError, AttributeError):
        pass
    os.sync()


def write_reports(folder, files):
    """Each file under a temporary name, one filesystem sync, the renames, a sync of each folder: the daemon's way."""
    folders = set()
    for name, data in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        folders.add(os.path.dirname(path))
        with open(path + ".tmp", "wb") as handle:
            handle.write(data)
    sync_file_system(folder)
    for name in files:
        path = os.path.join(folder, name)
        os.rename(path + ".tmp", path)
    for path in sorted(folders):
        descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        os.fsync(descriptor)
        os.close(descriptor)


def main():
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--rules", required=True)
    arguments.add_argument("--docs", required=True)
    arguments.add_argument("--db", required=True)
    arguments.add_argument("--batch", type=int, default=16)
    arguments.add_argument("--arrival-only", action="store_true", help="assess and store; evaluate nothing")
    arguments.add_argument("--reports", help="write each evaluation's reports under this folder, as the daemon does")
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
    db.execute("CREATE TABLE reports(procurement TEXT, name TEXT, sha256 TEXT)")
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
        if options.reports:
            files = report_files(methodologies[key], key, tenders, result)
            write_reports(os.path.join(options.reports, key[0] + ("" if key[1] == "None" else "-lot" + key[1])), files)
            db.executemany("INSERT INTO reports VALUES (?, ?, ?)",
                           [(key[0], name, hashlib.sha256(data).hexdigest()) for name, data in sorted(files.items())])
    db.execute("COMMIT")
    db.close()
    print(json.dumps({"documents": len(names), "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
