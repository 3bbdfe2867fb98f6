#!/usr/bin/env python3
"""Writes N SERVQUAL responses in the `kefu calc servqual` CSV format (README › kefu calc servqual).

Deterministic for a given N, form and --seed. Two-column (default): `respondent_id,e1..e22,p1..p22` on
1–7 plus the five `w_*` points (whole numbers adding up to 100; every tenth respondent gives none).
`--three-column`: `respondent_id,a1..a22,d1..d22,p1..p22` on 1–9 with a ≤ d. About 3 % of the items are
skipped (all their cells empty). Every row is valid, so `kefu calc servqual` scores the whole file.

    scripts/bench/gen-servqual.py 100000 > servqual.csv
    scripts/bench/gen-servqual.py 100000 --three-column > servqual3.csv
"""
import argparse
import csv
import random
import sys

DIMENSIONS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--three-column", action="store_true")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    prefixes = ["a", "d", "p"] if args.three_column else ["e", "p"]
    header = ["respondent_id"] + [f"{prefix}{item}" for prefix in prefixes for item in range(1, 23)]
    if not args.three_column:
        header += [f"w_{d}" for d in DIMENSIONS]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(header)
    for r in range(args.n):
        columns = {prefix: [""] * 22 for prefix in prefixes}
        for item in range(22):
            if rng.random() < 0.03:
                continue
            if args.three_column:
                adequate = rng.randint(1, 8)
                columns["a"][item] = adequate
                columns["d"][item] = rng.randint(adequate, 9)
                columns["p"][item] = rng.randint(1, 9)
            else:
                columns["e"][item] = rng.randint(4, 7)
                columns["p"][item] = rng.randint(1, 7)
        row = [f"R{r + 1:07d}"] + [value for prefix in prefixes for value in columns[prefix]]
        if not args.three_column:
            if r % 10 == 9:
                row += [""] * 5
            else:
                cuts = sorted(rng.randint(0, 100) for _ in range(4))
                row += [b - a for a, b in zip([0] + cuts, cuts + [100])]
        out.writerow(row)


if __name__ == "__main__":
    main()
