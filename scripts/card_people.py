"""People for the rendered business cards: names, job titles, departments and slogans per language.

Every name here is made up for the test set (scripts/render_cards.py); any likeness is chance.
"""

from __future__ import annotations

GIVEN = {
    "en": "Oliver Amelia Harriet Callum Priya Marcus Eleanor Declan Imogen Rhys Tobias Fiona "
    "Gareth Yasmin Conor Bethany Nathaniel Aisha Duncan Rosalind Kwame Sienna Barnaby Leah",
    "de": "Jürgen Anneliese Maximilian Söhnke Friederike Björn Katharina Lutz Henrike Matthias "
    "Ursula Jörg Wiebke Konstantin Gesine Torsten Marlene Volker Ingrid Florian Dörte Niklas "
    "Theresa Rüdiger",
    "fr": "Amélie Étienne Clémence Hélène François Gaëlle Benoît Anaïs Jérôme Solène Thibault "
    "Océane Mathieu Brigitte Raphaël Ségolène Yannick Éloïse Grégoire Margaux Loïc Aurélie "
    "Cédric Noémie",
    "es": "Alejandro Lucía Íñigo Begoña Álvaro Montserrat Sergio Ainhoa Joaquín Rocío Rubén "
    "Nuria Ignacio Pilar Gonzalo Marta Óscar Itziar Fernando Inmaculada Jesús Elena Andrés "
    "Carmen",
    "pt": "João Conceição Gonçalo Inês Tiago Beatriz Rodrigo Leonor Sebastião Márcia Vitória "
    "Caio Lívia Thiago Fernanda Rafael Luíza André Simone Henrique Graça Bruno Teresa Anderson",
    "pl": "Łukasz Małgorzata Grzegorz Agnieszka Paweł Katarzyna Wojciech Żaneta Michał Joanna "
    "Bartłomiej Dorota Przemysław Ewa Krzysztof Magdalena Zbigniew Urszula Jędrzej Aleksandra "
    "Tomasz Beata Radosław Iwona",
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

# Prefixes printed before a name (part of the printed name, not of given or family).
HONORIFICS = {
    "en": ["Dr.", "Prof."],
    "de": ["Dr.", "Prof. Dr.", "Dipl.-Ing.", "Mag."],
    "fr": ["Dr", "Me"],
    "es": ["Dr.", "Dra."],
    "pt": ["Dr.", "Eng.ª", "Prof."],
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
        "Geschäftsführer",
        "Geschäftsführerin",
        "Vertriebsleiter",
        "Leiterin Einkauf",
        "Projektingenieur",
        "Softwareentwicklerin",
        "Prokurist",
        "Steuerberaterin",
        "Bereichsleiter Logistik",
        "Key Account Managerin",
        "Technischer Leiter",
        "Referentin Öffentlichkeitsarbeit",
        "Vorstandsvorsitzender",
        "Rechtsanwalt",
        "Teamleiterin Kundenservice",
        "Architekt",
    ],
    "fr": [
        "Directeur général",
        "Directrice commerciale",
        "Ingénieur d'études",
        "Responsable des achats",
        "Chef de projet",
        "Chargée de communication",
        "Président-directeur général",
        "Expert-comptable",
        "Directrice financière",
        "Consultant senior",
        "Responsable marketing",
        "Ingénieure logiciel",
        "Avocate associée",
        "Gérant",
    ],
    "es": [
        "Director General",
        "Directora Comercial",
        "Jefe de Proyecto",
        "Ingeniera de Software",
        "Responsable de Compras",
        "Gerente de Ventas",
        "Consejero Delegado",
        "Abogada",
        "Directora Financiera",
        "Técnico Comercial",
        "Arquitecta",
        "Jefa de Marketing",
        "Consultor Sénior",
    ],
    "pt": [
        "Diretor Executivo",
        "Diretora Comercial",
        "Gerente de Projetos",
        "Engenheira de Software",
        "Gerente de Vendas",
        "Sócio-Gerente",
        "Administradora",
        "Analista de Sistemas",
        "Diretor Financeiro",
        "Consultora Sénior",
        "Coordenador de Marketing",
        "Advogada",
        "Engenheiro Civil",
    ],
    "pl": [
        "Prezes Zarządu",
        "Dyrektor Handlowy",
        "Kierownik Projektu",
        "Specjalista ds. Sprzedaży",
        "Inżynier Oprogramowania",
        "Główna Księgowa",
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
