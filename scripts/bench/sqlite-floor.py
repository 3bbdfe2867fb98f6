#!/usr/bin/env python3
"""What SQLite itself allows on this machine for Kefu's customer rows, without Swift, HTTP or JSON.

Writes the rows of a gen-customers.py file into tables shaped like Kefu's (customers with its five
indexes, identities, tags, a timeline event, the FTS5 trigram index; audit rows for creates) with
Python's sqlite3 (C speed per statement), WAL and synchronous=FULL, and prints rows or creates per
second for each variant. docs/PERFORMANCE.md › "Limits of this machine" quotes its output.

    scripts/bench/gen-customers.py 200000 > /tmp/c200k.csv
    scripts/bench/sqlite-floor.py /tmp/c200k.csv
"""
import argparse
import csv
import itertools
import json
import os
import random
import sqlite3
import tempfile
import time
import uuid

INDEXES = ["name_key, id", "created_at, id", "updated_at, id", "tier", "branch_id"]
_counter = itertools.count()


def new_id(ordered: bool) -> str:
    """Upper-case text like Swift's uuidString; `ordered` = version 7 (time first, then a counter)."""
    if not ordered:
        return str(uuid.uuid4()).upper()
    value = (int(time.time() * 1000) << 80) | ((next(_counter) << 16) & ((1 << 80) - 1)) | random.getrandbits(16)
    return str(uuid.UUID(int=value)).upper()


def open_database(directory: str, indexes: bool, trigram: bool, checkpoints: bool = True) -> sqlite3.Connection:
    path = os.path.join(directory, "floor-%d.sqlite" % next(_counter))
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "cache_size=-1000000", "temp_store=MEMORY"):
        db.execute("PRAGMA " + pragma)
    if not checkpoints:
        db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("CREATE TABLE customers (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL,"
               " tier TEXT NOT NULL, stage TEXT NOT NULL, branch_id TEXT, internal INTEGER NOT NULL, profile TEXT NOT NULL,"
               " search_text TEXT NOT NULL, merged_into TEXT, deleted_at REAL, created_at REAL NOT NULL, updated_at REAL NOT NULL)")
    db.execute("CREATE TABLE ident (value TEXT PRIMARY KEY, customer_id TEXT NOT NULL, kind TEXT NOT NULL)")
    db.execute("CREATE TABLE tags (customer_id TEXT NOT NULL, tag_key TEXT NOT NULL, PRIMARY KEY (customer_id, tag_key))")
    db.execute("CREATE TABLE events (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, kind TEXT, summary TEXT, data TEXT,"
               " actor_id TEXT, occurred_at REAL)")
    db.execute("CREATE TABLE audit (id TEXT PRIMARY KEY, actor_email TEXT, action TEXT, entity_id TEXT, changes TEXT,"
               " occurred_at REAL)")
    if indexes:
        add_indexes(db)
    if trigram:
        db.execute("CREATE VIRTUAL TABLE search USING fts5(search_text, tokenize='trigram')")
        db.execute("CREATE TRIGGER search_insert AFTER INSERT ON customers BEGIN"
                   " INSERT INTO search (rowid, search_text) VALUES (new.rowid, new.search_text); END")
    return db


def add_indexes(db: sqlite3.Connection) -> None:
    for number, columns in enumerate(INDEXES):
        db.execute("CREATE INDEX customers_%d ON customers (%s)" % (number, columns))
    db.execute("CREATE INDEX ident_customer ON ident (customer_id)")
    db.execute("CREATE INDEX tags_tag ON tags (tag_key, customer_id)")
    db.execute("CREATE INDEX events_customer ON events (customer_id, occurred_at)")
    db.execute("CREATE INDEX audit_time ON audit (occurred_at)")


def prepare(rows, ordered: bool):
    prepared = []
    for row in rows:
        profile = json.dumps({k: v for k, v in row.items() if v}, ensure_ascii=False, sort_keys=True)
        search = "\n".join(v for v in (row["name"], row["phone"], row["email"], row["organization"]) if v).lower()
        prepared.append((new_id(ordered), row, profile, search))
    return prepared


