"""Word lists for the demo data: people, organisations, events, notes and follow-ups.

All people and organisations are invented; the event series are modelled on real community
events so that the sample looks like what a networker actually goes to.
"""

from __future__ import annotations

from dataclasses import dataclass

from netdesk.models import EventKind

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


@dataclass(frozen=True)
class Organisation:
    name: str
    domain: str
    # Which title list fits: "company", "startup", "investor", "research", "nonprofit",
    # "agency" or "freelance".
    kind: str
    tags: tuple[str, ...] = ()


ORGANISATIONS: tuple[Organisation, ...] = (
    Organisation("Kiezdata GmbH", "kiezdata.de", "startup", ("data",)),
    Organisation("Nordlicht Analytics", "nordlicht-analytics.de", "company", ("data",)),
    Organisation("Spreewerk Labs", "spreewerk.io", "startup", ("python",)),
    Organisation("Hafenkran Logistics", "hafenkran.de", "company"),
    Organisation("Lumen Health", "lumenhealth.eu", "startup", ("health tech",)),
    Organisation("Tessellate AI", "tessellate.ai", "startup", ("ml",)),
    Organisation("Fernweh Travel Tech", "fernweh.travel", "company"),
    Organisation("Sonnenfeld Energy", "sonnenfeld-energy.de", "company", ("climate tech",)),
    Organisation("Datafabryka", "datafabryka.pl", "startup", ("data",)),
    Organisation("Wisła Cloud", "wislacloud.pl", "company", ("cloud",)),
    Organisation("Tulipa Systems", "tulipa-systems.nl", "company"),
    Organisation("Grachtwerk", "grachtwerk.nl", "agency"),
    Organisation("Atelier Numérique", "atelier-numerique.fr", "agency", ("design",)),
    Organisation("Brique Logicielle", "brique-logicielle.fr", "startup"),
    Organisation("Sol y Código", "solycodigo.es", "agency"),
    Organisation("Lisboa Labs", "lisboalabs.pt", "startup"),
    Organisation("Vltava Data", "vltavadata.cz", "company", ("data",)),
    Organisation("Fjordline Analytics", "fjordline.no", "company", ("data",)),
    Organisation("Hygge Software", "hyggesoftware.dk", "company"),
    Organisation("Alpenrose AG", "alpenrose.ch", "company", ("fintech",)),
    Organisation("Thames Data Co", "thamesdata.co.uk", "company", ("data",)),
    Organisation("Hackney Health Tech", "hackneyhealth.co.uk", "startup", ("health tech",)),
    Organisation("Brooklyn Bytes", "brooklynbytes.com", "agency"),
    Organisation("Bay Signal Labs", "baysignal.io", "startup", ("ml",)),
    Organisation("Maple Leaf ML", "mapleleafml.ca", "startup", ("ml",)),
    Organisation("Kite & Kernel", "kitekernel.com", "company", ("rust",)),
    Organisation("Quiet Harbor Software", "quietharbor.dev", "company", ("open source",)),
    Organisation("Copperleaf Payments", "copperleaf-payments.com", "company", ("fintech",)),
    Organisation("Greenbyte Climate", "greenbyte.earth", "startup", ("climate tech",)),
    Organisation("Parcel Owl", "parcelowl.com", "startup"),
    Organisation("Mosaic Genomics", "mosaicgenomics.com", "company", ("bioinformatics",)),
    Organisation("Ledgerly", "ledgerly.io", "startup", ("fintech",)),
    Organisation("Nimbus Cloud Services", "nimbuscloud.com", "company", ("cloud",)),
    Organisation("Helix Software", "helixsoftware.com", "company"),
    Organisation("Atlas Mobility", "atlasmobility.eu", "company"),
    Organisation("Pixelhof", "pixelhof.de", "agency", ("design",)),
    Organisation("Bergmann Digital", "bergmann.digital", "agency"),
    Organisation("Ostsee Ventures", "ostsee.vc", "investor", ("investor",)),
    Organisation("Blue Fern Capital", "bluefern.vc", "investor", ("investor",)),
    Organisation("Seedhaus", "seedhaus.vc", "investor", ("investor",)),
    Organisation("Elbe Angels", "elbeangels.de", "investor", ("investor",)),
    Organisation("Kepler Institute for Data Science", "kepler-institute.org", "research"),
    Organisation("Europa-Universität Lindenau", "uni-lindenau.de", "research"),
    Organisation("Institut für Datenkultur", "datenkultur.org", "research", ("open data",)),
    Organisation("Code for Kiez e.V.", "codeforkiez.org", "nonprofit", ("community",)),
    Organisation("Open Maps Collective", "openmaps.coop", "nonprofit", ("open source",)),
)

