"""Build the shipped seed dataset of graphkit (seed/nodes/*.csv, seed/relationships/*.csv).

Deterministic: re-running it rewrites the same CSV files byte for byte.

    .venv/bin/python seed/build_seed.py [OUT_FOLDER [REFERENCE_FOLDER]]

It reads the reference facts (countries, regional groups, organisations, policy areas, events,
initiatives and the ties among them) from the hand-edited files in seed/reference/, each row with its
``status`` (real or illustrative), ``source_url`` and ``retrieved_on``, and adds invented people with
their ties, stances, attendance and logged interactions, all ``illustrative``. See seed/README.md.
"""

from __future__ import annotations

import csv
import itertools
import random
import re
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from graphkit.model.schema import NETWORK_LABELS, NODE_FIELDS, RELATIONSHIP_FIELDS

HERE = Path(__file__).resolve().parent


def rng(*key: str) -> random.Random:
    """The random draws for one thing, keyed by its id: adding or editing another thing changes none of them.

    A string seed is stable across runs and machines (``hash()`` is not). 20130822: the first DC-PAL-era IGF.
    """
    return random.Random(f"20130822:{':'.join(key)}")


nodes: dict[str, list[dict]] = {label: [] for label in NETWORK_LABELS}  # no app state (saved views)
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


def rdate(r: random.Random, start: date, end: date) -> str:
    return (start + timedelta(days=r.randrange((end - start).days + 1))).isoformat()


# ---------------------------------------------------------------- the reference facts (seed/reference/)
# Real and curated facts are hand-edited files in the CSV folder layout, one row per fact, each with
# ``source_url``, ``retrieved_on`` and ``status``. Two columns are for this script only: a country's
# ``name_pool`` (which names fit there) and an organisation's ``invented_staff`` (how many invented
# people work there); an event's ``host_region`` says where it was held.
REFERENCE = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "reference"
GENERATOR_COLUMNS = ("name_pool", "invented_staff", "host_region")


def read_reference(sub: str, name: str) -> list[dict]:
    path = REFERENCE / sub / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(f)]


def fact(row: dict) -> dict:
    """A reference row as record properties: ``source_url`` becomes the schema's ``source``."""
    props = {k: v for k, v in row.items() if k not in ("id", "name", "from", "to", *GENERATOR_COLUMNS)}
    if "source_url" in props:
        props["source"] = props.pop("source_url")
    return props


REFERENCE_NODES = {label: read_reference("nodes", label) for label in NETWORK_LABELS}
for label in ("Region", "Country", "PolicyArea", "Organization", "Event", "Initiative"):
    for row in REFERENCE_NODES[label]:
        node(label, row["id"], row["name"], **fact(row))
for type_ in RELATIONSHIP_FIELDS:
    for row in read_reference("relationships", type_):
        props = fact(row)
        for f in RELATIONSHIP_FIELDS[type_]:
            if f.kind == "int" and f.name in props:
                props[f.name] = int(props[f.name])
        assert rel(type_, row["from"], row["to"], **props), (type_, row["from"], row["to"])

COUNTRY_REGION: dict[str, str] = {}
CULTURE: dict[str, str] = {}
_in_region = {r["from"]: r["to"] for r in rels["IN_REGION"]}
for row in REFERENCE_NODES["Country"]:
    COUNTRY_REGION[row["iso"]] = _in_region[row["id"]].removeprefix("region-")
    CULTURE[row["iso"]] = row["name_pool"]


def country(iso: str) -> str:
    return f"country-{iso.lower()}"


_org_country = {r["from"]: r["to"] for r in rels["BASED_IN"]}
ORG = {
    row["id"]: dict(
        group=row["stakeholder_group"],
        type=row["org_type"],
        iso=_org_country[row["id"]].removeprefix("country-").upper(),
        n=int(row["invented_staff"]),
        name=row["name"],
        short=row.get("acronym") or row["name"].split(" (")[0],
    )
    for row in REFERENCE_NODES["Organization"]
}
# The events at which invented people met are those with a ``host_region``: an event added without
# one changes no invented person or tie.
EVENT = {
    row["id"]: dict(
        kind=row["kind"],
        date=row["date"],
        region=row["host_region"],
        name=row["name"],
        real=row["status"] == "real",
    )
    for row in REFERENCE_NODES["Event"]
    if row.get("host_region")
}
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

# Where one pool serves several countries, the names that fit each of them (given names, surnames).
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

