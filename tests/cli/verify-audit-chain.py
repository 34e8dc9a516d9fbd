#!/usr/bin/python3
"""Verifies a ledger's audit chain from docs/audit-log.md alone, with Python's
own sqlite3 and hashlib: an independent reader of the seals jd-audit-seal.c
writes. Prints "ok N rows, M seals" and exits 0, or prints what differs and
exits 1."""
import hashlib
import sqlite3
import sys


def value_bytes(v):
    if v is None:
        return b"n"
    if isinstance(v, int):
        return b"i%d;" % v
    if isinstance(v, float):
        return b"f%s;" % repr(v).encode()
    if isinstance(v, str):
        b = v.encode("utf-8")
        return b"t%d:" % len(b) + b
    return b"b%d:" % len(v) + bytes(v)


def main(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    rows = db.execute(
        "SELECT id, at, os_user, tbl, row_id, person_id, action, before, after"
        " FROM audit_log ORDER BY id").fetchall()
    seals = db.execute(
        "SELECT id, first_row, last_row, link, digests FROM audit_seal ORDER BY id").fetchall()
    by_id = {r[0]: r for r in rows}
    digest = {}
    for r in rows:
        digest[r[0]] = hashlib.sha256(b"".join(value_bytes(v) for v in r)).digest()
    problems = []
    link = bytes(32)
    after = 0
    for sid, first, last, hexlink, digests in seals:
        for rid in sorted(i for i in by_id if after < i <= last):
            link = hashlib.sha256(link + digest[rid]).digest()
        for n, rid in enumerate(range(first, last + 1)):
            if rid not in by_id:
                problems.append("row %d missing" % rid)
            elif digest[rid][:4] != bytes(digests[4 * n:4 * n + 4]):
                problems.append("row %d differs" % rid)
        if link.hex() != hexlink:
            problems.append("seal %d link differs" % sid)
        link = bytes.fromhex(hexlink)
        after = last
    unsealed = [i for i in by_id if i > after]
    if unsealed:
        problems.append("unsealed rows %s" % unsealed)
    if problems:
        print("\n".join(problems))
        return 1
    print("ok %d rows, %d seals" % (len(rows), len(seals)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
