"""Build the shipped seed dataset of graphkit (seed/nodes/*.csv, seed/relationships/*.csv).

Deterministic: re-running it rewrites the same CSV files byte for byte.

    .venv/bin/python seed/build_seed.py

Countries, regional groups, organisations, IGF themes, WSIS action lines, SDGs, events and
initiatives are real and public. Every Person is invented (an illustrative name in a real kind of
role); their ties, stances and attendance are illustrative. See seed/README.md.
"""

from __future__ import annotations

import csv
import random
import re
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from graphkit.model.schema import NODE_FIELDS, RELATIONSHIP_FIELDS, STAKEHOLDER_GROUPS

HERE = Path(__file__).resolve().parent
RNG = random.Random(20130822)  # fixed seed: the first DC-PAL-era IGF year

IGF = "https://www.intgovforum.org/"
IFLA = "https://www.ifla.org/"
WSIS = "https://www.itu.int/net4/wsis/forum/"
UNGROUPS = "https://www.un.org/dgacm/en/content/regional-groups"

nodes: dict[str, list[dict]] = {label: [] for label in NODE_FIELDS}
rels: dict[str, list[dict]] = {t: [] for t in RELATIONSHIP_FIELDS}
_ids: dict[str, str] = {}
_keys: set[tuple[str, str, str]] = set()


def node(label: str, id_: str, name: str, **props) -> str:
    assert id_ not in _ids, id_
    _ids[id_] = label
    props.setdefault("sensitivity", "public")
    nodes[label].append({"id": id_, "name": name, **props})
    return id_


def rel(type_: str, a: str, b: str, /, **props) -> bool:
    """Add relationship a -[type_]-> b once; KNOWS pairs are stored once in either direction."""
    assert a in _ids and b in _ids, (type_, a, b)
    key = (a, type_, b)
    if key in _keys or (type_ == "KNOWS" and (b, type_, a) in _keys) or a == b:
        return False
    _keys.add(key)
    props.setdefault("sensitivity", "public")
    rels[type_].append({"from": a, "to": b, **{k: v for k, v in props.items() if v is not None}})
    return True


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rdate(start: date, end: date) -> str:
    return (start + timedelta(days=RNG.randrange((end - start).days + 1))).isoformat()


# ---------------------------------------------------------------- regions and countries (real)
REGIONS = {
    "african": "African Group",
    "asia-pacific": "Asia-Pacific Group",
    "eeg": "Eastern European Group",
    "grulac": "Latin American and Caribbean Group (GRULAC)",
    "weog": "Western European and Others Group (WEOG)",
}
for key, name in REGIONS.items():
    node("Region", f"region-{key}", name, source=UNGROUPS)

# iso, name, UN regional group, culture of the illustrative names
COUNTRIES = [
    ("KE", "Kenya", "african", "east_africa"),
    ("UG", "Uganda", "african", "east_africa"),
    ("TZ", "Tanzania", "african", "east_africa"),
    ("RW", "Rwanda", "african", "east_africa"),
    ("ET", "Ethiopia", "african", "ethiopia"),
    ("NG", "Nigeria", "african", "west_africa"),
    ("GH", "Ghana", "african", "west_africa"),
    ("SN", "Senegal", "african", "sahel"),
    ("CM", "Cameroon", "african", "sahel"),
    ("ZA", "South Africa", "african", "southern_africa"),
    ("ZW", "Zimbabwe", "african", "southern_africa"),
    ("ZM", "Zambia", "african", "southern_africa"),
    ("BW", "Botswana", "african", "southern_africa"),
    ("MW", "Malawi", "african", "southern_africa"),
    ("NA", "Namibia", "african", "southern_africa"),
    ("EG", "Egypt", "african", "arab"),
    ("MA", "Morocco", "african", "arab"),
    ("TN", "Tunisia", "african", "arab"),
    ("MU", "Mauritius", "african", "south_asia"),
    ("IN", "India", "asia-pacific", "south_asia"),
    ("BD", "Bangladesh", "asia-pacific", "bengali"),
    ("NP", "Nepal", "asia-pacific", "south_asia"),
    ("LK", "Sri Lanka", "asia-pacific", "sri_lanka"),
    ("PK", "Pakistan", "asia-pacific", "pakistan"),
    ("ID", "Indonesia", "asia-pacific", "malay"),
    ("MY", "Malaysia", "asia-pacific", "malay"),
    ("SG", "Singapore", "asia-pacific", "chinese"),
    ("PH", "Philippines", "asia-pacific", "filipino"),
    ("VN", "Viet Nam", "asia-pacific", "vietnamese"),
    ("CN", "China", "asia-pacific", "chinese"),
    ("JP", "Japan", "asia-pacific", "japanese"),
    ("KR", "Republic of Korea", "asia-pacific", "korean"),
    ("FJ", "Fiji", "asia-pacific", "pacific"),
    ("KG", "Kyrgyzstan", "asia-pacific", "turkic"),
    ("AZ", "Azerbaijan", "eeg", "turkic"),
    ("RU", "Russian Federation", "eeg", "slavic"),
    ("UA", "Ukraine", "eeg", "slavic"),
    ("BY", "Belarus", "eeg", "slavic"),
    ("PL", "Poland", "eeg", "polish"),
    ("CZ", "Czechia", "eeg", "czech"),
    ("RO", "Romania", "eeg", "romanian"),
    ("MD", "Republic of Moldova", "eeg", "romanian"),
    ("GE", "Georgia", "eeg", "caucasus"),
    ("AM", "Armenia", "eeg", "caucasus"),
    ("RS", "Serbia", "eeg", "slavic"),
    ("LT", "Lithuania", "eeg", "baltic"),
    ("EE", "Estonia", "eeg", "baltic"),
    ("BR", "Brazil", "grulac", "lusophone"),
    ("MX", "Mexico", "grulac", "hispanic"),
    ("AR", "Argentina", "grulac", "hispanic"),
    ("CL", "Chile", "grulac", "hispanic"),
    ("CO", "Colombia", "grulac", "hispanic"),
    ("PE", "Peru", "grulac", "hispanic"),
    ("EC", "Ecuador", "grulac", "hispanic"),
    ("UY", "Uruguay", "grulac", "hispanic"),
    ("BO", "Bolivia", "grulac", "hispanic"),
    ("GT", "Guatemala", "grulac", "hispanic"),
    ("CR", "Costa Rica", "grulac", "hispanic"),
    ("JM", "Jamaica", "grulac", "caribbean"),
    ("TT", "Trinidad and Tobago", "grulac", "caribbean"),
    ("US", "United States of America", "weog", "anglo"),
    ("GB", "United Kingdom", "weog", "anglo"),
    ("CA", "Canada", "weog", "anglo"),
    ("AU", "Australia", "weog", "anglo"),
    ("NZ", "New Zealand", "weog", "anglo"),
    ("FR", "France", "weog", "french"),
    ("DE", "Germany", "weog", "german"),
    ("CH", "Switzerland", "weog", "german"),
    ("NL", "Netherlands", "weog", "dutch"),
    ("SE", "Sweden", "weog", "nordic"),
    ("FI", "Finland", "weog", "finnish"),
    ("NO", "Norway", "weog", "nordic"),
    ("DK", "Denmark", "weog", "nordic"),
    ("IT", "Italy", "weog", "italian"),
    ("ES", "Spain", "weog", "hispanic"),
    ("TR", "Türkiye", "weog", "turkic"),
]
COUNTRY_REGION = {}
CULTURE = {}
for iso, name, region, culture in COUNTRIES:
    cid = node("Country", f"country-{iso.lower()}", name, iso=iso, source=UNGROUPS)
    rel("IN_REGION", cid, f"region-{region}", source=UNGROUPS)
    COUNTRY_REGION[iso] = region
    CULTURE[iso] = culture


def country(iso: str) -> str:
    return f"country-{iso.lower()}"


# ---------------------------------------------------------------- policy areas (real names)
IGF_THEMES = [
    (
        "pa-igf-access-diversity",
        "Access and Diversity",
        "Libraries are the public access point of last resort: free Internet, devices, "
        "skills training and local-language content for people who cannot get online at home.",
    ),
    (
        "pa-igf-development",
        "Internet Governance for Development",
        "Public libraries are existing, trusted, staffed "
        "infrastructure in almost every community; connecting them is a fast, cheap route to development goals.",
    ),
    (
        "pa-igf-security-openness-privacy",
        "Security, Openness and Privacy",
        "Librarians defend intellectual freedom and "
        "patron privacy and teach people to stay safe online; IFLA/FAIFE speak for freedom of access to information.",
    ),
    (
        "pa-igf-emerging-issues",
        "Emerging Issues",
        "Libraries can pilot and explain new technologies (cloud, AI, open "
        "data) to the public and flag their effect on access to information.",
    ),
    (
        "pa-igf-critical-internet-resources",
        "Managing Critical Internet Resources",
        "Libraries are large institutional "
        "users of domain names and IP addresses and can host community networks and IXP-adjacent services.",
    ),
    (
        "pa-igf-youth",
        "Youth",
        "Libraries run coding clubs, homework help and safe online spaces for young people, "
        "and are where many young people first go online.",
    ),
    (
        "pa-igf-human-rights",
        "Human Rights Online",
        "Access to information is a human right; libraries make freedom "
        "of expression and access to information real for the whole community.",
    ),
    (
        "pa-igf-cybersecurity",
        "Cybersecurity",
        "Libraries deliver digital-literacy and online-safety training to "
        "people no other institution reaches.",
    ),
]
for pid, name, tp in IGF_THEMES:
    node("PolicyArea", pid, name, kind="igf_theme", talking_points=tp, source=IGF)

WSIS_LINES = [
    (
        "C1",
        "The role of public governance authorities and all stakeholders in the promotion of ICTs for development",
        "Libraries are public institutions governments already fund in almost every community; national "
        "broadband and digital-inclusion strategies that name them reach people through a trusted, staffed network.",
    ),
    (
        "C2",
        "Information and communication infrastructure",
        "Connect libraries as community anchor institutions in universal-service and broadband plans: "
        "one connection gives a whole community free public access, devices and help.",
    ),
    (
        "C3",
        "Access to information and knowledge",
        "Access to information is what libraries are for: free public Internet access, open access and "
        "public-domain content, and government information for everyone, whoever they are.",
    ),
    (
        "C4",
        "Capacity building",
        "Librarians teach digital and information literacy every day, to every age group, and can train "
        "trainers in the communities they serve.",
    ),
    (
        "C5",
        "Building confidence and security in the use of ICTs",
        "Libraries help first-time users go online safely and with confidence, and protect the privacy of "
        "what their users read and search.",
    ),
    (
        "C6",
        "Enabling environment",
        "Copyright exceptions, privacy and net-neutrality rules decide what libraries can offer online; "
        "librarians bring the public-interest view to these rules.",
    ),
    (
        "C7",
        "ICT applications: benefits in all aspects of life",
        "Libraries are where people get help to use e-services of every kind: government, learning, "
        "health, jobs and farming.",
    ),
    (
        "C7-government",
        "ICT applications: e-government",
        "Many people use e-government services at the library, with staff to help them; plan e-government "
        "with libraries as assisted access points.",
    ),
    (
        "C7-learning",
        "ICT applications: e-learning",
        "Libraries host e-learning and online courses and give learners devices, connectivity, quiet space "
        "and guidance.",
    ),
    (
        "C7-health",
        "ICT applications: e-health",
        "Libraries help people find reliable health information, use e-health services and tell good "
        "information from misinformation.",
    ),
    (
        "C7-employment",
        "ICT applications: e-employment",
        "Libraries help job seekers search and apply online and build the digital skills employers ask for.",
    ),
    (
        "C7-agriculture",
        "ICT applications: e-agriculture",
        "Rural libraries give farmers market prices, weather forecasts and extension advice online, as EIFL "
        "and Beyond Access pilots showed.",
    ),
    (
        "C8",
        "Cultural diversity and identity, linguistic diversity and local content",
        "Libraries collect, digitise and share local content in local languages and keep cultural "
        "heritage available to all.",
    ),
    (
        "C9",
        "Media",
        "Libraries keep and give access to news and media archives and teach media and information literacy.",
    ),
    (
        "C10",
        "Ethical dimensions of the Information Society",
        "Librarians work to a code of ethics built on intellectual freedom, privacy and equitable access "
        "to information.",
    ),
    (
        "C11",
        "International and regional cooperation",
        "IFLA and regional library networks share practice across borders and are ready partners in "
        "ICT-for-development cooperation.",
    ),
]
for code, name, tp in WSIS_LINES:
    node(
        "PolicyArea",
        f"pa-wsis-{code.lower()}",
        f"WSIS {code} {name}",
        kind="wsis_action_line",
        code=code,
        talking_points=tp,
        source="https://www.itu.int/net/wsis/docs/geneva/official/poa.html",
    )
for code, _, _ in WSIS_LINES:
    if code.startswith("C7-"):
        rel(
            "RELATES_TO",
            f"pa-wsis-{code.lower()}",
            "pa-wsis-c7",
            source="https://www.itu.int/net/wsis/docs/geneva/official/poa.html",
        )

DOMAINS = [
    (
        "pa-education",
        "Education",
        "Libraries support formal and lifelong learning with free access, e-learning "
        "spaces and information-literacy teaching.",
    ),
    (
        "pa-health",
        "Health",
        "Libraries help people find reliable health information online and use e-health services.",
    ),
    (
        "pa-agriculture",
        "Agriculture",
        "Rural libraries give farmers market prices, weather and extension information "
        "(as in EIFL and Beyond Access pilots).",
    ),
    (
        "pa-employment",
        "Employment",
        "Libraries help job seekers search, apply and build digital skills online.",
    ),
    (
        "pa-community-development",
        "Community development",
        "Libraries are community hubs for e-government, local content and civic participation.",
    ),
    (
        "pa-social-cohesion",
        "Social cohesion",
        "Libraries are neutral, welcoming public spaces that include migrants, "
        "minorities and older people in digital life.",
    ),
]
for pid, name, tp in DOMAINS:
    node("PolicyArea", pid, name, kind="policy_domain", talking_points=tp)

