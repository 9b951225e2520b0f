"""Templates for demo notes, attendance remarks and follow-ups, and the words that fill them.

`{tech}`, `{city}`, `{domain}`, `{problem}`, `{org}`, `{conference}`, `{event}` and `{name}` are
filled in by `templates.fill`.
"""

from __future__ import annotations

# Word lists read best a few to a line.
# fmt: off

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

# fmt: on
