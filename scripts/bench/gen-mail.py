#!/usr/bin/env python3
"""Writes N RFC 5322 messages, one file each, for `kefu mail ingest` (scripts/bench/mail-ingest.sh,
docs/PERFORMANCE.md › "Email ingest").

    scripts/bench/gen-mail.py 10000 /tmp/mail

Files are named `NNNNN-TTTTT.eml`: NNNNN is the order to deliver them in, TTTTT the conversation
(thread) the message belongs to. Every conversation is one customer writing from an address of their
own: it opens with a new message and goes on with replies (`In-Reply-To` and `References` naming the
customer's previous message, a QQ Mail-style quoted history under the answer), delivered after it,
interleaved with other conversations. About 70 % of the conversations are one message, the longest
four, so no sender comes near the per-sender limit (`service_desk.mail_per_sender_per_minute`, 20).
Subjects: about 40 % GBK and 10 % GB2312 encoded words (the 163/QQ/Outlook-zh shapes), 35 % UTF-8
encoded words, the rest plain English; bodies in UTF-8 base64 or GBK quoted-printable; about 3 % carry
an attachment of 8-120 KB (base64), and 2 % are HTML only. Deterministic for a given N and --seed.
"""
import argparse
import base64
import os
import quopri
import random
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

SUBJECTS_ZH = ["空调不制冷", "退款申请", "发票开错了", "会员积分未到账", "预约改期", "投诉服务态度", "门店排队太久",
               "车辆保养咨询", "订单配送延迟", "房间清洁问题", "账户无法登录", "优惠券无法使用", "退货地址是哪里",
               "快递丢件", "发票抬头修改"]
SUBJECTS_EN = ["Invoice request", "Refund not received", "Booking change", "Wrong item delivered",
               "Cannot log in", "Question about my order"]
LINES_ZH = ["你好，我上周买的空调一直不制冷。", "订单号是 {order}，请帮忙查一下。", "已经等了三天还没有回复。",
            "麻烦尽快处理，谢谢！", "发票抬头应该是我们公司的全称。", "积分到现在还没有到账。",
            "能不能安排师傅明天上门？", "上次维修之后又出现同样的问题。"]
LINES_EN = ["Hello, my order {order} has not arrived yet.", "Could you please check the status?",
            "I was charged twice for the same item.", "Thanks in advance for your help."]
NAMES = ["王小明", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "Emily Chen", "John Smith"]
DOMAINS = ["qq.com", "163.com", "126.com", "foxmail.com", "outlook.com", "gmail.com", "sina.com", "example.cn"]


def encoded_word(text, charset):
    return "=?%s?B?%s?=" % (charset, base64.b64encode(text.encode("gb18030" if charset != "UTF-8" else "utf-8"))
                            .decode())


def subject_header(rng, subject):
    roll = rng.random()
    if all(ord(c) < 128 for c in subject):
        return subject
    if roll < 0.45:
        return encoded_word(subject, "GBK")
    if roll < 0.56:
        return encoded_word(subject, "GB2312")
    return encoded_word(subject, "UTF-8")


def body_part(rng, text):
    """Headers and body of a text/plain part: UTF-8 base64 or GBK quoted-printable."""
    if rng.random() < 0.4:
        encoded = quopri.encodestring(text.encode("gb18030")).decode("ascii")
        return ["Content-Type: text/plain; charset=GBK", "Content-Transfer-Encoding: quoted-printable"], encoded
    encoded = base64.encodebytes(text.encode("utf-8")).decode("ascii")
    return ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64"], encoded


def message(rng, seq, thread, sender, subject, previous, when):
    chinese = not all(ord(c) < 128 for c in subject)
    lines = LINES_ZH if chinese else LINES_EN
    order = "ORD%08d" % rng.randrange(10 ** 8)
    text = "\n".join(rng.choice(lines).format(order=order) for _ in range(rng.randint(1, 4)))
    message_id = "<%d.%d@%s>" % (thread, seq, sender[1].split("@")[1])
    headers = ["Return-Path: <%s>" % sender[1], "Delivered-To: support@shop.test",
               "From: %s <%s>" % (encoded_word(sender[0], "UTF-8"), sender[1]), "To: support@shop.test",
               "Date: " + format_datetime(when), "Message-ID: " + message_id, "MIME-Version: 1.0"]
    if previous:
        headers += ["In-Reply-To: " + previous[0], "References: " + " ".join(previous[1] + [previous[0]])]
        subject = ("回复：" if chinese else "Re: ") + subject
        text += ("\n\n------------------ 原始邮件 ------------------\n发件人: \"%s\" <%s>\n\n" % sender
                 + "\n".join("> " + line for line in previous[2].split("\n")))
    headers.append("Subject: " + subject_header(rng, subject))
    roll = rng.random()
    if roll < 0.03:
        boundary = "----=_Part_%d" % seq
        part_headers, part = body_part(rng, text)
        size = rng.randint(8 * 1024, 120 * 1024)
        name = encoded_word("发票%d.pdf" % seq, "GBK")
        attachment = base64.encodebytes(rng.randbytes(size)).decode("ascii")
        headers.append('Content-Type: multipart/mixed; boundary="%s"' % boundary)
        body = "\n".join(["--" + boundary] + part_headers + ["", part, "--" + boundary,
                         'Content-Type: application/pdf; name="%s"' % name,
                         'Content-Disposition: attachment; filename="%s"' % name,
                         "Content-Transfer-Encoding: base64", "", attachment, "--" + boundary + "--", ""])
    elif roll < 0.05:
        html = "<html><head><style>p{color:#333}</style></head><body>%s</body></html>" % "".join(
            "<p>%s</p>" % line for line in text.split("\n"))
        headers += ["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64"]
        body = base64.encodebytes(html.encode("utf-8")).decode("ascii")
    else:
        part_headers, body = body_part(rng, text)
        headers += part_headers
    raw = "\n".join(headers) + "\n\n" + body
    return raw, message_id, text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.directory, exist_ok=True)
    # Conversation lengths (1-4 messages) until they hold `count` messages.
    lengths = []
    while sum(lengths) < args.count:
        lengths.append(min(rng.choices([1, 2, 3, 4], weights=[70, 18, 8, 4])[0], args.count - sum(lengths)))
    # Delivery order: a conversation's messages in order, conversations interleaved.
    slots = []
    for thread, length in enumerate(lengths):
        start = rng.random()
        slots += [(start + step * rng.uniform(0.001, 0.05), thread, step) for step in range(length)]
    slots.sort()
    state = {}
    base = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    for seq, (_, thread, step) in enumerate(slots):
        if step == 0:
            name = rng.choice(NAMES)
            sender = (name, "c%05d@%s" % (thread, rng.choice(DOMAINS)))
            subject = rng.choice(SUBJECTS_ZH if rng.random() < 0.8 else SUBJECTS_EN)
            state[thread] = (sender, subject, None)
        sender, subject, previous = state[thread]
        raw, message_id, text = message(rng, seq, thread, sender, subject, previous, base + timedelta(seconds=seq))
        references = (previous[1] + [previous[0]]) if previous else []
        state[thread] = (sender, subject, (message_id, references, text))
        with open(os.path.join(args.directory, "%05d-%05d.eml" % (seq, thread)), "w", encoding="ascii") as out:
            out.write(raw)


if __name__ == "__main__":
    main()
