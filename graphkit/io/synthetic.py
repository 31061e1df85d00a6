"""A synthetic stakeholder graph in the seed's CSV folder layout, for load, speed and scale tests.

The graph is shaped like the real network, at any size from 100 to 3,000,000 nodes: about 80% people and
15% organisations, the rest events and initiatives, plus up to 200 countries in 5 regions and up to 40 policy
areas, with about five relationships per node. Organisation sizes, event attendance and partnerships follow
Zipf laws, so a few organisations and events are hubs; most people work for one organisation, some for two;
people know colleagues, co-attendees of an event and a few strangers; people and organisations engage on a few
policy areas with mixed stances.

Rows are written as they are made; memory holds a few arrays of ints per person and per organisation and a
Bloom filter of KNOWS pairs, never a list of relationships (about 170 MB at 3,000,000 nodes). The output
depends only on ``(nodes, seed)``: the same pair gives the same bytes.
"""

from __future__ import annotations

from array import array
from bisect import bisect
from collections.abc import Callable, Sequence
from datetime import date
from itertools import accumulate
from pathlib import Path
from random import Random

from graphkit.io.csv_folder import NODES_DIR, RELATIONSHIPS_DIR
from graphkit.io.spreadsheet import csv_writer
from graphkit.model.schema import (
    ATTENDANCE_ROLES,
    EVENT_KINDS,
    INITIATIVE_KINDS,
    NODE_LABELS,
    ORG_TYPES,
    RELATIONSHIP_TYPES,
    SENSITIVITIES,
    STAKEHOLDER_GROUPS,
    STANCES,
)

MIN_NODES = 100
MAX_NODES = 3_000_000
PROGRESS_EVERY = 10_000
_BLOCK = 2_000  # people or organisations per batch of rows

# The columns written per file: the keys, then the schema fields this generator fills. A relationship's
# ends are its "from" and "to" columns (its "source" field says where a fact comes from).
_ENDS = ("from", "to")
NODE_COLUMNS = {
    "Person": ("id", "name", "title", "stakeholder_group"),
    "Organization": ("id", "name", "stakeholder_group", "org_type", "acronym"),
    "Country": ("id", "name", "iso"),
    "Region": ("id", "name"),
    "PolicyArea": ("id", "name", "kind", "code"),
    "Event": ("id", "name", "kind", "date", "end_date", "place"),
    "Initiative": ("id", "name", "kind"),
}
RELATIONSHIP_COLUMNS = {
    "WORKS_FOR": (*_ENDS, "role", "since"),
    "KNOWS": (*_ENDS, "strength", "last_contact", "context", "sensitivity"),
    "MEMBER_OF": (*_ENDS, "role"),
    "PARTNERS_WITH": _ENDS,
    "ENGAGES_ON": (*_ENDS, "stance", "influence", "interest"),
    "ATTENDS": (*_ENDS, "role"),
    "COVERS": _ENDS,
    "BASED_IN": _ENDS,
    "IN_REGION": _ENDS,
    "FUNDS": _ENDS,
    "RELATES_TO": _ENDS,
}

# The IGF's regional groups, with the number of UN member states in each as the weight of new countries.
_REGIONS = (
    ("African Group", 54),
    ("Asia-Pacific Group", 53),
    ("Eastern European Group", 23),
    ("Latin American and Caribbean Group", 33),
    ("Western European and Others Group", 29),
)
_ISO_CODES = (  # noqa: SIM905 (a list of words is easier to read as text)
    "AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL "
    "CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW "
    "GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT "
    "LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH "
    "PK PL PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL "
    "TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW AI AW BM CK CW FO GL GU KY MO NC PF"
).split()