# All 17 goals with their official short names; talking points on those the coalition works on.
SDGS = [
    (
        1,
        "No poverty",
        "Public access to ICT and information in libraries helps people reach jobs, benefits, credit and "
        "services (target 1.4: access to appropriate new technology).",
    ),
    (
        2,
        "Zero hunger",
        "Libraries give farmers and extension workers agricultural research, market prices and weather "
        "information, online and in local languages.",
    ),
    (
        3,
        "Good health and well-being",
        "Public and medical libraries give patients, families and health workers reliable health "
        "information and help them use e-health services.",
    ),
    (
        4,
        "Quality education",
        "Libraries support literacy from early reading to lifelong learning, with free access to "
        "learning resources and digital skills (targets 4.4, 4.6).",
    ),
    (
        5,
        "Gender equality",
        "Libraries are safe spaces where women and girls learn digital skills and find information on "
        "their rights, health and livelihoods (target 5.b).",
    ),
    (6, "Clean water and sanitation", None),
    (7, "Affordable and clean energy", None),
    (
        8,
        "Decent work and economic growth",
        "Libraries help job seekers and small businesses go online, search, apply and learn the skills "
        "employers want.",
    ),
    (
        9,
        "Industry, innovation and infrastructure",
        "Connected libraries are public access infrastructure: funding them advances target 9.c, "
        "universal and affordable access to the Internet.",
    ),
    (
        10,
        "Reduced inequalities",
        "Libraries are free and open to all: they include migrants, minorities, older people and people "
        "with disabilities in digital life (the Marrakesh Treaty for accessible formats).",
    ),
    (
        11,
        "Sustainable cities and communities",
        "Libraries are inclusive public spaces and keep cultural heritage safe and accessible (target 11.4).",
    ),
    (12, "Responsible consumption and production", None),
    (13, "Climate action", None),
    (14, "Life below water", None),
    (15, "Life on land", None),
    (
        16,
        "Peace, justice and strong institutions",
        "Public access to information (target 16.10) is libraries' core mission; they help people "
        "understand laws, use government services and hold institutions to account.",
    ),
    (
        17,
        "Partnerships for the goals",
        "Libraries are a ready-made worldwide network of partners for digital inclusion and help monitor "
        "progress on access to information and ICT (target 17.8).",
    ),
]
for n, name, tp in SDGS:
    node(
        "PolicyArea",
        f"pa-sdg-{n}",
        f"SDG {n} {name}",
        kind="sdg",
        code=f"SDG {n}",
        talking_points=tp,
        source="https://sdgs.un.org/goals",
    )

# The ITU WSIS-SDG Matrix (https://www.itu.int/net4/wsis/sdg/): the goals each action line's facilitator
# linked to it. C7 has no row of its own there, only its sub-lines; C7 relates to the goals of the
# five sub-lines in this dataset (e-business, e-environment and e-science are not seeded).
MATRIX = "https://www.itu.int/net4/wsis/sdg/"
WSIS_SDG = {
    "pa-wsis-c1": [1, 5, 10, 11, 16, 17],
    "pa-wsis-c2": [1, 3, 4, 5, 8, 9, 11, 17],
    "pa-wsis-c3": [1, 2, 4, 5, 8, 9, 10, 16, 17],
    "pa-wsis-c4": [1, 2, 3, 4, 5, 8, 9, 10, 16, 17],
    "pa-wsis-c5": [4, 5, 9, 16, 17],
    "pa-wsis-c6": [1, 5, 8, 9, 10, 16, 17],
    "pa-wsis-c7": [1, 2, 3, 4, 5, 8, 10, 11, 13, 16, 17],  # the union of the sub-lines below
    "pa-wsis-c7-government": [1, 5, 10, 11, 16, 17],
    "pa-wsis-c7-learning": [4, 5],
    "pa-wsis-c7-health": [3, 5],
    "pa-wsis-c7-employment": [5, 8, 10],
    "pa-wsis-c7-agriculture": [1, 2, 5, 13],
    "pa-wsis-c8": [4, 5, 8, 10, 11],
    "pa-wsis-c9": [5, 16],
    "pa-wsis-c10": [4, 5, 10, 16],
    "pa-wsis-c11": [17],
}
assert set(WSIS_SDG["pa-wsis-c7"]) == {
    g for k, v in WSIS_SDG.items() if k.startswith("pa-wsis-c7-") for g in v
}
for src, goals in WSIS_SDG.items():
    for g in goals:
        rel("RELATES_TO", src, f"pa-sdg-{g}", source=MATRIX)
# the development policy domains and the goals they serve (illustrative crosswalk, no source)
for src, goals in [
    ("pa-education", [4]),
    ("pa-health", [3]),
    ("pa-agriculture", [2]),
    ("pa-employment", [8]),
    ("pa-community-development", [11]),
    ("pa-social-cohesion", [10, 16]),
]:
    for g in goals:
        rel("RELATES_TO", src, f"pa-sdg-{g}")
for src, tgt in [
    ("pa-education", "pa-wsis-c7-learning"),
    ("pa-health", "pa-wsis-c7-health"),
    ("pa-agriculture", "pa-wsis-c7-agriculture"),
    ("pa-employment", "pa-wsis-c7-employment"),
    ("pa-community-development", "pa-wsis-c7-government"),
    ("pa-social-cohesion", "pa-wsis-c8"),
    ("pa-igf-access-diversity", "pa-wsis-c2"),
    ("pa-igf-access-diversity", "pa-wsis-c3"),
    ("pa-igf-access-diversity", "pa-wsis-c8"),
    ("pa-igf-development", "pa-wsis-c1"),
    ("pa-igf-development", "pa-wsis-c7"),
    ("pa-igf-development", "pa-wsis-c4"),
    ("pa-igf-security-openness-privacy", "pa-wsis-c5"),
    ("pa-igf-security-openness-privacy", "pa-wsis-c10"),
    ("pa-igf-critical-internet-resources", "pa-wsis-c2"),
    ("pa-igf-critical-internet-resources", "pa-wsis-c6"),
    ("pa-igf-human-rights", "pa-wsis-c10"),
    ("pa-igf-human-rights", "pa-wsis-c9"),
    ("pa-igf-cybersecurity", "pa-wsis-c5"),
    ("pa-igf-youth", "pa-wsis-c4"),
    ("pa-igf-development", "pa-sdg-17"),
    ("pa-igf-youth", "pa-sdg-4"),
]:
    rel("RELATES_TO", src, tgt)