FREELANCE = Organisation("", "", "freelance")

TITLES: dict[str, tuple[str, ...]] = {
    "company": (
        "Senior Backend Engineer", "Staff Software Engineer", "Data Scientist", "ML Engineer",
        "Data Engineer", "Frontend Developer", "Engineering Manager", "Head of Data", "CTO",
        "VP Engineering", "Product Manager", "UX Researcher", "DevOps Engineer",
        "Site Reliability Engineer", "Developer Advocate", "Security Engineer", "QA Lead",
        "Technical Writer", "Working Student", "Talent Acquisition Partner",
        "Community Manager", "Solutions Architect", "Software Engineer", "Analytics Engineer",
    ),
    "startup": (
        "Founder & CEO", "Co-founder & CTO", "Founding Engineer", "Senior Python Developer",
        "Data Scientist", "ML Engineer", "Head of Product", "Full-stack Developer",
        "Head of Engineering", "Growth Lead", "Software Engineer",
    ),
    "investor": ("Partner", "Principal", "Investment Associate", "Venture Partner", "Analyst"),
    "research": (
        "PhD Candidate", "Postdoctoral Researcher", "Professor of Computer Science",
        "Research Software Engineer", "Master's Student", "Lecturer in Data Science",
    ),
    "nonprofit": ("Community Organiser", "Programme Director", "Volunteer Coordinator",
                  "Board Member"),
    "agency": ("Consultant", "Senior Consultant", "Managing Director", "Creative Technologist",
               "Tech Lead", "UX Designer"),
    "freelance": ("Freelance Python Developer", "Independent Data Consultant",
                  "Technical Trainer", "Freelance UX Designer", "Open Source Maintainer"),
}

DEPARTMENTS: tuple[str, ...] = (
    "Platform", "Data", "Growth", "Infrastructure", "Research", "People & Culture",
    "Payments", "Developer Experience",
)

# Tags that follow from words in a title.
TITLE_TAGS: tuple[tuple[str, str], ...] = (
    ("Data", "data"),
    ("Analytics", "data"),
    ("ML", "ml"),
    ("Founder", "founder"),
    ("Co-founder", "founder"),
    ("Talent", "recruiter"),
    ("Advocate", "devrel"),
    ("Community", "community"),
    ("Student", "student"),
    ("PhD", "research"),
    ("Research", "research"),
    ("Frontend", "frontend"),
    ("UX", "design"),
    ("Security", "security"),
    ("Manager", "hiring"),
    ("Head of", "hiring"),
    ("CTO", "hiring"),
    ("Python", "python"),
)

# Tags handed out at random, with how often (in percent).
RANDOM_TAGS: tuple[tuple[str, int], ...] = (
    ("python", 45),
    ("open source", 10),
    ("mentor", 7),
    ("rust", 5),
    ("hiring", 6),
    ("remote", 8),
    ("job seeker", 4),
)

PERSONAL_EMAIL_DOMAINS: tuple[str, ...] = (
    "posteo.de", "mailbox.org", "proton.me", "gmail.com", "fastmail.com", "outlook.com",
)

CONTACT_NOTES: tuple[str, ...] = (
    "Prefers Signal to email.",
    "Vegetarian; remember when booking dinners.",
    "Based in {city}, often in Berlin for client work.",
    "Speaks German, English and a bit of Japanese.",
    "Runs the local {tech} study group.",
    "Usually answers email on Fridays only.",
    "Climbs at the same bouldering gym.",
    "Introduced by a former colleague; very well connected in the {domain} scene.",
    "Out on parental leave until the autumn.",
    "Writes a monthly newsletter about {tech}.",
)

CITIES: tuple[str, ...] = (
    "Berlin", "Hamburg", "Munich", "Leipzig", "Kraków", "Warsaw", "Amsterdam", "Utrecht",
    "Paris", "Lyon", "Madrid", "Barcelona", "Lisbon", "Porto", "Prague", "Vienna", "Zürich",
    "Copenhagen", "Stockholm", "Oslo", "Helsinki", "Dublin", "London", "Manchester",
    "New York", "San Francisco", "Toronto", "Bangalore", "Tokyo", "São Paulo", "Lagos",
)

