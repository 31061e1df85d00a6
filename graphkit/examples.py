"""A small example world: the graph the docstring examples run on, and many tests start from.

>>> G = small_world_graph()
>>> sorted(d["label"] for _, d in G.nodes(data=True)).count("Person")
4
"""

from __future__ import annotations

import networkx as nx

from graphkit.model import Node, Relationship


def person(pid: str, name: str, group: str = "library", **props) -> Node:
    return Node(pid, "Person", name, {"stakeholder_group": group, **props})


def org(oid: str, name: str, group: str, org_type: str) -> Node:
    return Node(oid, "Organization", name, {"stakeholder_group": group, "org_type": org_type})


def small_world() -> tuple[list[Node], list[Relationship]]:
    """Two regions, three countries, a library association, a ministry, four people, two themes."""
    nodes = [
        Node("region-african", "Region", "African Group"),
        Node("region-grulac", "Region", "Latin American and Caribbean Group"),
        Node("country-ke", "Country", "Kenya", {"iso": "KE"}),
        Node("country-br", "Country", "Brazil", {"iso": "BR"}),
        Node("country-ar", "Country", "Argentina", {"iso": "AR"}),
        org("org-kla", "Kenya Library Association", "library", "library_association"),
        org("org-minicom-br", "Ministry of Communications (Brazil)", "government", "ministry"),
        person("person-amara", "Amara Diallo", title="Programme manager"),
        person("person-lucas", "Lucas Pereira", "government", title="Adviser to the minister"),
        person("person-zoe", "Zoë Müller", "civil_society"),
        person("person-ines", "Inés Álvarez", "technical_community"),
        Node("pa-access", "PolicyArea", "Access and Diversity", {"kind": "igf_theme"}),
        Node("pa-cir", "PolicyArea", "Managing Critical Internet Resources", {"kind": "igf_theme"}),
        Node("event-igf-2013", "Event", "IGF 2013 Bali", {"kind": "igf", "date": "2013-10-22"}),
        Node("init-dc-pal", "Initiative", "DC on Public Access in Libraries", {"kind": "dynamic_coalition"}),
    ]
    rels = [
        Relationship("IN_REGION", "country-ke", "region-african"),
        Relationship("IN_REGION", "country-br", "region-grulac"),
        Relationship("IN_REGION", "country-ar", "region-grulac"),
        Relationship("BASED_IN", "org-kla", "country-ke"),
        Relationship("BASED_IN", "org-minicom-br", "country-br"),
        Relationship("BASED_IN", "person-amara", "country-ke"),
        Relationship("BASED_IN", "person-lucas", "country-br"),
        Relationship("BASED_IN", "person-ines", "country-ar"),
        Relationship("WORKS_FOR", "person-amara", "org-kla", {"role": "Programme manager"}),
        Relationship("WORKS_FOR", "person-lucas", "org-minicom-br", {"since": "2011-01-01"}),
        Relationship(
            "KNOWS",
            "person-amara",
            "person-lucas",
            {"strength": 4, "last_contact": "2013-10-24", "context": "met at IGF 2013 Bali"},
        ),
        Relationship("KNOWS", "person-lucas", "person-ines", {"strength": 2}),
        Relationship("MEMBER_OF", "person-amara", "init-dc-pal"),
        Relationship("MEMBER_OF", "org-kla", "init-dc-pal"),
        Relationship("ENGAGES_ON", "person-amara", "pa-access", {"stance": "champion", "influence": 3}),
        Relationship("ENGAGES_ON", "person-lucas", "pa-access", {"stance": "neutral"}),
        Relationship("ENGAGES_ON", "person-ines", "pa-cir", {"stance": "supportive"}),
        Relationship("ATTENDS", "person-amara", "event-igf-2013", {"role": "speaker"}),
        Relationship("ATTENDS", "person-lucas", "event-igf-2013"),
        Relationship("COVERS", "event-igf-2013", "pa-access"),
        Relationship("COVERS", "init-dc-pal", "pa-access"),
        Relationship("RELATES_TO", "pa-access", "pa-cir"),
    ]
    return nodes, rels


def small_world_graph() -> nx.MultiDiGraph:
    """:func:`small_world` as the graph the analyses take (as a store's ``export()`` gives it)."""
    from graphkit.store.base import to_networkx

    return to_networkx(*small_world())