# ---------------------------------------------------------------- organisations (real)
# id, name, stakeholder_group, org_type, acronym, website, country iso, how many invented people work there
G, P, C, T, IGO, A, L = STAKEHOLDER_GROUPS  # short names for the table below
ORGS = [
    # library: international
    (
        "org-ifla",
        "International Federation of Library Associations and Institutions",
        L,
        "library_association",
        "IFLA",
        "https://www.ifla.org/",
        "NL",
        7,
    ),
    (
        "org-faife",
        "IFLA Committee on Freedom of Access to Information and Freedom of Expression",
        L,
        "library_committee",
        "FAIFE",
        "https://www.ifla.org/units/faife/",
        "NL",
        0,
    ),
    (
        "org-eifl",
        "EIFL (Electronic Information for Libraries)",
        L,
        "ngo",
        "EIFL",
        "https://www.eifl.net/",
        "LT",
        5,
    ),
    # library associations
    (
        "org-ala",
        "American Library Association",
        L,
        "library_association",
        "ALA",
        "https://www.ala.org/",
        "US",
        4,
    ),
    (
        "org-cilip",
        "CILIP: the library and information association",
        L,
        "library_association",
        "CILIP",
        "https://www.cilip.org.uk/",
        "GB",
        3,
    ),
    (
        "org-liasa",
        "Library and Information Association of South Africa",
        L,
        "library_association",
        "LIASA",
        "https://www.liasa.org.za/",
        "ZA",
        4,
    ),
    (
        "org-kla",
        "Kenya Library Association",
        L,
        "library_association",
        "KLA",
        "https://www.klas.or.ke/",
        "KE",
        4,
    ),
    (
        "org-febab",
        "Federação Brasileira de Associações de Bibliotecários, Cientistas da Informação e Instituições",
        L,
        "library_association",
        "FEBAB",
        "https://febab.org/",
        "BR",
        4,
    ),
    (
        "org-nla-nigeria",
        "Nigerian Library Association",
        L,
        "library_association",
        "NLA",
        "https://nla-ng.org/",
        "NG",
        3,
    ),
    ("org-gla", "Ghana Library Association", L, "library_association", "GLA", None, "GH", 3),
    (
        "org-ulia",
        "Uganda Library and Information Association",
        L,
        "library_association",
        "ULIA",
        None,
        "UG",
        3,
    ),
    ("org-tla", "Tanzania Library Association", L, "library_association", "TLA", None, "TZ", 1),
    ("org-zla", "Zimbabwe Library Association", L, "library_association", "ZimLA", None, "ZW", 1),
    (
        "org-lazambia",
        "Library and Information Association of Zambia",
        L,
        "library_association",
        "LIAZ",
        None,
        "ZM",
        1,
    ),
    ("org-ebla", "Ethiopian Library Association", L, "library_association", None, None, "ET", 1),
    ("org-ila-india", "Indian Library Association", L, "library_association", "ILA", None, "IN", 2),
    (
        "org-ipi",
        "Ikatan Pustakawan Indonesia (Indonesian Librarians Association)",
        L,
        "library_association",
        "IPI",
        None,
        "ID",
        3,
    ),
    ("org-plai", "Philippine Librarians Association, Inc.", L, "library_association", "PLAI", None, "PH", 2),
    ("org-nepal-la", "Nepal Library Association", L, "library_association", "NLA-Nepal", None, "NP", 1),
    (
        "org-ambac",
        "Asociación Mexicana de Bibliotecarios",
        L,
        "library_association",
        "AMBAC",
        "https://ambac.org.mx/",
        "MX",
        3,
    ),
    ("org-cbc", "Colegio de Bibliotecarios de Chile", L, "library_association", None, None, "CL", 2),
    (
        "org-ascolbi",
        "Asociación Colombiana de Bibliotecólogos y Documentalistas",
        L,
        "library_association",
        "ASCOLBI",
        None,
        "CO",
        2,
    ),
    ("org-cbp", "Colegio de Bibliotecólogos del Perú", L, "library_association", None, None, "PE", 1),
    (
        "org-abgra",
        "Asociación de Bibliotecarios Graduados de la República Argentina",
        L,
        "library_association",
        "ABGRA",
        None,
        "AR",
        2,
    ),
    (
        "org-lja",
        "Library and Information Association of Jamaica",
        L,
        "library_association",
        "LIAJA",
        None,
        "JM",
        1,
    ),
    (
        "org-cfla",
        "Canadian Federation of Library Associations",
        L,
        "library_association",
        "CFLA-FCAB",
        None,
        "CA",
        2,
    ),
    (
        "org-alia",
        "Australian Library and Information Association",
        L,
        "library_association",
        "ALIA",
        "https://www.alia.org.au/",
        "AU",
        2,
    ),
    ("org-dbv", "Deutscher Bibliotheksverband", L, "library_association", "dbv", None, "DE", 2),
    ("org-abf", "Association des Bibliothécaires de France", L, "library_association", "ABF", None, "FR", 2),
    ("org-fla", "Finnish Library Association", L, "library_association", None, None, "FI", 2),
    ("org-sla-sweden", "Swedish Library Association", L, "library_association", None, None, "SE", 1),
    (
        "org-sbp",
        "Stowarzyszenie Bibliotekarzy Polskich (Polish Librarians Association)",
        L,
        "library_association",
        "SBP",
        None,
        "PL",
        1,
    ),
    ("org-ula", "Ukrainian Library Association", L, "library_association", "ULA", None, "UA", 1),
    # national libraries and library services
    ("org-loc", "Library of Congress", L, "library", "LC", "https://www.loc.gov/", "US", 2),
    ("org-bl", "British Library", L, "library", "BL", "https://www.bl.uk/", "GB", 1),
    ("org-bnf", "Bibliothèque nationale de France", L, "library", "BnF", "https://www.bnf.fr/", "FR", 1),
    ("org-nlsa", "National Library of South Africa", L, "library", "NLSA", None, "ZA", 2),
    ("org-knls", "Kenya National Library Service", L, "library", "KNLS", None, "KE", 3),
    ("org-bn-brasil", "Fundação Biblioteca Nacional", L, "library", "FBN", None, "BR", 2),
    (
        "org-pnri",
        "Perpustakaan Nasional Republik Indonesia (National Library of Indonesia)",
        L,
        "library",
        "Perpusnas",
        None,
        "ID",
        2,
    ),
    ("org-nlb-sg", "National Library Board Singapore", L, "library", "NLB", None, "SG", 1),
    ("org-nl-finland", "National Library of Finland", L, "library", None, None, "FI", 1),
    ("org-bnm", "Biblioteca Nacional de México", L, "library", "BNM", None, "MX", 1),
    ("org-nl-nigeria", "National Library of Nigeria", L, "library", None, None, "NG", 1),
    ("org-ghala", "Ghana Library Authority", L, "library", "GhLA", None, "GH", 2),
    ("org-nl-uganda", "National Library of Uganda", L, "library", "NLU", None, "UG", 1),
    ("org-nla-au", "National Library of Australia", L, "library", "NLA", None, "AU", 1),
    (
        "org-kb",
        "Koninklijke Bibliotheek (National Library of the Netherlands)",
        L,
        "library",
        "KB",
        None,
        "NL",
        1,
    ),
    ("org-nl-philippines", "National Library of the Philippines", L, "library", "NLP", None, "PH", 1),
    ("org-bn-colombia", "Biblioteca Nacional de Colombia", L, "library", None, None, "CO", 1),
    ("org-nl-ukraine", "Vernadsky National Library of Ukraine", L, "library", None, None, "UA", 1),
    # intergovernmental
    (
        "org-unesco",
        "United Nations Educational, Scientific and Cultural Organization",
        IGO,
        "un_agency",
        "UNESCO",
        "https://www.unesco.org/",
        "FR",
        3,
    ),
    (
        "org-itu",
        "International Telecommunication Union",
        IGO,
        "un_agency",
        "ITU",
        "https://www.itu.int/",
        "CH",
        3,
    ),
    (
        "org-igf-secretariat",
        "Secretariat of the Internet Governance Forum (UN DESA)",
        IGO,
        "intergovernmental_body",
        None,
        IGF,
        "CH",
        2,
    ),
    (
        "org-undp",
        "United Nations Development Programme",
        IGO,
        "un_agency",
        "UNDP",
        "https://www.undp.org/",
        "US",
        1,
    ),
    (
        "org-world-bank",
        "World Bank",
        IGO,
        "intergovernmental_body",
        None,
        "https://www.worldbank.org/",
        "US",
        1,
    ),
    ("org-coe", "Council of Europe", IGO, "intergovernmental_body", "CoE", "https://www.coe.int/", "FR", 1),
    ("org-auc", "African Union Commission", IGO, "intergovernmental_body", "AUC", "https://au.int/", "ET", 1),
    (
        "org-oecd",
        "Organisation for Economic Co-operation and Development",
        IGO,
        "intergovernmental_body",
        "OECD",
        "https://www.oecd.org/",
        "FR",
        1,
    ),
    # technical community
    ("org-isoc", "Internet Society", T, "ngo", "ISOC", "https://www.internetsociety.org/", "US", 4),
    (
        "org-icann",
        "Internet Corporation for Assigned Names and Numbers",
        T,
        "technical_body",
        "ICANN",
        "https://www.icann.org/",
        "US",
        3,
    ),
    (
        "org-ietf",
        "Internet Engineering Task Force",
        T,
        "technical_body",
        "IETF",
        "https://www.ietf.org/",
        "US",
        1,
    ),
    ("org-w3c", "World Wide Web Consortium", T, "technical_body", "W3C", "https://www.w3.org/", "US", 1),
    ("org-ripe-ncc", "RIPE NCC", T, "technical_body", "RIPE NCC", "https://www.ripe.net/", "NL", 2),
    ("org-afrinic", "AFRINIC", T, "technical_body", "AFRINIC", "https://afrinic.net/", "MU", 2),
    ("org-lacnic", "LACNIC", T, "technical_body", "LACNIC", "https://www.lacnic.net/", "UY", 2),
    ("org-apnic", "APNIC", T, "technical_body", "APNIC", "https://www.apnic.net/", "AU", 2),
    ("org-arin", "ARIN", T, "technical_body", "ARIN", "https://www.arin.net/", "US", 1),
    (
        "org-nic-br",
        "Núcleo de Informação e Coordenação do Ponto BR",
        T,
        "technical_body",
        "NIC.br",
        "https://nic.br/",
        "BR",
        2,
    ),
    ("org-cgi-br", "Comitê Gestor da Internet no Brasil", T, "network", "CGI.br", "https://cgi.br/", "BR", 1),
    ("org-kenic", "Kenya Network Information Centre", T, "technical_body", "KeNIC", None, "KE", 1),
    ("org-isoc-kenya", "Internet Society Kenya Chapter", T, "network", None, None, "KE", 1),
    ("org-isoc-brazil", "Internet Society Brazil Chapter", T, "network", None, None, "BR", 1),
    ("org-isoc-india-chennai", "Internet Society India Chennai Chapter", T, "network", None, None, "IN", 1),
    ("org-isoc-poland", "Internet Society Poland Chapter", T, "network", None, None, "PL", 0),
    ("org-isoc-mexico", "Internet Society Mexico Chapter", T, "network", None, None, "MX", 0),
    # governments: ministries and regulators
    (
        "org-mincom-br",
        "Ministério das Comunicações (Ministry of Communications, Brazil)",
        G,
        "ministry",
        "MC",
        None,
        "BR",
        2,
    ),
    (
        "org-anatel",
        "Agência Nacional de Telecomunicações",
        G,
        "regulator",
        "Anatel",
        "https://www.gov.br/anatel/",
        "BR",
        2,
    ),
    (
        "org-moict-ke",
        "Ministry of Information, Communications and Technology (Kenya)",
        G,
        "ministry",
        "MoICT",
        None,
        "KE",
        0,
    ),
    (
        "org-ca-ke",
        "Communications Authority of Kenya",
        G,
        "regulator",
        "CA",
        "https://www.ca.go.ke/",
        "KE",
        2,
    ),
    ("org-icta-ke", "ICT Authority (Kenya)", G, "government_agency", "ICTA", None, "KE", 1),
    (
        "org-kominfo",
        "Kementerian Komunikasi dan Informatika (Ministry of Communication and Information Technology, Indonesia)",
        G,
        "ministry",
        "Kominfo",
        None,
        "ID",
        3,
    ),
    (
        "org-dtps-za",
        "Department of Telecommunications and Postal Services (South Africa)",
        G,
        "ministry",
        "DTPS",
        None,
        "ZA",
        2,
    ),
    (
        "org-icasa",
        "Independent Communications Authority of South Africa",
        G,
        "regulator",
        "ICASA",
        None,
        "ZA",
        1,
    ),
    (
        "org-fmct-ng",
        "Federal Ministry of Communication Technology (Nigeria)",
        G,
        "ministry",
        None,
        None,
        "NG",
        2,
    ),
    ("org-ncc-ng", "Nigerian Communications Commission", G, "regulator", "NCC", None, "NG", 1),
    ("org-moc-gh", "Ministry of Communications (Ghana)", G, "ministry", None, None, "GH", 1),
    ("org-nca-gh", "National Communications Authority (Ghana)", G, "regulator", "NCA", None, "GH", 1),
    (
        "org-moict-ug",
        "Ministry of Information and Communications Technology (Uganda)",
        G,
        "ministry",
        None,
        None,
        "UG",
        1,
    ),
    ("org-ucc", "Uganda Communications Commission", G, "regulator", "UCC", None, "UG", 1),
    ("org-mitec-rw", "Ministry of Youth and ICT (Rwanda)", G, "ministry", "MYICT", None, "RW", 1),
    (
        "org-deity-in",
        "Department of Electronics and Information Technology (India)",
        G,
        "ministry",
        "DeitY",
        None,
        "IN",
        2,
    ),
    ("org-trai", "Telecom Regulatory Authority of India", G, "regulator", "TRAI", None, "IN", 1),
    (
        "org-dict-ph",
        "Department of Information and Communications Technology (Philippines)",
        G,
        "ministry",
        "DICT",
        None,
        "PH",
        1,
    ),
    ("org-mcmc", "Malaysian Communications and Multimedia Commission", G, "regulator", "MCMC", None, "MY", 1),
    (
        "org-sct-mx",
        "Secretaría de Comunicaciones y Transportes (Mexico)",
        G,
        "ministry",
        "SCT",
        None,
        "MX",
        0,
    ),
    ("org-ift-mx", "Instituto Federal de Telecomunicaciones (Mexico)", G, "regulator", "IFT", None, "MX", 0),
    (
        "org-mintic-co",
        "Ministerio de Tecnologías de la Información y las Comunicaciones (Colombia)",
        G,
        "ministry",
        "MinTIC",
        None,
        "CO",
        2,
    ),
    (
        "org-subtel-cl",
        "Subsecretaría de Telecomunicaciones (Chile)",
        G,
        "government_agency",
        "Subtel",
        None,
        "CL",
        1,
    ),
    ("org-mtc-pe", "Ministerio de Transportes y Comunicaciones (Peru)", G, "ministry", "MTC", None, "PE", 1),
    ("org-state-dept", "U.S. Department of State", G, "ministry", None, None, "US", 1),
    (
        "org-ntia",
        "National Telecommunications and Information Administration",
        G,
        "government_agency",
        "NTIA",
        None,
        "US",
        1,
    ),
    (
        "org-dcms",
        "Department for Culture, Media and Sport (United Kingdom)",
        G,
        "ministry",
        "DCMS",
        None,
        "GB",
        1,
    ),
    ("org-ofcom", "Ofcom", G, "regulator", None, None, "GB", 1),
    (
        "org-bmwi",
        "Federal Ministry for Economic Affairs and Energy (Germany)",
        G,
        "ministry",
        "BMWi",
        None,
        "DE",
        1,
    ),
    (
        "org-ofcom-ch",
        "Federal Office of Communications (Switzerland)",
        G,
        "government_agency",
        "OFCOM",
        None,
        "CH",
        1,
    ),
    ("org-mfa-fi", "Ministry for Foreign Affairs of Finland", G, "ministry", None, None, "FI", 1),
    (
        "org-sida",
        "Swedish International Development Cooperation Agency",
        G,
        "government_agency",
        "Sida",
        None,
        "SE",
        1,
    ),
    (
        "org-btk",
        "Information and Communication Technologies Authority (Türkiye)",
        G,
        "regulator",
        "BTK",
        None,
        "TR",
        1,
    ),
    (
        "org-mincomm-az",
        "Ministry of Communications and High Technologies (Azerbaijan)",
        G,
        "ministry",
        None,
        None,
        "AZ",
        0,
    ),
    (
        "org-mincomm-ru",
        "Ministry of Telecom and Mass Communications of the Russian Federation",
        G,
        "ministry",
        None,
        None,
        "RU",
        1,
    ),
    (
        "org-ancom",
        "Autoritatea Națională pentru Administrare și Reglementare în Comunicații (Romania)",
        G,
        "regulator",
        "ANCOM",
        None,
        "RO",
        0,
    ),
    (
        "org-anrceti",
        "National Regulatory Agency for Electronic Communications and Information Technology (Moldova)",
        G,
        "regulator",
        "ANRCETI",
        None,
        "MD",
        0,
    ),
    (
        "org-mincom-by",
        "Ministry of Communications and Informatization of the Republic of Belarus",
        G,
        "ministry",
        None,
        None,
        "BY",
        0,
    ),
    ("org-parl-ke", "Parliament of Kenya", G, "parliament", None, None, "KE", 1),
    # private sector
    ("org-google", "Google", P, "company", None, "https://www.google.com/", "US", 3),
    ("org-microsoft", "Microsoft", P, "company", None, "https://www.microsoft.com/", "US", 3),
    ("org-meta", "Meta Platforms (Facebook)", P, "company", None, "https://about.meta.com/", "US", 2),
    ("org-cisco", "Cisco Systems", P, "company", None, "https://www.cisco.com/", "US", 2),
    ("org-intel", "Intel", P, "company", None, None, "US", 1),
    ("org-safaricom", "Safaricom", P, "company", None, None, "KE", 1),
    ("org-mtn", "MTN Group", P, "company", "MTN", None, "ZA", 1),
    ("org-telkom-id", "Telkom Indonesia", P, "company", None, None, "ID", 1),
    ("org-azercell", "Azercell Telecom", P, "company", None, None, "AZ", 0),
    ("org-amipci", "Asociación Mexicana de Internet", P, "industry_association", "AMIPCI", None, "MX", 0),
    (
        "org-icc-basis",
        "International Chamber of Commerce BASIS",
        P,
        "industry_association",
        "ICC BASIS",
        None,
        "FR",
        1,
    ),
    ("org-gsma", "GSMA", P, "industry_association", None, None, "GB", 1),
    # civil society
    ("org-access-now", "Access Now", C, "ngo", None, "https://www.accessnow.org/", "US", 2),
    (
        "org-apc",
        "Association for Progressive Communications",
        C,
        "network",
        "APC",
        "https://www.apc.org/",
        "ZA",
        3,
    ),
    ("org-article19", "ARTICLE 19", C, "ngo", None, "https://www.article19.org/", "GB", 2),
    ("org-eff", "Electronic Frontier Foundation", C, "ngo", "EFF", "https://www.eff.org/", "US", 1),
    (
        "org-wikimedia",
        "Wikimedia Foundation",
        C,
        "foundation",
        None,
        "https://wikimediafoundation.org/",
        "US",
        2,
    ),
    ("org-web-foundation", "World Wide Web Foundation", C, "foundation", None, None, "CH", 1),
    ("org-irex", "IREX", C, "ngo", None, "https://www.irex.org/", "US", 3),
    (
        "org-kictanet",
        "Kenya ICT Action Network",
        C,
        "network",
        "KICTANet",
        "https://www.kictanet.or.ke/",
        "KE",
        2,
    ),
    ("org-diplo", "DiploFoundation", C, "foundation", None, "https://www.diplomacy.edu/", "CH", 1),
    ("org-derechos-digitales", "Derechos Digitales", C, "ngo", None, None, "CL", 1),
    (
        "org-gates",
        "Bill & Melinda Gates Foundation",
        C,
        "foundation",
        None,
        "https://www.gatesfoundation.org/",
        "US",
        2,
    ),
    ("org-ict4d-ph", "Foundation for Media Alternatives", C, "ngo", "FMA", None, "PH", 1),
    # academia
    (
        "org-tascha",
        "Technology & Social Change Group, University of Washington Information School",
        A,
        "research_institute",
        "TASCHA",
        "https://tascha.uw.edu/",
        "US",
        2,
    ),
    ("org-makerere", "Makerere University", A, "university", None, None, "UG", 1),
    ("org-unb", "Universidade de Brasília", A, "university", "UnB", None, "BR", 1),
    ("org-oii", "Oxford Internet Institute", A, "research_institute", "OII", None, "GB", 1),
]
# Organisations renamed since: id -> (current name, acronym, the former names with their dates). The id
# stays, so ties keep; the history is in ``notes`` so that a path or brief reads true for any date.
RENAMED = {
    "org-moict-ke": (
        "Ministry of Information, Communications and the Digital Economy (Kenya)",
        "MICDE",
        "Ministry of Information, Communications and Technology (MoICT) until 2022",
    ),
    "org-kominfo": (
        "Kementerian Komunikasi dan Digital (Ministry of Communication and Digital Affairs, Indonesia)",
        "Komdigi",
        "Kementerian Komunikasi dan Informatika (Kominfo) from 2010 until 21 October 2024",
    ),
    "org-dtps-za": (
        "Department of Communications and Digital Technologies (South Africa)",
        "DCDT",
        "Department of Telecommunications and Postal Services (DTPS) from 2014 until 2019, when it merged "
        "with the Department of Communications",
    ),
    "org-deity-in": (
        "Ministry of Electronics and Information Technology (India)",
        "MeitY",
        "Department of Electronics and Information Technology (DeitY) until July 2016, when it became a ministry",
    ),
    "org-bmwi": (
        "Federal Ministry for Economic Affairs and Energy (Germany)",
        "BMWE",
        "BMWi (Federal Ministry for Economic Affairs and Energy) until December 2021; BMWK (Federal Ministry "
        "for Economic Affairs and Climate Action) from December 2021 until May 2025; BMWE since May 2025",
    ),
    "org-ift-mx": (
        "Instituto Federal de Telecomunicaciones (Mexico)",
        "IFT",
        "Created in 2013; dissolved on 17 October 2025, when the Comisión Reguladora de Telecomunicaciones "
        "(CRT), under the Agencia de Transformación Digital y Telecomunicaciones, took over its functions",
    ),
    "org-sct-mx": (
        "Secretaría de Infraestructura, Comunicaciones y Transportes (Mexico)",
        "SICT",
        "Secretaría de Comunicaciones y Transportes (SCT) until 2021; telecommunications policy passed to the "
        "Agencia de Transformación Digital y Telecomunicaciones in 2025",
    ),
    "org-fmct-ng": (
        "Federal Ministry of Communications, Innovation and Digital Economy (Nigeria)",
        "FMCIDE",
        "Federal Ministry of Communication Technology until 2019; Federal Ministry of Communications and "
        "Digital Economy from 2019 until 2023",
    ),
    "org-moict-ug": (
        "Ministry of Information and Communications Technology and National Guidance (Uganda)",
        "MoICT&NG",
        "Ministry of Information and Communications Technology until 2016",
    ),
    "org-mitec-rw": (
        "Ministry of ICT and Innovation (Rwanda)",
        "MINICT",
        "Ministry of Youth and ICT (MYICT) until 2017",
    ),
    "org-mincomm-ru": (
        "Ministry of Digital Development, Communications and Mass Media of the Russian Federation",
        None,
        "Ministry of Telecom and Mass Communications until May 2018",
    ),
    "org-mincomm-az": (
        "Ministry of Digital Development and Transport (Azerbaijan)",
        None,
        "Ministry of Communications and High Technologies until 2017; Ministry of Transport, Communications "
        "and High Technologies from 2017 until 2021",
    ),
    "org-dcms": (
        "Department for Culture, Media and Sport (United Kingdom)",
        "DCMS",
        "Department for Digital, Culture, Media and Sport from 2017 until February 2023, when digital policy "
        "moved to the Department for Science, Innovation and Technology",
    ),
}
ORG = {}
for oid, name, group, otype, acr, web, iso, n in ORGS:
    former = None
    if oid in RENAMED:
        name, acr, former = RENAMED[oid]
    node(
        "Organization",
        oid,
        name,
        stakeholder_group=group,
        org_type=otype,
        acronym=acr,
        website=web,
        notes=former,
    )
    rel("BASED_IN", oid, country(iso), source=web)
    ORG[oid] = dict(group=group, type=otype, iso=iso, n=n, name=name, short=acr or name.split(" (")[0])

