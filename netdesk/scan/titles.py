"""Job titles and departments in the card languages (English, German, French, Spanish,
Portuguese, Polish, Chinese, Japanese): a line holding one of these words is a title or a
department, not a name."""

from __future__ import annotations

import re

# Words (or word starts, for the languages that decline or compound them) of job titles.
_TITLE_WORDS_TEXT = (
    # English
    "ceo cto cfo coo cmo cio cpo ciso vp svp evp founder co-founder cofounder owner partner "
    "president chairman chairwoman chair director manager head lead engineer developer "
    "designer architect consultant analyst specialist officer executive assistant associate "
    "advisor adviser scientist researcher professor lecturer teacher attorney lawyer counsel "
    "accountant editor writer journalist producer coordinator administrator representative "
    "sales\\s+rep agent broker recruiter strategist technician nurse physician doctor surgeon "
    "principal intern trainee supervisor superintendent secretary treasurer programmer "
    "evangelist advocate ambassador photographer artist curator librarian pharmacist "
    "therapist dentist product\\s+owner scrum\\s+master managing senior junior chief "
    "solicitor barrister notary auditor controller buyer planner "
    # German
    "geschäftsführer geschäftsführerin inhaber inhaberin gründer gründerin mitgründer "
    "vorstand vorständin vorsitzender vorsitzende leiter leiterin leitung abteilungsleiter "
    "teamleiter referent referentin berater beraterin entwickler entwicklerin ingenieur "
    "ingenieurin projektleiter projektleiterin prokurist prokuristin vertriebsleiter "
    "sachbearbeiter sachbearbeiterin assistenz assistentin mitarbeiter mitarbeiterin "
    "rechtsanwalt rechtsanwältin steuerberater steuerberaterin architektin designerin "
    "direktor direktorin präsident präsidentin fachberater kaufmann kauffrau "
    "softwareentwickler softwareentwicklerin verkaufsleiter bereichsleiter architekt "
    "technischer kaufmännischer "
    # French
    "directeur directrice gérant gérante fondateur fondatrice cofondateur président "
    "présidente responsable chef ingénieur ingénieure développeur développeuse chargé chargée "
    "conseiller conseillère consultante commercial commerciale avocat avocate comptable "
    "associé associée chercheur chercheuse professeur professeure attaché attachée "
    "gestionnaire technicien technicienne délégué déléguée adjoint adjointe expert experte "
    "comptable "
    # Spanish
    "director directora gerente fundador fundadora cofundador cofundadora presidente "
    "presidenta jefe jefa responsable ingeniero ingeniera desarrollador desarrolladora "
    "consultor consultora asesor asesora abogado abogada contable analista coordinador "
    "coordinadora diseñador diseñadora técnico técnica socio socia ejecutivo ejecutiva "
    "investigador investigadora administrador administradora consejero consejera "
    "arquitecto arquitecta "
    # Portuguese
    "diretor diretora gestor gestora sócio sócia engenheiro engenheira desenvolvedor "
    "programador programadora advogado advogada contabilista contador contadora "
    "coordenador coordenadora designer projetista pesquisador pesquisadora executivo "
    "executiva assessor assessora arquiteto arquiteta "
    # Polish
    "prezes wiceprezes dyrektor dyrektorka kierownik kierowniczka menedżer menadżer "
    "specjalista specjalistka inżynier programista programistka projektant projektantka "
    "konsultant konsultantka doradca właściciel właścicielka założyciel założycielka "
    "członek przedstawiciel przedstawicielka handlowiec księgowa księgowy radca adwokat "
    "analityk asystent asystentka koordynator koordynatorka zarządu prokurent główna główny "
    "specjalistka"
)
_TITLE_WORDS = _TITLE_WORDS_TEXT.split()
# German titles are compounds ("Projektingenieur", "Vorstandsvorsitzender") with a feminine
# "-in" ("Key Account Managerin"): these stems count inside a word too.
_COMPOUND_STEMS = (
    "leiter|ingenieur|entwickler|berater|führer|vorsitzende|referent|manager|architekt|"
    "kaufmann|kauffrau|prokurist|anwalt|assistent|sachbearbeiter|direktor|vorstand"
)
_TITLE = re.compile(
    r"(?<!\w)(?:" + "|".join(_TITLE_WORDS) + r")(?:in|innen)?(?!\w)"
    r"|\w(?:" + _COMPOUND_STEMS + r")(?:in|innen|r|s)?(?!\w)",
    re.IGNORECASE,
)
_CJK_TITLE = re.compile(
    r"总经理|總經理|经理|經理|总监|總監|董事长|董事長|董事|总裁|總裁|主任|工程师|工程師|"
    r"设计师|設計師|顾问|顧問|创始人|創辦人|合伙人|主管|专员|專員|秘书|秘書|社長|部長|課長|"
    r"係長|取締役|代表|会長|室長|主任|マネージャー|エンジニア|デザイナー|コンサルタント|"
    r"ディレクター|研究员|研究員|教授|副总|副總|执行官|CEO|CTO"
)
_DEPARTMENT_WORDS_TEXT = (
    "department dept dept. division abteilung bereich département service direction "
    "departamento división divisão área dział departament pion wydział zespół"
)
_DEPARTMENT_WORDS = _DEPARTMENT_WORDS_TEXT.split()
_DEPARTMENT = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(word) for word in _DEPARTMENT_WORDS) + r")(?![\w-])"
    r"|\wabteilung\b",
    re.IGNORECASE,
)
# A department line starts with one of these words, whatever words follow ("Département
# Commercial", "Service des Achats", "Dział Sprzedaży").
_DEPARTMENT_FIRST = re.compile(
    r"^(?:department|abteilung|département|departement|service|direction|departamento|dział|"
    r"departament|división|divisão|wydział)(?:\b|(?=[A-ZÀ-Þ]))",
    re.IGNORECASE,
)
# Departments printed by their area alone.
_AREAS = {
    "finance", "finances", "human resources", "hr", "customer service", "customer services",
    "customer success", "corporate communications", "communications", "research & development",
    "research and development", "r&d", "general affairs", "quality assurance", "sales",
    "marketing", "procurement", "purchasing", "operations", "legal", "it", "engineering",
    "vertrieb", "einkauf", "kundenservice", "technik", "personal", "marketing & vertrieb",
    "forschung und entwicklung", "forschung & entwicklung", "buchhaltung", "logistik",
    "ressources humaines", "service client", "achats", "comptabilité", "recursos humanos",
    "atención al cliente", "compras", "ventas", "atendimento ao cliente", "vendas",
    "financeiro", "kadry", "księgowość", "sprzedaż", "international division",
    "business development", "product management", "public relations", "partnerships",
    "sales & marketing", "sales and marketing", "customer care", "data science",
    "geschäftsentwicklung", "unternehmensentwicklung", "développement commercial",
    "desarrollo de negocio", "desarrollo de negocios", "desenvolvimento de negócios",
    "rozwój biznesu",
}  # fmt: skip
_AREAS_GLUED = {area.replace(" ", "") for area in _AREAS if " " in area}
_CJK_DEPARTMENT = re.compile(r"[^\s]{1,8}(?:部|課|科|室|処|中心|事业部|事業部|本部)$")


