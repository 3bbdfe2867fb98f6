#!/usr/bin/env python3
"""Writes N tickets straight into a migrated Kefu SQLite database, for the inbox and ticket-search
benchmarks (docs/PERFORMANCE.md). Not a Kefu interface: rows are shaped as migration 015 leaves
them, with the search columns Kefu itself would write, and the FTS triggers index them as they go.

    scripts/bench/gen-tickets.py kefu.sqlite 1000000 --agent-email bench-admin@example.test

Deterministic for a given N and --seed. The customers must be there already (e.g. from
`kefu import customers` of gen-customers.py). About 7 % of the tickets are open (new, open,
pending customer, on hold; `--open-share` changes that), the rest resolved or closed; 2 % are assigned to the agent named by
--agent-email, who is made the only member of a team "Bench" that holds 5 % of the tickets, and 1 %
of the tickets are open and unassigned. Subjects, descriptions and 0–3 messages come from a
vocabulary of service phrases; every ticket also carries a unique order code (`ORD` + 8 digits).
"""
import argparse
import random
import sqlite3
import sys
import time
import uuid

SUBJECTS = ["空调不制冷", "退款申请", "发票补开", "会员积分未到账", "预约改期", "投诉服务态度", "门店排队太久",
            "车辆保养咨询", "订单配送延迟", "房间清洁问题", "账户无法登录", "优惠券无法使用", "Invoice request",
            "Refund not received", "Booking change", "Wrong item delivered"]
PHRASES = ["客户来电反映", "希望尽快处理", "已经等了三天", "上次维修后又出现", "要求给个说法", "门店经理已致歉",
           "需要上门检查", "已核实订单信息", "客户情绪比较激动", "建议补偿优惠券", "please call back",
           "customer is waiting", "second time this month"]
PRODUCTS = ["格力空调", "美的冰箱", "海尔洗衣机", "大床房", "行政酒廊", "保养套餐", "储蓄卡", "信用卡", "外卖订单",
            "生日蛋糕", "轮胎更换", "机油"]
REPLIES = ["您好，已为您登记，我们会尽快处理。", "师傅明天上午上门。", "退款已提交，3 到 5 个工作日到账。",
           "We have escalated this to the branch manager.", "内部备注：客户是老会员，优先处理。", "已补发优惠券。"]
TYPES = ["inquiry"] * 5 + ["request"] * 3 + ["complaint"] * 2 + ["compliment"]
CHANNELS = ["phone", "email", "web", "chat", "social", "walk_in"]
PRIORITIES = ["low", "normal", "normal", "normal", "high", "urgent"]
OPEN = ["new", "open", "pending_customer", "on_hold"]


def is_gram(code: int) -> bool:
    """`SearchGrams.isGramScalar`: CJK ideographs, kana and Hangul syllables."""
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3134F or 0x3041 <= code <= 0x3096 or 0x30A1 <= code <= 0x30FA
            or 0xAC00 <= code <= 0xD7A3)


def grams(text: str) -> str:
    """`SearchGrams.grams(of:)`: each gram character and adjacent pair of a run, first occurrence kept."""
    out, seen, run = [], set(), []

    def end_run():
        for c in run:
            if c not in seen:
                seen.add(c)
                out.append(c)
        for a, b in zip(run, run[1:]):
            if a + b not in seen:
                seen.add(a + b)
                out.append(a + b)
        run.clear()

    for c in text:
        if is_gram(ord(c)):
            run.append(c)
        elif run:
            end_run()
    end_run()
    return " ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("tickets", type=int)
    parser.add_argument("--agent-email", required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--spread-days", type=float, default=730,
                        help="tickets are created over this many days up to now; default two years")
    parser.add_argument("--open-share", type=float, default=0.07,
                        help="share of tickets left open (new, open, pending customer, on hold); default 0.07")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = sqlite3.connect(args.database, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    customers = db.execute("SELECT id, name_key FROM customers WHERE merged_into IS NULL").fetchall()
    if not customers:
        sys.exit("gen-tickets.py: no customers in %s" % args.database)
    agent = db.execute("SELECT id FROM users WHERE email = ?", (args.agent_email,)).fetchone()
    if agent is None:
        sys.exit("gen-tickets.py: no user %s" % args.agent_email)
    agent = agent[0]
    start = db.execute("SELECT coalesce(max(number), 0) FROM tickets").fetchone()[0]
    now = time.time()
    db.execute("BEGIN")
    team = str(uuid.uuid4()).upper()
    db.execute("INSERT INTO teams (id, name, round_robin_position, created_at, updated_at) VALUES (?, 'Bench', 0, ?, ?)",
               (team, now, now))
    db.execute("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", (team, agent))
    # Forty-nine more agents (no password: they cannot sign in) share the other assigned tickets.
    others = []
    for k in range(49):
        other = str(uuid.uuid4()).upper()
        db.execute("INSERT INTO users (id, email, name, role, password_hash, active, available, created_at, updated_at) "
                   "VALUES (?, ?, ?, 'agent', '!', 1, 1, ?, ?)",
                   (other, "bench-agent-%d-%d@example.test" % (args.seed, k), "坐席%d" % k, now, now))
        others.append(other)
    started = time.time()
    batch = []
    for i in range(args.tickets):
        number = start + i + 1
        # Spread over the last --spread-days, in creation order.
        created = now - (args.tickets - i) * (args.spread_days * 86400 / args.tickets)
        customer_id, customer_name = customers[rng.randrange(len(customers))]
        subject = rng.choice(SUBJECTS) + ("：" + rng.choice(PRODUCTS) if rng.random() < 0.6 else "")
        description = "，".join(rng.sample(PHRASES, rng.randint(1, 3))) + "。订单 ORD%08d" % (i * 7919 % 100_000_000)
        messages = [rng.choice(REPLIES) for _ in range(rng.choice((0, 1, 1, 2, 3)))]
        roll = rng.random()
        status = rng.choice(OPEN) if roll < args.open_share else ("resolved" if roll < 0.3 else "closed")
        team_id = team if rng.random() < 0.05 else None
        if status in OPEN and rng.random() < 0.143:
            assignee_id = None
        else:
            assignee_id = agent if rng.random() < 0.02 else others[rng.randrange(len(others))]
        search_text = "\n".join(["T-%06d" % number, subject, description] + messages).lower()
        row = (str(uuid.UUID(int=(int(created * 1000) << 80) | rng.getrandbits(80))).upper(), number,
               rng.choice(TYPES), rng.choice(CHANNELS), subject, description, rng.choice(PRIORITIES), status,
               customer_id, team_id, assignee_id, assignee_id, created,
               created + 3600 if status in ("resolved", "closed") else None,
               created + 7200 if status == "closed" else None, "[]", search_text, customer_name,
               grams(search_text + "\n" + customer_name), created, created + 600)
        batch.append(row)
        if len(batch) == 2000 or i == args.tickets - 1:
            db.executemany(
                """INSERT INTO tickets (id, number, type, channel, subject, description, priority, status,
                   customer_id, team_id, owner_id, assignee_id, received_at, resolved_at, closed_at, tags,
                   search_text, customer_name, search_grams, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                batch)
            batch.clear()
        if (i + 1) % 100_000 == 0:
            print("gen-tickets.py: %d tickets, %.0f/s" % (i + 1, (i + 1) / (time.time() - started)), file=sys.stderr)
    db.execute("INSERT INTO sequences (name, value) VALUES ('ticket', ?) "
               "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (start + args.tickets,))
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main()