# ---------------------------------------------------------------- events (real, except where notes say illustrative)
A_D, DEV, SOP, EMG, CIR, YTH, HR, CYB = (
    "pa-igf-access-diversity",
    "pa-igf-development",
    "pa-igf-security-openness-privacy",
    "pa-igf-emerging-issues",
    "pa-igf-critical-internet-resources",
    "pa-igf-youth",
    "pa-igf-human-rights",
    "pa-igf-cybersecurity",
)
# id, name, kind, date, end_date, place, source, region of the host, themes covered
EVENTS = [
    (
        "event-igf-2012-baku",
        "IGF 2012 Baku",
        "igf",
        "2012-11-06",
        "2012-11-09",
        "Baku, Azerbaijan",
        IGF,
        "eeg",
        [A_D, DEV, SOP, EMG, CIR],
    ),
    (
        "event-igf-2013-bali",
        "IGF 2013 Bali",
        "igf",
        "2013-10-22",
        "2013-10-25",
        "Bali, Indonesia",
        IGF,
        "asia-pacific",
        [A_D, DEV, SOP, EMG, CIR, HR],
    ),
    (
        "event-igf-2014-istanbul",
        "IGF 2014 Istanbul",
        "igf",
        "2014-09-02",
        "2014-09-05",
        "Istanbul, Türkiye",
        IGF,
        "weog",
        [A_D, DEV, SOP, EMG, CIR, HR],
    ),
    (
        "event-igf-2015-joao-pessoa",
        "IGF 2015 João Pessoa",
        "igf",
        "2015-11-10",
        "2015-11-13",
        "João Pessoa, Brazil",
        IGF,
        "grulac",
        [A_D, DEV, CYB, EMG, CIR, HR, YTH],
    ),
    (
        "event-igf-2016-guadalajara",
        "IGF 2016 Guadalajara",
        "igf",
        "2016-12-06",
        "2016-12-09",
        "Guadalajara, Mexico",
        IGF,
        "grulac",
        [A_D, DEV, CYB, EMG, CIR, HR, YTH],
    ),
    (
        "event-igf-2017-geneva",
        "IGF 2017 Geneva",
        "igf",
        "2017-12-18",
        "2017-12-21",
        "Geneva, Switzerland",
        IGF,
        "weog",
        [A_D, DEV, CYB, EMG, CIR, HR, YTH],
    ),
    (
        "event-igf-2018-paris",
        "IGF 2018 Paris",
        "igf",
        "2018-11-12",
        "2018-11-14",
        "Paris, France",
        IGF,
        "weog",
        [A_D, DEV, CYB, EMG, HR],
    ),
    (
        "event-igf-2019-berlin",
        "IGF 2019 Berlin",
        "igf",
        "2019-11-25",
        "2019-11-29",
        "Berlin, Germany",
        IGF,
        "weog",
        [A_D, SOP, CYB, EMG],
    ),
    (
        "event-wlic-2012-helsinki",
        "IFLA WLIC 2012 Helsinki",
        "ifla_wlic",
        "2012-08-11",
        "2012-08-17",
        "Helsinki, Finland",
        IFLA,
        "weog",
        [A_D, "pa-wsis-c3", "pa-education"],
    ),
    (
        "event-wlic-2013-singapore",
        "IFLA WLIC 2013 Singapore",
        "ifla_wlic",
        "2013-08-17",
        "2013-08-23",
        "Singapore",
        IFLA,
        "asia-pacific",
        [A_D, "pa-wsis-c3", "pa-education", "pa-wsis-c8"],
    ),
    (
        "event-wlic-2014-lyon",
        "IFLA WLIC 2014 Lyon",
        "ifla_wlic",
        "2014-08-16",
        "2014-08-22",
        "Lyon, France",
        IFLA,
        "weog",
        [A_D, DEV, "pa-wsis-c3", "pa-community-development"],
    ),
    (
        "event-wlic-2015-cape-town",
        "IFLA WLIC 2015 Cape Town",
        "ifla_wlic",
        "2015-08-15",
        "2015-08-21",
        "Cape Town, South Africa",
        IFLA,
        "african",
        [A_D, DEV, "pa-wsis-c3", "pa-social-cohesion"],
    ),
    (
        "event-wlic-2016-columbus",
        "IFLA WLIC 2016 Columbus",
        "ifla_wlic",
        "2016-08-13",
        "2016-08-19",
        "Columbus, Ohio, United States",
        IFLA,
        "weog",
        [A_D, "pa-wsis-c3", "pa-employment", "pa-sdg-4"],
    ),
    (
        "event-wsis-2013",
        "WSIS Forum 2013",
        "wsis_forum",
        "2013-05-13",
        "2013-05-17",
        "Geneva, Switzerland",
        WSIS,
        "weog",
        ["pa-wsis-c1", "pa-wsis-c2", "pa-wsis-c3", "pa-wsis-c5", "pa-wsis-c7"],
    ),
    (
        "event-wsis-2014",
        "WSIS+10 High-Level Event 2014",
        "wsis_forum",
        "2014-06-10",
        "2014-06-13",
        "Geneva, Switzerland",
        WSIS,
        "weog",
        ["pa-wsis-c1", "pa-wsis-c3", "pa-wsis-c4", "pa-wsis-c8", "pa-wsis-c11"],
    ),
    (
        "event-wsis-2015",
        "WSIS Forum 2015",
        "wsis_forum",
        "2015-05-25",
        "2015-05-29",
        "Geneva, Switzerland",
        WSIS,
        "weog",
        ["pa-wsis-c2", "pa-wsis-c3", "pa-wsis-c7-learning", "pa-wsis-c7-health", "pa-wsis-c10"],
    ),
    (
        "event-wsis-2016",
        "WSIS Forum 2016",
        "wsis_forum",
        "2016-05-02",
        "2016-05-06",
        "Geneva, Switzerland",
        WSIS,
        "weog",
        [
            "pa-wsis-c3",
            "pa-wsis-c4",
            "pa-wsis-c7-agriculture",
            "pa-wsis-c7-employment",
            "pa-sdg-4",
            "pa-sdg-9",
        ],
    ),
    (
        "event-eurodig-2014-berlin",
        "EuroDIG 2014 Berlin",
        "regional_igf",
        "2014-06-12",
        "2014-06-13",
        "Berlin, Germany",
        "https://www.eurodig.org/",
        "weog",
        [SOP, HR, CIR],
    ),
    (
        "event-aprigf-2015-macao",
        "APrIGF 2015 Macao",
        "regional_igf",
        "2015-06-30",
        "2015-07-03",
        "Macao, China",
        "https://www.aprigf.asia/",
        "asia-pacific",
        [A_D, CYB, CIR],
    ),
    (
        "event-kenya-igf-2014",
        "Kenya IGF 2014",
        "national_igf",
        "2014-07-08",
        None,
        "Nairobi, Kenya",
        "https://www.kictanet.or.ke/",
        "african",
        [A_D, DEV, CYB],
    ),
    (
        "event-consult-br-marco-civil",
        "Marco Civil da Internet public consultation",
        "consultation",
        "2009-10-29",
        "2010-05-30",
        "online, Brazil",
        "https://culturadigital.br/marcocivil/",
        "grulac",
        [HR, SOP, A_D],
    ),
    (
        "event-consult-ke-ict-policy",
        "Kenya national ICT policy consultation",
        "consultation",
        "2016-03-15",
        None,
        "Nairobi, Kenya",
        None,
        "african",
        [A_D, DEV, "pa-education"],
    ),
    (
        "event-consult-id-broadband",
        "Indonesia Broadband Plan stakeholder consultation",
        "consultation",
        "2014-02-20",
        None,
        "Jakarta, Indonesia",
        None,
        "asia-pacific",
        [A_D, DEV, "pa-wsis-c2"],
    ),
    (
        "event-ba-meeting-2015",
        "Beyond Access partners meeting",
        "meeting",
        "2015-11-09",
        None,
        "João Pessoa, Brazil",
        None,
        "grulac",
        [A_D, "pa-agriculture", "pa-health"],
    ),
]
ILLUSTRATIVE_EVENTS = {
    "event-kenya-igf-2014",
    "event-consult-ke-ict-policy",
    "event-consult-id-broadband",
    "event-ba-meeting-2015",
}
EVENT = {}
for eid, name, kind, d, end, place, src, region, themes in EVENTS:
    notes = "date illustrative" if eid in ILLUSTRATIVE_EVENTS else None
    node("Event", eid, name, kind=kind, date=d, end_date=end, place=place, source=src, notes=notes)
    for pa in themes:
        rel("COVERS", eid, pa, source=src)
    EVENT[eid] = dict(kind=kind, date=d, region=region, name=name)

# ---------------------------------------------------------------- initiatives (real)
INITS = [
    (
        "init-dc-pal",
        "Dynamic Coalition on Public Access in Libraries",
        "dynamic_coalition",
        IGF,
        [
            A_D,
            DEV,
            YTH,
            HR,
            "pa-wsis-c3",
            "pa-wsis-c4",
            "pa-education",
            "pa-community-development",
            "pa-sdg-4",
            "pa-sdg-16",
        ],
    ),
    (
        "init-beyond-access",
        "Beyond Access",
        "campaign",
        "https://www.irex.org/",
        [A_D, DEV, "pa-agriculture", "pa-health", "pa-employment", "pa-community-development"],
    ),
    (
        "init-da2i",
        "Development and Access to Information (DA2I)",
        "programme",
        "https://da2i.ifla.org/",
        [DEV, "pa-wsis-c3", "pa-sdg-16", "pa-sdg-4", "pa-sdg-9"],
    ),
    (
        "init-lyon-declaration",
        "Lyon Declaration on Access to Information and Development",
        "campaign",
        "https://www.lyondeclaration.org/",
        [A_D, DEV, "pa-wsis-c3", "pa-sdg-16"],
    ),
    (
        "init-global-libraries",
        "Global Libraries (Bill & Melinda Gates Foundation)",
        "programme",
        "https://www.gatesfoundation.org/",
        [A_D, "pa-community-development", "pa-employment"],
    ),
    (
        "init-eifl-plip",
        "EIFL Public Library Innovation Programme",
        "programme",
        "https://www.eifl.net/programmes/public-library-innovation-programme",
        ["pa-agriculture", "pa-health", "pa-employment", YTH],
    ),
    ("init-a4ai", "Alliance for Affordable Internet", "coalition", "https://a4ai.org/", [A_D, "pa-wsis-c2"]),
    ("init-dc-irp", "Internet Rights and Principles Dynamic Coalition", "dynamic_coalition", IGF, [HR, SOP]),
    ("init-dc-civ", "Dynamic Coalition on Core Internet Values", "dynamic_coalition", IGF, [CIR, SOP, EMG]),
]
for iid, name, kind, web, covers in INITS:
    node("Initiative", iid, name, kind=kind, website=web, source=web)
    for pa in covers:
        rel("COVERS", iid, pa, source=web)

# organisational facts (public; sources cited where well known)
for a, b, src in [
    ("org-gates", "init-global-libraries", "https://www.gatesfoundation.org/"),
    ("org-gates", "init-beyond-access", "https://www.irex.org/"),
    ("org-gates", "org-eifl", "https://www.eifl.net/"),
    ("org-gates", "org-tascha", "https://tascha.uw.edu/"),
    ("org-gates", "org-irex", None),
    ("org-gates", "init-da2i", "https://da2i.ifla.org/"),
    ("org-ifla", "init-da2i", IFLA),
    ("org-sida", "org-apc", None),
    ("org-google", "init-a4ai", "https://a4ai.org/"),
    ("org-sida", "init-a4ai", "https://a4ai.org/"),
    ("org-isoc", "org-igf-secretariat", IGF),
    ("org-icann", "org-igf-secretariat", IGF),
    ("org-mfa-fi", "org-igf-secretariat", IGF),
    ("org-ofcom-ch", "org-igf-secretariat", IGF),
    ("org-bmwi", "org-igf-secretariat", IGF),
    ("org-eifl", "init-eifl-plip", "https://www.eifl.net/"),
    ("org-microsoft", "org-irex", None),
    ("org-nic-br", "org-cgi-br", None),
]:
    rel("FUNDS", a, b, source=src)
for a, b, src in [
    ("org-ifla", "org-eifl", IFLA),
    ("org-ifla", "org-unesco", IFLA),
    ("org-irex", "org-eifl", "https://www.irex.org/"),
    ("org-irex", "org-ifla", "https://www.irex.org/"),
    ("org-irex", "org-tascha", None),
    ("org-ifla", "org-tascha", "https://da2i.ifla.org/"),
    ("org-eifl", "org-kla", "https://www.eifl.net/"),
    ("org-eifl", "org-knls", "https://www.eifl.net/"),
    ("org-eifl", "org-ulia", "https://www.eifl.net/"),
    ("org-eifl", "org-gla", "https://www.eifl.net/"),
    ("org-eifl", "org-ghala", "https://www.eifl.net/"),
    ("org-eifl", "org-nla-nigeria", None),
    ("org-eifl", "org-ula", None),
    ("org-irex", "org-febab", None),
    ("org-irex", "org-ascolbi", None),
    ("org-irex", "org-plai", None),
    ("org-isoc", "org-ietf", "https://www.ietf.org/"),
    ("org-icann", "org-afrinic", None),
    ("org-icann", "org-lacnic", None),
    ("org-icann", "org-apnic", None),
    ("org-icann", "org-ripe-ncc", None),
    ("org-icann", "org-arin", None),
    ("org-nic-br", "org-lacnic", None),
    ("org-itu", "org-unesco", WSIS),
    ("org-unesco", "org-undp", None),
    ("org-apc", "org-kictanet", None),
    ("org-web-foundation", "org-apc", "https://a4ai.org/"),
    ("org-google", "org-isoc", None),
    ("org-microsoft", "org-liasa", None),
    ("org-cisco", "org-itu", None),
    ("org-wikimedia", "org-ifla", None),
    ("org-ifla", "org-isoc", None),
    ("org-article19", "org-faife", None),
    ("org-access-now", "org-eff", None),
    ("org-knls", "org-kla", None),
    ("org-nlsa", "org-liasa", None),
    ("org-bn-brasil", "org-febab", None),
    ("org-pnri", "org-ipi", None),
    ("org-ghala", "org-gla", None),
    ("org-loc", "org-ala", None),
    ("org-bl", "org-cilip", None),
]:
    rel("PARTNERS_WITH", a, b, source=src)