# The DC-PAL members and the Kenyan contacts the showcases in seed/README.md start from: invented staff
# like the others, with the names the stories give them.
SHOWCASE_NAMES = {
    ("org-kla", 0): "Njeri Chebet",
    ("org-kictanet", 0): "Jabari Kariuki",
    ("org-safaricom", 0): "Amani Njoroge",
    ("org-ambac", 0): "Sofia Flores",
    ("org-febab", 0): "Marcelo Araujo",
    ("org-sbp", 0): "Agnieszka Kaczmarek",
}
# Every name given by hand, here or in the showcase section below, is kept from the draws.
HAND_NAMES = {
    *SHOWCASE_NAMES.values(),
    "Amara Diallo",
    "Wambui Gichuru",
    "Bartosz Wrobel",
    "Sorina Dumitrescu",
    "Victor Cojocaru",
    "Farid Najafov",
    "Gunel Abbasova",
    "Rodrigo Salcedo Ibarra",
    "Marisol Avendano",
    "Hector Villasenor",
    "Renata Olvera",
    "Aliaksandr Zhuk",
}
# Public figures of Internet governance and library advocacy the draws must never produce (they appear in the
# pages the real rows cite); a name here is skipped like a name already taken.
PUBLIC_FIGURES = {
    "Stuart Hamilton",
    "Stephen Wyber",
    "Esmeralda Moscatelli",
    "Rima Kupryte",
    "Janet Sawaya",
    "Helena Asamoah-Hassan",
    "Buhle Mbambo Tata",
    "Mandiaye Ndiaye",
    "Don Means",
    "Maria Garrido",
    "Valeria Betancourt",
    "Vint Cerf",
    "Markus Kummer",
    "Chengetai Masango",
    "Anriette Esterhuysen",
    "Alice Munyua",
    "Li Junhua",
    "Karianne Tung",
    "Samuel Nartey George",
    "Sam George",
    "Karsten Wildberger",
    "Ekitela Lokaale",
    "Suela Janina",
    "Henna Virkkunen",
    "Maria Ressa",
    "Paul Mitchell",
    "Ellen Tise",
    "Ingrid Parent",
    "Claudia Lux",
}
_used_names: set[str] = set(HAND_NAMES) | PUBLIC_FIGURES


