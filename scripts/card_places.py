"""Places for the rendered business cards: countries, addresses, companies, registry numbers.

Every company, street number and registry number here is made up for the test set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Region:
    code: str  # ISO country, as phonenumbers knows it
    language: str
    country: str  # the country's name as printed on a card of that language
    tlds: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]  # (postcode, city)
    streets: tuple[str, ...]
    stems: tuple[str, ...]  # company name parts
    sectors: tuple[str, ...]
    suffixes: tuple[str, ...]
    fixed: tuple[str, ...] = field(default=())  # area codes (national significant number start)
    mobile: tuple[str, ...] = field(default=())


REGIONS = {
    "GB": Region(
        "GB",
        "en",
        "United Kingdom",
        ("co.uk", "uk", "com"),
        (
            ("OX1 4AW", "Oxford"),
            ("M2 5DB", "Manchester"),
            ("LS1 4HR", "Leeds"),
            ("EC2A 4BX", "London"),
            ("BS1 6QH", "Bristol"),
            ("EH2 2ER", "Edinburgh"),
        ),
        ("High Street", "Canal Wharf", "Victoria Road", "Kingsway", "Mill Lane", "Queen Street"),
        ("Thornbury", "Ashgrove", "Brightwater", "Kestrel", "Hollins", "Redbrook", "Fenwick"),
        ("Analytics", "Engineering", "Logistics", "Consulting", "Design", "Holdings"),
        ("Ltd", "Limited", "PLC", "LLP"),
        ("1865 2", "161 496", "113 496", "20 7946", "117 496", "131 496"),
        ("7700", "7911", "7825"),
    ),
    "US": Region(
        "US",
        "en",
        "USA",
        ("com", "io", "us"),
        (
            ("10118", "New York, NY"),
            ("94105", "San Francisco, CA"),
            ("60601", "Chicago, IL"),
            ("78701", "Austin, TX"),
            ("02110", "Boston, MA"),
            ("98101", "Seattle, WA"),
        ),
        (
            "Fifth Avenue",
            "Market Street",
            "Lake Shore Drive",
            "Congress Avenue",
            "Boylston Street",
            "Pine Street",
        ),
        ("Summit", "Bluegate", "Cedar Ridge", "Northstar", "Ironwood", "Lakeview", "Granite"),
        ("Systems", "Partners", "Labs", "Capital", "Solutions", "Health"),
        ("Inc.", "LLC", "Corp.", "Co."),
        ("212 555 01", "415 555 01", "312 555 01", "512 555 01", "617 555 01", "206 555 01"),
        ("646 555 01", "917 555 01"),
    ),
    "DE": Region(
        "DE",
        "de",
        "Deutschland",
        ("de", "com", "eu"),
        (
            ("10117", "Berlin"),
            ("80331", "München"),
            ("20095", "Hamburg"),
            ("50667", "Köln"),
            ("70173", "Stuttgart"),
            ("04109", "Leipzig"),
            ("90402", "Nürnberg"),
        ),
        (
            "Friedrichstraße",
            "Königsallee",
            "Am Wehrhahn",
            "Lindenstraße",
            "Hafenweg",
            "Schillerplatz",
            "Gartenstraße",
            "Industriestraße",
        ),
        (
            "Brenner",
            "Nordlicht",
            "Weißdorn",
            "Kranich",
            "Rheinfeld",
            "Hofmann",
            "Elbtal",
            "Sonnenberg",
            "Steinbach",
        ),
        (
            "Anlagenbau",
            "Software",
            "Logistik",
            "Medien",
            "Haustechnik",
            "Consulting",
            "Steuerberatung",
            "Maschinenbau",
        ),
        ("GmbH", "AG", "GmbH & Co. KG", "UG (haftungsbeschränkt)", "KG", "e.V.", "SE"),
        ("30", "89", "40", "221", "711", "341", "911"),
        ("151", "160", "170", "171", "176"),
    ),
    "AT": Region(
        "AT",
        "de",
        "Österreich",
        ("at",),
        (("1060", "Wien"), ("8010", "Graz"), ("5020", "Salzburg"), ("6020", "Innsbruck")),
        ("Mariahilfer Straße", "Herrengasse", "Getreidegasse", "Landstraßer Hauptstraße"),
        ("Alpen", "Donau", "Edelweiß", "Bergkristall"),
        ("Holzbau", "Technik", "Handel", "Beratung"),
        ("GmbH", "AG", "OG"),
        ("1", "316", "662", "512"),
        ("664", "676", "699"),
    ),
    "CH": Region(
        "CH",
        "de",
        "Schweiz",
        ("ch",),
        (("8001", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("6003", "Luzern")),
        ("Bahnhofstrasse", "Marktgasse", "Seestrasse", "Freie Strasse"),
        ("Helvetia", "Rigi", "Seeland", "Matterhorn"),
        ("Präzision", "Treuhand", "Informatik", "Uhren"),
        ("AG", "GmbH", "SA"),
        ("44", "31", "61", "41"),
        ("79", "78", "76"),
    ),
    "FR": Region(
        "FR",
        "fr",
        "France",
        ("fr", "com", "eu"),
        (
            ("75002", "Paris"),
            ("69002", "Lyon"),
            ("13001", "Marseille"),
            ("33000", "Bordeaux"),
            ("31000", "Toulouse"),
            ("44000", "Nantes"),
            ("67000", "Strasbourg"),
        ),
        (
            "rue de la Paix",
            "avenue Jean Jaurès",
            "boulevard Haussmann",
            "quai des Chartrons",
            "rue Sainte-Catherine",
            "place Bellecour",
            "rue du Faubourg Saint-Antoine",
        ),
        ("Lumière", "Vauban", "Belle Rive", "Mistral", "Castel", "Océane", "Saint-Clair"),
        ("Ingénierie", "Conseil", "Transports", "Bâtiment", "Informatique", "Patrimoine"),
        ("SAS", "SARL", "S.A.", "SA", "EURL", "SCOP"),
        ("1", "4", "4", "5", "5", "2", "3"),
        ("6", "7"),
    ),
    "ES": Region(
        "ES",
        "es",
        "España",
        ("es", "com"),
        (
            ("28014", "Madrid"),
            ("08007", "Barcelona"),
            ("46002", "Valencia"),
            ("41004", "Sevilla"),
            ("48001", "Bilbao"),
            ("50001", "Zaragoza"),
        ),
        (
            "Calle de Alcalá",
            "Paseo de Gracia",
            "Gran Vía",
            "Calle Mayor",
            "Avenida de la Constitución",
            "Calle Colón",
        ),
        ("Ibérica", "Solaria", "Montesol", "Levante", "Cantábrica", "Alhambra", "Almenara"),
        ("Ingeniería", "Consultores", "Logística", "Construcciones", "Tecnologías", "Asesores"),
        ("S.L.", "S.A.", "S.L.U.", "S.Coop."),
        ("91", "93", "96", "95", "94", "976"),
        ("6", "7"),
    ),
    "PT": Region(
        "PT",
        "pt",
        "Portugal",
        ("pt", "com"),
        (
            ("1100-053", "Lisboa"),
            ("4000-322", "Porto"),
            ("3000-150", "Coimbra"),
            ("8000-138", "Faro"),
            ("4700-435", "Braga"),
        ),
        (
            "Rua Augusta",
            "Avenida da Liberdade",
            "Rua de Santa Catarina",
            "Praça do Comércio",
            "Rua Ferreira Borges",
        ),
        ("Lusitana", "Atlântico", "Tejo", "Douro", "Alvorada", "Gaivota"),
        ("Engenharia", "Consultoria", "Transportes", "Sistemas", "Construções"),
        ("Lda.", "S.A.", "Unipessoal Lda."),
        ("21", "22", "239", "289", "253"),
        ("91", "93", "96"),
    ),
    "BR": Region(
        "BR",
        "pt",
        "Brasil",
        ("com.br",),
        (
            ("01310-200", "São Paulo - SP"),
            ("20040-002", "Rio de Janeiro - RJ"),
            ("30130-010", "Belo Horizonte - MG"),
            ("80010-000", "Curitiba - PR"),
            ("90010-150", "Porto Alegre - RS"),
        ),
        (
            "Av. Paulista",
            "Rua da Assembleia",
            "Av. Afonso Pena",
            "Rua XV de Novembro",
            "Av. Borges de Medeiros",
        ),
        ("Ipê", "Aurora", "Horizonte", "Serra Verde", "Jacarandá", "Cruzeiro"),
        ("Tecnologia", "Engenharia", "Consultoria", "Logística", "Alimentos"),
        ("Ltda.", "S.A.", "EIRELI", "ME"),
        ("11 3", "21 2", "31 3", "41 3", "51 3"),
        ("11 9", "21 9", "31 9", "41 9", "51 9"),
    ),
    "PL": Region(
        "PL",
        "pl",
        "Polska",
        ("pl", "com.pl", "eu"),
        (
            ("00-514", "Warszawa"),
            ("31-042", "Kraków"),
            ("80-831", "Gdańsk"),
            ("50-106", "Wrocław"),
            ("61-772", "Poznań"),
            ("90-001", "Łódź"),
        ),
        (
            "ul. Marszałkowska",
            "ul. Floriańska",
            "ul. Długa",
            "al. Jerozolimskie",
            "ul. Świdnicka",
            "ul. Półwiejska",
        ),
        ("Wisła", "Bursztyn", "Orzeł", "Sokół", "Tatry", "Mazowsze", "Jantar"),
        ("Budownictwo", "Systemy", "Logistyka", "Doradztwo", "Technologie", "Inżynieria"),
        ("Sp. z o.o.", "S.A.", "sp.k.", "Sp. z o.o. sp.k."),
        ("22", "12", "58", "71", "61", "42"),
        ("50", "60", "69", "79", "88"),
    ),
    "CN": Region(
        "CN",
        "zh",
        "中国",
        ("cn", "com.cn"),
        (
            ("100022", "北京市朝阳区"),
            ("200120", "上海市浦东新区"),
            ("518057", "深圳市南山区"),
            ("310012", "杭州市西湖区"),
            ("510620", "广州市天河区"),
        ),
        ("建国路", "世纪大道", "科技园南路", "文三路", "天河路"),
        ("华信", "东方", "长城", "金桥", "瑞达", "天成", "新元"),
        ("科技", "贸易", "电子", "咨询", "物流"),
        ("有限公司", "股份有限公司", "集团有限公司"),
        ("10 6", "21 5", "755 8", "571 8", "20 3"),
        ("13", "15", "18"),
    ),
    "JP": Region(
        "JP",
        "ja",
        "日本",
        ("co.jp", "jp"),
        (
            ("100-0005", "東京都千代田区丸の内"),
            ("530-0001", "大阪府大阪市北区梅田"),
            ("450-0002", "愛知県名古屋市中村区名駅"),
            ("810-0001", "福岡県福岡市中央区天神"),
        ),
        ("",),
        ("サクラ", "富士", "みらい", "青葉", "東洋", "大和", "ひかり"),
        ("電機", "商事", "システム", "工業", "ソリューションズ"),
        ("株式会社", "有限会社"),
        ("3", "6", "52", "92"),
        ("90", "80", "70"),
    ),
}

# Latin spellings of the CJK company stems and sectors (their web and email domains).
CJK_LATIN = {
    "华信": "huaxin",
    "东方": "dongfang",
    "长城": "changcheng",
    "金桥": "jinqiao",
    "瑞达": "ruida",
    "天成": "tiancheng",
    "新元": "xinyuan",
    "科技": "tech",
    "贸易": "trade",
    "电子": "electronics",
    "咨询": "consulting",
    "物流": "logistics",
    "サクラ": "sakura",
    "富士": "fuji",
    "みらい": "mirai",
    "青葉": "aoba",
    "東洋": "toyo",
    "大和": "yamato",
    "ひかり": "hikari",
    "電機": "denki",
    "商事": "shoji",
    "システム": "systems",
    "工業": "kogyo",
    "ソリューションズ": "solutions",
}


def digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def registry_lines(rng: random.Random, region: str, city: str) -> list[str]:
    """Tax ids, registry numbers and bank details a card may print (never phones)."""
    d = lambda n: digits(rng, n)  # noqa: E731
    options = {
        "GB": [
            f"Company No. {d(8)}",
            f"VAT Reg. No. GB {d(3)} {d(4)} {d(2)}",
            f"Registered in England & Wales No. {d(8)}",
        ],
        "US": [f"EIN {d(2)}-{d(7)}", f"NMLS ID {d(6)}"],
        "DE": [
            f"USt-IdNr. DE{d(9)}",
            f"HRB {d(5)} · Amtsgericht {city}",
            f"IBAN DE{d(2)} {d(4)} {d(4)} {d(4)} {d(4)} {d(2)}",
            f"Steuer-Nr. {d(2)}/{d(3)}/{d(5)}",
        ],
        "AT": [f"UID ATU{d(8)}", f"FN {d(6)}a, Handelsgericht {city}"],
        "CH": [f"UID CHE-{d(3)}.{d(3)}.{d(3)} MWST"],
        "FR": [
            f"SIRET {d(3)} {d(3)} {d(3)} {d(5)}",
            f"TVA FR{d(2)} {d(9)}",
            f"RCS {city} B {d(3)} {d(3)} {d(3)}",
            f"Capital social {d(2)} 000 €",
        ],
        "ES": [f"CIF B{d(8)}", f"NIF A-{d(8)}", f"Inscrita en el Registro Mercantil, Tomo {d(5)}"],
        "PT": [f"NIF {d(9)}", f"Capital social {d(3)}.000 €"],
        "BR": [f"CNPJ {d(2)}.{d(3)}.{d(3)}/0001-{d(2)}", f"CREA {d(10)}"],
        "PL": [
            f"NIP {d(3)}-{d(3)}-{d(2)}-{d(2)}",
            f"KRS {d(10)}",
            f"REGON {d(9)}",
            f"kapitał zakładowy {d(3)} 000 zł",
        ],
        "CN": [f"统一社会信用代码 91{d(14)}X{d(1)}", f"开户行账号 {d(4)} {d(4)} {d(4)} {d(4)}"],
        "JP": [f"登録番号 T{d(13)}", f"法人番号 {d(13)}", f"資本金 {d(1)},000万円"],
    }
    return options[region]
