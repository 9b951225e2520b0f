"""Venues and recurring event series for the demo.

The series are modelled on real community events so that the sample looks like what a networker
actually goes to.
"""

from __future__ import annotations

from dataclasses import dataclass

from netdesk.models import EventKind

# Word lists read best a few to a line.
# fmt: off


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
PRAGUE_CC = Place("Prague Congress Centre", "Prague", "Europe/Prague")
SEKTOR5 = Place("Sektor5", "Vienna", "Europe/Vienna")
ICE_KRAKOW = Place("ICE Kraków Congress Centre", "Kraków", "Europe/Warsaw")
FIL_LISBON = Place("FIL Lisbon", "Lisbon", "Europe/Lisbon")
CIVIC_HALL = Place("Civic Hall", "New York", "America/New_York")
PITTSBURGH_CC = Place("David L. Lawrence Convention Center", "Pittsburgh", "America/New_York")
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

# fmt: on
