"""Labels printed before phones, emails, web and postal addresses on the rendered cards."""

from __future__ import annotations

# Phone labels per language: (label, kind). The kind is what a careful person would pick.
PHONE_LABELS = {
    "en": {
        "mobile": ["M", "Mob", "Mobile", "Cell", "M:", "Mobile:"],
        "work": ["T", "Tel", "Phone", "Office", "Direct", "T:", "Tel:", "P"],
        "fax": ["F", "Fax", "F:", "Fax:"],
    },
    "de": {
        "mobile": ["M", "Mobil", "Handy", "Mobil:", "M:", "Mob."],
        "work": ["T", "Tel.", "Telefon", "Fon", "Tel.:", "T:", "Büro"],
        "fax": ["F", "Fax", "Fax:", "F:"],
    },
    "fr": {
        "mobile": ["Mob.", "Portable", "Port.", "Mobile :", "M"],
        "work": ["Tél.", "Tél. :", "Tel", "T", "Ligne directe", "Standard"],
        "fax": ["Fax", "Fax :", "Télécopie", "F"],
    },
    "es": {
        "mobile": ["Móvil", "Móv.", "M", "Móvil:", "Cel."],
        "work": ["Tel.", "Teléfono", "T", "Tel.:", "Tfno."],
        "fax": ["Fax", "Fax:", "F"],
    },
    "pt": {
        "mobile": ["Telemóvel", "Tlm.", "Cel.", "Celular", "M"],
        "work": ["Tel.", "Telefone", "T", "Tel.:", "Fone"],
        "fax": ["Fax", "Fax:", "F"],
    },
    "pl": {
        "mobile": ["kom.", "tel. kom.", "Komórka", "M", "Tel. kom.:"],
        "work": ["tel.", "Tel.", "T", "tel.:", "Telefon"],
        "fax": ["fax", "Fax", "F", "faks"],
    },
    "zh": {
        "mobile": ["手机", "手机：", "M", "Mobile"],
        "work": ["电话", "电话：", "T", "Tel"],
        "fax": ["传真", "传真：", "F", "Fax"],
    },
    "ja": {
        "mobile": ["携帯", "携帯：", "Mobile", "M"],
        "work": ["TEL", "TEL:", "電話", "T"],
        "fax": ["FAX", "FAX:", "F"],
    },
}
EMAIL_LABELS = {
    "en": ["E", "Email", "E:", "e-mail"],
    "de": ["E-Mail", "E", "Mail:", "E-Mail:"],
    "fr": ["E-mail :", "Courriel :", "E"],
    "es": ["Email:", "Correo:", "E"],
    "pt": ["E-mail:", "Email", "E"],
    "pl": ["e-mail:", "E", "E-mail"],
    "zh": ["邮箱：", "Email:", "E"],
    "ja": ["E-mail:", "Mail", "E"],
}
WEB_LABELS = {
    "en": ["W", "Web", "W:"],
    "de": ["Web", "W", "Internet:"],
    "fr": ["Web :", "Site :"],
    "es": ["Web:", "W"],
    "pt": ["Site:", "Web"],
    "pl": ["www:", "Web"],
    "zh": ["网址：", "Web"],
    "ja": ["URL", "Web"],
}
ADDRESS_LABELS = {
    "en": ["Address:"],
    "de": ["Anschrift:", "Adresse:"],
    "fr": ["Adresse :"],
    "es": ["Dirección:"],
    "pt": ["Morada:", "Endereço:"],
    "pl": ["Adres:"],
    "zh": ["地址："],
    "ja": ["住所："],
}
INFO_BOX = {
    "en": ["info", "hello", "sales"],
    "de": ["info", "kontakt", "vertrieb"],
    "fr": ["contact", "info", "commercial"],
    "es": ["info", "contacto", "ventas"],
    "pt": ["geral", "contato", "comercial"],
    "pl": ["biuro", "kontakt", "info"],
    "zh": ["info", "service"],
    "ja": ["info", "contact"],
}
MASTODON_HOSTS = ["mastodon.social", "fosstodon.org", "chaos.social", "mstdn.jp", "piaille.fr"]
