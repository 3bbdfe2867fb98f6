#!/usr/bin/env python3
"""Writes N valid customer rows in Kefu's CSV import format (README › Customer CSV format).

Deterministic for a given N and --seed: realistic Chinese names (people and organisations),
unique Chinese mobile numbers and unique emails, tiers, stages, tags, some addresses and
birthdays. Every row is valid under the default settings (region CN, tiers VIP/gold/standard),
so an import of the file into a fresh database imports all N rows.

    scripts/bench/gen-customers.py 1000000 > customers.csv
"""
import argparse
import csv
import random
import sys

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建文辉力鹏飞宇浩然子轩梓涵一诺欣怡雨桐思远嘉怡俊杰晨曦佳琪文博晓东海燕春梅志强国庆德华小明小红丹丹"
CITIES = ["北京市朝阳区", "上海市浦东新区", "广州市天河区", "深圳市南山区", "杭州市西湖区", "成都市武侯区",
          "武汉市洪山区", "南京市鼓楼区", "西安市雁塔区", "重庆市渝中区", "苏州市工业园区", "天津市和平区"]
STREETS = ["人民路", "解放路", "中山路", "建设路", "和平街", "长江路", "新华路", "文化路"]
ORG_WORDS = ["华信", "金诚", "天元", "博远", "恒达", "鼎盛", "瑞丰", "星辰", "海纳", "东方"]
ORG_KINDS = ["科技有限公司", "贸易有限公司", "餐饮管理有限公司", "汽车服务有限公司", "物业管理有限公司"]
TIERS = ["standard"] * 7 + ["gold"] * 2 + ["VIP"]
STAGES = ["new", "returning", "loyal", "at_risk", "lost"]
TAGS = ["车主", "老客户", "高价值", "投诉过", "会员", "潜在客户", "团购", "线上", "门店", "生日关怀", "vip-event", "wechat"]
DOMAINS = ["example.com", "example.cn", "mail.example.net", "corp.example.org"]
MOBILE_PREFIXES = ["13", "15", "17", "18", "19"]


def phone(i: int) -> str:
    """A unique 11-digit mobile per i: a fixed prefix plus a bijection of i over 9 digits."""
    prefix = MOBILE_PREFIXES[i % len(MOBILE_PREFIXES)]
    return prefix + "%09d" % ((i // len(MOBILE_PREFIXES) * 387420489 + 12345) % 1_000_000_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["name", "kind", "phone", "email", "tier", "tags", "stage", "gender", "birthday", "address",
                  "organization", "consent_sms", "remarks"])
    for i in range(args.rows):
        if rng.random() < 0.1:
            kind = "organization"
            name = rng.choice(CITIES)[:2] + rng.choice(ORG_WORDS) + rng.choice(ORG_KINDS)
            organization, gender, birthday = "", "", ""
        else:
            kind = "person"
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            organization = rng.choice(ORG_WORDS) + rng.choice(ORG_KINDS) if rng.random() < 0.2 else ""
            gender = rng.choice(("female", "male", "unspecified"))
            birthday = "%04d-%02d-%02d" % (rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)) \
                if rng.random() < 0.5 else ""
        email = "user%d.%s@%s" % (i, "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(4)),
                                  DOMAINS[i % len(DOMAINS)])
        tags = ";".join(rng.sample(TAGS, rng.choice((0, 1, 1, 2, 2, 3))))
        address = rng.choice(CITIES) + rng.choice(STREETS) + "%d号" % rng.randint(1, 999) if rng.random() < 0.6 else ""
        remarks = "偏好周末上门, 需提前电话联系" if rng.random() < 0.1 else ""
        out.writerow([name, kind, phone(i), email, rng.choice(TIERS), tags, rng.choice(STAGES), gender, birthday,
                      address, organization, "true" if rng.random() < 0.5 else "false", remarks])


if __name__ == "__main__":
    main()