def invent_name(iso: str, key: str) -> str:
    """A name that fits the country, drawn for ``key``; a name already taken is drawn again (key, attempt)."""
    firsts, lasts = FIT.get(iso) or POOLS[CULTURE[iso]]
    for attempt in range(500):
        r = rng("name", key, str(attempt))
        given, family = r.choice(firsts), r.choice(lasts)
        name = f"{given} {family}"
        if given != family and name not in _used_names:
            _used_names.add(name)
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
    # a network's members are often organisations: "Member" is no job there
    "network": ["Policy Officer", "Policy Lead", "Policy Fellow", "Programme Officer"],
    "foundation": ["Program Officer", "Senior Program Officer", "Policy Lead"],
    "technical_body": ["Policy Advisor", "Regional Engagement Manager", "Stakeholder Engagement Adviser"],
    "un_agency": ["Programme Specialist", "Policy Analyst", "Senior Programme Officer"],
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
# titles that belong to one organisation (UNESCO's Communication and Information Sector is UNESCO's own)
TITLES_UNESCO = [
    "Programme Specialist, Communication and Information",
    "Policy Analyst",
    "Senior Programme Officer",
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


def person(name: str, iso: str, org: str, title: str, since: str | None = None, **props) -> str:
    pid = f"person-{slug(name)}"
    since = since or rdate(rng("since", pid), date(2003, 1, 1), date(2013, 6, 30))
    group = ORG[org]["group"]
    node("Person", pid, name, title=title, stakeholder_group=group, **props)
    rel("BASED_IN", pid, country(iso))
    rel("WORKS_FOR", pid, org, role=title, since=since)
    PEOPLE[pid] = dict(
        name=name, iso=iso, org=org, orgs=[org], group=group, title=title, region=COUNTRY_REGION[iso]
    )
    return pid


BY_ORG: dict[str, list[str]] = {}
for oid, o in ORG.items():
    for i in range(o["n"]):
        iso = SPREAD.get(oid, [o["iso"]])[i % len(SPREAD.get(oid, [o["iso"]]))]
        titles = {"org-ifla": TITLES_IFLA, "org-eifl": TITLES_EIFL, "org-unesco": TITLES_UNESCO}.get(
            oid, TITLES[o["type"]]
        )
        name = SHOWCASE_NAMES.get((oid, i)) or invent_name(iso, f"{oid}:{i}")
        BY_ORG.setdefault(oid, []).append(person(name, iso, oid, titles[i % len(titles)]))


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
assert all(("MEMBER_OF", o) in {("MEMBER_OF", r["from"]) for r in rels["MEMBER_OF"]} for o in DCPAL_ORGS)
DCPAL = set(DCPAL_PEOPLE)

# DC-PAL members the showcases start from
KENYA_LIBRARIAN = first("org-kla")  # Kenya Library Association
MEXICO_LIBRARIAN = first("org-ambac")  # AMBAC
BRAZIL_LIBRARIAN = first("org-febab")  # FEBAB
POLAND_LIBRARIAN = first("org-sbp")  # Polish Librarians Association

# two hops: Kenya's ICT ministry, reached through KICTANet
TWO_HOP_OFFICIAL = person(
    "Wambui Gichuru", "KE", "org-moict-ke", "Adviser to the Cabinet Secretary, ICT Policy", since="2013-05-01"
)
# long chain: Azerbaijan's ministry, reachable only through an ISOC chapter, two regulators and a company
LONG_CHAIN = [
    person("Bartosz Wrobel", "PL", "org-isoc-poland", "Chapter Member", since="2010-01-01"),
    person(
        "Sorina Dumitrescu", "RO", "org-ancom", "Policy Officer, International Relations", since="2009-09-01"
    ),
    person("Victor Cojocaru", "MD", "org-anrceti", "International Cooperation Officer", since="2011-02-01"),
    person("Farid Najafov", "AZ", "org-azercell", "Public Policy Manager", since="2010-06-01"),
]
LONG_CHAIN_OFFICIAL = person(
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
BEHIND_BROKER = person(
    "Marisol Avendano", "MX", "org-ift-mx", "Universal Service Policy Adviser", since="2014-10-01"
)
# the way round the broker, from AMBAC's DC-PAL member: an ISOC chapter member and an industry association
BROKER_DETOUR = [
    person("Hector Villasenor", "MX", "org-isoc-mexico", "Chapter Member", since="2012-01-01"),
    person("Renata Olvera", "MX", "org-amipci", "Public Policy Officer", since="2013-01-01"),
]
# unreachable: an isolated official in Belarus (no library ties in the country, no KNOWS, no events)
UNREACHABLE_OFFICIAL = person(
    "Aliaksandr Zhuk",
    "BY",
    "org-mincom-by",
    "Policy Officer, Information Society Department",
    since="2012-02-01",
)
PROTECTED = {
    TWO_HOP_OFFICIAL,
    *LONG_CHAIN,
    LONG_CHAIN_OFFICIAL,
    BROKER,
    BEHIND_BROKER,
    *BROKER_DETOUR,
    UNREACHABLE_OFFICIAL,
}

KENYA_BRIDGE = first("org-kictanet")
SAFARICOM_CONTACT = first("org-safaricom")
explicit = [
    (KENYA_LIBRARIAN, KENYA_BRIDGE, 4, "2016-03-15", "met at the Kenya national ICT policy consultation"),
    (KENYA_BRIDGE, TWO_HOP_OFFICIAL, 4, "2016-04-20", "KICTANet policy roundtables with the ministry"),
    (TWO_HOP_OFFICIAL, SAFARICOM_CONTACT, 2, "2014-07-08", "met at Kenya IGF 2014"),
    (POLAND_LIBRARIAN, LONG_CHAIN[0], 3, "2014-06-12", "met at EuroDIG 2014 Berlin"),
    (LONG_CHAIN[0], LONG_CHAIN[1], 3, "2013-05-20", "RIPE meeting in Dublin"),
    (LONG_CHAIN[1], LONG_CHAIN[2], 4, "2015-10-05", "regional regulators' cooperation meeting"),
    (LONG_CHAIN[2], LONG_CHAIN[3], 2, "2012-11-07", "met at IGF 2012 Baku"),
    (LONG_CHAIN[3], LONG_CHAIN_OFFICIAL, 5, "2016-02-10", "licensing and broadband policy work"),
    (BRAZIL_LIBRARIAN, BROKER, 4, "2015-11-12", "met at IGF 2015 João Pessoa"),
    (MEXICO_LIBRARIAN, BROKER, 3, "2016-12-07", "met at IGF 2016 Guadalajara"),
    (BROKER, BEHIND_BROKER, 4, "2016-11-15", "inter-agency telecommunications reform working group"),
    (BROKER, first("org-mintic-co"), 3, "2015-06-01", "CITEL meetings"),
    (BROKER, first("org-subtel-cl"), 3, "2014-09-03", "met at IGF 2014 Istanbul"),
    (BROKER, first("org-deity-in"), 2, "2013-10-23", "met at IGF 2013 Bali"),
    (BROKER, first("org-kominfo"), 3, "2013-10-24", "met at IGF 2013 Bali"),
    (BROKER, first("org-state-dept"), 3, "2016-05-03", "met at WSIS Forum 2016"),
    (MEXICO_LIBRARIAN, BROKER_DETOUR[0], 3, "2016-12-08", "library Internet access workshop, Guadalajara"),
    (BROKER_DETOUR[0], BROKER_DETOUR[1], 3, "2016-06-01", "Mexican Internet Governance dialogue"),
    (BROKER_DETOUR[1], BEHIND_BROKER, 2, "2016-09-20", "IFT consultation on universal service"),
]
for a, b, s, d, ctx in explicit:
    rel("KNOWS", a, b, strength=s, last_contact=d, context=ctx)

# ---------------------------------------------------------------- attendance
ORDINARY = [p for p in PEOPLE if p not in PROTECTED]
ATTENDEES: dict[str, list[str]] = {e: [] for e in EVENT}
NATIONAL_EVENT_HOST = {
    "event-consult-br-marco-civil": "BR",
    "event-consult-ke-ict-policy": "KE",
    "event-consult-id-broadband": "ID",
    "event-kenya-igf-2014": "KE",
}
GRANTMAKING_PARTNERS = ("org-irex", "org-eifl", "org-ifla", "org-tascha", "org-gates")


def attend(who: str, eid: str, role: str) -> None:
    """An invented person attends; at a real event never as speaker or organiser, which is on the record."""
    if EVENT[eid]["real"] and role in ("speaker", "organiser"):
        role = "participant"
    if rel("ATTENDS", who, eid, role=role):
        ATTENDEES[eid].append(who)


def chance_to_attend(pid: str, eid: str) -> float:
    """How likely an invented person is to have attended an event: by its kind, its region and theirs."""
    p, e = PEOPLE[pid], EVENT[eid]
    kind, near, library = e["kind"], e["region"] == p["region"], p["group"] == "library"
    if kind in ("consultation", "national_igf"):
        return 0.6 if p["iso"] == NATIONAL_EVENT_HOST[eid] else 0.0
    if kind == "meeting":
        return 0.5 if any(o in GRANTMAKING_PARTNERS for o in p["orgs"]) else 0.0
    if kind == "ifla_wlic":
        return (0.45 if near else 0.25) if library else 0.03
    if kind == "igf":
        if library and p["region"] == "eeg":
            return 0.05
        if library:
            return 0.45 if pid in DCPAL and "2013" <= e["date"][:4] <= "2016" else 0.08
        return 0.3 if near else 0.14
    if kind == "wsis_forum":
        return 0.25 if p["group"] in ("government", "intergovernmental") else 0.12
    return 0.4 if near and not library else 0.05 if near else 0.0  # a regional IGF


for pid in ORDINARY:
    for eid in EVENT:
        r = rng("attends", pid, eid)
        if r.random() < chance_to_attend(pid, eid):
            attend(
                pid, eid, r.choices(["speaker", "attendee", "participant", "organiser"], [3, 6, 2, 0.5])[0]
            )
attend(TWO_HOP_OFFICIAL, "event-kenya-igf-2014", "speaker")
attend(TWO_HOP_OFFICIAL, "event-consult-ke-ict-policy", "organiser")
attend(BROKER, "event-igf-2016-guadalajara", "speaker")
attend(BROKER, "event-igf-2015-joao-pessoa", "attendee")
attend(POLAND_LIBRARIAN, "event-eurodig-2014-berlin", "attendee")


# ---------------------------------------------------------------- acquaintance (KNOWS), illustrative
# Whether two people know each other is drawn for the pair, so a new person adds ties of their own
# and changes no one else's.
def contact_date(r: random.Random, anchor: str | None = None) -> str:
    x = r.random()
    if x < 0.13:
        return rdate(r, date(2024, 1, 1), date(2026, 3, 31))
    if x < 0.25:
        return rdate(r, date(2005, 1, 1), date(2011, 12, 31))
    if anchor:
        d = date.fromisoformat(anchor)
        return rdate(r, d, d + timedelta(days=600))
    return rdate(r, date(2012, 1, 1), date(2016, 12, 31))


def knows(a: str, b: str, ctx: str, r: random.Random, anchor: str | None = None, strength: int = 0) -> None:
    if a in PROTECTED or b in PROTECTED:
        return
    sens = r.choices(["public", "internal", "private"], [80, 17, 3])[0]
    rel(
        "KNOWS",
        a,
        b,
        strength=strength or r.choices([1, 2, 3, 4, 5], [2, 4, 5, 3, 1])[0],
        last_contact=contact_date(r, anchor),
        context=ctx,
        sensitivity=sens,
    )


def pairs_who_met(group: list[str], key: str, chance: float) -> list[tuple[str, str, random.Random]]:
    """The pairs of ``group`` who know each other, each pair drawn on its own: (a, b, its generator)."""
    met = []
    for a, b in itertools.combinations(sorted(group), 2):
        r = rng(key, a, b)
        if r.random() < chance:
            met.append((a, b, r))
    return met


for oid, staff in BY_ORG.items():
    for a, b, r in pairs_who_met([p for p in staff if p not in PROTECTED], f"colleagues:{oid}", 0.6):
        knows(a, b, f"colleagues at {ORG[oid]['short']}", r, strength=r.choice([3, 4, 4, 5]))
for eid, people in ATTENDEES.items():
    small = EVENT[eid]["kind"] in ("consultation", "national_igf", "meeting")
    for a, b, r in pairs_who_met(people, f"met:{eid}", 0.3 if small else 0.05):
        knows(a, b, f"met at {EVENT[eid]['name']}", r, anchor=EVENT[eid]["date"])
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
for iso, people in sorted(by_country.items()):
    for a, b, r in pairs_who_met(people, f"national:{iso}", 0.12):
        knows(a, b, r.choice(NATIONAL), r)
library = [p for p in ORDINARY if PEOPLE[p]["group"] == "library" and PEOPLE[p]["region"] != "eeg"]
LIBRARY_TIES = [
    "IFLA section standing committee",
    "IFLA advocacy training",
    "co-authored a DA2I chapter",
    "Lyon Declaration campaign calls",
    "EIFL partner network",
]
for a, b, r in pairs_who_met(library, "library", 0.01):
    knows(a, b, r.choice(LIBRARY_TIES), r)
others = [p for p in ORDINARY if PEOPLE[p]["group"] != "library"]
OTHER_TIES = [
    "ICANN meeting",
    "IGF MAG working group",
    "ITU study group",
    "introduced by a mutual colleague",
    "Diplo internet governance course",
]
for a, b, r in pairs_who_met(others, "others", 0.005):
    knows(a, b, r.choice(OTHER_TIES), r)
# every ordinary official is somewhere in the network (only the showcase official in Belarus is cut off)
_ru, _itu = first("org-mincomm-ru"), first("org-itu")
knows(_ru, _itu, "met at WSIS+10 High-Level Event 2014", rng("knows", _ru, _itu), anchor="2014-06-10")
# DC-PAL people reach into other stakeholder groups: each knows the two in their region whom their draws
# favour most (a newcomer can take one of the two places, and changes nothing else)
for pid in DCPAL_PEOPLE:
    if PEOPLE[pid]["region"] == "eeg":
        continue
    cands = [p for p in others if PEOPLE[p]["region"] == PEOPLE[pid]["region"]] or others
    for other in sorted(cands, key=lambda c, pid=pid: rng("outreach", pid, c).random())[:2]:
        r = rng("outreach", pid, other)
        knows(
            pid,
            other,
            r.choice(["DC-PAL outreach", "met at a national IGF", "library connectivity project"]),
            r,
        )

# ---------------------------------------------------------------- engagement on policy areas (illustrative stances)
INTERESTS = {
    "library": {
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
    },
    "government": {
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
    },
    "technical_community": {
        CIR: 6,
        EMG: 3,
        SOP: 3,
        CYB: 2,
        A_D: 2,
        DEV: 1.5,
        "pa-wsis-c2": 3,
        "pa-wsis-c5": 1,
    },
    "private_sector": {
        EMG: 4,
        CIR: 3,
        CYB: 3,
        SOP: 2,
        A_D: 2,
        "pa-wsis-c2": 2,
        "pa-wsis-c6": 2,
        "pa-employment": 1,
    },
    "civil_society": {
        HR: 5,
        SOP: 4,
        A_D: 4,
        DEV: 3,
        YTH: 1.5,
        "pa-wsis-c9": 1.5,
        "pa-wsis-c10": 1.5,
        "pa-sdg-5": 1,
        "pa-agriculture": 0.5,
    },
    "intergovernmental": {
        DEV: 4,
        A_D: 3,
        "pa-wsis-c1": 2,
        "pa-wsis-c3": 2,
        "pa-wsis-c11": 2,
        "pa-sdg-9": 1,
        "pa-sdg-4": 1,
        CYB: 1,
        EMG: 1,
    },
    "academia": {DEV: 3, A_D: 3, EMG: 2, "pa-wsis-c3": 2, "pa-community-development": 1},
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


def engage(who: str, group: str, region: str, n: int, r: random.Random) -> None:
    weights = dict(INTERESTS[group])
    if group == "library" and region == "eeg":
        weights = {k: v for k, v in weights.items() if k in LIB_EEG_ONLY}
    keys = sorted(weights)
    chosen: list[str] = []
    while len(chosen) < min(n, len(keys)):
        k = r.choices(keys, [weights[x] for x in keys])[0]
        if k not in chosen:
            chosen.append(k)
    for pa in chosen:
        stance = r.choices(STANCES, STANCE_W[group])[0]
        if group == "library" and pa == CYB:
            stance = "neutral"  # cybersecurity: a weak cell (a few neutral library voices, no ally)
        infl = r.choices([1, 2, 3, 4, 5], [1, 3, 4, 2, 1] if group == "library" else [1, 2, 4, 3, 2])[0]
        intr = r.choices(
            [1, 2, 3, 4, 5], [0, 1, 2, 4, 4] if stance in ("champion", "opposed") else [1, 2, 4, 3, 1]
        )[0]
        rel("ENGAGES_ON", who, pa, stance=stance, influence=infl, interest=intr)


for pid in ORDINARY:
    p, r = PEOPLE[pid], rng("engages", pid)
    engage(pid, p["group"], p["region"], r.choice([1, 2, 2, 3, 3, 4]), r)
for pid in DCPAL_PEOPLE:
    if PEOPLE[pid]["region"] != "eeg":
        r = rng("coalition stances", pid)
        rel("ENGAGES_ON", pid, A_D, stance="champion", influence=r.randint(2, 4), interest=5)
        rel(
            "ENGAGES_ON",
            pid,
            DEV,
            stance=r.choice(["champion", "supportive"]),
            influence=r.randint(2, 4),
            interest=4,
        )
    else:
        rel("ENGAGES_ON", pid, A_D, stance="champion", influence=2, interest=5)
for pid in FAIFE:
    rel("ENGAGES_ON", pid, HR, stance="champion", influence=3, interest=5)
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
    region, r = COUNTRY_REGION[o["iso"]], rng("engages", oid)
    if o["type"] in ("library_association", "library", "library_committee") or o["group"] == "library":
        n = 3 if o["type"] == "library_association" else 2
    else:
        n = r.choice([1, 2, 2, 3])
    engage(oid, o["group"], region, n, r)
for pa, stance in [
    (HR, "champion"),
    (SOP, "champion"),
    ("pa-wsis-c3", "champion"),
    ("pa-wsis-c10", "supportive"),
]:
    rel("ENGAGES_ON", "org-faife", pa, stance=stance, influence=3, interest=5)
for pa in [A_D, DEV, "pa-wsis-c3", "pa-sdg-16"]:
    rel("ENGAGES_ON", "org-ifla", pa, stance="champion", influence=4, interest=5)
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
rel("ENGAGES_ON", TWO_HOP_OFFICIAL, A_D, stance="supportive", influence=4, interest=3)
rel("ENGAGES_ON", TWO_HOP_OFFICIAL, "pa-wsis-c2", stance="champion", influence=4, interest=5)
rel("ENGAGES_ON", LONG_CHAIN_OFFICIAL, CIR, stance="supportive", influence=4, interest=4)
rel("ENGAGES_ON", LONG_CHAIN_OFFICIAL, A_D, stance="neutral", influence=4, interest=2)
rel("ENGAGES_ON", LONG_CHAIN[0], CIR, stance="champion", influence=2, interest=5)
rel("ENGAGES_ON", LONG_CHAIN[1], "pa-wsis-c2", stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", LONG_CHAIN[2], CIR, stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", LONG_CHAIN[3], EMG, stance="supportive", influence=2, interest=4)
for pa in [A_D, DEV, "pa-wsis-c3", "pa-education"]:
    rel("ENGAGES_ON", BROKER, pa, stance="opposed", influence=5, interest=4)
rel("ENGAGES_ON", BEHIND_BROKER, A_D, stance="supportive", influence=4, interest=4)
rel("ENGAGES_ON", BEHIND_BROKER, "pa-wsis-c2", stance="neutral", influence=4, interest=3)
rel("ENGAGES_ON", BROKER_DETOUR[0], CIR, stance="supportive", influence=2, interest=4)
rel("ENGAGES_ON", BROKER_DETOUR[1], EMG, stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", UNREACHABLE_OFFICIAL, CIR, stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", UNREACHABLE_OFFICIAL, "pa-wsis-c6", stance="neutral", influence=3, interest=2)
rel("ENGAGES_ON", "org-mincom-by", CIR, stance="neutral", influence=3, interest=3)
rel("ENGAGES_ON", "org-mincomm-az", CIR, stance="supportive", influence=4, interest=4)
rel("ENGAGES_ON", "org-isoc-poland", CIR, stance="supportive", influence=2, interest=4)

# Stances carried onto IGF 2025's themes: whoever works on an older theme works on the current theme that
# continues it (seed/reference RELATES_TO), with the same stance; of two older themes, the first row wins.
CURRENT = {
    A_D: "pa-igf-2025-access-rights",
    HR: "pa-igf-2025-access-rights",
    SOP: "pa-igf-2025-trust-resilience",
    CYB: "pa-igf-2025-trust-resilience",
    DEV: "pa-igf-2025-innovation",
    EMG: "pa-igf-2025-innovation",
    CIR: "pa-igf-2025-cooperation",
}
for row in list(rels["ENGAGES_ON"]):
    if row["to"] in CURRENT:
        props = {k: row[k] for k in ("stance", "influence", "interest") if k in row}
        rel("ENGAGES_ON", row["from"], CURRENT[row["to"]], **props)

# ---------------------------------------------------------------- the advocacy workflow (illustrative, 2025-2027)
# Everything below is placed by hand, with no random draws.
IFLA_POLICY_OFFICER, EIFL_PLIP_OFFICER = BY_ORG["org-ifla"][0], BY_ORG["org-eifl"][0]
LIASA_MEMBER, EIFL_KENYA_OFFICER = first("org-liasa"), BY_ORG["org-eifl"][2]
NIGERIA_LIBRARIAN = first("org-nla-nigeria")
NCC_OFFICIAL, ANATEL_OFFICIAL = first("org-ncc-ng"), BY_ORG["org-anatel"][1]


def given_name(pid: str) -> str:
    return PEOPLE[pid]["name"].split()[0]


# former roles: WORKS_FOR with an end date
# the IFT was dissolved on 17 October 2025 (see RENAMED): a role there ends that day
# the Web Foundation closed at the end of September 2024: a role there ends then
for row in rels["WORKS_FOR"]:
    if row["to"] == "org-ift-mx":
        row["until"] = "2025-10-17"
    if row["to"] == "org-web-foundation":
        row["until"] = "2024-09-30"
rel(
    "WORKS_FOR",
    TWO_HOP_OFFICIAL,
    "org-kictanet",
    role="Policy Researcher",
    since="2008-02-01",
    until="2013-04-30",
)
rel(
    "WORKS_FOR",
    KENYA_BRIDGE,
    "org-knls",
    role="Librarian, ICT services",
    since="1998-02-02",
    until="2003-10-24",
)

# at IGF 2025 Lillestrøm (a reference event), where the DC-PAL side meeting below was held
for pid in (DCPAL_PEOPLE[0], AMARA, first("org-liasa"), BY_ORG["org-itu"][1], "org-ifla"):
    rel("ATTENDS", pid, "event-igf-2025-lillestrom", role="participant")

# upcoming events, dates illustrative: IGF 2027 is hypothetical (no host announced, so no place), and its
# themes are the seed's showcase gaps, not IGF 2027's own (none are announced)
UPCOMING = [
    (
        "event-igf-2027",
        "IGF 2027",
        "igf",
        "2027-06-15",
        "2027-06-19",
        None,
        [A_D, DEV, CIR, EMG],
        "org-igf-secretariat",
        "hypothetical: no host or dates announced; date and themes illustrative",
    ),
    (
        "event-wlic-2027",
        "IFLA WLIC 2027",
        "ifla_wlic",
        "2027-08-21",
        "2027-08-27",
        "London, United Kingdom of Great Britain and Northern Ireland",  # IFLA chose London in October 2025
        [A_D, "pa-wsis-c3", "pa-sdg-4", "pa-sdg-16"],
        "org-ifla",
        "date illustrative",
    ),
]
for eid, name, kind, d, end, place, themes, organiser, notes in UPCOMING:
    node("Event", eid, name, kind=kind, date=d, end_date=end, place=place, notes=notes)
    for pa in themes:
        rel("COVERS", eid, pa)
    rel("ATTENDS", organiser, eid, role="organiser")
# planned attendance at IGF 2027: the Kenyan introduction, three more DC-PAL members, and officials
# from Nigeria and South Africa: the Nigerian official is known to Njeri (placed by hand below), the South
# Africans through the drawn ties, to LIASA's DC-PAL member or through each other
rel(
    "KNOWS",
    KENYA_LIBRARIAN,
    NCC_OFFICIAL,
    strength=3,
    last_contact="2024-12-17",
    context="met at IGF 2024 Riyadh",
)
IGF_2027 = [
    (KENYA_LIBRARIAN, "speaker"),
    (KENYA_BRIDGE, "attendee"),
    (TWO_HOP_OFFICIAL, "attendee"),
    (AMARA, "speaker"),
    (LIASA_MEMBER, "attendee"),
    (EIFL_KENYA_OFFICER, "attendee"),
    (SAFARICOM_CONTACT, "attendee"),
    (BY_ORG["org-kenic"][0], "attendee"),
    (NCC_OFFICIAL, "attendee"),
    (BY_ORG["org-icasa"][0], "attendee"),
    (BY_ORG["org-dtps-za"][0], "attendee"),
]
WLIC_2027 = [
    (IFLA_POLICY_OFFICER, "speaker"),
    (first("org-ala"), "attendee"),
    (first("org-cilip"), "attendee"),
    (BRAZIL_LIBRARIAN, "attendee"),
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
        [IFLA_POLICY_OFFICER, AMARA, LIASA_MEMBER, BY_ORG["org-itu"][1], "org-ifla"],
        [A_D, "pa-wsis-c3"],
        event="event-igf-2025-lillestrom",
        outcome="Agreed a joint DC-PAL input on public access in libraries to the WSIS+20 review",
        follow_up="2025-07-15",
        follow_up_done="2025-07-11",
        source=f"logged by {IFLA_POLICY_OFFICER}",
    ),
    interaction(
        "ix-2025-11-20-dcpal-coordinators-call",
        "DC-PAL members' call on the library gaps",
        "call",
        "2025-11-20",
        [IFLA_POLICY_OFFICER, EIFL_PLIP_OFFICER, KENYA_LIBRARIAN],
        [CIR, EMG],
        outcome="Agreed to recruit library speakers on critical Internet resources and emerging issues "
        "for IGF 2027",
        follow_up="2026-02-28",
        follow_up_done="2026-02-16",
        sensitivity="internal",
        source=f"logged by {IFLA_POLICY_OFFICER}",
    ),
    interaction(
        f"ix-2026-02-10-{slug(given_name(NIGERIA_LIBRARIAN))}-{slug(given_name(NCC_OFFICIAL))}-call",
        "Call on community broadband in Nigeria",
        "call",
        "2026-02-10",
        [NIGERIA_LIBRARIAN, NCC_OFFICIAL],
        [A_D, "pa-sdg-4"],
        outcome=f"{given_name(NCC_OFFICIAL)} to propose libraries for the NCC's community broadband sites, "
        "and plans to attend IGF 2027",
        follow_up="2026-04-15",
        follow_up_done="2026-04-02",
        source=f"logged by {NIGERIA_LIBRARIAN}",
    ),
    interaction(
        "ix-2026-03-12-kla-kictanet-roundtable",
        "KLA\u2013KICTANet roundtable on public access",
        "meeting",
        "2026-03-12",
        [KENYA_LIBRARIAN, KENYA_BRIDGE, "org-kla", "org-kictanet"],
        [A_D],
        outcome="KICTANet to raise library connectivity with the ministry",
        follow_up="2026-05-01",
        follow_up_done="2026-04-28",
        source=f"logged by {KENYA_LIBRARIAN}",
    ),
    interaction(
        f"ix-2026-04-22-{slug(given_name(EIFL_KENYA_OFFICER))}-unesco-meeting",
        "Meeting with UNESCO on WSIS C3 and e-learning",
        "meeting",
        "2026-04-22",
        [EIFL_KENYA_OFFICER, BY_ORG["org-unesco"][0], "org-eifl"],
        ["pa-wsis-c3", "pa-wsis-c7-learning"],
        outcome="UNESCO to include library case studies in the next WSIS C3 facilitation meeting",
        follow_up="2026-06-01",
        follow_up_done="2026-05-20",
        source=f"logged by {EIFL_KENYA_OFFICER}",
    ),
    interaction(
        "ix-2026-09-18-amani-wambui-dinner",
        "Dinner after the Nairobi ICT week",
        "meeting",
        "2026-09-18",
        [SAFARICOM_CONTACT, TWO_HOP_OFFICIAL],
        outcome="private conversation",
        notes="Wambui said in confidence that she may leave the ministry in 2027",
        sensitivity="private",
        source=f"logged by {SAFARICOM_CONTACT}",
    ),
    interaction(
        "ix-2026-10-05-njeri-jabari-call",
        "Call on the IGF 2027 programme",
        "call",
        "2026-10-05",
        [KENYA_LIBRARIAN, KENYA_BRIDGE],
        [DEV],
        outcome="Jabari offered to introduce Njeri to Wambui Gichuru at IGF 2027",
        follow_up="2026-11-15",
        source=f"logged by {KENYA_LIBRARIAN}",
    ),
    interaction(
        "ix-2026-11-24-marcelo-anatel-email",
        "E-mails on library connections and the universal service fund",
        "email",
        "2026-11-24",
        [BRAZIL_LIBRARIAN, ANATEL_OFFICIAL],
        ["pa-wsis-c2", "pa-sdg-9"],
        outcome=f"{PEOPLE[ANATEL_OFFICIAL]['name']} asked for figures on connected public libraries by state",
        follow_up="2027-01-15",
        source=f"logged by {BRAZIL_LIBRARIAN}",
    ),
]

# ---------------------------------------------------------------- write
SHOWCASE = dict(
    dcpal_people=DCPAL_PEOPLE,
    dcpal_orgs=DCPAL_ORGS,
    two_hop=TWO_HOP_OFFICIAL,
    kenya_bridge=KENYA_BRIDGE,
    long_chain=[POLAND_LIBRARIAN, *LONG_CHAIN, LONG_CHAIN_OFFICIAL],
    broker=BROKER,
    behind_broker=BEHIND_BROKER,
    broker_detour=[MEXICO_LIBRARIAN, *BROKER_DETOUR, BEHIND_BROKER],
    isolated=UNREACHABLE_OFFICIAL,
    igf_2027=[p for p, _ in IGF_2027],
    wlic_2027=[p for p, _ in WLIC_2027],
    interactions=INTERACTIONS,
)


# ---------------------------------------------------------------- which facts are real
def label_facts() -> None:
    """Every generated row is ``illustrative`` and cites no page; reference rows keep their own status.

    A logged interaction keeps its provenance ("logged by ..." or the interaction's id) as ``source``.
    """
    for rows in [*nodes.values(), *rels.values()]:
        for r in rows:
            if "status" not in r:
                r["status"] = "illustrative"
                src = r.get("source")
                if src and src.startswith("http"):
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