rel("MEMBER_OF", "org-faife", "org-ifla", role="IFLA core committee", source=IFLA)
for oid, o in ORG.items():
    if o["type"] == "library_association" and oid != "org-ifla":
        rel("MEMBER_OF", oid, "org-ifla", role="national association member", source=IFLA)
    if oid.startswith("org-isoc-"):
        rel("MEMBER_OF", oid, "org-isoc", role="chapter", source="https://www.internetsociety.org/chapters/")
for oid in [
    "org-loc",
    "org-bl",
    "org-bnf",
    "org-nlsa",
    "org-knls",
    "org-kb",
    "org-nl-finland",
    "org-nlb-sg",
    "org-pnri",
]:
    rel("MEMBER_OF", oid, "org-ifla", role="institutional member", source=IFLA)
for oid in [
    "org-ifla",
    "org-eifl",
    "org-ala",
    "org-cilip",
    "org-liasa",
    "org-kla",
    "org-febab",
    "org-alia",
    "org-dbv",
    "org-abf",
    "org-fla",
    "org-cfla",
    "org-ambac",
    "org-ipi",
    "org-gla",
    "org-nla-nigeria",
    "org-bl",
    "org-kb",
    "org-wikimedia",
    "org-article19",
    "org-access-now",
    "org-eff",
    "org-tascha",
    "org-irex",
    "org-ulia",
    "org-sbp",
]:
    rel(
        "MEMBER_OF", oid, "init-lyon-declaration", role="signatory", source="https://www.lyondeclaration.org/"
    )
for oid, role in [
    ("org-irex", "lead"),
    ("org-eifl", "partner"),
    ("org-ifla", "partner"),
    ("org-tascha", "partner"),
    ("org-febab", "country partner"),
    ("org-ascolbi", "country partner"),
    ("org-plai", "country partner"),
    ("org-ghala", "country partner"),
    ("org-kla", "country partner"),
    ("org-ulia", "country partner"),
]:
    rel(
        "MEMBER_OF",
        oid,
        "init-beyond-access",
        role=role,
        source="https://www.irex.org/" if role != "country partner" else None,
    )
for oid in ["org-knls", "org-ghala", "org-nl-uganda", "org-eifl", "org-nlsa"]:
    rel("MEMBER_OF", oid, "init-eifl-plip", role="pilot library" if oid != "org-eifl" else "programme lead")
for oid in ["org-bn-colombia", "org-pnri", "org-nl-ukraine", "org-ghala"]:
    rel("MEMBER_OF", oid, "init-global-libraries", role="grantee")
for oid in [
    "org-google",
    "org-microsoft",
    "org-web-foundation",
    "org-apc",
    "org-kictanet",
    "org-icasa",
    "org-ca-ke",
]:
    rel("MEMBER_OF", oid, "init-a4ai", role="member", source="https://a4ai.org/")
for oid in ["org-apc", "org-article19", "org-access-now", "org-coe"]:
    rel("MEMBER_OF", oid, "init-dc-irp", role="member", source=IGF)
for oid in ["org-isoc", "org-icann", "org-ietf", "org-w3c"]:
    rel("MEMBER_OF", oid, "init-dc-civ", role="member", source=IGF)

# ---------------------------------------------------------------- invented people
NAMES = {
    "east_africa": (
        "Wanjiru Achieng Otieno Baraka Njeri Kamau Atieno Mutua Nyokabi Jabari Akinyi Wekesa Nafula Zawadi Kiprono Amani Neema Musa Rehema Ssali",
        "Mwangi Otieno Kariuki Wekesa Njoroge Mutua Ochieng Kiprop Nyambura Wanyama Ssempala Nakato Mugisha Kato Mbwana Uwase Habimana Kimani Omondi Chebet",
    ),
    "ethiopia": (
        "Abebe Selam Tigist Dawit Meron Yonas Hiwot Bereket",
        "Tesfaye Bekele Alemu Haile Girma Mekonnen Tadesse Woldemariam",
    ),
    "west_africa": (
        "Chinedu Ngozi Kofi Esi Adaeze Yaw Emeka Abena Tunde Folake Kwabena Efua Ifeoma Nnamdi Akosua Olumide",
        "Okafor Mensah Adeyemi Owusu Boateng Eze Asante Okonkwo Appiah Balogun Agyeman Nwosu Oladipo Darko Ogunleye Quaye",
    ),
    "sahel": (
        "Amara Fatou Moussa Awa Ousmane Aminata Ibrahima Mariama Cheikh Ndeye Boubacar Aissatou",
        "Diallo Ndiaye Sow Fall Diop Ba Sy Mbaye Ngom Kane Fotso Tchinda",
    ),
    "southern_africa": (
        "Nomvula Thabo Lindiwe Sipho Kagiso Tendai Naledi Farai Mpho Chipo Lerato Themba Tariro Bongani Palesa Mwila",
        "Dlamini Nkosi Ndlovu Mokoena Moyo Molefe Banda Chanda Mahlangu Phiri Khumalo Sibanda Mbeki Shikongo Tshabalala Zulu",
    ),
    "arab": (
        "Youssef Salma Karim Nour Amine Leila Omar Rania Hichem Yasmine",
        "Benali El Amrani Haddad Mansour Chaabane Saidi Fawzy Ben Salem Kamel Gharbi",
    ),
    "south_asia": (
        "Priya Arjun Kavita Anil Sunil Ananya Ramesh Deepa Kiran Meera Rohan Lakshmi Vikram Shreya Prakash Sushila",
        "Sharma Iyer Nair Kumar Rao Menon Shrestha Gupta Patel Krishnan Thapa Desai Pillai Joshi Bhattarai Reddy",
    ),
    "bengali": ("Farhana Tanvir Nusrat Rafiq Sabina Arif", "Rahman Hossain Chowdhury Islam Ahmed Karim"),
    "sri_lanka": ("Nimali Chaminda Dilani Ruwan", "Perera Fernando Jayasinghe Wickramasinghe"),
    "pakistan": ("Ayesha Bilal Sana Usman", "Qureshi Malik Siddiqui Butt"),
    "malay": (
        "Dewi Budi Siti Rizal Lestari Putri Agus Wulan Hendra Ratna Nurul Fadli Indah Bambang",
        "Santoso Wijaya Hidayat Pratama Susanto Rahmawati Kusuma Nugroho Saputra Abdullah Ismail Halim Setiawan Utami",
    ),
    "chinese": ("Mei Wei Jia Hui Ling Xin", "Lim Tan Chen Wong Zhang Liu"),
    "filipino": (
        "Maria Jose Ana Ramon Carmela Paolo Liza Marco",
        "Reyes Santos Bautista Dela Cruz Villanueva Mendoza Aquino Garcia",
    ),
    "vietnamese": ("Thu Minh Lan Hung", "Tran Nguyen Pham Le"),
    "japanese": ("Yuki Haruto Aiko Kenji", "Tanaka Sato Nakamura Suzuki"),
    "korean": ("Ji-woo Min-jun Seo-yeon Hyun-woo", "Kim Park Lee Choi"),
    "pacific": ("Litia Sefo Mere Tevita", "Naidu Vakaloloma Tuilagi Ravuvu"),
    "turkic": (
        "Elif Emre Aysel Rashad Leyla Murat Aigerim Kemal Nigar Orhan Zeynep Tural",
        "Yilmaz Aydin Demir Arslan Kaya Dogan Ozturk Kilic Yildiz Sahin Koc Celik",
    ),
    "slavic": (
        "Olena Dmitri Anna Pavel Natalia Igor Milica Andriy Svetlana Nikola Oksana Marko",
        "Kovalenko Melnyk Tkachuk Savchuk Shevchenko Jovanovic Kravchenko Bondarenko Markovic Petrovic Hrytsenko Nikolic",
    ),
    "polish": (
        "Katarzyna Tomasz Agnieszka Piotr Magdalena Marek",
        "Nowak Kowalczyk Mazur Krawczyk Kaczmarek Wojcik",
    ),
    "czech": ("Jana Petr Lucie Tomas", "Prochazka Dvorak Kucera Cerny"),
    "romanian": (
        "Ioana Andrei Elena Mihai Cristina Radu Ana Vlad",
        "Popescu Ionescu Munteanu Rusu Ciobanu Stan Ceban Lungu",
    ),
    "caucasus": (
        "Nino Giorgi Ani Davit Tamar Levan",
        "Beridze Hakobyan Kapanadze Sargsyan Gelashvili Grigoryan",
    ),
    "baltic": ("Ruta Tomas Egle Mantas Kadri Marten", "Kask Sepp Rebane Magi Tamm Saar"),
    "lusophone": (
        "Ana Paulo Mariana Thiago Juliana Rafael Beatriz Lucas Camila Gustavo Fernanda Rodrigo Larissa Marcelo Patricia Bruno",
        "Silva Santos Oliveira Souza Pereira Costa Carvalho Almeida Ribeiro Gomes Martins Araujo Barbosa Rocha Cardoso Teixeira",
    ),
    "hispanic": (
        "Lucia Carlos Sofia Diego Valentina Javier Camila Andres Gabriela Mateo Paula Alejandro Daniela Sebastian Ximena Fernando Carolina Ricardo Mariana Tomas Ines Joaquin",
        "Gonzalez Rodriguez Hernandez Lopez Martinez Ramirez Torres Flores Vargas Castillo Morales Rojas Herrera Mendoza Aguilar Quispe Ortega Silva Navarro Cardenas Fuentes Pacheco",
    ),
    "caribbean": (
        "Keisha Andre Simone Marlon Tricia Dwayne",
        "Campbell Williams Ramdial Thompson Persad Grant",
    ),
    "anglo": (
        "Sarah James Emily Michael Rachel David Laura Daniel Hannah Peter Claire Andrew Megan Thomas Olivia Robert Fiona Nathan Grace Simon",
        "Whitfield Harrington Caldwell Brennan Ashworth Fairbanks Holloway Pemberton Lockhart Marlowe Thornbury Kingsley Radcliffe Winslow Hartley Ellison Carrington Blackwood Sutherland Prescott",
    ),
    "french": (
        "Camille Julien Claire Mathieu Elodie Antoine Sophie Nicolas",
        "Lefebvre Moreau Girard Fontaine Rousseau Mercier Chevalier Garnier",
    ),
    "german": (
        "Katharina Lukas Anja Florian Miriam Stefan Jonas Lea",
        "Schneider Hoffmann Becker Wagner Keller Brunner Vogel Zimmermann",
    ),
    "dutch": (
        "Sanne Joost Femke Bram Lotte Pieter Anouk Ruben",
        "de Vries Jansen van Dijk Bakker Visser Smit Mulder de Boer",
    ),
    "nordic": ("Ingrid Lars Astrid Erik Sofie Mikkel", "Lindqvist Johansson Halvorsen Nielsen Berg Andersen"),
    "finnish": (
        "Aino Mikko Riikka Jussi Satu Antti",
        "Korhonen Virtanen Makinen Nieminen Lehtonen Heikkinen",
    ),
    "italian": ("Giulia Marco Chiara Luca", "Rossi Bianchi Romano Colombo"),
}
POOLS = {k: (first.split(), last.split()) for k, (first, last) in NAMES.items()}
# multi-word surnames in the pools
for k in ("filipino", "dutch", "arab"):
    first, last = NAMES[k]
    POOLS[k] = (
        first.split(),
        [x.replace("_", " ") for x in re.sub(r"\b(Dela|de|van|El|Ben) ", r"\1_", last).split()],
    )
_used_names: set[str] = set()


# Where one pool serves several countries, the names that fit each country (given names, surnames).
# A drawn name that does not fit is swapped for one that does, by its place in the pool, with no
# further draw, so the random stream stays as it was.
FIT = {
    "KE": (
        "Wanjiru Achieng Otieno Baraka Njeri Kamau Atieno Mutua Nyokabi Jabari Akinyi Wekesa Nafula Zawadi Kiprono Amani Neema Rehema",
        "Mwangi Otieno Kariuki Wekesa Njoroge Mutua Ochieng Kiprop Nyambura Wanyama Kimani Omondi Chebet Wambua",
    ),
    "UG": (
        "Ssali Nakato Musa Apio Mukasa Babirye Okello Namubiru",
        "Ssempala Nakato Kato Mugisha Okello Ssekandi Namubiru Mukasa",
    ),
    "RW": ("Aline Eric Claudine Jean Diane Patrick", "Uwase Habimana Mugisha Niyonzima Uwimana Nshimiyimana"),
    "TZ": ("Zawadi Neema Musa Rehema Amani Baraka Juma Halima", "Mbwana Mushi Massawe Mollel Kimaro Juma"),
    "NG": (
        "Chinedu Ngozi Adaeze Emeka Tunde Folake Ifeoma Nnamdi Olumide",
        "Okafor Adeyemi Eze Okonkwo Balogun Nwosu Oladipo Ogunleye",
    ),
    "GH": (
        "Kofi Esi Yaw Abena Kwabena Efua Akosua Ama",
        "Mensah Owusu Boateng Asante Appiah Agyeman Darko Quaye",
    ),
    "ID": (
        "Dewi Budi Siti Rizal Lestari Putri Agus Wulan Hendra Ratna Indah Bambang",
        "Santoso Wijaya Hidayat Pratama Susanto Rahmawati Kusuma Nugroho Saputra Setiawan Utami",
    ),
    "MY": (
        "Siti Nurul Fadli Rizal Aisyah Hafiz Amir Farah",
        "Abdullah Ismail Halim Rahman Hassan Ibrahim Yusof Aziz",
    ),
}
FIT = {iso: (a.split(), b.split()) for iso, (a, b) in FIT.items()}


def fit(iso: str, word: str, pool: list[str], which: int, taken: set[str], other: str) -> str:
    """``word`` if it fits the country, else the first free fitting word from its place in the pool."""
    if iso not in FIT or word in FIT[iso][which]:
        return word
    fitting = FIT[iso][which]
    start = pool.index(word)
    for k in range(len(fitting)):
        w = fitting[(start + k) % len(fitting)]
        if (f"{w} {other}" if which == 0 else f"{other} {w}") not in taken:
            return w
    return fitting[start % len(fitting)]


_fitted: set[str] = set()
# Each person's place in sorted lists is by the name as drawn, before fitting, so that the random
# choices made over those lists are as they were.
DRAWN: dict[str, str] = {}