# kind: (code, name) of each policy area; the kinds are taken in turn, so small graphs get a few of each.
_POLICY_AREAS = {
    "igf_theme": (
        ("", "Access and Diversity"),
        ("", "Internet Governance for Development"),
        ("", "Security, Openness and Privacy"),
        ("", "Youth"),
        ("", "Critical Internet Resources"),
        ("", "Emerging Issues"),
        ("", "Digital Inclusion"),
        ("", "Human Rights and Freedoms"),
        ("", "Data Governance"),
        ("", "Sustainability and Environment"),
    ),
    "wsis_action_line": (
        ("C1", "The role of stakeholders in promoting ICTs for development"),
        ("C2", "Information and communication infrastructure"),
        ("C3", "Access to information and knowledge"),
        ("C4", "Capacity building"),
        ("C5", "Building confidence and security in the use of ICTs"),
        ("C6", "Enabling environment"),
        ("C7", "ICT applications"),
        ("C8", "Cultural diversity and identity, linguistic diversity and local content"),
        ("C9", "Media"),
        ("C10", "Ethical dimensions of the Information Society"),
        ("C11", "International and regional cooperation"),
    ),
    "sdg": (
        ("SDG1", "No Poverty"),
        ("SDG3", "Good Health and Well-being"),
        ("SDG4", "Quality Education"),
        ("SDG5", "Gender Equality"),
        ("SDG8", "Decent Work and Economic Growth"),
        ("SDG9", "Industry, Innovation and Infrastructure"),
        ("SDG10", "Reduced Inequalities"),
        ("SDG11", "Sustainable Cities and Communities"),
        ("SDG16", "Peace, Justice and Strong Institutions"),
        ("SDG17", "Partnerships for the Goals"),
    ),
    "policy_domain": (
        ("", "Social Cohesion"),
        ("", "Education"),
        ("", "Employment"),
        ("", "Community Development"),
        ("", "Health"),
        ("", "Agriculture"),
        ("", "Copyright and Licensing"),
        ("", "Digital Literacy"),
        ("", "Open Access"),
    ),
}

# org_type: (stakeholder group, weight among new organisations, name template)
_ORG_TYPES = {
    "ministry": ("government", 6, "Ministry of {topic}, {iso}"),
    "regulator": ("government", 3, "{iso} {topic} Regulatory Authority"),
    "parliament": ("government", 1, "Parliamentary Committee on {topic}, {iso}"),
    "government_agency": ("government", 5, "{iso} {topic} Agency"),
    "company": ("private_sector", 14, "{word} {trade}"),
    "industry_association": ("private_sector", 3, "{iso} {topic} Industry Association"),
    "ngo": ("civil_society", 14, "{word} {topic} Society"),
    "foundation": ("civil_society", 3, "{word} Foundation"),
    "library": ("library", 18, "{word} Public Library, {iso}"),
    "library_association": ("library", 3, "{iso} Library Association"),
    "library_committee": ("library", 1, "{iso} Library Committee on {topic}"),
    "university": ("academia", 8, "University of {word}"),
    "research_institute": ("academia", 4, "{word} Institute for {topic}"),
    "technical_body": ("technical_community", 4, "{word} Internet Exchange"),
    "un_agency": ("intergovernmental", 1, "UN {topic} Office"),
    "intergovernmental_body": ("intergovernmental", 1, "{word} Intergovernmental {topic} Council"),
    "network": ("civil_society", 3, "{word} {topic} Network"),
}
# Organisations others join as members (MEMBER_OF Organization -> Organization goes only to these).
_UMBRELLA_TYPES = (
    "industry_association",
    "library_association",
    "un_agency",
    "intergovernmental_body",
    "network",
)
# How likely an organisation of each type funds something.
_FUNDER_ODDS = {
    "foundation": 0.8,
    "un_agency": 0.6,
    "intergovernmental_body": 0.5,
    "ministry": 0.2,
    "company": 0.05,
}

