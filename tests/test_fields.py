"""A team's own fields (issue 35): declared per label as FieldDef records, on both stores; validated,
imported and exported in every format, renamed and removed with their values in one write, in the
history and the change feed, and private when marked."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import person

from graphkit.cli import main
from graphkit.edits.fields import add_field, remove_field, rename_field
from graphkit.errors import GraphkitError, ValidationError
from graphkit.graph.filters import analysed, schema_of, shareable
from graphkit.io import export_formats, export_graph, open_source
from graphkit.io.importer import import_sources
from graphkit.model import FIELD_DEF, Node

EXPORTED = ("csv", "graphml", "gexf", "json")


def declare(store, label, name, kind, choices=(), private=False):
    store.apply(add_field(store, label, name, kind, choices, private), by="admin")


def write_people(tmp_path, header: str, *rows: str):
    folder = tmp_path / "in"
    (folder / "nodes").mkdir(parents=True, exist_ok=True)
    (folder / "nodes" / "Person.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def test_declared_fields_are_records_in_the_history_and_the_schema(store):
    store.upsert([person("person-ana", "Ana")])  # a first write is one "load" entry
    position = store.feed_position()
    declare(store, "Person", "languages", "list")
    declare(store, "Person", "dues", "choice", ["paid", "late"], private=True)
    declare(store, "Organization", "members", "number")
    schema = store.schema()
    assert [f.name for f in schema.declared("Person")] == ["dues", "languages"]
    assert schema.field("Person", "dues").private and schema.field("Person", "dues").choices == (
        "paid",
        "late",
    )
    assert schema.field("Organization", "members").kind == "number"
    created = [c for c in store.history() if (c.after or {}).get("label") == FIELD_DEF]
    assert len(created) == 3 and {c.user for c in created} == {"admin"}
    page = store.changes_since(position)
    assert page.changes is not None and any((c.after or {}).get("name") == "languages" for c in page.changes)
    # the graph the pages read keeps no FieldDef node, but knows the schema
    G = analysed(store.export())
    assert not any(d.get("label") == FIELD_DEF for _, d in G.nodes(data=True))
    assert schema_of(G).field("Person", "languages") is not None


def test_values_of_a_declared_field_are_validated_with_the_same_errors(store):
    declare(store, "Person", "languages", "list", ["en", "fr"])
    declare(store, "Person", "board", "yes_no")
    store.upsert([person("person-ana", "Ana", languages=["en", "fr"], board=True)])
    assert store.get_node("person-ana").props["languages"] == ["en", "fr"]
    with pytest.raises(ValidationError) as e:
        store.upsert([person("person-bo", "Bo", languages=["de"])])
    assert e.value.problems[0].field == "languages" and "one of en, fr" in e.value.problems[0].message
    with pytest.raises(ValidationError) as e:
        store.upsert([person("person-bo", "Bo", shoe_size=42)])
    assert "graphkit fields add Person shoe_size --type" in e.value.problems[0].message


def test_bad_declarations_are_refused_clearly(store):
    declare(store, "Person", "languages", "list")
    for args, says in (
        (("Person", "title", "text"), "built-in field 'title'"),
        (("Person", "languages", "text"), "already has a declared field"),
        (("Persn", "x", "text"), "unknown label 'Persn'"),
        (("Person", "Bad Name", "text"), "bad field name"),
        (("Person", "dues", "choice"), "needs its choices"),
        (("Person", "dues", "colour"), "unknown type"),
    ):
        with pytest.raises(GraphkitError, match=says):
            add_field(store, *args)
    # the store checks too, whoever writes the record
    with pytest.raises(ValidationError, match="built-in field"):
        store.upsert([Node("field-x", FIELD_DEF, "email", {"of_label": "Person", "type": "text"})])


def test_import_accepts_a_declared_column_validates_it_and_exports_round_trip(store, tmp_path):
    store.upsert([person("person-ana", "Ana")])
    folder = write_people(tmp_path, "id,name,stakeholder_group,languages", "person-ana,Ana,library,en; fr")
    with pytest.raises(ValidationError) as e:
        open_source(folder, store).nodes().__next__()
    assert "graphkit fields add Person languages --type" in str(e.value)
    declare(store, "Person", "languages", "list")
    declare(store, "Person", "members", "number")
    declare(store, "Person", "board", "yes_no")
    import_sources(store, [open_source(folder, store)])
    assert store.get_node("person-ana").props["languages"] == ["en", "fr"]
    bad = write_people(
        tmp_path,
        "id,name,stakeholder_group,members,board",
        "person-ana,Ana,library,3,yes",
        "person-bo,Bo,library,x,no",
    )
    with pytest.raises(ValidationError) as e:
        import_sources(store, [open_source(bad, store)])
    [problem] = e.value.problems
    assert problem.where.endswith("Person.csv row 3") and problem.field == "members"
    assert "members" not in store.get_node("person-ana").props  # all or nothing
    store.upsert([person("person-ana", "Ana", languages=["en", "a;b"], members=2.5, board=False)])
    before = {n.id: n for n in store.nodes()}
    for fmt in EXPORTED:
        out = tmp_path / f"out-{fmt}" / f"graph.{fmt}"
        out.parent.mkdir()
        where = out if fmt != "csv" else out.parent / "csv"
        export_graph(store, fmt, where)
        source = open_source(where, store)
        read = {n.id: n for n in source.nodes()}
        ana = read["person-ana"]
        assert ana.props["languages"] == ["en", "a;b"], fmt
        assert ana.props["members"] == 2.5 and ana.props["board"] is False, fmt
        assert read[store.schema().def_id("Person", "languages")].name == "languages", fmt
        assert {i: (n.label, n.name) for i, n in read.items()} == {
            i: (n.label, n.name) for i, n in before.items()
        }


def test_rename_moves_values_and_remove_refuses_while_values_exist(store):
    declare(store, "Person", "languages", "list")
    store.upsert([person("person-ana", "Ana", languages=["en"]), person("person-bo", "Bo")])
    store.apply(rename_field(store, "Person", "languages", "spoken"), by="admin")
    assert store.get_node("person-ana").props["spoken"] == ["en"]
    assert "languages" not in store.get_node("person-ana").props
    assert [f.name for f in store.schema().declared("Person")] == ["spoken"]
    batch = store.history(limit=1)[0].batch
    assert {c.node for c in store.history(batch=batch)} >= {"person-ana"}
    with pytest.raises(GraphkitError, match="hold a value"):
        remove_field(store, "Person", "spoken")
    store.apply(remove_field(store, "Person", "spoken", force=True), by="admin")
    assert "spoken" not in store.get_node("person-ana").props
    assert store.schema().declared("Person") == ()
    with pytest.raises(GraphkitError, match="no declared field"):
        remove_field(store, "Person", "spoken")


def test_a_private_field_never_reaches_a_shared_export(store, tmp_path):
    declare(store, "Person", "dues", "text", private=True)
    declare(store, "Person", "languages", "list")
    store.upsert([person("person-ana", "Ana", dues="overdue", languages=["en"])])
    S = shareable(store.export())
    assert "dues" not in S.nodes["person-ana"] and S.nodes["person-ana"]["languages"] == ["en"]
    for fmt in (f.name for f in export_formats()):
        out = tmp_path / f"shared.{fmt}"
        export_graph(store, fmt, out, shared=True)
        files = sorted(out.rglob("*")) if out.is_dir() else [out]
        text = "".join(f.read_text(encoding="utf-8") for f in files if f.is_file())
        assert "overdue" not in text, fmt
        assert "Ana" in text


def test_the_command_line_declares_lists_renames_and_removes(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"

    def run(*args: str):
        result = CliRunner().invoke(main, [*args, "--store", url])
        return result.exit_code, result.output

    assert run("fields", "add", "Person", "languages", "--type", "list")[0] == 0
    assert (
        run("fields", "add", "Person", "dues", "--type", "choice", "--choices", "paid,late", "--private")[0]
        == 0
    )
    code, out = run("fields", "add", "Person", "email")
    assert code == 1 and "built-in field 'email'" in out
    code, out = run("fields", "list")
    assert "Person  dues  choice  paid,late  [private]" in out and "Person  languages  list" in out
    assert run("fields", "rename", "Person", "languages", "spoken")[0] == 0
    assert run("fields", "remove", "Person", "spoken")[0] == 0
    assert "spoken" not in run("fields", "list")[1]


def test_a_contacts_sheet_takes_a_declared_column_and_says_how_to_declare_another(store, tmp_path):
    sheet = tmp_path / "contacts.csv"
    sheet.write_text(
        "name,stakeholder group,Languages\nAna Lima,library,en; pt\nBo Chen,library,\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="graphkit fields add Person languages --type"):
        import_sources(store, [open_source(sheet, store)])
    declare(store, "Person", "languages", "list", ["en", "pt"])
    import_sources(store, [open_source(sheet, store)])
    assert store.get_node("person-ana-lima").props["languages"] == ["en", "pt"]
    sheet.write_text("name,stakeholder group,languages\nAna Lima,library,en; xx\n", encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        import_sources(store, [open_source(sheet, store)])
    assert (
        e.value.problems[0].where.endswith("contacts.csv row 2") and e.value.problems[0].field == "languages"
    )
    out = tmp_path / "out.csv"
    export_graph(store, "contacts", out)
    assert out.read_text(encoding="utf-8").splitlines()[0].endswith(",languages")
    assert "en; pt" in out.read_text(encoding="utf-8")


def test_coverage_takes_a_declared_choice_field_as_its_columns(store):
    from graphkit.analysis.coverage import coverage_matrix
    from graphkit.examples import small_world

    store.upsert(*small_world())
    declare(store, "Person", "committee", "choice", ["steering", "policy"])
    amara = store.get_node("person-amara")
    amara.props["committee"] = "steering"
    store.upsert([amara])
    m = coverage_matrix(analysed(store.export()), "init-dc-pal", columns="field:committee")
    assert m.columns == ("steering", "policy")
    assert m.cell("pa-access", "steering").allies == ("person-amara",)
    assert m.cell("pa-access", "policy").status == "gap"
    with pytest.raises(GraphkitError, match="no declared choice field 'dues'"):
        coverage_matrix(analysed(store.export()), "init-dc-pal", columns="field:dues")


def test_a_viewers_live_graph_never_holds_a_private_fields_value_as_the_feed_goes_on(store):
    from graphkit.graph.live import LiveGraph

    store.upsert([person("person-ana", "Ana"), person("person-bo", "Bo")])
    declare(store, "Person", "dues", "text", private=True)
    live = LiveGraph(store)
    assert live.shared.nodes["person-ana"] == live.G.nodes["person-ana"]
    store.upsert([person("person-ana", "Ana", dues="owes-4000")])
    live.refresh()
    assert live.G.nodes["person-ana"]["dues"] == "owes-4000"
    assert "dues" not in live.shared.nodes["person-ana"]
    # a field declared (or made private) later is known from the feed too
    declare(store, "Person", "shoe", "text")
    store.upsert([person("person-bo", "Bo", shoe="size-44")])
    live.refresh()
    assert live.shared.nodes["person-bo"]["shoe"] == "size-44"
    store.apply(remove_field(store, "Person", "dues", force=True), by="admin")
    declare(store, "Person", "dues", "text", private=True)
    store.upsert([person("person-bo", "Bo", shoe="size-44", dues="owes-9")])
    live.refresh()
    assert "dues" not in live.shared.nodes["person-bo"] and schema_of(live.G).field("Person", "dues").private