def invent_name(iso: str) -> str:
    firsts, lasts = POOLS[CULTURE[iso]]
    for _ in range(500):
        # The draw and its uniqueness check are as before the fitting, so the random stream is unchanged.
        given, family = RNG.choice(firsts), RNG.choice(lasts)
        drawn = f"{given} {family}"
        if drawn not in _used_names:
            _used_names.add(drawn)
            given = fit(iso, given, firsts, 0, _fitted | _used_names, family)
            family = fit(iso, family, lasts, 1, _fitted | _used_names, given)
            name = f"{given} {family}"
            _fitted.add(name)
            DRAWN[name] = drawn
            return name
    raise RuntimeError(f"name pool exhausted for {iso}")


TITLES = {
    "library_association": [
        "Advocacy Committee Member",
        "Programme Officer",
        "Advocacy and Policy Officer",
        "Member",
        "Policy Adviser",
        "Board Member",
    ],
    "library": [
        "Digital Services Librarian",
        "Librarian, ICT Services",
        "Public Library Outreach Officer",
        "Programme Officer",
    ],
    "library_committee": ["FAIFE Committee Member"],
    "ministry": [
        "Policy Adviser, ICT",
        "ICT Policy Officer",
        "Senior Policy Officer, International Affairs",
        "Digital Inclusion Officer",
    ],
    "regulator": [
        "Policy Officer, Universal Service",
        "Consumer Affairs Officer",
        "International Relations Officer",
    ],
    "government_agency": ["International Relations Officer", "Senior Policy Adviser", "Programme Officer"],
    "parliament": ["Committee Clerk, ICT"],
    "company": ["Public Policy Manager", "Government Affairs Manager", "Public Policy Adviser"],
    "industry_association": ["Policy Adviser", "Public Policy Officer"],
    "ngo": [
        "Programme Officer",
        "Policy Adviser",
        "Campaigner, Access to Information",
        "Regional Programme Officer",
    ],
    "network": ["Policy Officer", "Policy Lead", "Member", "Programme Officer"],
    "foundation": ["Program Officer", "Senior Program Officer", "Policy Lead"],
    "technical_body": ["Policy Advisor", "Regional Engagement Manager", "Stakeholder Engagement Adviser"],
    "un_agency": [
        "Programme Specialist, Communication and Information",
        "Policy Analyst",
        "Senior Programme Officer",
    ],
    "intergovernmental_body": ["Senior Policy Analyst", "Digital Development Specialist"],
    "university": ["Researcher, Information Science", "Professor of Information Studies"],
    "research_institute": ["Research Scientist", "Research Fellow"],
}
TITLES_IFLA = [
    "Policy and Advocacy Officer",
    "Senior Policy Officer",
    "Programme Officer, Development Programmes",
    "Policy Adviser",
    "Regional Office Programme Officer, Africa",
    "Regional Office Programme Officer, Latin America and the Caribbean",
    "Communications Officer",
]
TITLES_EIFL = [
    "Public Library Innovation Programme Officer",
    "Copyright and Libraries Programme Officer",
    "Programme Officer, Kenya",
    "Programme Officer, Ghana",
    "Advocacy Officer",
]
# international organisations whose staff sit in several countries (illustrative placements)
SPREAD = {
    "org-ifla": ["NL", "NL", "NL", "NL", "ZA", "BR", "NL"],
    "org-eifl": ["LT", "LT", "KE", "GH", "UG"],
    "org-unesco": ["FR", "KE", "UY"],
    "org-itu": ["CH", "CH", "SN"],
    "org-isoc": ["US", "CH", "KE", "SG"],
    "org-icann": ["US", "TR", "SG"],
    "org-google": ["US", "KE", "BR"],
    "org-microsoft": ["US", "ZA", "ID"],
    "org-meta": ["US", "BR"],
    "org-cisco": ["US", "IN"],
    "org-apc": ["ZA", "KE", "PH"],
    "org-access-now": ["US", "TN"],
    "org-article19": ["GB", "MX"],
    "org-wikimedia": ["US", "GH"],
    "org-irex": ["US", "PH", "UG"],
    "org-gates": ["US", "US"],
    "org-undp": ["US"],
    "org-world-bank": ["US"],
    "org-tascha": ["US", "US"],
    "org-ripe-ncc": ["NL", "NL"],
}

PEOPLE: dict[str, dict] = {}
SORT_KEY: dict[str, str] = {}


def person(name: str, iso: str, org: str, title: str, since: str | None = None, **props) -> str:
    pid = f"person-{slug(name)}"
    SORT_KEY[pid] = f"person-{slug(DRAWN.get(name, name))}"
    if name not in _fitted:  # a name given by hand, not drawn
        _used_names.add(name)
    group = ORG[org]["group"]
    node("Person", pid, name, title=title, stakeholder_group=group, **props)
    rel("BASED_IN", pid, country(iso))
    rel("WORKS_FOR", pid, org, role=title, since=since or rdate(date(2003, 1, 1), date(2013, 6, 30)))
    PEOPLE[pid] = dict(
        name=name, iso=iso, org=org, orgs=[org], group=group, title=title, region=COUNTRY_REGION[iso]
    )
    return pid


BY_ORG: dict[str, list[str]] = {}
for oid, o in ORG.items():
    for i in range(o["n"]):
        iso = SPREAD.get(oid, [o["iso"]])[i % len(SPREAD.get(oid, [o["iso"]]))]
        titles = TITLES_IFLA if oid == "org-ifla" else TITLES_EIFL if oid == "org-eifl" else TITLES[o["type"]]
        pid = person(invent_name(iso), iso, oid, titles[i % len(titles)])
        BY_ORG.setdefault(oid, []).append(pid)
# the showcase "two hops" example in seed/README.md needs this name to be the id given in the brief
assert "person-amara-diallo" not in _ids


# ---------------------------------------------------------------- showcase people (see seed/README.md)
def first(org: str) -> str:
    return BY_ORG[org][0]


# FAIFE committee members: library people who also serve on the IFLA committee
FAIFE = [
    BY_ORG["org-cilip"][1],
    BY_ORG["org-liasa"][1],
    BY_ORG["org-febab"][1],
    BY_ORG["org-ila-india"][0],
    BY_ORG["org-abf"][0],
    BY_ORG["org-ascolbi"][1],
]
for i, pid in enumerate(FAIFE):
    role = "FAIFE Committee Member"
    rel("WORKS_FOR", pid, "org-faife", role=role, since=f"{2011 + i % 3}-08-{15 + i}")
    PEOPLE[pid]["orgs"].append("org-faife")
    BY_ORG.setdefault("org-faife", []).append(pid)
# a few other second affiliations
for pid, org, role in [
    (BY_ORG["org-tascha"][0], "org-ifla", "DA2I report adviser"),
    (BY_ORG["org-knls"][0], "org-kla", "Board Member"),
    (BY_ORG["org-nic-br"][0], "org-cgi-br", "Adviser to the Executive Secretariat"),
]:
    rel("WORKS_FOR", pid, org, role=role, since="2015-01-01")
    PEOPLE[pid]["orgs"].append(org)

# Amara Diallo: Senegalese librarian in IFLA's Africa regional office, a DC-PAL member
AMARA = person("Amara Diallo", "SN", "org-ifla", "Programme Officer, Africa (Dakar)", since="2011-03-01")
BY_ORG["org-ifla"].append(AMARA)

# DC-PAL: library people and library organisations
DCPAL_PEOPLE = [
    BY_ORG["org-ifla"][0],
    BY_ORG["org-ifla"][1],
    AMARA,
    BY_ORG["org-eifl"][0],
    BY_ORG["org-eifl"][2],
] + [
    first(o)
    for o in [
        "org-kla",
        "org-liasa",
        "org-febab",
        "org-ala",
        "org-cilip",
        "org-ambac",
        "org-gla",
        "org-nla-nigeria",
        "org-ipi",
        "org-ulia",
        "org-knls",
        "org-ascolbi",
        "org-plai",
        "org-sbp",
        "org-abgra",
    ]
]
DCPAL_ORGS = [
    "org-ifla",
    "org-eifl",
    "org-kla",
    "org-liasa",
    "org-febab",
    "org-ala",
    "org-gla",
    "org-ipi",
    "org-ulia",
    "org-ambac",
]
for pid in DCPAL_PEOPLE:
    rel("MEMBER_OF", pid, "init-dc-pal", role="member")
for oid in DCPAL_ORGS:
    rel(
        "MEMBER_OF",
        oid,
        "init-dc-pal",
        role="founding member" if oid in ("org-ifla", "org-eifl") else "member",
        source=IGF,
    )
DCPAL = set(DCPAL_PEOPLE)

D_KE = first("org-kla")  # Kenya Library Association, DC-PAL member
D_MX = first("org-ambac")  # AMBAC (Mexico), DC-PAL member
D_BR = first("org-febab")  # FEBAB (Brazil), DC-PAL member
D_PL = first("org-sbp")  # Polish Librarians Association, DC-PAL member

# two hops: Kenya's ICT ministry, reached through KICTANet
TWO_HOP = person(
    "Wambui Gichuru", "KE", "org-moict-ke", "Adviser to the Cabinet Secretary, ICT Policy", since="2013-05-01"
)
# long chain: Azerbaijan's ministry, reachable only through an ISOC chapter, two regulators and a company
CH1 = person("Bartosz Wrobel", "PL", "org-isoc-poland", "Chapter Member", since="2010-01-01")
CH2 = person(
    "Sorina Dumitrescu", "RO", "org-ancom", "Policy Officer, International Relations", since="2009-09-01"
)
CH3 = person("Victor Cojocaru", "MD", "org-anrceti", "International Cooperation Officer", since="2011-02-01")
CH4 = person("Farid Najafov", "AZ", "org-azercell", "Public Policy Manager", since="2010-06-01")
LONG = person(
    "Gunel Abbasova",
    "AZ",
    "org-mincomm-az",
    "Adviser to the Minister, Information Society",
    since="2008-04-01",
)
# opposed broker: a senior official in Mexico who knows library people and other officials
BROKER = person(
    "Rodrigo Salcedo Ibarra",
    "MX",
    "org-sct-mx",
    "Senior Adviser, Telecommunications Policy",
    since="2007-01-15",
)
BEHIND = person(
    "Marisol Avendano", "MX", "org-ift-mx", "Universal Service Policy Adviser", since="2014-10-01"
)
ALT1 = person("Hector Villasenor", "MX", "org-isoc-mexico", "Chapter Member", since="2012-01-01")
ALT2 = person("Renata Olvera", "MX", "org-amipci", "Public Policy Officer", since="2013-01-01")
# unreachable: an isolated official in Belarus (no library ties in the country, no KNOWS, no events)
ISOLATED = person(
    "Aliaksandr Zhuk",
    "BY",
    "org-mincom-by",
    "Policy Officer, Information Society Department",
    since="2012-02-01",
)
PROTECTED = {TWO_HOP, CH1, CH2, CH3, CH4, LONG, BROKER, BEHIND, ALT1, ALT2, ISOLATED}

KENYA_BRIDGE = first("org-kictanet")
explicit = [
    (D_KE, KENYA_BRIDGE, 4, "2016-03-15", "met at the Kenya national ICT policy consultation"),
    (KENYA_BRIDGE, TWO_HOP, 4, "2016-04-20", "KICTANet policy roundtables with the ministry"),
    (TWO_HOP, first("org-safaricom"), 2, "2014-07-08", "met at Kenya IGF 2014"),
    (D_PL, CH1, 3, "2014-06-12", "met at EuroDIG 2014 Berlin"),
    (CH1, CH2, 3, "2013-05-20", "RIPE meeting in Dublin"),
    (CH2, CH3, 4, "2015-10-05", "regional regulators' cooperation meeting"),
    (CH3, CH4, 2, "2012-11-07", "met at IGF 2012 Baku"),
    (CH4, LONG, 5, "2016-02-10", "licensing and broadband policy work"),
    (D_BR, BROKER, 4, "2015-11-12", "met at IGF 2015 João Pessoa"),
    (D_MX, BROKER, 3, "2016-12-07", "met at IGF 2016 Guadalajara"),
    (BROKER, BEHIND, 4, "2016-11-15", "inter-agency telecommunications reform working group"),
    (BROKER, first("org-mintic-co"), 3, "2015-06-01", "CITEL meetings"),
    (BROKER, first("org-subtel-cl"), 3, "2014-09-03", "met at IGF 2014 Istanbul"),
    (BROKER, first("org-deity-in"), 2, "2013-10-23", "met at IGF 2013 Bali"),
    (BROKER, first("org-kominfo"), 3, "2013-10-24", "met at IGF 2013 Bali"),
    (BROKER, first("org-state-dept"), 3, "2016-05-03", "met at WSIS Forum 2016"),
    (D_MX, ALT1, 3, "2016-12-08", "library Internet access workshop, Guadalajara"),
    (ALT1, ALT2, 3, "2016-06-01", "Mexican Internet Governance dialogue"),
    (ALT2, BEHIND, 2, "2016-09-20", "IFT consultation on universal service"),
]
for a, b, s, d, ctx in explicit:
    rel("KNOWS", a, b, strength=s, last_contact=d, context=ctx)

# ---------------------------------------------------------------- attendance
ORDINARY = [p for p in PEOPLE if p not in PROTECTED]
ATTENDEES: dict[str, list[str]] = {e: [] for e in EVENT}


def attend(who: str, eid: str, role: str) -> None:
    if rel("ATTENDS", who, eid, role=role, source=EVENT[eid].get("src")):
        ATTENDEES[eid].append(who)


for pid in ORDINARY:
    p = PEOPLE[pid]
    for eid, e in EVENT.items():
        k, near = e["kind"], e["region"] == p["region"]
        if k in ("consultation", "national_igf"):
            host = {
                "event-consult-br-marco-civil": "BR",
                "event-consult-ke-ict-policy": "KE",
                "event-consult-id-broadband": "ID",
                "event-kenya-igf-2014": "KE",
            }[eid]
            prob = 0.6 if p["iso"] == host else 0.0
        elif k == "meeting":
            prob = (
                0.5
                if any(
                    o in ("org-irex", "org-eifl", "org-ifla", "org-tascha", "org-gates") for o in p["orgs"]
                )
                else 0.0
            )
        elif k == "ifla_wlic":
            prob = (0.45 if near else 0.25) if p["group"] == "library" else 0.03
        elif k == "igf":
            if p["group"] == "library":
                prob = 0.45 if pid in DCPAL and "2013" <= e["date"][:4] <= "2016" else 0.08
            else:
                prob = 0.3 if near else 0.14
            if p["region"] == "eeg" and p["group"] == "library":
                prob = 0.05
        elif k == "wsis_forum":
            prob = 0.25 if p["group"] in ("government", "intergovernmental") else 0.12
        else:  # regional IGF
            prob = 0.4 if near and p["group"] != "library" else 0.05 if near else 0.0
        if RNG.random() < prob:
            attend(
                pid, eid, RNG.choices(["speaker", "attendee", "participant", "organiser"], [3, 6, 2, 0.5])[0]
            )