_TOPICS = (
    "Communications",
    "ICT",
    "Digital Affairs",
    "Education",
    "Culture",
    "Information",
    "Digital Economy",
    "Telecommunications",
    "Innovation",
    "Data Protection",
    "Open Knowledge",
    "Digital Rights",
)
_WORDS = (
    "Northern",
    "Southern",
    "Coastal",
    "Central",
    "Open",
    "Civic",
    "Global",
    "Riverside",
    "Highland",
    "United",
    "Lakeside",
    "Metropolitan",
    "Valley",
    "Harbour",
    "Capital",
    "New",
)
_TRADES = ("Telecom", "Networks", "Systems", "Cloud Services", "Media Group", "Software", "Connect", "Data")
_GIVEN = (  # noqa: SIM905 (a list of words is easier to read as text)
    "Amara Ana Chen David Fatima Hiroshi Ingrid Jamal Kofi Laila Lucia Mateo Mei Nadia Olga Omar Priya Rafael "
    "Sara Tariq Thandiwe Tomas Yuki Zainab Aisha Bruno Elena Hassan Ivan Joao Kwame Leila Maria Nikos Paulo"
).split()
_FAMILY = (  # noqa: SIM905 (a list of words is easier to read as text)
    "Diallo Silva Wang Okafor Haddad Tanaka Larsen Khan Mensah Rahman Garcia Li Petrova Ali Sharma Costa "
    "Nguyen Kowalski Mwangi Santos Dubois Ivanova Hossain Moreno Achieng Novak Rossi Park Kariuki Mendes"
).split()
_TITLES = (
    "Director",
    "Policy Officer",
    "Programme Manager",
    "Librarian",
    "Researcher",
    "Advisor",
    "Head of Unit",
    "Coordinator",
    "Senior Counsellor",
    "Chief Executive",
)
_EVENT_NAMES = {
    "igf": "Internet Governance Forum",
    "regional_igf": "Regional IGF",
    "national_igf": "National IGF",
    "ifla_wlic": "IFLA World Library and Information Congress",
    "wsis_forum": "WSIS Forum",
    "consultation": "Open Consultation",
    "conference": "Conference",
    "meeting": "Meeting",
}
# Event kinds by how big an event is: (share of the biggest events, kinds to pick from).
_EVENT_TIERS = (
    (0.02, ("igf", "wsis_forum", "ifla_wlic")),
    (0.10, ("regional_igf",)),
    (0.30, ("national_igf", "conference")),
    (1.00, ("consultation", "meeting", "conference")),
)
_INITIATIVE_WEIGHTS = {"dynamic_coalition": 2, "coalition": 3, "campaign": 3, "programme": 4, "network": 2}
_MEMBER_ROLES = ("member",) * 8 + ("chair", "steering committee")
_WORK_ROLES = ("staff",) * 6 + ("director", "board member", "consultant", "volunteer")
# Counts drawn by index from these tables (a cheap discrete distribution).
_EVENTS_PER_PERSON = (0,) * 10 + (1,) * 6 + (2,) * 3 + (3,) * 2 + (5,)  # mean about 1
_AREAS_PER_PERSON = (0,) * 11 + (1,) * 5 + (2,) * 2 + (3, 4)  # mean about 0.8
_PARTNERS_PER_ORG = (0, 0, 1, 1, 1, 2, 2, 3)
_ATTENDEE_ROLES = ("attendee",) * 14 + ("participant",) * 3 + ("speaker",) * 2 + ("organiser",)
_ORG_ATTENDEE_ROLES = ("organiser",) * 3 + ("attendee",) * 4 + ("participant",) * 2 + ("speaker",)
_STANCES = {
    "library": ("champion",) * 4 + ("supportive",) * 4 + ("neutral",) * 2,
    "other": ("champion",) + ("supportive",) * 4 + ("neutral",) * 3 + ("opposed",) * 2,
}
_SCALE = (1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5)
# KNOWS ties by how they arose: (context, strengths to pick from)
_COLLEAGUE = ("colleagues", (2, 3, 3, 4, 4, 5))
_CO_ATTENDEE = ("met at an event", (1, 1, 2, 2, 3))
_INTRODUCED = ("introduced", (1, 1, 2, 3))
_KNOWS_SENSITIVITY = ("public",) * 5 + ("internal",) * 3 + ("private",) * 2


def generate(
    out: Path, nodes: int, seed: int = 0, progress: Callable[[int], None] | None = None
) -> dict[str, dict[str, int]]:
    """Write a synthetic graph of exactly `nodes` nodes into `out` in the seed's CSV folder layout.

    Parameters
    ----------
    out:
        The folder to write ``nodes/<Label>.csv`` and ``relationships/<TYPE>.csv`` into; created if
        missing, and those files overwritten.
    nodes:
        How many nodes, from 100 to 3,000,000; the graph has exactly this many.
    seed:
        The seed of the random choices; the same ``(nodes, seed)`` writes the same bytes.
    progress:
        Called with the number of rows written since its last call, about every 10,000 rows.

    Returns
    -------
    The rows written: ``{"nodes": {label: n}, "relationships": {type: n}}``.

    Raises
    ------
    ValueError
        When ``nodes`` is outside 100..3,000,000.

    Example
    -------
    >>> counts = generate(Path("synthetic"), 100_000, seed=1)  # doctest: +SKIP
    >>> sum(counts["relationships"].values())  # about five per node  # doctest: +SKIP
    """
    if isinstance(nodes, bool) or not isinstance(nodes, int) or not MIN_NODES <= nodes <= MAX_NODES:
        raise ValueError(f"nodes must be a whole number from {MIN_NODES:,} to {MAX_NODES:,}, got {nodes!r}")
    with _Files(Path(out), progress) as files:
        _Generator(files, nodes, Random(seed)).run()
        return files.counts()