# A slogan speaks to the reader ("Your partner since 1987", "Ihr Partner für Präzision").
_SLOGAN = re.compile(
    r"(?<!\w)(?:your|our|we|ihr|ihre|unser|unsere|wir|votre|notre|nous|tu|tus|su|nuestro|"
    r"nuestra|seu|sua|nosso|nossa|twój|twoja|nasz|nasza|since|seit|depuis|desde|od)(?!\w)",
    re.IGNORECASE,
)


def is_slogan(text: str) -> bool:
    """Does the line speak to the reader ("Your partner", "Wir bewegen Ideen")?"""
    return bool(_SLOGAN.search(text))


def is_title(text: str) -> bool:
    """Does the line name a job (a title word, or a CJK title)?"""
    if _SLOGAN.search(text):
        return False
    return bool(_TITLE.search(text) or _CJK_TITLE.search(text))


def is_department(text: str, *, area_alone: bool = True) -> bool:
    """Is the line a department ("Sales Department", "Abteilung Vertrieb", "营业部", or with
    `area_alone` an area such as "Human Resources")? A line naming a job too ("Head of Sales
    Department") is a title."""
    clean = text.strip(" .,:")
    if (area_alone and _is_area(clean)) or _DEPARTMENT_FIRST.match(clean):
        return True
    if _CJK_DEPARTMENT.search(clean) and not _CJK_TITLE.search(clean):
        return True
    return bool(_DEPARTMENT.search(text)) and not _TITLE.search(text)


def _is_area(text: str) -> bool:
    """ "Human Resources", also as "HumanResources" (the space lost)."""
    flat = text.casefold()
    return flat in _AREAS or flat in _AREAS_GLUED


def department_text(text: str) -> str:
    """The department as printed, with a space put back where the text reader glued two of its
    words ("DirectionFinancière", "HumanResources")."""
    if text.casefold() in _AREAS_GLUED:
        return re.sub(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])", " ", text)
    found = _DEPARTMENT_FIRST.match(text)
    if found and found.end() < len(text) and text[found.end()] != " ":
        return f"{text[: found.end()]} {text[found.end() :]}"
    return text


def split_title_department(text: str) -> tuple[str, str]:
    """A line such as "Sales Manager | Marketing Department" -> (title, department); the whole
    line as title when it does not split."""
    for separator in (" | ", " · ", " • ", " — ", " – ", ", ", " - "):
        if separator in text:
            left, right = (part.strip() for part in text.split(separator, 1))
            # "General Manager, Sales" is one title: only a department word splits it off.
            if is_title(left) and is_department(right, area_alone=False):
                return left, right
            if is_department(left, area_alone=False) and is_title(right):
                return right, left
    return text, ""