attend(TWO_HOP, "event-kenya-igf-2014", "speaker")
attend(TWO_HOP, "event-consult-ke-ict-policy", "organiser")
attend(BROKER, "event-igf-2016-guadalajara", "speaker")
attend(BROKER, "event-igf-2015-joao-pessoa", "attendee")
attend(D_PL, "event-eurodig-2014-berlin", "attendee")
for eid, e in EVENT.items():
    org = {"igf": "org-igf-secretariat", "ifla_wlic": "org-ifla", "wsis_forum": "org-itu"}.get(e["kind"])
    if org:
        rel(
            "ATTENDS",
            org,
            eid,
            role="organiser",
            source=IGF if org == "org-igf-secretariat" else IFLA if org == "org-ifla" else WSIS,
        )
for eid in [
    "event-igf-2013-bali",
    "event-igf-2014-istanbul",
    "event-igf-2015-joao-pessoa",
    "event-igf-2016-guadalajara",
]:
    rel("ATTENDS", "org-ifla", eid, role="speaker", source=IGF)
    rel("ATTENDS", "org-eifl", eid, role="participant", source=IGF)
for oid, eids in {
    "org-unesco": [
        "event-wsis-2013",
        "event-wsis-2014",
        "event-wsis-2015",
        "event-wsis-2016",
        "event-igf-2015-joao-pessoa",
    ],
    "org-isoc": [
        "event-igf-2012-baku",
        "event-igf-2013-bali",
        "event-igf-2014-istanbul",
        "event-eurodig-2014-berlin",
    ],
    "org-icann": ["event-igf-2013-bali", "event-igf-2014-istanbul", "event-aprigf-2015-macao"],
    "org-cgi-br": ["event-igf-2015-joao-pessoa", "event-consult-br-marco-civil"],
    "org-kictanet": ["event-kenya-igf-2014"],
    "org-irex": ["event-ba-meeting-2015"],
    "org-kominfo": ["event-igf-2013-bali", "event-consult-id-broadband"],
    "org-ala": ["event-wlic-2016-columbus"],
    "org-liasa": ["event-wlic-2015-cape-town"],
    "org-ca-ke": ["event-consult-ke-ict-policy"],
}.items():
    for eid in eids:
        rel(
            "ATTENDS",
            oid,
            eid,
            role="organiser"
            if (oid == "org-unesco" and eid.startswith("event-wsis-"))
            or (
                oid in ("org-cgi-br", "org-kictanet", "org-irex", "org-kominfo")
                and eid
                in (
                    "event-consult-br-marco-civil",
                    "event-kenya-igf-2014",
                    "event-ba-meeting-2015",
                    "event-consult-id-broadband",
                )
            )
            else "participant",
        )


# ---------------------------------------------------------------- acquaintance (KNOWS), illustrative
def contact_date(anchor: str | None = None) -> str:
    r = RNG.random()
    if r < 0.13:
        return rdate(date(2024, 1, 1), date(2026, 3, 31))
    if r < 0.25:
        return rdate(date(2005, 1, 1), date(2011, 12, 31))
    if anchor:
        d = date.fromisoformat(anchor)
        return rdate(d, d + timedelta(days=600))
    return rdate(date(2012, 1, 1), date(2016, 12, 31))


def knows(a: str, b: str, ctx: str, anchor: str | None = None, strength: int | None = None) -> None:
    if a in PROTECTED or b in PROTECTED:
        return
    sens = RNG.choices(["public", "internal", "private"], [80, 17, 3])[0]
    rel(
        "KNOWS",
        a,
        b,
        strength=strength or RNG.choices([1, 2, 3, 4, 5], [2, 4, 5, 3, 1])[0],
        last_contact=contact_date(anchor),
        context=ctx,
        sensitivity=sens,
    )


for oid, staff in BY_ORG.items():
    staff = [p for p in staff if p not in PROTECTED]
    for i, a in enumerate(staff):
        for b in staff[i + 1 :]:
            if RNG.random() < 0.6:
                knows(a, b, f"colleagues at {ORG[oid]['short']}", strength=RNG.choice([3, 4, 4, 5]))
for eid, people in ATTENDEES.items():
    people = sorted((p for p in people if p not in PROTECTED), key=lambda p: SORT_KEY.get(p, p))
    e = EVENT[eid]
    for _ in range(int(len(people) * 0.9)):
        a, b = RNG.sample(people, 2) if len(people) > 1 else (people[0], people[0])
        knows(a, b, f"met at {e['name']}", anchor=e["date"])
by_country: dict[str, list[str]] = {}
for pid in ORDINARY:
    by_country.setdefault(PEOPLE[pid]["iso"], []).append(pid)
