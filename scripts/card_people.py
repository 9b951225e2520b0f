"""People for the rendered business cards: names, job titles, departments and slogans per language.

Every name here is made up for the test set (scripts/render_cards.py); any likeness is chance.
"""

from __future__ import annotations

# Given names per language: (women's names, men's names).
GIVEN = {
    "en": (
        "Amelia Harriet Priya Eleanor Imogen Fiona Yasmin Bethany Aisha Rosalind Sienna Leah",
        "Oliver Callum Marcus Declan Rhys Tobias Gareth Conor Nathaniel Duncan Kwame Barnaby",
    ),
    "de": (
        "Anneliese Friederike Katharina Henrike Ursula Wiebke Gesine Marlene Ingrid Dörte Theresa",
        "Jürgen Maximilian Söhnke Björn Lutz Matthias Jörg Konstantin Torsten Volker Florian "
        "Niklas Rüdiger",
    ),
    "fr": (
        "Amélie Clémence Hélène Gaëlle Anaïs Solène Océane Brigitte Ségolène Éloïse Margaux "
        "Aurélie Noémie",
        "Étienne François Benoît Jérôme Thibault Mathieu Raphaël Yannick Grégoire Loïc Cédric",
    ),
    "es": (
        "Lucía Begoña Montserrat Ainhoa Rocío Nuria Pilar Marta Itziar Inmaculada Elena Carmen",
        "Alejandro Íñigo Álvaro Sergio Joaquín Rubén Ignacio Gonzalo Óscar Fernando Jesús Andrés",
    ),
    "pt": (
        "Conceição Inês Beatriz Leonor Márcia Vitória Lívia Fernanda Luíza Simone Graça Teresa",
        "João Gonçalo Tiago Rodrigo Sebastião Caio Thiago Rafael André Henrique Bruno Anderson",
    ),
    "pl": (
        "Małgorzata Agnieszka Katarzyna Żaneta Joanna Dorota Ewa Magdalena Urszula Aleksandra "
        "Beata Iwona",
        "Łukasz Grzegorz Paweł Wojciech Michał Bartłomiej Przemysław Krzysztof Zbigniew Jędrzej "
        "Tomasz Radosław",
    ),
}

FAMILY = {
    "en": "Whitmore Ashcroft Pemberton Okonkwo Fairbairn Hargreaves Thistlewood Marchetti "
    "Blackwood Kingsley Ramsbottom Delacroix-Hunt Featherstone Nakamura-Price Osei Lindqvist "
    "Carrington Holloway McAllister Penrose Thackeray Winslow Abernethy Sandoval",
    "de": "Brenninger Oßwald Kühnemann Schäfer-Lindau Hölzl Vogelsang Wüstenberg Dreßler "
    "Fürstenau Kießling Lammert Pfannenstiel Rößler Ziegenhagen Baumgärtner Ostermeier "
    "Grünwald Heidkamp Möllenbeck Tschöpe Weißhaupt Jankowiak Ebersberger Quandtmeyer",
    "fr": "Lefèvre Delaunay Bérenger Marchetti-Roux Giraudoux Lacombe Vasseur Desrosiers "
    "Fontaine Mercier-Laurent Chabrol Duquesne Bonnefoy Lemaître Rochefort Vautrin Ménard "
    "Séverac Tessier Aubertin Castaing Loiseau Peyrac Rivière",
    "es": "García Ortega|Fernández Ruiz|Echeverría|Jiménez Navarro|Sánchez Vidal|Iturralde|"
    "Martín Calvo|Domínguez|Rodríguez Peña|Urquijo|Villanueva|Castaño Gil|Ibáñez|Moreno Sáez|"
    "Aranda|Beltrán Ríos|Quintana|Salcedo|Zubiría|Herrero Llamas",
    "pt": "Gonçalves|Magalhães|Albuquerque Neto|Sousa Tavares|Carvalho|Figueiredo|Assunção|"
    "Brandão Lima|Medeiros|Vasconcelos|Ribeiro Costa|Nogueira|Junqueira|Fonseca|Castelo Branco|"
    "Amaral|Quintela|Damasceno|Loureiro|Pacheco",
    "pl": "Wiśniewski Kowalczyk Zieliński Szymańska Woźniak Dąbrowski Kamińska Lewandowski "
    "Jabłońska Grabowski Król Wróblewska Zając Pietrzak Kaczmarek Mazur Sikorska Nowicki "
    "Przybylski Żukowska Chmielewski Błaszczyk Górecka Michalak",
}