TECH: tuple[str, ...] = (
    "Polars", "DuckDB", "FastAPI", "Django", "Rust extensions with PyO3", "dbt",
    "Kubernetes operators", "LLM evaluation", "vector search", "type hints", "pytest plugins",
    "Dagster", "htmx", "WebAssembly", "Postgres partitioning", "Apache Arrow", "CRDTs",
    "property-based testing", "asyncio", "OpenTelemetry", "feature stores", "Jupyter widgets",
    "geospatial data", "MLflow", "Kafka", "SQLAlchemy 2.0", "Pydantic", "Ray",
)

DOMAINS: tuple[str, ...] = (
    "health", "logistics", "energy", "climate", "fintech", "public transport", "agritech",
    "education", "e-commerce", "insurance", "civic tech", "bioinformatics", "gaming",
)

PROBLEMS: tuple[str, ...] = (
    "flaky integration tests", "slow CI", "schema migrations", "data quality",
    "on-call fatigue", "model drift", "cold starts", "hiring juniors", "vendor lock-in",
    "GDPR requests", "cost of GPU time", "monorepo tooling",
)

CONFERENCES: tuple[str, ...] = (
    "PyCon DE", "EuroPython", "PyData Amsterdam", "FOSDEM", "DjangoCon Europe",
    "Berlin Buzzwords",
)

TALKED_ABOUT: tuple[str, ...] = (
    "Building a CRDT-based editor; wants feedback on the sync protocol",
    "Moving their ETL from Airflow to Dagster; asked how we handle backfills",
    "Their team switched from pandas to Polars and saw joins get ten times faster",
    "Gave a talk on {tech}; slides go up on their blog next week",
    "Hiring two senior Python developers in {city}; remote within the EU is fine",
    "Working on {tech} for a {domain} company; struggling with {problem}",
    "Raising a seed round for a {domain} startup; looking for intros to angels",
    "Wants to start a {tech} user group in {city}",
    "Evaluating {tech} against what they have; worried about {problem}",
    "Just joined {org}; still finding their feet in the {domain} domain",
    "Writing a book on {tech}; looking for technical reviewers",
    "Their open-source library hit 1,000 stars; now drowning in issues",
    "Migrating a ten-year-old Django monolith to Python 3.12",
    "Looking for a new role in {domain}; prefers a four-day week",
    "Runs data for a {domain} nonprofit on a tiny budget; loves DuckDB",
    "Told me about {problem} at {org} and how they fixed it with {tech}",
    "Asked good questions after my talk about {tech}",
    "Planning a sprint on {tech} at the next conference",
    "Thinking about leaving big tech to freelance in {city}",
    "Their startup is pivoting from {domain} to developer tools",
)

COMMON_GROUND: tuple[str, ...] = (
    "Both started with Python at university and never left",
    "Grew up near {city} too",
    "Also a climber; goes to the same bouldering gym in Kreuzberg",
    "We both mentor at Django Girls",
    "Fellow cyclist; rode from Berlin to Copenhagen last summer",
    "Both maintain small open-source libraries and know the burnout",
    "Used to work at {org} a few years before me",
    "Both have toddlers; traded notes on sleep",
    "Big board game fan; recommends Cascadia",
    "Learning Polish too",
    "Both moved to {city} for work and stayed for the people",
    "Into sourdough baking",
    "Same favourite talk of the day (the one on {tech})",
    "Both volunteer at our local repair café",
)

CAN_OFFER: tuple[str, ...] = (
    "Intro to {name} at {org}, who solved the same {problem} problem",
    "Send my notes on {tech}",
    "Review their talk proposal for {conference}",
    "Share our hiring rubric for data engineers",
    "Could mentor them on public speaking",
    "Lend my copy of Designing Data-Intensive Applications",
    "Beta access to our {tech} tooling",
    "Invite them to speak at the next Berlin Python Meetup",
    "Put them in touch with the {conference} organisers about a sponsorship",
    "A desk in our office in {city} when they visit",
)

GENERAL_NOTES: tuple[str, ...] = (
    "Met again at the coffee break; very sharp on {tech}",
    "Introduced by {name} via email",
    "Replied to my follow-up within an hour; keen to stay in touch",
    "Saw their post about {problem}; worth asking how it went",
    "Now at {org}, according to their newsletter",
    "Recommended {name} as a speaker on {tech}",
)

