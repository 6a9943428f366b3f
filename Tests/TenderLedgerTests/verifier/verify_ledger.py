#!/usr/bin/env python3
"""Independent verifier for a tender ledger, written only from LedgerFormat.md.

Usage: python3 verify_ledger.py LEDGER.sqlite VERIFIER_KEY [--trusted NOTEFILE]
VERIFIER_KEY is the key text or a file holding it. Exit 0 when the ledger verifies, 1 otherwise.
"""
import base64
import hashlib
import json
import os
import sqlite3
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def H(data):
    return hashlib.sha256(data).digest()


def parse_key(text):
    name, key_id, material = text.strip().split("+", 2)
    raw = base64.b64decode(material, validate=True)
    if len(raw) != 33 or raw[0] != 1 or H(name.encode() + b"\n" + raw)[:4].hex() != key_id:
        raise ValueError("bad verifier key")
    return name, bytes.fromhex(key_id), Ed25519PublicKey.from_public_bytes(raw[1:])


def open_checkpoint(note, key):
    """Verifies a signed checkpoint note; returns (size, root)."""
    name, key_id, public = key
    text, _, signatures = note.rpartition("\n\n")
    text += "\n"
    signed = False
    for line in signatures.rstrip("\n").split("\n"):
        prefix = "\u2014 " + name + " "
        blob = base64.b64decode(line[len(prefix):]) if line.startswith(prefix) else b""
        if blob[:4] == key_id:
            public.verify(blob[4:], text.encode())  # raises InvalidSignature
            signed = True
    origin, size, root = text[:-1].split("\n")
    if not signed or origin != name:
        raise ValueError("not signed by " + name)
    return int(size), base64.b64decode(root)


def references(value):
    if isinstance(value, dict):
        for key, member in value.items():
            if key.endswith("_sha256"):
                items = member if isinstance(member, list) else [] if member is None else [member]
                for item in items:
                    ok = isinstance(item, str) and len(item) == 64 and all(c in "0123456789abcdef" for c in item)
                    yield item if ok else None
            else:
                yield from references(member)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def root(stack):
    if not stack:
        return H(b"")
    result = stack[-1]
    for left in reversed(stack[:-1]):
        result = H(b"\x01" + left + result)
    return result


def verify(path, key, trusted_note=None):
    problems = []
    db = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    blobs = {}
    for address, data in db.execute("SELECT sha256, bytes FROM blobs"):
        blobs[address] = H(data).hex() == address
        if not blobs[address]:
            problems.append("blob %s: bytes do not match their hash" % address)
    checkpoints = {}
    for size, stored_root, note in db.execute("SELECT size, root, note FROM checkpoints ORDER BY size"):
        try:
            if open_checkpoint(note, key) != (size, stored_root):
                raise ValueError("row differs from its note")
            checkpoints[size] = stored_root
        except Exception as error:
            problems.append("checkpoint %d: bad signature or content (%r)" % (size, error))
    trusted = open_checkpoint(trusted_note, key) if trusted_note else None
    stack, count, chain, roots = [], 0, bytes(32), {}
    for seq, kind, body, leaf_hash, chain_hash in db.execute(
        "SELECT seq, type, body, leaf_hash, chain_hash FROM entries ORDER BY seq"
    ):
        leaf = H(b"\x00" + body)
        if seq != count:
            problems.append("entry %d: missing (found seq %d)" % (count, seq))
        if leaf != leaf_hash or chain_hash != H(b"\x02" + chain + leaf):
            problems.append("entry %d: leaf or chain hash mismatch" % seq)
        chain = chain_hash
        try:
            value = json.loads(body.decode("utf-8"))
            canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
            if canonical != body or value.get("seq") != seq or value.get("type") != kind:
                problems.append("entry %d: body not canonical or seq/type differ from the row" % seq)
            for ref in references(value):
                if not blobs.get(ref):
                    problems.append("entry %d: blob %s missing, malformed or tampered" % (seq, ref))
        except (ValueError, AttributeError):
            problems.append("entry %d: body is not a JSON object" % seq)
        stack.append(leaf)
        m = count
        while m & 1:
            right = stack.pop()
            stack[-1] = H(b"\x01" + stack[-1] + right)
            m >>= 1
        count += 1
        if count in checkpoints or (trusted and count == trusted[0]):
            roots[count] = root(stack)
            if count in checkpoints and roots[count] != checkpoints[count]:
                problems.append("checkpoint %d: root does not match the entries" % count)
    for size in checkpoints:
        if size > count:
            problems.append("checkpoint %d: ledger has only %d entries (truncated)" % (size, count))
    if trusted and trusted[0] > count:
        problems.append("rollback: ledger has %d entries, trusted checkpoint has %d" % (count, trusted[0]))
    elif trusted and trusted[0] > 0 and roots.get(trusted[0]) != trusted[1]:
        problems.append("fork: first %d entries differ from the trusted checkpoint" % trusted[0])
    return problems, count


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--trusted"):
        print(__doc__, file=sys.stderr)
        return 2
    key_text = open(argv[2]).read() if os.path.exists(argv[2]) else argv[2]
    trusted = None
    if len(argv) == 5:
        pieces = [p for p in open(argv[4], encoding="utf-8").read().split("\n\n") if p]
        trusted = pieces[-2] + "\n\n" + pieces[-1].rstrip("\n") + "\n"
    try:
        problems, count = verify(argv[1], parse_key(key_text), trusted)
    except Exception as error:
        problems, count = ["cannot verify: %r" % error], 0
    if problems:
        print("FAIL: %s (%d problems)" % (problems[0], len(problems)))
        return 1
    print("OK: %d entries" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