# (family in Hanzi / Kanji, its Latin spelling), (given, its Latin spelling)
CJK_FAMILY = {
    "zh": [
        ("王", "Wang"),
        ("李", "Li"),
        ("张", "Zhang"),
        ("刘", "Liu"),
        ("陈", "Chen"),
        ("杨", "Yang"),
        ("黄", "Huang"),
        ("赵", "Zhao"),
        ("周", "Zhou"),
        ("吴", "Wu"),
        ("徐", "Xu"),
        ("孙", "Sun"),
        ("马", "Ma"),
        ("朱", "Zhu"),
        ("胡", "Hu"),
        ("郭", "Guo"),
    ],
    "ja": [
        ("佐藤", "Sato"),
        ("鈴木", "Suzuki"),
        ("高橋", "Takahashi"),
        ("田中", "Tanaka"),
        ("伊藤", "Ito"),
        ("渡辺", "Watanabe"),
        ("山本", "Yamamoto"),
        ("中村", "Nakamura"),
        ("小林", "Kobayashi"),
        ("加藤", "Kato"),
        ("吉田", "Yoshida"),
        ("山口", "Yamaguchi"),
        ("松本", "Matsumoto"),
        ("井上", "Inoue"),
        ("木村", "Kimura"),
        ("清水", "Shimizu"),
    ],
}
CJK_GIVEN = {
    "zh": [
        ("伟", "Wei"),
        ("芳", "Fang"),
        ("建国", "Jianguo"),
        ("晓明", "Xiaoming"),
        ("丽娜", "Lina"),
        ("海涛", "Haitao"),
        ("静", "Jing"),
        ("志强", "Zhiqiang"),
        ("雪梅", "Xuemei"),
        ("俊杰", "Junjie"),
        ("婷婷", "Tingting"),
        ("宏宇", "Hongyu"),
        ("文博", "Wenbo"),
        ("佳怡", "Jiayi"),
    ],
    "ja": [
        ("健太", "Kenta"),
        ("美咲", "Misaki"),
        ("大輔", "Daisuke"),
        ("陽子", "Yoko"),
        ("翔太", "Shota"),
        ("由美", "Yumi"),
        ("拓也", "Takuya"),
        ("真由美", "Mayumi"),
        ("誠", "Makoto"),
        ("直樹", "Naoki"),
        ("恵子", "Keiko"),
        ("隆", "Takashi"),
        ("彩", "Aya"),
        ("浩二", "Koji"),
    ],
}

# Prefixes printed before a name (part of the printed name, not of given or family), and job
# titles: "masculine|feminine" where the language has both forms.
HONORIFICS = {
    "en": ["Dr.", "Prof."],
    "de": ["Dr.", "Prof. Dr.", "Dipl.-Ing.", "Mag."],
    "fr": ["Dr", "Me"],
    "es": ["Dr.|Dra.", "Ing."],
    "pt": ["Dr.|Dra.", "Eng.|Eng.ª", "Prof.|Prof.ª"],
    "pl": ["dr", "mgr inż.", "prof."],
    "zh": [],
    "ja": [],
}

TITLES = {
    "en": [
        "Managing Director",
        "Head of Sales",
        "Senior Software Engineer",
        "Chief Executive Officer",
        "Founder & CEO",
        "Key Account Manager",
        "Marketing Manager",
        "Project Engineer",
        "Chief Financial Officer",
        "Business Development Lead",
        "Product Designer",
        "Operations Manager",
        "Partner",
        "Solicitor",
        "Senior Consultant",
        "Head of Procurement",
        "Data Scientist",
        "Customer Success Manager",
    ],
    "de": [
        "Geschäftsführer|Geschäftsführerin",
        "Vertriebsleiter|Vertriebsleiterin",
        "Leiter Einkauf|Leiterin Einkauf",
        "Projektingenieur|Projektingenieurin",
        "Softwareentwickler|Softwareentwicklerin",
        "Prokurist|Prokuristin",
        "Steuerberater|Steuerberaterin",
        "Bereichsleiter Logistik|Bereichsleiterin Logistik",
        "Key Account Manager|Key Account Managerin",
        "Technischer Leiter|Technische Leiterin",
        "Referent Öffentlichkeitsarbeit|Referentin Öffentlichkeitsarbeit",
        "Vorstandsvorsitzender|Vorstandsvorsitzende",
        "Rechtsanwalt|Rechtsanwältin",
        "Teamleiter Kundenservice|Teamleiterin Kundenservice",
        "Architekt|Architektin",
    ],
    "fr": [
        "Directeur général|Directrice générale",
        "Directeur commercial|Directrice commerciale",
        "Ingénieur d'études|Ingénieure d'études",
        "Responsable des achats",
        "Chef de projet",
        "Chargé de communication|Chargée de communication",
        "Président-directeur général|Présidente-directrice générale",
        "Expert-comptable",
        "Directeur financier|Directrice financière",
        "Consultant senior|Consultante senior",
        "Responsable marketing",
        "Ingénieur logiciel|Ingénieure logiciel",
        "Avocat associé|Avocate associée",
        "Gérant|Gérante",
    ],
    "es": [
        "Director General|Directora General",
        "Director Comercial|Directora Comercial",
        "Jefe de Proyecto|Jefa de Proyecto",
        "Ingeniero de Software|Ingeniera de Software",
        "Responsable de Compras",
        "Gerente de Ventas",
        "Consejero Delegado|Consejera Delegada",
        "Abogado|Abogada",
        "Director Financiero|Directora Financiera",
        "Técnico Comercial|Técnica Comercial",
        "Arquitecto|Arquitecta",
        "Jefe de Marketing|Jefa de Marketing",
        "Consultor Sénior|Consultora Sénior",
    ],
    "pt": [
        "Diretor Executivo|Diretora Executiva",
        "Diretor Comercial|Diretora Comercial",
        "Gerente de Projetos",
        "Engenheiro de Software|Engenheira de Software",
        "Gerente de Vendas",
        "Sócio-Gerente|Sócia-Gerente",
        "Administrador|Administradora",
        "Analista de Sistemas",
        "Diretor Financeiro|Diretora Financeira",
        "Consultor Sénior|Consultora Sénior",
        "Coordenador de Marketing|Coordenadora de Marketing",
        "Advogado|Advogada",
        "Engenheiro Civil|Engenheira Civil",
    ],
    "pl": [
        "Prezes Zarządu",
        "Dyrektor Handlowy",
        "Kierownik Projektu",
        "Specjalista ds. Sprzedaży|Specjalistka ds. Sprzedaży",
        "Inżynier Oprogramowania",
        "Główny Księgowy|Główna Księgowa",
        "Członek Zarządu",
        "Kierownik Działu Zakupów",
        "Radca Prawny",
        "Architekt",
        "Dyrektor Finansowy",
        "Menedżer ds. Marketingu",
    ],
    "zh": [
        "总经理",
        "技术总监",
        "销售经理",
        "市场部经理",
        "高级工程师",
        "董事长",
        "财务总监",
        "项目经理",
        "首席执行官",
        "产品经理",
    ],
    "ja": [
        "代表取締役社長",
        "営業部長",
        "課長",
        "主任研究員",
        "取締役",
        "システムエンジニア",
        "マネージャー",
        "技術部長",
        "係長",
        "プロジェクトマネージャー",
    ],
}

