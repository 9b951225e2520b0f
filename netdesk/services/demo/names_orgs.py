"""Invented organisations for the demo people, with the titles and tags that go with them."""

from __future__ import annotations

from dataclasses import dataclass

# Word lists read best a few to a line.
# fmt: off


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

ME_TAGS: tuple[str, ...] = ("python", "community", "speaker")

# fmt: on