FOLLOW_UPS: tuple[str, ...] = (
    "Send the slides from my {tech} talk",
    "Introduce to {name} at {org}",
    "Email the link to the {tech} benchmark we discussed",
    "Book a coffee when I'm in {city}",
    "Review their pull request on the {tech} plugin",
    "Ask whether they'd speak at the next meetup",
    "Send our job ad for the data engineer role",
    "Share the recording of the {tech} workshop",
    "Reply about the mentoring programme",
    "Connect on LinkedIn and send a short note",
    "Send feedback on their pitch deck",
    "Follow up on the sponsorship package for {conference}",
    "Ask how the {problem} fix worked out",
    "Send the intro email to {name}",
)

UPCOMING_FOLLOW_UPS: tuple[str, ...] = (
    "Say hello at {event}",
    "Ask for ten minutes at {event} about {tech}",
    "Bring the printed handout to {event}",
)

ATTENDANCE_NOTES: dict[str, tuple[str, ...]] = {
    "speaker": ("Talk: {tech} in production", "Talk: Lessons from {problem}",
                "Lightning talk on {tech}", "Keynote"),
    "organiser": ("Runs the programme committee", "Main organiser", "Handles the venue"),
    "sponsor": ("Gold sponsor booth", "Sponsors the coffee", "Sponsor contact"),
    "exhibitor": ("Booth next to the entrance", "Demoing their {tech} product"),
    "staff": ("Registration desk", "Session chair in room B", "Volunteer"),
}


@dataclass(frozen=True)
class Place:
    venue: str
    city: str
    timezone: str


BERLIN_BCC = Place("bcc Berlin Congress Center", "Berlin", "Europe/Berlin")
BETAHAUS = Place("Betahaus", "Berlin", "Europe/Berlin")
STATION_BERLIN = Place("Station Berlin", "Berlin", "Europe/Berlin")
KULTURBRAUEREI = Place("Kulturbrauerei", "Berlin", "Europe/Berlin")
FACTORY_BERLIN = Place("Factory Berlin Görlitzer Park", "Berlin", "Europe/Berlin")
WERK1 = Place("Werk1", "Munich", "Europe/Berlin")
KAMPNAGEL = Place("Kampnagel", "Hamburg", "Europe/Berlin")
ZWIJGER = Place("Pakhuis de Zwijger", "Amsterdam", "Europe/Amsterdam")
RAI = Place("RAI Amsterdam", "Amsterdam", "Europe/Amsterdam")
ULB = Place("ULB Solbosch Campus", "Brussels", "Europe/Brussels")
STATION_F = Place("Station F", "Paris", "Europe/Paris")
CODENODE = Place("CodeNode", "London", "Europe/London")
BARBICAN = Place("Barbican Centre", "London", "Europe/London")
PRAGUE_CC = Place("Prague Congress Centre", "Prague", "Europe/Prague")
SEKTOR5 = Place("Sektor5", "Vienna", "Europe/Vienna")
ICE_KRAKOW = Place("ICE Kraków Congress Centre", "Kraków", "Europe/Warsaw")
FIL_LISBON = Place("FIL Lisbon", "Lisbon", "Europe/Lisbon")
CIVIC_HALL = Place("Civic Hall", "New York", "America/New_York")
PITTSBURGH_CC = Place("David L. Lawrence Convention Center", "Pittsburgh", "America/New_York")
MOSCONE = Place("Moscone Center West", "San Francisco", "America/Los_Angeles")
ONLINE = Place("Online (Zoom)", "", "Europe/Berlin")
ONLINE_DISCORD = Place("Online (Discord)", "", "UTC")


@dataclass(frozen=True)
class EventSeries:
    """A kind of event that recurs; `{year}` and `{n}` in the name and URL are filled in."""

    name: str
    kind: EventKind
    places: tuple[Place, ...]
    url: str
    organiser: str
    description: str
    tags: tuple[str, ...]
    days: int = 1
    start_hour: int = 9
    hours: int = 8
    # Relative number of people met there.
    size: int = 2


