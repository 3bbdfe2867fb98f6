#!/usr/bin/env python3
"""Writes N purchase rows in Kefu's purchase CSV import format (README › Purchase CSV format).

The customers are those of `gen-customers.py CUSTOMERS` (named by their phone, which that script
makes unique per row), so import that file first. Deterministic for a given N, CUSTOMERS and --seed:
purchases of one to four lines (one row each, consecutive rows sharing `source` + `external_ref`),
dated over the two years before --until in Beijing time, totals equal to the lines' sum (every tenth
with a small discount), every twentieth purchase without lines. Every row is valid under the default
settings (CNY, region CN), so an import into that database imports every purchase.

    scripts/bench/gen-purchases.py 1000000 --customers 100000 > purchases.csv
"""
import argparse
import csv
import datetime
import importlib.util
import pathlib
import random
import sys

_spec = importlib.util.spec_from_file_location("gen_customers", pathlib.Path(__file__).with_name("gen-customers.py"))
gen_customers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_customers)

PRODUCTS = [("LATTE", "拿铁", "饮品", 3200), ("AMERICANO", "美式咖啡", "饮品", 2800), ("CAKE", "芝士蛋糕", "甜点", 4500),
            ("OIL-5W30", "机油 5W-30", "保养", 39900), ("TIRE-205", "轮胎 205/55R16", "轮胎", 65000),
            ("WASH", "精致洗车", "服务", 8800), ("ROOM-KING", "大床房", "客房", 52800), ("SPA", "水疗套餐", "服务", 39800),
            ("CARD-100", "储值卡 100 元", "储值", 10000), ("GIFT", "生日礼盒", "礼品", 16800)]
BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("--customers", type=int, default=100_000, help="rows of the gen-customers.py file")
    parser.add_argument("--until", default="2026-01-01", help="the latest purchase date (YYYY-MM-DD)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    until = datetime.datetime.fromisoformat(args.until).replace(tzinfo=BEIJING)
    span = 2 * 365 * 86_400
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["customer_phone", "purchased_at", "total", "source", "external_ref", "sku", "name", "category",
                  "quantity", "unit_price"])
    written, number = 0, 0
    while written < args.rows:
        number += 1
        customer = gen_customers.phone(rng.randrange(args.customers))
        at = (until - datetime.timedelta(seconds=rng.randrange(span))).isoformat()
        if number % 20 == 0:
            out.writerow([customer, at, "%d.%02d" % divmod(rng.randrange(1000, 100000), 100), "pos", "P%d" % number,
                          "", "", "", "", ""])
            written += 1
            continue
        lines = rng.sample(PRODUCTS, min(rng.choice((1, 1, 2, 2, 3, 4)), args.rows - written))
        quantities = [rng.choice((1, 1, 1, 2, 3)) for _ in lines]
        total = sum(q * price for q, (_, _, _, price) in zip(quantities, lines))
        if number % 10 == 0:
            total -= total // 20
        for index, ((sku, name, category, price), quantity) in enumerate(zip(lines, quantities)):
            first = index == 0
            out.writerow([customer if first else "", at if first else "", "%d.%02d" % divmod(total, 100) if first else "",
                          "pos", "P%d" % number, sku, name, category, quantity, "%d.%02d" % divmod(price, 100)])
        written += len(lines)


if __name__ == "__main__":
    main()
