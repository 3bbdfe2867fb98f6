#!/usr/bin/env python3
"""Stores N answers to one SERVQUAL survey straight into a Kefu SQLite database, for the report benchmark.

The ratings are gen-servqual.py's (the same deterministic rows `kefu calc servqual` is timed on), each answer
with its own answered invitation, given over the last 28 days, by CUSTOMER. The survey and the customer are
made through the API first (scripts/bench/survey-report.sh), so only these two tables are written here, in the
formats Kefu stores: ids as upper-case UUID text, instants as Unix seconds.

    scripts/bench/gen-survey-responses.py kefu.sqlite SURVEY_ID CUSTOMER_ID 100000 [--three-column]
"""
import argparse
import csv
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
import uuid


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("survey_id")
    parser.add_argument("customer_id")
    parser.add_argument("n", type=int)
    parser.add_argument("--three-column", action="store_true")
    args = parser.parse_args()
    generator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen-servqual.py")
    command = [sys.executable, generator, str(args.n)] + (["--three-column"] if args.three_column else [])
    rows = csv.DictReader(io.StringIO(subprocess.run(command, check=True, capture_output=True, text=True).stdout))
    rng = random.Random(7)
    now = time.time()
    db = sqlite3.connect(args.database, timeout=60)
    invitations, responses = [], []
    for row in rows:
        answers = {key: int(value) for key, value in row.items() if key != "respondent_id" and value != ""}
        answered = now - rng.uniform(60, 28 * 86400)
        invitation = str(uuid.uuid4()).upper()
        invitations.append((invitation, args.survey_id, args.customer_id, str(uuid.uuid4()).upper(),
                            answered - 3600, answered + 30 * 86400, answered))
        responses.append((str(uuid.uuid4()).upper(), args.survey_id, invitation, args.customer_id,
                          json.dumps(answers, sort_keys=True, separators=(",", ":")), answered))
    with db:
        db.executemany(
            "INSERT INTO survey_invitations (id, survey_id, customer_id, link_id, created_at, expires_at, answered_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", invitations)
        db.executemany(
            "INSERT INTO survey_responses (id, survey_id, invitation_id, customer_id, kind, answers, language, "
            "created_at) VALUES (?, ?, ?, ?, 'servqual', ?, 'zh-Hans', ?)", responses)
    print("gen-survey-responses.py: %d answers stored" % len(responses), file=sys.stderr)


if __name__ == "__main__":
    main()