class _Files:
    """One spreadsheet-safe CSV writer per label and type; counts rows and reports progress."""

    def __init__(self, out: Path, progress: Callable[[int], None] | None) -> None:
        self._progress = progress
        self._pending = 0
        self._handles = []
        self._writers = {}
        self._counts = dict.fromkeys((*NODE_COLUMNS, *RELATIONSHIP_COLUMNS), 0)
        for sub, columns in ((NODES_DIR, NODE_COLUMNS), (RELATIONSHIPS_DIR, RELATIONSHIP_COLUMNS)):
            (out / sub).mkdir(parents=True, exist_ok=True)
            for name, header in columns.items():
                f = (out / sub / f"{name}.csv").open("w", encoding="utf-8", newline="", buffering=1 << 20)
                self._handles.append(f)
                self._writers[name] = w = csv_writer(f)
                w.writerow(header)

    def write(self, name: str, rows: list) -> None:
        """Write rows to the file of a label or type, and empty the list."""
        self._writers[name].writerows(rows)
        self._counts[name] += len(rows)
        self._pending += len(rows)
        rows.clear()
        if self._pending >= PROGRESS_EVERY:
            self._report()

    def count(self, name: str) -> int:
        return self._counts[name]

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": {label: self._counts[label] for label in NODE_COLUMNS},
            "relationships": {t: self._counts[t] for t in RELATIONSHIP_COLUMNS},
        }

    def _report(self) -> None:
        if self._progress is not None and self._pending:
            self._progress(self._pending)
        self._pending = 0

    def __enter__(self) -> _Files:
        return self

    def __exit__(self, *exc: object) -> None:
        for f in self._handles:
            f.close()
        if exc[0] is None:
            self._report()


