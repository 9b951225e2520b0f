"""Backs of two-sided cards, and the truth of both sides read as one contact."""

from __future__ import annotations

import random
import re
from typing import Any

import phonenumbers
from card_content import Segment, Side, slug

SECTORS_EN = {
    "科技": "Technology",
    "贸易": "Trading",
    "电子": "Electronics",
    "咨询": "Consulting",
    "物流": "Logistics",
    "電機": "Electric",
    "商事": "Trading",
    "システム": "Systems",
    "工業": "Industries",
    "ソリューションズ": "Solutions",
}
SUFFIX_EN = {
    "有限公司": "Co., Ltd.",
    "股份有限公司": "Co., Ltd.",
    "集团有限公司": "Group Co., Ltd.",
    "株式会社": "Co., Ltd.",
    "有限会社": "Ltd.",
}
STEMS_EN = {
    "华信": "Huaxin",
    "东方": "Dongfang",
    "长城": "Great Wall",
    "金桥": "Jinqiao",
    "瑞达": "Ruida",
    "天成": "Tiancheng",
    "新元": "Xinyuan",
    "サクラ": "Sakura",
    "富士": "Fuji",
    "みらい": "Mirai",
    "青葉": "Aoba",
    "東洋": "Toyo",
    "大和": "Yamato",
    "ひかり": "Hikari",
}
TITLES_EN = {
    "总经理": "General Manager",
    "技术总监": "Technical Director",
    "销售经理": "Sales Manager",
    "市场部经理": "Marketing Manager",
    "高级工程师": "Senior Engineer",
    "董事长": "Chairman",
    "财务总监": "Finance Director",
    "项目经理": "Project Manager",
    "首席执行官": "CEO",
    "产品经理": "Product Manager",
    "代表取締役社長": "President & CEO",
    "営業部長": "General Manager, Sales",
    "課長": "Section Manager",
    "主任研究員": "Senior Researcher",
    "取締役": "Director",
    "システムエンジニア": "Systems Engineer",
    "マネージャー": "Manager",
    "技術部長": "Head of Engineering",
    "係長": "Assistant Manager",
    "プロジェクトマネージャー": "Project Manager",
}
DEPTS_EN = {
    "研发部": "R&D Department",
    "销售部": "Sales Department",
    "市场部": "Marketing Department",
    "财务部": "Finance Department",
    "技术部": "Technical Department",
    "人力资源部": "Human Resources",
    "営業部": "Sales Department",
    "技術開発部": "Engineering Department",
    "総務部": "General Affairs",
    "経理部": "Accounting Department",
    "海外事業部": "International Division",
    "品質管理部": "Quality Assurance",
}
PLACES_EN = {
    "北京市朝阳区": ("Chaoyang District", "Beijing"),
    "上海市浦东新区": ("Pudong New Area", "Shanghai"),
    "深圳市南山区": ("Nanshan District", "Shenzhen"),
    "杭州市西湖区": ("Xihu District", "Hangzhou"),
    "广州市天河区": ("Tianhe District", "Guangzhou"),
    "東京都千代田区丸の内": ("Marunouchi, Chiyoda-ku", "Tokyo"),
    "大阪府大阪市北区梅田": ("Umeda, Kita-ku", "Osaka"),
    "愛知県名古屋市中村区名駅": ("Meieki, Nakamura-ku", "Nagoya"),
    "福岡県福岡市中央区天神": ("Tenjin, Chuo-ku", "Fukuoka"),
}
STREETS_EN = {
    "建国路": "Jianguo Road",
    "世纪大道": "Century Avenue",
    "科技园南路": "Kejiyuan South Road",
    "文三路": "Wensan Road",
    "天河路": "Tianhe Road",
}
CONNECT = ["Let's connect", "Scan to connect", "Find me online", "Follow us"]


def english_back(rng: random.Random, front: Side) -> Side:
    """The English side of a Chinese or Japanese card: the same person, romanised."""
    back = Side("en", front.region)
    given, family = front.latin_name.split(" ", 1)
    back.name = f"{given} {family.upper()}" if rng.random() < 0.4 else front.latin_name
    org = f"{STEMS_EN[front.stem]} {SECTORS_EN[front.sector]} {SUFFIX_EN[front.suffix]}"
    if front.region == "CN" and rng.random() < 0.5:
        org = f"{PLACES_EN[front.place.get('city', '北京市朝阳区')][1]} {org}"
    back.organization = back.org_printed = org
    back.title = TITLES_EN.get(front.title, "")
    back.department = DEPTS_EN.get(front.department, "")
    phones = []
    for line in front.contacts:
        for seg in line:
            if "@" in seg.value and "." in seg.value and not seg.value.startswith("@"):
                back.contacts.append([Segment(seg.value, "E-mail:" if seg.label else "")])
            elif re.fullmatch(r"[+\d][\d ()./-]+", seg.value):
                number = phonenumbers.parse(seg.value, front.region)
                intl = phonenumbers.format_number(
                    number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
                )
                kind = next(p["kind"] for p in front.truth["phones"] if p["number"] == seg.value)
                label = {"mobile": "Mobile", "work": "Tel", "fax": "Fax"}.get(kind, "")
                back.contacts.append([Segment(intl, label)])
                phones.append({"number": intl, "kind": kind if label else ""})
            else:
                back.contacts.append([Segment(seg.value, seg.label if seg.label.isascii() else "")])
    address: list[str] = []
    if front.place:
        district, city = PLACES_EN[front.place["city"]]
        if front.region == "CN":
            street = STREETS_EN[front.place["street"]]
            address = [
                f"{front.place['floor']}F, No. {front.place['num']} {street}",
                f"{district}, {city} {front.place['postcode']}",
                "China",
            ]
        else:
            address = [
                f"{front.place['block']} {district}",
                f"{city} {front.place['postcode']}",
                "Japan",
            ]
    back.address = address
    back.truth = {
        "name": back.name,
        "given": given,
        "family": family,
        "title": back.title,
        "organization": org,
        "department": back.department,
        "emails": list(front.truth["emails"]),
        "phones": phones,
        "urls": list(front.truth["urls"]),
        "address": ", ".join(address),
        "unplaced": [],
        "language": "en",
        "region": front.region,
        "not_phones": [],
    }
    return back