NATIONAL = [
    "national multistakeholder advisory group",
    "worked together on the national broadband plan",
    "introduced by a mutual colleague",
    "national IGF organising committee",
    "university classmates",
]
for _iso, people in sorted(by_country.items()):
    for _ in range(len(people) // 2 + (1 if len(people) > 2 else 0)):
        if len(people) > 1:
            a, b = RNG.sample(people, 2)
            knows(a, b, RNG.choice(NATIONAL))
library = [p for p in ORDINARY if PEOPLE[p]["group"] == "library" and PEOPLE[p]["region"] != "eeg"]
for _ in range(len(library) // 2):
    a, b = RNG.sample(library, 2)
    knows(
        a,
        b,
        RNG.choice(
            [
                "IFLA section standing committee",
                "IFLA advocacy training",
                "co-authored a DA2I chapter",
                "Lyon Declaration campaign calls",
                "EIFL partner network",
            ]
        ),
    )
others = [p for p in ORDINARY if PEOPLE[p]["group"] != "library"]
for _ in range(len(others) // 3):
    a, b = RNG.sample(others, 2)
    knows(
        a,
        b,
        RNG.choice(
            [
                "ICANN meeting",
                "IGF MAG working group",
                "ITU study group",
                "introduced by a mutual colleague",
                "Diplo internet governance course",
            ]
        ),
    )
# every ordinary official is somewhere in the network (only the showcase official in Belarus is cut off)
knows(first("org-mincomm-ru"), first("org-itu"), "met at WSIS+10 High-Level Event 2014", anchor="2014-06-10")
# DC-PAL people reach into other stakeholder groups
for pid in DCPAL_PEOPLE:
    if PEOPLE[pid]["region"] == "eeg":
        continue
    for _ in range(2):
        cands = [p for p in others if PEOPLE[p]["region"] == PEOPLE[pid]["region"]] or others
        knows(
            pid,
            RNG.choice(cands),
            RNG.choice(["DC-PAL outreach", "met at a national IGF", "library connectivity project"]),
        )

# ---------------------------------------------------------------- engagement on policy areas (illustrative stances)
W = lambda **kw: kw  # noqa: E731
INTERESTS = {
    "library": W(
        **{
            A_D: 10,
            DEV: 7,
            YTH: 1.2,
            HR: 2,
            SOP: 1.5,
            CYB: 0.4,
            "pa-wsis-c3": 6,
            "pa-wsis-c4": 2,
            "pa-wsis-c8": 2,
            "pa-wsis-c7-learning": 2,
            "pa-education": 4,
            "pa-health": 1.5,
            "pa-agriculture": 1.5,
            "pa-employment": 2,
            "pa-community-development": 3,
            "pa-social-cohesion": 2,
            "pa-sdg-4": 1.5,
            "pa-sdg-16": 1.5,
        }
    ),
    "government": W(
        **{
            A_D: 4,
            DEV: 4,
            SOP: 2,
            EMG: 2,
            CIR: 3,
            CYB: 3,
            YTH: 1,
            "pa-wsis-c1": 2,
            "pa-wsis-c2": 3,
            "pa-wsis-c5": 2,
            "pa-wsis-c6": 2,
            "pa-wsis-c7-government": 1.5,
            "pa-education": 1,
            "pa-sdg-9": 1,
        }
    ),
    "technical_community": W(
        **{CIR: 6, EMG: 3, SOP: 3, CYB: 2, A_D: 2, DEV: 1.5, "pa-wsis-c2": 3, "pa-wsis-c5": 1}
    ),
    "private_sector": W(
        **{EMG: 4, CIR: 3, CYB: 3, SOP: 2, A_D: 2, "pa-wsis-c2": 2, "pa-wsis-c6": 2, "pa-employment": 1}
    ),
    "civil_society": W(
        **{
            HR: 5,
            SOP: 4,
            A_D: 4,
            DEV: 3,
            YTH: 1.5,
            "pa-wsis-c9": 1.5,
            "pa-wsis-c10": 1.5,
            "pa-sdg-5": 1,
            "pa-agriculture": 0.5,
        }
    ),
    "intergovernmental": W(
        **{
            DEV: 4,
            A_D: 3,
            "pa-wsis-c1": 2,
            "pa-wsis-c3": 2,
            "pa-wsis-c11": 2,
            "pa-sdg-9": 1,
            "pa-sdg-4": 1,
            CYB: 1,
            EMG: 1,
        }
    ),
    "academia": W(**{DEV: 3, A_D: 3, EMG: 2, "pa-wsis-c3": 2, "pa-community-development": 1}),
}
STANCE_W = {
    "library": [5, 4, 0.6, 0],
    "government": [1, 3.5, 4.5, 1],
    "technical_community": [1, 4, 4, 0.5],
    "private_sector": [0.5, 3, 4.5, 1],
    "civil_society": [3, 4, 1.5, 0.3],
    "intergovernmental": [1, 5, 3, 0],
    "academia": [1.5, 4, 3, 0],
}
STANCES = ["champion", "supportive", "neutral", "opposed"]
LIB_EEG_ONLY = {A_D, "pa-wsis-c3", "pa-education"}  # library presence in Eastern Europe stays thin


def engage(who: str, group: str, region: str, n: int) -> None:
    weights = dict(INTERESTS[group])
    if group == "library" and region == "eeg":
        weights = {k: v for k, v in weights.items() if k in LIB_EEG_ONLY}
    keys = sorted(weights)
    chosen: list[str] = []
    while len(chosen) < min(n, len(keys)):
        k = RNG.choices(keys, [weights[x] for x in keys])[0]
        if k not in chosen:
            chosen.append(k)
    for pa in chosen:
        stance = RNG.choices(STANCES, STANCE_W[group])[0]
        if group == "library" and pa == CYB:
            stance = "neutral"  # cybersecurity: a weak cell (one or two neutral library voices)
        infl = RNG.choices([1, 2, 3, 4, 5], [1, 3, 4, 2, 1] if group == "library" else [1, 2, 4, 3, 2])[0]
        intr = RNG.choices(
            [1, 2, 3, 4, 5], [0, 1, 2, 4, 4] if stance in ("champion", "opposed") else [1, 2, 4, 3, 1]
        )[0]
        rel("ENGAGES_ON", who, pa, stance=stance, influence=infl, interest=intr)


for pid in sorted(PEOPLE, key=SORT_KEY.__getitem__):
    if pid in PROTECTED:
        continue
    p = PEOPLE[pid]
    engage(pid, p["group"], p["region"], RNG.choice([1, 2, 2, 3, 3, 4]))
for pid in DCPAL_PEOPLE:
    if PEOPLE[pid]["region"] != "eeg":
        rel("ENGAGES_ON", pid, A_D, stance="champion", influence=RNG.randint(2, 4), interest=5)
        rel(
            "ENGAGES_ON",
            pid,
            DEV,
            stance=RNG.choice(["champion", "supportive"]),
            influence=RNG.randint(2, 4),
            interest=4,
        )
    else:
        rel("ENGAGES_ON", pid, A_D, stance="champion", influence=2, interest=5)
for pid in FAIFE:
    rel("ENGAGES_ON", pid, HR, stance="champion", influence=3, interest=5, source=IFLA)
    rel("ENGAGES_ON", pid, SOP, stance="supportive", influence=3, interest=4)
for oid, o in sorted(ORG.items()):
    if oid in (
        "org-mincom-by",
        "org-mincomm-az",
        "org-sct-mx",
        "org-ift-mx",
        "org-anrceti",
        "org-ancom",
        "org-azercell",
        "org-amipci",
        "org-isoc-poland",
        "org-isoc-mexico",
        "org-moict-ke",
    ):
        continue
    region = COUNTRY_REGION[o["iso"]]
    if o["type"] in ("library_association", "library", "library_committee") or o["group"] == "library":
        n = 3 if o["type"] == "library_association" else 2
    else:
        n = RNG.choice([1, 2, 2, 3])
    engage(oid, o["group"], region, n)
for pa, stance in [
    (HR, "champion"),
    (SOP, "champion"),
    ("pa-wsis-c3", "champion"),
    ("pa-wsis-c10", "supportive"),
]:
    rel("ENGAGES_ON", "org-faife", pa, stance=stance, influence=3, interest=5, source=IFLA)
for pa in [A_D, DEV, "pa-wsis-c3", "pa-sdg-16"]:
    rel("ENGAGES_ON", "org-ifla", pa, stance="champion", influence=4, interest=5, source=IFLA)
for pa in [A_D, "pa-agriculture", "pa-health"]:
    rel(
        "ENGAGES_ON",
        "org-eifl",
        pa,
        stance="champion",
        influence=3,
        interest=5,
        source="https://www.eifl.net/",
    )

# showcase people: explicit engagement
rel("ENGAGES_ON", TWO_HOP, A_D, stance="supportive", influence=4, interest=3)
rel("ENGAGES_ON", TWO_HOP, "pa-wsis-c2", stance="champion", influence=4, interest=5)
rel("ENGAGES_ON", LONG, CIR, stance="supportive", influence=4, interest=4)
rel("ENGAGES_ON", LONG, A_D, stance="neutral", influence=4, interest=2)
rel("ENGAGES_ON", CH1, CIR, stance="champion", influence=2, interest=5)
rel("ENGAGES_ON", CH2, "pa-wsis-c2", stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", CH3, CIR, stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", CH4, EMG, stance="supportive", influence=2, interest=4)
for pa in [A_D, DEV, "pa-wsis-c3", "pa-education"]:
    rel("ENGAGES_ON", BROKER, pa, stance="opposed", influence=5, interest=4)
rel("ENGAGES_ON", BEHIND, A_D, stance="supportive", influence=4, interest=4)
rel("ENGAGES_ON", BEHIND, "pa-wsis-c2", stance="neutral", influence=4, interest=3)
rel("ENGAGES_ON", ALT1, CIR, stance="supportive", influence=2, interest=4)
rel("ENGAGES_ON", ALT2, EMG, stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", ISOLATED, CIR, stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", ISOLATED, "pa-wsis-c6", stance="neutral", influence=3, interest=2)
rel("ENGAGES_ON", "org-mincom-by", CIR, stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", "org-mincomm-az", CIR, stance="supportive", influence=4, interest=4, source=IGF)
rel("ENGAGES_ON", "org-isoc-poland", CIR, stance="supportive", influence=2, interest=4)

# ---------------------------------------------------------------- the advocacy workflow (illustrative, 2025-2027)
# Everything below uses no randomness, so the sections above stay exactly as they were.
AMARA_ID, JOOST, RUTA = AMARA, DCPAL_PEOPLE[0], DCPAL_PEOPLE[3]
NJERI, JABARI, AMANI = D_KE, KENYA_BRIDGE, first("org-safaricom")
NALEDI, REHEMA, KOFI = first("org-liasa"), BY_ORG["org-eifl"][2], first("org-nla-nigeria")
assert (JABARI, TWO_HOP, AMANI) == (
    "person-jabari-kariuki",
    "person-wambui-gichuru",
    "person-amani-njoroge",
)

# former roles: WORKS_FOR with an end date
# the IFT was dissolved on 17 October 2025 (see RENAMED): a role there ends that day
for row in rels["WORKS_FOR"]:
    if row["to"] == "org-ift-mx":
        row["until"] = "2025-10-17"
rel(
    "WORKS_FOR",
    TWO_HOP,
    "org-kictanet",
    role="Policy Researcher",
    since="2008-02-01",
    until="2013-04-30",
)
rel(
    "WORKS_FOR",
    JABARI,
    "org-knls",
    role="Librarian, ICT services",
    since="1998-02-02",
    until="2003-10-24",
)

# IGF 2025 (real): where the DC-PAL side meeting below was held
node(
    "Event",
    "event-igf-2025-lillestrom",
    "IGF 2025 Lillestrøm",
    kind="igf",
    date="2025-06-23",
    end_date="2025-06-27",
    place="Lillestrøm, Norway",
    source=IGF,
)
for pa in (A_D, DEV, SOP, EMG, HR):
    rel("COVERS", "event-igf-2025-lillestrom", pa, source=IGF)
rel("ATTENDS", "org-igf-secretariat", "event-igf-2025-lillestrom", role="organiser", source=IGF)
for pid in (DCPAL_PEOPLE[0], AMARA, first("org-liasa"), BY_ORG["org-itu"][1], "org-ifla"):
    rel("ATTENDS", pid, "event-igf-2025-lillestrom", role="participant")

# upcoming events: dates and places illustrative
UPCOMING = [
    (
        "event-igf-2027",
        "IGF 2027",
        "igf",
        "2027-06-15",
        "2027-06-19",
        "Nairobi, Kenya",
        [A_D, DEV, CIR, EMG],
        "org-igf-secretariat",
    ),
    (
        "event-wlic-2027",
        "IFLA WLIC 2027",
        "ifla_wlic",
        "2027-08-21",
        "2027-08-27",
        "Lisbon, Portugal",
        [A_D, "pa-wsis-c3", "pa-sdg-4", "pa-sdg-16"],
        "org-ifla",
    ),
]
for eid, name, kind, d, end, place, themes, organiser in UPCOMING:
    node("Event", eid, name, kind=kind, date=d, end_date=end, place=place, notes="date illustrative")
    for pa in themes:
        rel("COVERS", eid, pa)
    rel("ATTENDS", organiser, eid, role="organiser")
# planned attendance at IGF 2027: the Kenyan introduction, three more DC-PAL members, and officials
# from Nigeria and South Africa (Folake known to Njeri; Nomvula to Amani, whom Naledi knows; Lerato to Folake)
IGF_2027 = [
    (NJERI, "speaker"),
    (JABARI, "attendee"),
    (TWO_HOP, "attendee"),
    (AMARA_ID, "speaker"),
    (NALEDI, "attendee"),
    (REHEMA, "attendee"),
    (AMANI, "attendee"),
    (BY_ORG["org-kenic"][0], "attendee"),
    (BY_ORG["org-ncc-ng"][0], "attendee"),
    (BY_ORG["org-icasa"][0], "attendee"),
    (BY_ORG["org-dtps-za"][0], "attendee"),
]
WLIC_2027 = [
    (JOOST, "speaker"),
    (first("org-ala"), "attendee"),
    (first("org-cilip"), "attendee"),
    (D_BR, "attendee"),
    (first("org-ipi"), "attendee"),
    (BY_ORG["org-mcmc"][0], "attendee"),
]
for eid, people in (("event-igf-2027", IGF_2027), ("event-wlic-2027", WLIC_2027)):
    for pid, role in people:
        assert rel("ATTENDS", pid, eid, role=role), (pid, eid)


def _knows_row(a: str, b: str) -> dict | None:
    return next((r for r in rels["KNOWS"] if {r["from"], r["to"]} == {a, b}), None)


def interaction(
    iid: str,
    name: str,
    kind: str,
    when: str,
    participants: list[str],
    discussed: list[str] = (),
    event: str | None = None,
    **props,
) -> str:
    """An Interaction with its links, and the KNOWS ties it proves, as logging it in the app writes them."""
    node("Interaction", iid, name, kind=kind, date=when, **props)
    sens = props.get("sensitivity", "public")
    for p in participants:
        rel("PARTICIPATED_IN", p, iid, sensitivity=sens)
    for pa in discussed:
        rel("DISCUSSED", iid, pa, sensitivity=sens)
    if event:
        rel("HELD_AT", iid, event, sensitivity=sens)
    people = [p for p in participants if _ids[p] == "Person"]
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            row = _knows_row(a, b)
            # A private meeting must not show through a shared tie's date: it moves only private ties.
            private = sens == "private"
            if row is None:
                extra = {"sensitivity": "private"} if private else {}
                rel(
                    "KNOWS",
                    a,
                    b,
                    strength=2,
                    last_contact=when,
                    context=f"met at {name}",
                    source=iid,
                    **extra,
                )
            elif row.get("last_contact", "") < when and (not private or row.get("sensitivity") == "private"):
                row["last_contact"] = when
    return iid


INTERACTIONS = [
    interaction(
        "ix-2025-06-24-dcpal-side-meeting-igf-2025",
        "DC-PAL side meeting at IGF 2025",
        "side_meeting",
        "2025-06-24",
        [JOOST, AMARA_ID, NALEDI, BY_ORG["org-itu"][1], "org-ifla"],
        [A_D, "pa-wsis-c3"],
        event="event-igf-2025-lillestrom",
        outcome="Agreed a joint DC-PAL input on public access in libraries to the WSIS+20 review",
        follow_up="2025-07-15",
        follow_up_done="2025-07-11",
        source=f"logged by {JOOST}",
    ),
    interaction(
        "ix-2025-11-20-dcpal-coordinators-call",
        "DC-PAL members' call on the library gaps",
        "call",
        "2025-11-20",
        [JOOST, RUTA, NJERI],
        [CIR, EMG],
        outcome="Agreed to recruit library speakers on critical Internet resources and emerging issues "
        "for IGF 2027",
        follow_up="2026-02-28",
        follow_up_done="2026-02-16",
        sensitivity="internal",
        source=f"logged by {JOOST}",
    ),
    interaction(
        "ix-2026-02-10-adaeze-folake-call",
        "Call on community broadband in Nigeria",
        "call",
        "2026-02-10",
        [KOFI, BY_ORG["org-ncc-ng"][0]],
        [A_D, "pa-sdg-4"],
        outcome="Folake to propose libraries for the NCC's community broadband sites; she plans to attend IGF 2027",
        follow_up="2026-04-15",
        follow_up_done="2026-04-02",
        source=f"logged by {KOFI}",
    ),
    interaction(
        "ix-2026-03-12-kla-kictanet-roundtable",
        "KLA\u2013KICTANet roundtable on public access",
        "meeting",
        "2026-03-12",
        [NJERI, JABARI, "org-kla", "org-kictanet"],
        [A_D],
        outcome="KICTANet to raise library connectivity with the ministry",
        follow_up="2026-05-01",
        follow_up_done="2026-04-28",
        source=f"logged by {NJERI}",
    ),
    interaction(
        "ix-2026-04-22-rehema-unesco-meeting",
        "Meeting with UNESCO on WSIS C3 and e-learning",
        "meeting",
        "2026-04-22",
        [REHEMA, BY_ORG["org-unesco"][0], "org-eifl"],
        ["pa-wsis-c3", "pa-wsis-c7-learning"],
        outcome="UNESCO to include library case studies in the next WSIS C3 facilitation meeting",
        follow_up="2026-06-01",
        follow_up_done="2026-05-20",
        source=f"logged by {REHEMA}",
    ),
    interaction(
        "ix-2026-09-18-amani-wambui-dinner",
        "Dinner after the Nairobi ICT week",
        "meeting",
        "2026-09-18",
        [AMANI, TWO_HOP],
        outcome="private conversation",
        notes="Wambui said in confidence that she may leave the ministry in 2027",
        sensitivity="private",
        source=f"logged by {AMANI}",
    ),
    interaction(
        "ix-2026-10-05-njeri-jabari-call",
        "Call on the IGF 2027 programme",
        "call",
        "2026-10-05",
        [NJERI, JABARI],
        [DEV],
        outcome="Jabari offered to introduce Njeri to Wambui Gichuru at IGF 2027",
        follow_up="2026-11-15",
        source=f"logged by {NJERI}",
    ),
    interaction(
        "ix-2026-11-24-marcelo-anatel-email",
        "E-mails on library connections and the universal service fund",
        "email",
        "2026-11-24",
        [D_BR, BY_ORG["org-anatel"][1]],
        ["pa-wsis-c2", "pa-sdg-9"],
        outcome="Camila Cardoso asked for figures on connected public libraries by state",
        follow_up="2027-01-15",
        source=f"logged by {D_BR}",
    ),
]

# ---------------------------------------------------------------- real facts added with checked sources
DCPAL_PAGE = "https://www.intgovforum.org/en/content/dynamic-coalition-on-public-access-in-libraries-dc-pal"
DCPAL_FORMED = (
    "https://www.ifla.org/news/formation-of-a-new-dynamic-coalition-on-public-access-in-libraries"
    "-at-the-internet-governance-forum/"
)
LYON_ABOUT = "https://lyondeclaration.org/about"
DA2I_LAUNCH = "https://www.ifla.org/events/development-and-access-to-information-da2i-launch-and-reception/"
DA2I_TASCHA = "https://tascha.uw.edu/projects/development-access-to-information/about/"
WLIC_2017 = "http://convention.wroclaw.pl/news/ifla-congress-in-wroclaw-ended-60"
# DC-PAL: organised by IFLA and EIFL, out of an EIFL workshop at IGF 2011
for oid in ("org-ifla", "org-eifl"):
    for row in rels["MEMBER_OF"]:
        if (row["from"], row["to"]) == (oid, "init-dc-pal"):
            row.update(role="organiser", source=DCPAL_FORMED)
for row in nodes["Initiative"]:
    if row["id"] == "init-dc-pal":
        row.update(source=DCPAL_PAGE, notes="Formed after EIFL's workshop at IGF 2011 Nairobi")
    if row["id"] == "init-lyon-declaration":
        row.update(source=LYON_ABOUT, notes="Launched at IFLA WLIC 2014 in Lyon on 18 August 2014")
    if row["id"] == "init-da2i":
        row.update(
            source=DA2I_LAUNCH,
            notes="IFLA and TASCHA; the first report was launched at the New York Public Library on 17 July 2017",
        )
for row in rels["PARTNERS_WITH"]:
    if (row["from"], row["to"]) == ("org-ifla", "org-tascha"):
        row["source"] = DA2I_TASCHA
node(
    "Event",
    "event-wlic-2017-wroclaw",
    "IFLA WLIC 2017 Wrocław",
    kind="ifla_wlic",
    date="2017-08-19",
    end_date="2017-08-25",
    place="Wrocław, Poland",
    source=WLIC_2017,
)
rel("ATTENDS", "org-ifla", "event-wlic-2017-wroclaw", role="organiser", source=WLIC_2017)

# ---------------------------------------------------------------- write
SHOWCASE = dict(
    dcpal_people=DCPAL_PEOPLE,
    dcpal_orgs=DCPAL_ORGS,
    two_hop=TWO_HOP,
    kenya_bridge=KENYA_BRIDGE,
    long_chain=[D_PL, CH1, CH2, CH3, CH4, LONG],
    broker=BROKER,
    behind_broker=BEHIND,
    broker_detour=[D_MX, ALT1, ALT2, BEHIND],
    isolated=ISOLATED,
    igf_2027=[p for p, _ in IGF_2027],
    wlic_2027=[p for p, _ in WLIC_2027],
    interactions=INTERACTIONS,
)


# ---------------------------------------------------------------- which facts are real
# A fact is ``real`` only with a source checked on RETRIEVED_ON: a page that states it. An organisation
# or initiative is real on its own website. Every other fact is ``illustrative`` and cites nothing
# (a logged interaction keeps its provenance, "logged by ..." or the interaction's id).
RETRIEVED_ON = "2026-12-03"
CHECKED = {
    UNGROUPS,
    "https://sdgs.un.org/goals",
    "https://www.itu.int/net/wsis/docs/geneva/official/poa.html",
    DCPAL_PAGE,
    DCPAL_FORMED,
    LYON_ABOUT,
    DA2I_LAUNCH,
    DA2I_TASCHA,
    WLIC_2017,
}


def label_facts() -> None:
    """Set ``status`` (and ``retrieved_on``) on every row; drop citations from illustrative rows."""
    for label, rows in [*nodes.items(), *rels.items()]:
        for r in rows:
            src = r.get("source")
            own_site = label == "Organization" and r.get("website")
            if src in CHECKED or (own_site and src in (None, r.get("website"))):
                r.update(source=src or r["website"], status="real", retrieved_on=RETRIEVED_ON)
            else:
                r["status"] = "illustrative"
                if src == MATRIX:
                    r["notes"] = "after the ITU WSIS-SDG Matrix, not yet checked against it"
                if src and not (src.startswith("ix-") or src.startswith("logged by")):
                    del r["source"]


def write(folder: Path = HERE) -> None:
    """Write the CSV files into ``folder`` (seed/ itself unless told otherwise)."""
    label_facts()
    for sub in ("nodes", "relationships"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for old in (folder / sub).glob("*.csv"):
            old.unlink()
    for label, rows in nodes.items():
        cols = ["id", "name"] + [f.name for f in NODE_FIELDS[label] if any(f.name in r for r in rows)]
        _write(folder / "nodes" / f"{label}.csv", cols, rows)
    for type_, rows in rels.items():
        cols = ["from", "to"] + [f.name for f in RELATIONSHIP_FIELDS[type_] if any(f.name in r for r in rows)]
        _write(folder / "relationships" / f"{type_}.csv", cols, rows)


def _write(path: Path, cols: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if r.get(c) is None else r[c] for c in cols])


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
    print({k: len(v) for k, v in nodes.items()}, sum(map(len, nodes.values())))
    print({k: len(v) for k, v in rels.items()}, sum(map(len, rels.values())))
    for k, v in SHOWCASE.items():
        print(k, v)