class _PairFilter:
    """Remembers unordered pairs of ints in a one-hash Bloom filter, so each pair is kept at most once.

    Now and then a new pair is mistaken for a seen one and dropped (at most about 1 in 16 once the expected
    number of pairs is in), which costs a few relationships but never writes one twice. Memory: 2 to 4 bytes
    per expected pair.
    """

    def __init__(self, expected: int) -> None:
        bits = max(16, (16 * expected).bit_length())
        self._shift = 64 - bits
        self._bits = bytearray(1 << (bits - 3))

    def add(self, a: int, b: int) -> bool:
        """Record the pair {a, b}; return False when it was (probably) recorded before."""
        key = (a << 32 | b) if a < b else (b << 32 | a)
        h = ((key * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> self._shift
        byte, bit = h >> 3, 1 << (h & 7)
        if self._bits[byte] & bit:
            return False
        self._bits[byte] |= bit
        return True


def _zipf(n: int, alpha: float, rng: Random) -> tuple[list[int], list[float]]:
    """Shuffled ranks 1..n and the cumulative weights rank**-alpha of items 0..n-1."""
    ranks = list(range(1, n + 1))
    rng.shuffle(ranks)
    return ranks, list(accumulate(r**-alpha for r in ranks))


def _dates(first: date, last: date) -> list[str]:
    """Every day from first to last as ISO text."""
    return [date.fromordinal(d).isoformat() for d in range(first.toordinal(), last.toordinal() + 1)]


def _group(keys: Sequence[int], n: int) -> tuple[list[int], array]:
    """Indices of ``keys`` grouped by key 0..n-1: (start offset of each key, plus the end; indices)."""
    counts = [0] * (n + 1)
    for k in keys:
        counts[k + 1] += 1
    starts = list(accumulate(counts))
    fill = starts[:-1]
    members = array("i", bytes(4 * len(keys)))
    for i, k in enumerate(keys):
        members[fill[k]] = i
        fill[k] += 1
    return starts, members


class _Generator:
    """The state of one run: sizes, per-node arrays of ints, and the random source."""

    def __init__(self, files: _Files, nodes: int, rng: Random) -> None:
        self.files = files
        self.rng = rng
        self.n_regions = len(_REGIONS)
        self.n_areas = min(40, max(8, nodes // 20))
        self.n_countries = min(200, max(5, nodes // 50))
        rest = nodes - self.n_regions - self.n_areas - self.n_countries
        self.n_orgs = max(2, round(rest * 0.15))
        self.n_events = max(1, round(rest * 0.03))
        self.n_initiatives = max(1, round(rest * 0.02))
        self.n_people = rest - self.n_orgs - self.n_events - self.n_initiatives
        self.event_dates = _dates(date(2006, 1, 1), date(2025, 12, 31))
        self.contact_dates = _dates(date(2015, 1, 1), date(2025, 12, 31))
        self.since_dates = _dates(date(1990, 1, 1), date(2025, 12, 31))

    def run(self) -> None:
        self.regions_and_countries()
        self.policy_areas()
        self.organisations()
        self.events()
        self.initiatives()
        self.people()
        self.fill_missing_types()

    def pick(self, cum: list[float]) -> int:
        """An index drawn with the cumulative weights ``cum``."""
        return bisect(cum, self.rng.random() * cum[-1], 0, len(cum) - 1)

    def regions_and_countries(self) -> None:
        rng, files = self.rng, self.files
        rows = [[f"r{i}", name] for i, (name, _) in enumerate(_REGIONS)]
        files.write("Region", rows)
        codes = list(_ISO_CODES)
        rng.shuffle(codes)
        self.country_iso = codes[: self.n_countries]
        region_cum = list(accumulate(w for _, w in _REGIONS))
        rows = [[f"c{i}", f"Country {iso}", iso] for i, iso in enumerate(self.country_iso)]
        files.write("Country", rows)
        rows = [[f"c{i}", f"r{self.pick(region_cum)}"] for i in range(self.n_countries)]
        files.write("IN_REGION", rows)
        # Bigger countries have more organisations and host more events.
        _, self.country_cum = _zipf(self.n_countries, 1.0, rng)

    def policy_areas(self) -> None:
        rng = self.rng
        # Take the kinds in turn so that a small graph has some of each.
        kinds = list(_POLICY_AREAS)
        order = [
            (kind, *_POLICY_AREAS[kind][i])
            for i in range(max(map(len, _POLICY_AREAS.values())))
            for kind in kinds
            if i < len(_POLICY_AREAS[kind])
        ][: self.n_areas]
        self.area_names = [name for _, _, name in order]
        self.files.write(
            "PolicyArea", [[f"pa{i}", name, kind, code] for i, (kind, code, name) in enumerate(order)]
        )
        _, self.area_cum = _zipf(self.n_areas, 0.8, rng)
        seen: set[tuple[int, int]] = set()
        rows = []
        for a in range(self.n_areas):
            for _ in range(rng.randint(1, 3)):
                b = rng.randrange(self.n_areas)
                pair = (min(a, b), max(a, b))
                if a != b and order[a][0] != order[b][0] and pair not in seen:
                    seen.add(pair)
                    rows.append([f"pa{a}", f"pa{b}"])
        self.files.write("RELATES_TO", rows)

    def areas(self, k: int) -> list[int]:
        """Up to ``k`` distinct policy areas, popular ones more often."""
        picked: list[int] = []
        for _ in range(k):
            a = self.pick(self.area_cum)
            if a not in picked:
                picked.append(a)
        return picked

    def organisations(self) -> None:
        """Write every organisation: its name, place, stances, events, partners, memberships and funding."""
        files, n, rng = self.files, self.n_orgs, self.rng
        type_names, umbrella_types, umbrellas, umbrella_cum = self._draw_organisations()
        partners = _PairFilter(n * 2)
        names = ("Organization", "BASED_IN", "ENGAGES_ON", "ATTENDS", "PARTNERS_WITH", "MEMBER_OF", "FUNDS")
        buffers = {name: [] for name in names}
        nodes, based, engages, attends, partners_rows, member_rows, funds = buffers.values()
        random = rng.random
        for o in range(n):
            oid = f"o{o}"
            type_name = type_names[self.org_type[o]]
            group = _ORG_TYPES[type_name][0]
            nodes.append([oid, *self._org_row(o, type_name)])
            based.append([oid, f"c{self.org_country[o]}"])
            stances = _STANCES["library" if group == "library" else "other"]
            engages.extend(self._stance(oid, a, stances) for a in self.areas(int(rng.paretovariate(2.0))))
            if random() < 0.2:
                for e in dict.fromkeys(self.pick(self.event_cum) for _ in range(rng.randint(1, 3))):
                    attends.append(
                        [oid, f"e{e}", _ORG_ATTENDEE_ROLES[int(random() * len(_ORG_ATTENDEE_ROLES))]]
                    )
            for _ in range(_PARTNERS_PER_ORG[int(random() * len(_PARTNERS_PER_ORG))]):
                other = self.pick(self.org_cum)
                if other != o and partners.add(o, other):
                    partners_rows.append([oid, f"o{other}"])
            if self.org_type[o] not in umbrella_types and random() < 0.35:
                member_rows.extend(self._org_memberships(oid, umbrellas, umbrella_cum))
            if random() < _FUNDER_ODDS.get(type_name, 0.01):
                funds.extend(self._org_funds(o))
            if o % _BLOCK == _BLOCK - 1 or o == n - 1:
                for name, rows in buffers.items():
                    files.write(name, rows)

    def _draw_organisations(self) -> tuple[list[str], set[int], list[int], list[float]]:
        """Each organisation's type, country, group and weight, and the initiatives' and events' weights;
        returns the type names, the umbrella types' indexes, the umbrella organisations and their weights."""
        rng, n = self.rng, self.n_orgs
        type_names = list(_ORG_TYPES)
        type_cum = list(accumulate(_ORG_TYPES[t][1] for t in type_names))
        self.org_type = array("b", (self.pick(type_cum) for _ in range(n)))
        self.org_country = array("i", (self.pick(self.country_cum) for _ in range(n)))
        # How many people an organisation draws, and how many partners: a Zipf law over shuffled ranks.
        _, self.org_cum = _zipf(n, 0.8, rng)
        group_index = {g: i for i, g in enumerate(STAKEHOLDER_GROUPS)}
        self.org_group = array("b", (group_index[_ORG_TYPES[type_names[t]][0]] for t in self.org_type))
        umbrella_types = {type_names.index(t) for t in _UMBRELLA_TYPES}
        umbrellas = [o for o in range(n) if self.org_type[o] in umbrella_types]
        umbrella_cum = list(
            accumulate(self.org_cum[o] - (self.org_cum[o - 1] if o else 0) for o in umbrellas)
        )
        _, self.initiative_cum = _zipf(self.n_initiatives, 0.8, rng)
        self.event_ranks, self.event_cum = _zipf(self.n_events, 0.8, rng)
        return type_names, umbrella_types, umbrellas, umbrella_cum

    def _org_row(self, o: int, type_name: str) -> list[str]:
        """An organisation's name, group, type and (three times in ten) acronym, as its CSV row after the id."""
        random = self.rng.random
        group, _, template = _ORG_TYPES[type_name]
        name = template.format(
            topic=_TOPICS[int(random() * len(_TOPICS))],
            word=_WORDS[int(random() * len(_WORDS))],
            trade=_TRADES[int(random() * len(_TRADES))],
            iso=self.country_iso[self.org_country[o]],
        )
        acronym = (
            "".join(w[0] for w in name.replace(",", "").split() if w[0].isupper()) if random() < 0.3 else ""
        )
        return [name, group, type_name, acronym]

    def _stance(self, who: str, area: int, stances: tuple[str, ...]) -> list:
        """An ENGAGES_ON row: a stance drawn from ``stances``, an influence and an interest."""
        random = self.rng.random
        return [
            who,
            f"pa{area}",
            stances[int(random() * len(stances))],
            _SCALE[int(random() * len(_SCALE))],
            _SCALE[int(random() * len(_SCALE))],
        ]

    def _org_memberships(self, oid: str, umbrellas: list[int], umbrella_cum: list[float]) -> list[list[str]]:
        """One or two MEMBER_OF rows: of an umbrella organisation or an initiative, half and half."""
        rng, random = self.rng, self.rng.random
        targets = []
        for _ in range(rng.randint(1, 2)):
            if umbrellas and random() < 0.5:
                targets.append(f"o{umbrellas[self.pick(umbrella_cum)]}")
            else:
                targets.append(f"i{self.pick(self.initiative_cum)}")
        return [[oid, t, _MEMBER_ROLES[int(random() * len(_MEMBER_ROLES))]] for t in dict.fromkeys(targets)]

    def _org_funds(self, o: int) -> list[list[str]]:
        """One to three FUNDS rows of a funder: initiatives mostly, other organisations a quarter of the time."""
        rng, random = self.rng, self.rng.random
        targets = []
        for _ in range(rng.randint(1, 3)):
            if random() < 0.75:
                targets.append(f"i{self.pick(self.initiative_cum)}")
            elif (other := self.pick(self.org_cum)) != o:
                targets.append(f"o{other}")
        return [[f"o{o}", t] for t in dict.fromkeys(targets)]

    def events(self) -> None:
        rng, random = self.rng, self.rng.random
        ranks = self.event_ranks
        nodes, covers = [], []
        for e in range(self.n_events):
            share = ranks[e] / self.n_events
            kinds = next(kinds for top, kinds in _EVENT_TIERS if share <= top)
            kind = kinds[int(random() * len(kinds))]
            d = int(random() * (len(self.event_dates) - 5))
            start, end = self.event_dates[d], self.event_dates[d + rng.randint(0, 4)]
            place = f"Country {self.country_iso[self.pick(self.country_cum)]}"
            nodes.append([f"e{e}", f"{_EVENT_NAMES[kind]} {start[:4]}, {place}", kind, start, end, place])
            covers.extend([f"e{e}", f"pa{a}"] for a in self.areas(rng.randint(1, 4)))
            if len(covers) >= _BLOCK:
                self.files.write("Event", nodes)
                self.files.write("COVERS", covers)
        self.files.write("Event", nodes)
        self.files.write("COVERS", covers)

    def initiatives(self) -> None:
        rng, random = self.rng, self.rng.random
        kinds = list(_INITIATIVE_WEIGHTS)
        kind_cum = list(accumulate(_INITIATIVE_WEIGHTS.values()))
        nodes, covers = [], []
        for i in range(self.n_initiatives):
            kind = kinds[self.pick(kind_cum)]
            topic = self.area_names[int(random() * self.n_areas)]
            nodes.append([f"i{i}", f"{topic} {kind.replace('_', ' ').title()}", kind])
            covers.extend([f"i{i}", f"pa{a}"] for a in self.areas(rng.randint(1, 3)))
            if len(covers) >= _BLOCK:
                self.files.write("Initiative", nodes)
                self.files.write("COVERS", covers)
        self.files.write("Initiative", nodes)
        self.files.write("COVERS", covers)

    def people(self) -> None:
        """Write every person: their work, place, stances, events, memberships and acquaintances."""
        files, n = self.files, self.n_people
        random, pick = self.rng.random, self.pick
        primary, org_start, org_members, att_start, att_event, event_start, event_people = self._placed()
        # Which person each attendance belongs to, as _group's result indexes attendances.
        att_person = array("i", bytes(4 * len(att_event)))
        for p in range(n):
            for j in range(att_start[p], att_start[p + 1]):
                att_person[j] = p
        met = (att_event, event_start, event_people, att_person)

        ties = _PairFilter(2 * n)
        names = ("Person", "WORKS_FOR", "BASED_IN", "ENGAGES_ON", "ATTENDS", "MEMBER_OF", "KNOWS")
        buffers = {name: [] for name in names}
        nodes, works, based, engages, attends, members, knows = buffers.values()
        groups = STAKEHOLDER_GROUPS
        library = groups.index("library")
        n_groups = len(groups)
        for p in range(n):
            pid = f"p{p}"
            o = primary[p]
            group = self.org_group[o] if random() < 0.85 else int(random() * n_groups)
            title = _TITLES[int(random() * len(_TITLES))] if random() < 0.6 else ""
            name = f"{_GIVEN[int(random() * len(_GIVEN))]} {_FAMILY[int(random() * len(_FAMILY))]}"
            nodes.append([pid, name, title, groups[group]])
            since = self.since_dates[int(random() * len(self.since_dates))]
            works.append(
                [pid, f"o{o}", title.lower() or _WORK_ROLES[int(random() * len(_WORK_ROLES))], since]
            )
            if random() < 0.12 and (second := pick(self.org_cum)) != o:
                works.append([pid, f"o{second}", _WORK_ROLES[int(random() * len(_WORK_ROLES))], ""])
            country = self.org_country[o] if random() < 0.85 else pick(self.country_cum)
            based.append([pid, f"c{country}"])
            stances = _STANCES["library" if group == library else "other"]
            k = _AREAS_PER_PERSON[int(random() * len(_AREAS_PER_PERSON))]
            for a in self.areas(k):
                engages.append(
                    [
                        pid,
                        f"pa{a}",
                        stances[int(random() * len(stances))],
                        _SCALE[int(random() * len(_SCALE))],
                        _SCALE[int(random() * len(_SCALE))],
                    ]
                )
            a0, a1 = att_start[p], att_start[p + 1]
            for j in range(a0, a1):
                attends.append(
                    [pid, f"e{att_event[j]}", _ATTENDEE_ROLES[int(random() * len(_ATTENDEE_ROLES))]]
                )
            if random() < 0.1:
                target = f"i{pick(self.initiative_cum)}" if random() < 0.6 else f"o{pick(self.org_cum)}"
                members.append([pid, target, _MEMBER_ROLES[int(random() * len(_MEMBER_ROLES))]])
            colleagues = (
                org_members,
                org_start[o],
                org_start[o + 1] - org_start[o],
            )  # no copy: orgs can be huge
            self._acquaintances(p, colleagues, (a0, a1), met, ties, knows)
            if p % _BLOCK == _BLOCK - 1 or p == n - 1:
                for name, rows in buffers.items():
                    files.write(name, rows)

    def _placed(self) -> tuple[array, ...]:
        """Each person's first organisation, and the events they attend, drawn before anyone's ties
        so that colleagues and co-attendees are known: (primary, org_start, org_members, att_start,
        att_event, event_start, event_people), the groups as ``_group`` makes them."""
        n, random, pick = self.n_people, self.rng.random, self.pick
        # Every organisation gets one person, the rest go by the organisations' Zipf weights.
        primary = array("i", range(min(n, self.n_orgs)))
        primary.extend(pick(self.org_cum) for _ in range(n - len(primary)))
        self.rng.shuffle(primary)
        org_start, org_members = _group(primary, self.n_orgs)
        att_start = array("i", [0])
        att_event = array("i")
        for _ in range(n):
            k = _EVENTS_PER_PERSON[int(random() * len(_EVENTS_PER_PERSON))]
            if k:
                att_event.extend(dict.fromkeys(pick(self.event_cum) for _ in range(k)))
            att_start.append(len(att_event))
        event_start, event_people = _group(att_event, self.n_events)
        return primary, org_start, org_members, att_start, att_event, event_start, event_people

    def _acquaintances(self, p: int, colleagues, attended: tuple[int, int], met, ties, knows: list) -> None:
        """Person ``p``'s KNOWS ties: mostly colleagues, then co-attendees of one of their events, then anyone."""
        random, n = self.rng.random, self.n_people
        att_event, event_start, event_people, att_person = met
        a0, a1 = attended
        org_members, s0, size = colleagues
        for _ in range(min(int(self.rng.paretovariate(1.6)), 500)):
            r = random()
            if r < 0.6 and size > 1:
                q, (context, strengths) = org_members[s0 + int(random() * size)], _COLLEAGUE
            elif r < 0.85 and a1 > a0:
                e = att_event[a0 + int(random() * (a1 - a0))]
                e0, e1 = event_start[e], event_start[e + 1]
                q = att_person[event_people[e0 + int(random() * (e1 - e0))]]
                context, strengths = _CO_ATTENDEE
            else:
                q, (context, strengths) = int(random() * n), _INTRODUCED
            if q != p and ties.add(p, q):
                knows.append(
                    [
                        f"p{p}",
                        f"p{q}",
                        strengths[int(random() * len(strengths))],
                        self.contact_dates[int(random() * len(self.contact_dates))],
                        context,
                        _KNOWS_SENSITIVITY[int(random() * len(_KNOWS_SENSITIVITY))],
                    ]
                )

    def fill_missing_types(self) -> None:
        """Write one relationship of each type the random draws left empty (possible in tiny graphs)."""
        fallback = {
            "WORKS_FOR": ["p0", "o0", "staff", ""],
            "KNOWS": ["p0", "p1", 1, "", "", ""],
            "MEMBER_OF": ["o0", "i0", "member"],
            "PARTNERS_WITH": ["o0", "o1"],
            "ENGAGES_ON": ["p0", "pa0", "", "", ""],
            "ATTENDS": ["p0", "e0", "attendee"],
            "COVERS": ["e0", "pa0"],
            "BASED_IN": ["p0", "c0"],
            "IN_REGION": ["c0", "r0"],
            "FUNDS": ["o0", "i0"],
            "RELATES_TO": ["pa0", "pa1"],
        }
        for name, row in fallback.items():
            if self.files.count(name) == 0:
                self.files.write(name, [row])


#: What the generator leaves out: logged interactions are the advocates' own record, not a shape of the
#: network, saved views the app's, and where an initiative was launched a fact of record.
NOT_GENERATED = {"Interaction", "PARTICIPATED_IN", "DISCUSSED", "HELD_AT", "LAUNCHED_AT", "View", "FieldDef"}


def _check_tables() -> None:
    """Fail at import when the tables above drift from the schema."""
    assert set(NODE_COLUMNS) == set(NODE_LABELS) - NOT_GENERATED
    assert set(RELATIONSHIP_COLUMNS) == set(RELATIONSHIP_TYPES) - NOT_GENERATED
    assert set(_ORG_TYPES) == set(ORG_TYPES)
    assert {group for group, _, _ in _ORG_TYPES.values()} <= set(STAKEHOLDER_GROUPS)
    assert set(_EVENT_NAMES) == set(EVENT_KINDS)
    assert set(_INITIATIVE_WEIGHTS) == set(INITIATIVE_KINDS)
    assert set(_ATTENDEE_ROLES) <= set(ATTENDANCE_ROLES) and set(_ORG_ATTENDEE_ROLES) <= set(ATTENDANCE_ROLES)
    assert {s for table in _STANCES.values() for s in table} <= set(STANCES)
    assert set(_KNOWS_SENSITIVITY) <= set(SENSITIVITIES)


_check_tables()