SERIES: tuple[EventSeries, ...] = (
    EventSeries(
        "PyCon DE {year}", EventKind.CONFERENCE, (BERLIN_BCC,), "https://{year}.pycon.de",
        "Python Softwareverband e.V.",
        "Three days of talks, tutorials and sprints for the German-speaking Python community.",
        ("python", "conference"), days=3, size=8,
    ),
    EventSeries(
        "EuroPython {year}", EventKind.CONFERENCE, (PRAGUE_CC,), "https://ep{year}.europython.eu",
        "EuroPython Society",
        "The largest Python conference in Europe: talks, workshops and a sprint weekend.",
        ("python", "conference"), days=3, size=8,
    ),
    EventSeries(
        "PyData Amsterdam {year}", EventKind.CONFERENCE, (RAI,), "https://amsterdam.pydata.org",
        "NumFOCUS and PyData Amsterdam",
        "Data science, machine learning and data engineering with open-source tools.",
        ("data", "python", "conference"), days=2, size=6,
    ),
    EventSeries(
        "FOSDEM {year}", EventKind.CONFERENCE, (ULB,), "https://fosdem.org/{year}/",
        "FOSDEM VZW",
        "Free and open source developers meet in Brussels: hundreds of talks in dozens of rooms.",
        ("open source", "conference"), days=2, start_hour=9, size=7,
    ),
    EventSeries(
        "DjangoCon Europe {year}", EventKind.CONFERENCE, (FIL_LISBON, PRAGUE_CC),
        "https://{year}.djangocon.eu", "Django Software Foundation volunteers",
        "Five days of Django: talks, workshops and sprints.",
        ("python", "django", "conference"), days=3, size=6,
    ),
    EventSeries(
        "Berlin Buzzwords {year}", EventKind.CONFERENCE, (KULTURBRAUEREI,),
        "https://{year}.berlinbuzzwords.de", "Plain Schwarz",
        "Storing, processing, streaming and searching large amounts of digital data.",
        ("search", "data", "conference"), days=2, size=6,
    ),
    EventSeries(
        "PyCon US {year}", EventKind.CONFERENCE, (PITTSBURGH_CC,), "https://us.pycon.org/{year}/",
        "Python Software Foundation",
        "The largest annual gathering of the Python community, with tutorials and sprints.",
        ("python", "conference"), days=3, size=7,
    ),
    EventSeries(
        "Berlin Python Meetup #{n}", EventKind.MEETUP, (BETAHAUS, FACTORY_BERLIN),
        "https://www.meetup.com/berlin-python/", "Berlin Python Usergroup",
        "Two talks, pizza and plenty of time to chat. Beginners very welcome.",
        ("python", "meetup", "berlin"), start_hour=19, hours=3, size=3,
    ),
    EventSeries(
        "PyLadies Berlin Meetup #{n}", EventKind.MEETUP, (BETAHAUS, STATION_BERLIN),
        "https://berlin.pyladies.com", "PyLadies Berlin",
        "Talks and hands-on sessions by and for women and non-binary people in Python.",
        ("python", "diversity", "meetup"), start_hour=19, hours=3, size=2,
    ),
    EventSeries(
        "Munich Datageeks #{n}", EventKind.MEETUP, (WERK1,), "https://www.datageeks.de",
        "Munich Datageeks e.V.", "Data science talks from industry and academia, then drinks.",
        ("data", "meetup"), start_hour=18, hours=3, size=3,
    ),
    EventSeries(
        "London Python Dojo #{n}", EventKind.MEETUP, (CODENODE,),
        "https://www.meetup.com/london-python-code-dojo/", "London Python Code Dojo",
        "Small teams solve a programming puzzle together, then show what they built.",
        ("python", "meetup"), start_hour=18, hours=3, size=2,
    ),
    EventSeries(
        "Amsterdam Python Meetup #{n}", EventKind.MEETUP, (ZWIJGER,),
        "https://www.meetup.com/amsterdam-python-meetup-group/", "Amsterdam Python",
        "Monthly talks and drinks for Pythonistas in and around Amsterdam.",
        ("python", "meetup"), start_hour=18, hours=3, size=2,
    ),
    EventSeries(
        "Kraków Python Meetup #{n}", EventKind.MEETUP, (ICE_KRAKOW,),
        "https://www.meetup.com/pykonik/", "Pykonik",
        "Kraków's Python user group: talks in English and Polish.",
        ("python", "meetup"), start_hour=18, hours=3, size=2,
    ),
    EventSeries(
        "NYC Python Meetup #{n}", EventKind.MEETUP, (CIVIC_HALL,),
        "https://www.meetup.com/nycpython/", "NYC Python",
        "Talks, project nights and networking for New York's Python community.",
        ("python", "meetup"), start_hour=18, hours=3, size=2,
    ),
    EventSeries(
        "Women in Data Science Workshop", EventKind.WORKSHOP, (STATION_BERLIN, STATION_F),
        "https://www.widsconference.org", "WiDS ambassadors",
        "A day of hands-on sessions and talks by women working in data science.",
        ("data", "diversity", "workshop"), hours=7, size=3,
    ),
    EventSeries(
        "Intro to Polars Workshop", EventKind.WORKSHOP, (BETAHAUS, SEKTOR5),
        "https://pola.rs", "Kiezdata GmbH",
        "Bring a laptop: from pandas habits to lazy queries in three hours.",
        ("data", "python", "workshop"), start_hour=14, hours=3, size=1,
    ),
    EventSeries(
        "Hands-on LLM Evaluation Workshop", EventKind.WORKSHOP, (FACTORY_BERLIN, CODENODE),
        "https://evals.tessellate.ai", "Tessellate AI",
        "Build an evaluation harness for a retrieval-augmented app, step by step.",
        ("ml", "ai", "workshop"), start_hour=10, hours=6, size=2,
    ),
    EventSeries(
        "Testing with pytest: Beyond the Basics", EventKind.WORKSHOP, (SEKTOR5, WERK1),
        "https://pytest.org", "Quiet Harbor Software",
        "Fixtures, parametrisation and plugins for people who already write tests.",
        ("python", "testing", "workshop"), start_hour=10, hours=6, size=1,
    ),
    EventSeries(
        "Python Softwareverband Annual Meeting {year}", EventKind.ASSOCIATION_MEETING,
        (STATION_BERLIN, KAMPNAGEL), "https://python-verband.org",
        "Python Softwareverband e.V.",
        "Members' meeting: reports from the board, the budget and elections.",
        ("python", "association"), start_hour=17, hours=3, size=1,
    ),
    EventSeries(
        "Startup Association Members' Evening", EventKind.ASSOCIATION_MEETING,
        (FACTORY_BERLIN, STATION_F), "https://startupverband.de", "Startup-Verband",
        "Founders and investors swap notes on funding, hiring and policy.",
        ("startups", "association"), start_hour=18, hours=4, size=3,
    ),
    EventSeries(
        "Open Data Working Group #{n}", EventKind.ASSOCIATION_MEETING, (KULTURBRAUEREI, ZWIJGER),
        "https://okfn.de", "Institut für Datenkultur",
        "Open data activists and civil servants work on publishing city data.",
        ("open data", "association"), start_hour=18, hours=2, size=1,
    ),
    EventSeries(
        "PyLadies Global Online Meetup", EventKind.ONLINE_COMMUNITY, (ONLINE,),
        "https://pyladies.com", "PyLadies Global",
        "Lightning talks and breakout rooms with PyLadies chapters around the world.",
        ("python", "diversity", "online"), start_hour=17, hours=2, size=2,
    ),
    EventSeries(
        "MLOps Community Virtual Meetup #{n}", EventKind.ONLINE_COMMUNITY, (ONLINE,),
        "https://mlops.community", "MLOps Community",
        "Practitioners show how they ship and monitor models in production.",
        ("ml", "online"), start_hour=18, hours=2, size=2,
    ),
    EventSeries(
        "Python Discord Code Jam Kickoff", EventKind.ONLINE_COMMUNITY, (ONLINE_DISCORD,),
        "https://pythondiscord.com/events/", "Python Discord",
        "Teams form, the theme is announced, and ten days of building begin.",
        ("python", "online"), start_hour=16, hours=2, size=1,
    ),
    EventSeries(
        "Django Girls Berlin", EventKind.MENTORING, (BETAHAUS,),
        "https://djangogirls.org/berlin/", "Django Girls Berlin",
        "A free one-day workshop: coaches help beginners build their first web app.",
        ("python", "django", "mentoring"), hours=8, size=2,
    ),
    EventSeries(
        "Mentoring Circle: Your First Conference Talk", EventKind.MENTORING, (ONLINE,),
        "https://berlin.pyladies.com/mentoring", "PyLadies Berlin",
        "Six mentees and two mentors work on talk proposals together.",
        ("mentoring", "speaking"), start_hour=18, hours=2, size=1,
    ),
)

ME_TAGS: tuple[str, ...] = ("python", "community", "speaker")

# fmt: on