def write(db: sqlite3.Connection, batch, ordered: bool, customers_only: bool = False, audit: bool = False) -> None:
    now = time.time()
    db.executemany("INSERT INTO customers (id, kind, name, name_key, tier, stage, internal, profile, search_text,"
                   " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                   ((i, r["kind"], r["name"], r["name"].lower(), r["tier"], r["stage"], p, s, now, now)
                    for i, r, p, s in batch))
    if customers_only:
        return
    db.executemany("INSERT INTO ident VALUES (?, ?, ?)",
                   ((value, i, kind) for i, r, _, _ in batch for value, kind in ((r["phone"], "phone"), (r["email"], "email"))))
    db.executemany("INSERT INTO tags VALUES (?, ?)",
                   ((i, tag) for i, r, _, _ in batch for tag in sorted(set(r["tags"].split(";"))) if tag))
    db.executemany("INSERT INTO events VALUES (?, ?, 'customer.imported', 'Imported', '{}', NULL, ?)",
                   ((new_id(ordered), i, now) for i, _, _, _ in batch))
    if audit:
        db.executemany("INSERT INTO audit VALUES (?, 'bench@example.test', 'customer.created', ?, ?, ?)",
                       ((new_id(ordered), i, '{"profile":' + p + "}", now) for i, _, p, _ in batch))


def timed(label: str, count: int, unit: str, body) -> None:
    started = time.time()
    body()
    seconds = time.time() - started
    print("%-62s %9.0f %s/s  (%d in %.2f s)" % (label, count / seconds, unit, count, seconds), flush=True)


def bulk(directory, rows, label, ordered=True, indexes=True, trigram=True, indexes_after=False, customers_only=False):
    db = open_database(directory, indexes and not indexes_after, trigram and not indexes_after)
    batch = prepare(rows, ordered)

    def run():
        db.execute("BEGIN")
        write(db, batch, ordered, customers_only)
        if indexes_after:
            add_indexes(db)
            if trigram:
                db.execute("CREATE VIRTUAL TABLE search USING fts5(search_text, content='customers',"
                           " content_rowid='rowid', tokenize='trigram')")
                db.execute("INSERT INTO search(search) VALUES('rebuild')")
        db.execute("COMMIT")
    timed(label, len(rows), "rows", run)
    db.close()


def trigram_only(directory, rows):
    db = open_database(directory, indexes=False, trigram=False)
    db.execute("CREATE VIRTUAL TABLE search USING fts5(search_text, tokenize='trigram')")
    texts = [(s,) for _, _, _, s in prepare(rows, True)]

    def run():
        db.execute("BEGIN")
        db.executemany("INSERT INTO search (search_text) VALUES (?)", texts)
        db.execute("COMMIT")
    timed("only the trigram index over the search texts", len(rows), "rows", run)
    db.close()


def creates(directory, rows, label, ordered, batch_size, checkpoints=True):
    """Group commit: transactions of `batch_size` creates on a database already holding 150,000."""
    db = open_database(directory, indexes=True, trigram=True, checkpoints=checkpoints)
    base, new = rows[:150_000], rows[150_000:170_000]
    db.execute("BEGIN")
    write(db, prepare(base, ordered), ordered, audit=True)
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    prepared = prepare(new, ordered)

    def run():
        for start in range(0, len(prepared), batch_size):
            db.execute("BEGIN")
            write(db, prepared[start:start + batch_size], ordered, audit=True)
            db.execute("COMMIT")
    timed(label, len(prepared), "creates", run)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="a gen-customers.py file; 170,000 rows or more for the create runs")
    args = parser.parse_args()
    with open(args.csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    print("SQLite %s, %d rows from %s" % (sqlite3.sqlite_version, len(rows), args.csv))
    with tempfile.TemporaryDirectory(prefix="kefu-floor-") as directory:
        bulk(directory, rows, "one transaction, everything, random v4 ids", ordered=False)
        bulk(directory, rows, "one transaction, everything, time-ordered ids")
        bulk(directory, rows, "the same, indexes and trigram index built after the rows", indexes_after=True)
        bulk(directory, rows, "only the customers rows, no index at all", indexes=False, trigram=False, customers_only=True)
        trigram_only(directory, rows)
        if len(rows) >= 170_000:
            creates(directory, rows, "creates in transactions of 64, random ids", False, 64)
            creates(directory, rows, "the same, time-ordered ids", True, 64)
            creates(directory, rows, "the same, WAL checkpoints off the commit path", True, 64, checkpoints=False)
            creates(directory, rows, "the same, transactions of 512", True, 512, checkpoints=False)


if __name__ == "__main__":
    main()