def logo_back(rng: random.Random, front: Side) -> Side:
    """A back with the logo, the organisation, maybe the slogan and the web address."""
    back = Side(
        front.language, front.region, organization=front.organization, org_printed=front.org_printed
    )
    urls: list[str] = []
    if rng.random() < 0.6:
        back.contacts.append([Segment(f"www.{front.domain}")])
        urls.append(f"https://www.{front.domain}")
    slogan = rng.choice(["", "Since 1987", "Quality first"] if front.language == "en" else [""])
    if front.truth["unplaced"] and rng.random() < 0.7:
        slogan = front.truth["unplaced"][0]
    back.extras = [slogan] if slogan else []
    back.truth = _empty(front.language, front.region) | {
        "organization": front.organization,
        "urls": urls,
        "unplaced": list(back.extras),
        "not_phones": [s for s in back.extras if s in front.truth["not_phones"]],
    }
    return back


def social_back(rng: random.Random, front: Side) -> Side:
    """A back that lists the person's social profiles under a short call to connect."""
    back = Side(front.language, front.region)
    handle = slug(front.latin_name, front.language).replace("-", ".")
    tag = handle.replace(".", "_")
    # the front's own profiles where it prints them: one person has one handle per network
    own = {url.split("/")[2].removeprefix("www."): url for url in front.truth["urls"]}
    linkedin = own.get("linkedin.com", f"https://www.linkedin.com/in/{handle.replace('.', '-')}")
    x = own.get("x.com", f"https://x.com/{tag}")
    mastodon = next(
        (u for u in front.truth["urls"] if "/@" in u), f"https://mastodon.social/@{tag}"
    )
    host, user = mastodon.removeprefix("https://").split("/@")
    back.contacts = [
        [Segment(linkedin.removeprefix("https://www."), "LinkedIn")],
        [Segment(f"@{user}@{host}", "Mastodon")],
        [Segment("@" + x.rsplit("/", 1)[1], "X")],
    ]
    urls = [linkedin, mastodon, x]
    back.extras = [rng.choice(CONNECT)]
    back.name = front.name if rng.random() < 0.5 else ""
    back.truth = _empty(front.language, front.region) | {
        "name": front.truth["name"] if back.name else "",
        "given": front.truth["given"] if back.name else "",
        "family": front.truth["family"] if back.name else "",
        "urls": urls,
        "unplaced": list(back.extras),
    }
    return back


def _empty(language: str, region: str) -> dict[str, Any]:
    return {
        "name": "",
        "given": "",
        "family": "",
        "title": "",
        "organization": "",
        "department": "",
        "emails": [],
        "phones": [],
        "urls": [],
        "address": "",
        "unplaced": [],
        "language": language,
        "region": region,
        "not_phones": [],
    }


def _key(text: str) -> str:
    return text.lower().removeprefix("https://").removeprefix("www.").rstrip("/")


def merged_truth(front: dict[str, Any], back: dict[str, Any]) -> dict[str, Any]:
    """Both sides as one contact: the front's fields first, the back adds what the front lacks."""
    out = dict(front)
    for key in ("name", "given", "family", "title", "organization", "department", "address"):
        out[key] = front[key] or back[key]
    for key in ("emails", "urls", "unplaced", "not_phones"):
        seen = {_key(v) for v in front[key]}
        out[key] = list(front[key]) + [v for v in back[key] if _key(v) not in seen]
    digits = {
        phonenumbers.format_number(
            phonenumbers.parse(p["number"], front["region"]), phonenumbers.PhoneNumberFormat.E164
        )
        for p in front["phones"]
    }
    out["phones"] = list(front["phones"]) + [
        p
        for p in back["phones"]
        if phonenumbers.format_number(
            phonenumbers.parse(p["number"], front["region"]), phonenumbers.PhoneNumberFormat.E164
        )
        not in digits
    ]
    return out
