"""Names for the invented demo people: given and family names by culture, nicknames, mail hosts."""

from __future__ import annotations

from dataclasses import dataclass

# Word lists read best a few to a line.
# fmt: off


@dataclass(frozen=True)
class Culture:
    """Names that go together, and the phone region of the people who carry them."""

    region: str
    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    # "Kowalski/Kowalska": the form after the slash is the feminine one.
    family: tuple[str, ...]
    # German speakers write ü as ue in email addresses rather than dropping the dots.
    umlaut_emails: bool = False


CULTURES: tuple[Culture, ...] = (
    Culture(
        "DE",
        22,
        ("Anna", "Lena", "Sophie", "Katharina", "Jana", "Miriam", "Franziska", "Lea", "Johanna",
         "Clara", "Sabine", "Änne", "Hannah", "Greta"),
        ("Lukas", "Felix", "Jörg", "Jürgen", "Maximilian", "Tobias", "Jan", "Moritz", "Florian",
         "Sebastian", "Björn", "Niklas", "Malte", "Till"),
        ("Müller", "Schröder", "Schmidt", "Weiß", "Becker", "Hoffmann", "Köhler", "Wagner",
         "Krüger", "Fischer", "Schäfer", "Bauer", "Koch", "Richter", "Groß", "Hähnel", "Vogel",
         "Wolff", "Zimmermann", "Lößner", "Brandt", "Kühn"),
        umlaut_emails=True,
    ),
    Culture(
        "AT",
        3,
        ("Valentina", "Magdalena", "Theresa", "Verena"),
        ("Lorenz", "Florian", "Stefan", "Dominik"),
        ("Gruber", "Huber", "Pichler", "Wimmer", "Steiner", "Eder"),
        umlaut_emails=True,
    ),
    Culture(
        "CH",
        3,
        ("Noemi", "Seraina", "Laura", "Mirjam"),
        ("Luca", "Reto", "Urs", "Gian"),
        ("Meier", "Brunner", "Keller", "Baumgartner", "Frei", "Schürch"),
        umlaut_emails=True,
    ),
    Culture(
        "PL",
        6,
        ("Agnieszka", "Małgorzata", "Zofia", "Katarzyna", "Joanna", "Alicja"),
        ("Łukasz", "Paweł", "Wojciech", "Michał", "Grzegorz", "Tomasz"),
        ("Kowalski/Kowalska", "Wiśniewski/Wiśniewska", "Nowak", "Wójcik",
         "Zieliński/Zielińska", "Szymański/Szymańska", "Dąbrowski/Dąbrowska",
         "Lewandowski/Lewandowska", "Kamiński/Kamińska", "Mazur"),
    ),
    Culture(
        "FR",
        6,
        ("Chloé", "Hélène", "Camille", "Élodie", "Manon", "Inès", "Zoé", "Margaux"),
        ("François", "Julien", "Théo", "Mathieu", "Jérôme", "Antoine", "Étienne", "Loïc"),
        ("Dubois", "Lefèvre", "Martin", "Bernard", "Moreau", "Girard", "Fontaine", "Rousseau",
         "Chevalier", "Bonnet", "Benoît"),
    ),
    Culture(
        "ES",
        5,
        ("María José", "Lucía", "Carmen", "Paula", "Inés", "Begoña", "Nuria"),
        ("José", "Javier", "Álvaro", "Sergio", "Íñigo", "Raúl", "Jordi"),
        ("García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Muñoz",
         "Jiménez", "Ruiz", "Ibáñez"),
    ),
    Culture(
        "PT",
        3,
        ("Inês", "Beatriz", "Conceição", "Mariana"),
        ("João", "Gonçalo", "Tiago", "Rui"),
        ("Silva", "Santos", "Ferreira", "Pereira", "Gonçalves", "Magalhães"),
    ),
    Culture(
        "NL",
        4,
        ("Zoë", "Sanne", "Femke", "Lotte", "Anouk", "Noë"),
        ("Daan", "Joris", "Sven", "Bram", "Thijs", "Sjoerd"),
        ("de Vries", "van den Berg", "Jansen", "Bakker", "Visser", "Smit", "van Dijk", "Mulder"),
    ),
    Culture(
        "IT",
        4,
        ("Giulia", "Chiara", "Francesca", "Martina", "Ilaria"),
        ("Lorenzo", "Matteo", "Niccolò", "Andrea", "Federico"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
         "De Luca"),
    ),
    Culture(
        "SE",
        3,
        ("Åsa", "Linnéa", "Maja", "Ingrid"),
        ("Björn", "Oskar", "Erik", "Måns"),
        ("Andersson", "Johansson", "Lindqvist", "Karlsson", "Nyström", "Öberg"),
    ),
    Culture(
        "DK",
        2,
        ("Freja", "Mette", "Ida"),
        ("Søren", "Mads", "Rasmus"),
        ("Jørgensen", "Nielsen", "Sørensen", "Christensen", "Møller"),
    ),
    Culture(
        "NO",
        2,
        ("Solveig", "Kari", "Ingvild"),
        ("Håkon", "Ørjan", "Lars"),
        ("Hansen", "Olsen", "Bråten", "Haugen", "Ødegård"),
    ),
    Culture(
        "FI",
        2,
        ("Aino", "Sanna", "Päivi"),
        ("Väinö", "Janne", "Jussi"),
        ("Virtanen", "Mäkinen", "Korhonen", "Nieminen", "Hämäläinen"),
    ),
    Culture(
        "CZ",
        2,
        ("Tereza", "Lucie", "Kateřina"),
        ("Jiří", "Tomáš", "Ondřej"),
        ("Novák/Nováková", "Dvořák/Dvořáková", "Černý/Černá", "Procházka/Procházková",
         "Růžička/Růžičková"),
    ),
    Culture(
        "HU",
        2,
        ("Zsófia", "Eszter", "Réka"),
        ("Gergő", "Bálint", "Ádám"),
        ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth"),
    ),
    Culture(
        "GR",
        1,
        ("Eleni", "Katerina", "Sofia"),
        ("Giorgos", "Nikos", "Dimitris"),
        ("Papadopoulos/Papadopoulou", "Georgiou", "Nikolaidis/Nikolaidou", "Oikonomou"),
    ),
    Culture(
        "TR",
        2,
        ("Ayşe", "Elif", "Zeynep", "Büşra"),
        ("Çağrı", "Emre", "Mehmet", "Barış"),
        ("Yılmaz", "Öztürk", "Kaya", "Demir", "Şahin", "Çelik"),
    ),
    Culture(
        "UA",
        2,
        ("Oksana", "Olena", "Yuliia"),
        ("Andrii", "Dmytro", "Oleksandr"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko"),
    ),
    Culture(
        "IE",
        2,
        ("Siobhán", "Niamh", "Aoife", "Saoirse"),
        ("Seán", "Cian", "Darragh", "Oisín"),
        ("O'Connor", "Murphy", "Ó Briain", "Kelly", "O'Sullivan", "Byrne"),
    ),
    Culture(
        "GB",
        7,
        ("Emily", "Charlotte", "Hannah", "Olivia", "Priya", "Amara"),
        ("James", "Oliver", "Harry", "Tom", "Rhys", "Callum"),
        ("Smith", "Jones", "Taylor", "Williams", "Brown", "Davies", "Evans", "Wilson", "Patel",
         "Khan", "Okafor"),
    ),
    Culture(
        "US",
        8,
        ("Emily", "Ashley", "Madison", "Jessica", "Keisha", "Megan", "Sofía"),
        ("Michael", "Tyler", "Brandon", "Jamal", "Chris", "Dan", "Mateo"),
        ("Johnson", "Miller", "Davis", "Rodríguez", "Garcia", "Washington", "Thompson", "Kim",
         "Nguyen", "Hernández"),
    ),
    Culture(
        "CA",
        2,
        ("Chloé", "Geneviève", "Emma"),
        ("Étienne", "Liam", "Noah"),
        ("Tremblay", "Gagnon", "Roy", "MacDonald", "Côté"),
    ),
    Culture(
        "IN",
        4,
        ("Priya", "Ananya", "Kavya", "Aditi", "Meera"),
        ("Arjun", "Rohan", "Vikram", "Siddharth", "Karthik"),
        ("Sharma", "Iyer", "Reddy", "Patel", "Gupta", "Nair", "Krishnan", "Banerjee"),
    ),
    Culture(
        "VN",
        2,
        ("Thảo", "Ngọc Anh", "Linh", "Hương"),
        ("Minh", "Đức", "Quang", "Huy"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"),
    ),
    Culture(
        "JP",
        2,
        ("Yuki", "Haruka", "Aiko", "Sakura"),
        ("Kenji", "Takumi", "Haruto", "Ren"),
        ("Tanaka", "Suzuki", "Takahashi", "Watanabe", "Itō", "Satō"),
    ),
    Culture(
        "CN",
        2,
        ("Li Na", "Xiaoling", "Mei", "Jing"),
        ("Wei", "Hao", "Jun", "Zhiwei"),
        ("Zhang", "Wang", "Li", "Chen", "Liu", "Zhou"),
    ),
    Culture(
        "NG",
        2,
        ("Chiamaka", "Ngozi", "Funmilayo", "Adaeze"),
        ("Oluwaseun", "Chinedu", "Emeka", "Tunde"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze"),
    ),
    Culture(
        "BR",
        2,
        ("Ana Clara", "Luíza", "Gabriela", "Fernanda"),
        ("João Pedro", "Thiago", "Rafael", "Lucas"),
        ("Souza", "Oliveira", "Carvalho", "Araújo", "Ribeiro"),
    ),
)

NICKNAMES: dict[str, str] = {
    "Maximilian": "Max",
    "Katharina": "Kathi",
    "Franziska": "Franzi",
    "Sebastian": "Basti",
    "Małgorzata": "Gosia",
    "Wojciech": "Wojtek",
    "Christopher": "Chris",
    "Oluwaseun": "Seun",
    "Funmilayo": "Funmi",
    "Alexandra": "Sasha",
    "Oleksandr": "Sasha",
    "Siddharth": "Sid",
    "Giorgos": "George",
    "Dimitris": "Jim",
    "Federico": "Fede",
}

PERSONAL_EMAIL_DOMAINS: tuple[str, ...] = (
    "posteo.de", "mailbox.org", "proton.me", "gmail.com", "fastmail.com", "outlook.com",
)

# fmt: on