DEPARTMENTS = {
    "en": [
        "Sales Department",
        "Research & Development",
        "Finance",
        "Human Resources",
        "Customer Services",
        "Engineering Department",
        "Corporate Communications",
    ],
    "de": [
        "Vertrieb",
        "Abteilung Forschung und Entwicklung",
        "Einkauf",
        "Personalabteilung",
        "Kundenservice",
        "Abteilung Finanzen",
        "Technik",
    ],
    "fr": [
        "Département Commercial",
        "Service des Achats",
        "Direction Financière",
        "Département Recherche et Développement",
        "Ressources humaines",
        "Service Client",
    ],
    "es": [
        "Departamento Comercial",
        "Departamento de Compras",
        "Recursos Humanos",
        "Departamento Técnico",
        "Atención al Cliente",
        "Departamento Financiero",
    ],
    "pt": [
        "Departamento Comercial",
        "Departamento de Compras",
        "Recursos Humanos",
        "Departamento Técnico",
        "Atendimento ao Cliente",
        "Departamento Financeiro",
    ],
    "pl": [
        "Dział Sprzedaży",
        "Dział Zakupów",
        "Dział Kadr",
        "Dział Techniczny",
        "Dział Obsługi Klienta",
        "Dział Finansowy",
    ],
    "zh": ["研发部", "销售部", "市场部", "财务部", "技术部", "人力资源部"],
    "ja": ["営業部", "技術開発部", "総務部", "経理部", "海外事業部", "品質管理部"],
}

# Printed text that is no field: slogans and mottos.
SLOGANS = {
    "en": [
        "Engineering that lasts",
        "Your partner since 1987",
        "Clear numbers. Calm minds.",
        "Made in Sheffield",
        "We make logistics boring",
        "Building tomorrow, responsibly",
    ],
    "de": [
        "Qualität seit 1952",
        "Wir bewegen Ideen",
        "Ihr Partner für Präzision",
        "Handwerk mit Herz",
        "Aus der Region, für die Region",
    ],
    "fr": [
        "L'excellence au quotidien",
        "Depuis 1968",
        "Ensemble, construisons demain",
        "Le goût du travail bien fait",
        "Votre réussite, notre métier",
    ],
    "es": [
        "Calidad desde 1975",
        "Soluciones que funcionan",
        "Tu socio de confianza",
        "Innovación con raíces",
        "Hecho en Valencia",
    ],
    "pt": [
        "Qualidade desde 1961",
        "Soluções que fazem a diferença",
        "Juntos vamos mais longe",
        "Tradição e inovação",
        "Feito com paixão",
    ],
    "pl": [
        "Jakość od 1991 roku",
        "Razem budujemy przyszłość",
        "Twój partner w biznesie",
        "Precyzja i zaufanie",
        "Tradycja i nowoczesność",
    ],
    "zh": ["诚信 创新 共赢", "专业成就未来", "品质源于专注"],
    "ja": ["未来をつくる技術", "信頼と品質", "お客様の笑顔のために"],
}
