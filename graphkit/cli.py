"""The ``graphkit`` command: load, inspect and serve the stakeholder graph."""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
import urllib.request
import webbrowser
from datetime import datetime
from pathlib import Path

import click
import networkx as nx

from graphkit.analysis.coverage import COLUMNS, coverage_matrix, library_absences
from graphkit.analysis.influence import betweenness, brokers_between, communities, pagerank, top
from graphkit.analysis.influence import brokers as find_brokers
from graphkit.analysis.interactions import COLD_AFTER_DAYS, STRONG, going_cold, open_follow_ups
from graphkit.analysis.paths import coalition_members, default_coalition, engagement_paths, hops, warmth_of
from graphkit.analysis.ties import TieCosts
from graphkit.auth import ROLES, USERS_ENV, add_user, list_users, remove_user, set_role
from graphkit.edits import (
    NEW_TIE_STRENGTH,
    apply_fresh,
    delete_view,
    erase_person,
    follow_up_done,
    log_interaction,
    restore_stakeholder,
    saved_views,
    view_id,
)
from graphkit.edits import fields as edit_fields
from graphkit.edits.records import erased
from graphkit.edits.views import not_embeddable
from graphkit.errors import GraphkitError
from graphkit.graph.describe import find_node, name, name_and_place
from graphkit.graph.filters import analysed, shareable
from graphkit.io import export_formats
from graphkit.io.csv_folder import check_folder, count_rows, read_nodes, read_relationships
from graphkit.model import (
    FIELD_TYPES,
    INTERACTION_KINDS,
    NETWORK_LABELS,
    POLICY_AREA_KINDS,
    SENSITIVITIES,
    STAKEHOLDER_LABELS,
    Interaction,
)
from graphkit.model.changeset import ChangeSet
from graphkit.model.privacy import marked_private, record_is_private, shown
from graphkit.model.views import view_problems
from graphkit.seed import shipped_seed
from graphkit.store import STORE_ENV, copy_graph, open_store, shown_url, store_url
from graphkit.store.base import USER_ENV

store_option = click.option(
    "--store",
    "store",
    envvar=STORE_ENV,
    default=None,
    metavar="URL",
    help=f"Where the graph is kept (default: ${STORE_ENV}, else sqlite:///graphkit.db).",
)
date_type = click.DateTime(formats=["%Y-%m-%d"])
as_of_option = click.option(
    "--as-of",
    type=date_type,
    default=None,
    help="The day to judge from (default: today): ties fade with the time since their last contact.",
)
user_option = click.option(
    "--user",
    "user",
    envvar=USER_ENV,
    default=None,
    metavar="NAME",
    help=f"Who writes, for the edit history (default: ${USER_ENV}, else your login name).",
)


class _Group(click.Group):
    """Turns graphkit's own errors and failed file operations into one clear line, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except GraphkitError as e:
            raise click.ClickException(str(e)) from e
        except OSError as e:  # a folder that is a file, a full disk, no permission ...
            raise click.ClickException(f"{e.strerror or e}: {e.filename}" if e.filename else str(e)) from e


@click.group(cls=_Group)
@click.version_option(package_name="graphkit")
def main() -> None:
    """graphkit: who can introduce library advocates to whom, and where they have no allies."""


@main.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option(
    "--if-empty", is_flag=True, help="Load only into an empty store, so that edits made since are kept."
)
@store_option
@user_option
def seed(folder: Path | None, if_empty: bool, store: str | None, user: str | None) -> None:
    """Load a CSV folder (default: the seed dataset shipped with graphkit) into the store. Loading it
    again changes nothing.

    Records already stored with the same ids are replaced by the folder's version.
    """
    if folder is None:
        with shipped_seed() as shipped:
            _load(shipped, if_empty, store, user, called="the seed shipped with graphkit (seed/)")
    else:
        _load(folder, if_empty, store, user)


def _load(folder: Path, if_empty: bool, store: str | None, user: str | None, called: str = "") -> None:
    """Load ``folder`` (named ``called`` in what is printed, else by its path)."""
    check_folder(folder)
    total = count_rows(folder)
    with open_store(store) as s:
        if if_empty and any(s.counts()["nodes"].values()):
            click.echo(f"{s.url} already holds a graph; left as it is")
            return
        with click.progressbar(
            length=total, label=f"Loading {called or folder} into {s.url}", file=sys.stderr
        ) as bar:
            seeded = ChangeSet(read_nodes(folder, s.schema()), read_relationships(folder))
            summary = s.apply(seeded, by=user, progress=bar.update)
    click.echo(f"Loaded {summary.nodes} nodes and {summary.relationships} relationships into {s.url}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@store_option
def stats(as_json: bool, store: str | None) -> None:
    """Count the stored nodes by label and relationships by type."""
    with open_store(store) as s:
        counts = s.counts()
    if as_json:
        click.echo(json.dumps(counts))
        return
    click.echo(f"Store: {s.url}")
    for title, key in (("Nodes", "nodes"), ("Relationships", "relationships")):
        rows = counts[key]
        click.echo(f"\n{title}: {sum(rows.values())}")
        width = max((len(k) for k in rows), default=0)
        for key, n in rows.items():
            click.echo(f"  {key:<{width}}  {n:>9,}")


def _say(line: str) -> None:
    click.echo(line, err=True)


@main.command()
@click.option("--from", "source", required=True, metavar="URL", help="The store to copy from.")
@click.option("--to", "target", required=True, metavar="URL", help="The empty store to copy into.")
@click.option(
    "--neo4j-home",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The target Neo4j server's home folder on this machine (with bin/neo4j and bin/neo4j-admin): the "
    "server is stopped, the empty database filled by neo4j-admin database import, and the server started again.",
)
def copy(source: str, target: str, neo4j_home: Path | None) -> None:
    """Copy a whole graph between two stores (SQLite to Neo4j or back), then check the counts match."""
    if neo4j_home is not None:
        from graphkit.store.neo4j_import import CannotBulkImport, bulk_copy

        with open_store(source) as src:
            total = sum(sum(group.values()) for group in src.counts().values())
            try:
                with click.progressbar(length=total, label=f"Checking {src.url}", file=sys.stderr) as bar:
                    counts = bulk_copy(src, target, neo4j_home, progress=bar.update, say=_say)
            except CannotBulkImport as e:
                _say(f"{e}; copying through the driver instead")
            else:
                n, r = sum(counts["nodes"].values()), sum(counts["relationships"].values())
                click.echo(
                    f"Imported {n} nodes and {r} relationships from {src.url} with neo4j-admin; the counts match"
                )
                return
    with open_store(source) as src, open_store(target) as dst:
        total = sum(sum(group.values()) for group in src.counts().values())
        with click.progressbar(length=total, label=f"Copying {src.url} to {dst.url}", file=sys.stderr) as bar:
            counts = copy_graph(src, dst, progress=bar.update)
    n, r = sum(counts["nodes"].values()), sum(counts["relationships"].values())
    click.echo(f"Copied {n} nodes and {r} relationships from {src.url} to {dst.url}; the counts match")


@main.command()
@click.option("--nodes", type=click.IntRange(100, 3_000_000), required=True, help="About how many nodes.")
@click.option("--seed", "random_seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder to write.")
def generate(nodes: int, random_seed: int, out: Path) -> None:
    """Write a synthetic graph in the seed's CSV layout, for benchmarks and scale tests."""
    from graphkit.io.synthetic import generate as write_synthetic

    with click.progressbar(length=nodes * 6, label=f"Writing {out}", file=sys.stderr) as bar:
        counts = write_synthetic(out, nodes, seed=random_seed, progress=bar.update)
    n, r = sum(counts["nodes"].values()), sum(counts["relationships"].values())
    click.echo(f"Wrote {n} nodes and {r} relationships to {out}")


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the files and report what would change; write nothing.")
@store_option
@user_option
def import_(files: tuple[Path, ...], dry_run: bool, store: str | None, user: str | None) -> None:
    """Merge files into the store by id: CSV folders or files, contacts spreadsheets, GraphML, GEXF, JSON.

    Everything is checked first; a file with any error writes nothing. A file changes only the
    fields it has columns for (an empty cell clears one); lowering a private record's privacy needs
    its sensitivity cell to say public or internal. The report lists such records first, then what
    was added, changed and left unchanged, per label and relationship type, then field by field.
    """
    from graphkit.io import open_source
    from graphkit.io.importer import import_sources

    with open_store(store) as s, contextlib.ExitStack() as checking:
        sources = [open_source(f, s) for f in files]
        bar = checking.enter_context(
            click.progressbar(length=_estimate(files), label="Checking", file=sys.stderr)
        )

        @contextlib.contextmanager
        def writing(report):
            checking.close()  # the checking bar ends before the writing bar starts
            total = report.total("added") + report.total("changed") + report.total("unchanged")
            with click.progressbar(length=total, label=f"Writing into {s.url}", file=sys.stderr) as writes:
                yield writes.update

        report = import_sources(s, sources, dry_run, check_progress=bar.update, by=user, writing=writing)
    click.echo(report.text())


def _estimate(files: tuple[Path, ...]) -> int:
    """About how many records the files hold, for a progress bar: each file's size over the mean
    length of its first lines (64 KiB of each is read, not the whole file a second time)."""
    total = 0
    for f in files:
        for path in list(f.rglob("*.csv")) if f.is_dir() else [f]:
            with path.open("rb") as data:
                head = data.read(65536)
            lines = head.count(b"\n") or 1
            size = path.stat().st_size
            total += max((lines if size <= len(head) else round(size * lines / len(head))) - 1, 0)
    return total


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.name for f in export_formats()]),
    required=True,
    help="csv: a folder in the seed's layout; contacts: one row per person; gexf: for Gephi.",
)
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--shared", is_flag=True, help="For sharing: leave out every private node and relationship.")
@store_option
def export(fmt: str, out: Path, shared: bool, store: str | None) -> None:
    """Write the whole stored graph to OUT (a folder for csv, else a file); with --shared, without private facts.

    CSV exports are spreadsheet-safe: a cell that starts with =, +, - or @ gets a leading ' so
    that Excel shows it as text instead of running it as a formula.
    """
    from graphkit.io import export_graph

    with open_store(store) as s:
        export_graph(s, fmt, out, shared=shared)
        counts = s.counts()
    n, r = sum(counts["nodes"].values()), sum(counts["relationships"].values())
    if shared:
        click.echo(f"Wrote the shareable part of {s.url} (no private facts) to {out} ({fmt})")
    else:
        click.echo(f"Wrote {n} nodes and {r} relationships from {s.url} to {out} ({fmt})")


@main.command()
@click.option("--port", type=int, default=8501, show_default=True)
@click.option(
    "--address",
    default="127.0.0.1",
    show_default=True,
    help="The address to serve on: 0.0.0.0 for every interface (needs a users file, or --open).",
)
@click.option(
    "--open",
    "open_",
    is_flag=True,
    envvar="GRAPHKIT_OPEN",
    help="Serve beyond this machine without sign-in: everyone who reaches it is an admin.",
)
@click.option("--headless", is_flag=True, help="Do not open a browser (on a server).")
@click.option(
    "--users",
    "users_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help=f"Ask for sign-in, with the users and roles of this file (sets ${USERS_ENV}; see graphkit users).",
)
@click.option(
    "--secrets",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="GRAPHKIT_SECRETS",
    default=None,
    help="Streamlit's secrets file to read (instead of .streamlit/secrets.toml): its [auth] section turns "
    "on single sign-on through the organisation's identity provider (needs a users file).",
)
@store_option
def serve(
    port: int,
    address: str,
    open_: bool,
    headless: bool,
    users_file: Path | None,
    secrets: Path | None,
    store: str | None,
) -> None:
    """Start the graphkit app and open it in the browser."""
    entry = Path(__file__).parent / "app" / "server.py"  # Streamlit with the session route
    env = {**os.environ, STORE_ENV: store_url(store)}
    if users_file is not None:
        env[USERS_ENV] = str(users_file.resolve())
    _check_open(address, env.get(USERS_ENV) or None, open_)
    cmd = [sys.executable, "-m", "streamlit", "run", str(entry), "--server.port", str(port)]
    cmd += ["--server.address", address]
    if secrets is not None:
        _check_sso(secrets, env.get(USERS_ENV) or None)
        cmd += ["--secrets.files", str(secrets.resolve())]
    # Always headless for Streamlit: otherwise its first run on a machine waits for an answer to an
    # e-mail question, and an app started by a script never comes up. The browser is opened here.
    cmd += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(cmd, env=env)
    # Stopped by a supervisor (SIGTERM), stop the app too rather than leave it running alone.
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    shown = "localhost" if is_loopback(address) else address
    try:
        if not headless and _answers(f"http://{shown}:{port}/_stcore/health", server):
            webbrowser.open(f"http://{shown}:{port}")
        raise SystemExit(server.wait())
    except KeyboardInterrupt:
        server.terminate()
        raise SystemExit(server.wait()) from None


def is_loopback(address: str) -> bool:
    """Whether serving on ``address`` reaches this machine only.

    >>> [is_loopback(a) for a in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "192.168.1.4", "")]
    [True, True, True, False, False, False]
    """
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False  # a host name: whatever it names, it may be reached from elsewhere


def _check_open(address: str, users: str | None, open_: bool) -> None:
    """Refuse to serve beyond loopback with nobody asked to sign in, unless ``--open`` says so; refuse
    a users file that does not exist (nobody could sign in)."""
    if users is not None and not Path(users).is_file():
        raise click.UsageError(
            f"the users file {users} does not exist: add a user first (graphkit users add NAME --role admin "
            f"--file {users})"
        )
    if users is None and not open_ and not is_loopback(address):
        raise click.UsageError(
            f"refusing to serve on {address} without sign-in: anyone who reaches it could read and change "
            "everything. Give a users file (--users FILE, see graphkit users add), or --open to serve it "
            "open on purpose."
        )


def _check_sso(secrets: Path, users: str | None) -> None:
    """Refuse a secrets file whose [auth] section lacks what ``st.login`` needs, or single sign-on
    without a users file (which says what role each e-mail address has)."""
    try:
        section = tomllib.loads(secrets.read_text(encoding="utf-8")).get("auth")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise click.UsageError(f"{secrets}: not a readable secrets file: {e}") from None
    if not isinstance(section, dict):
        return  # secrets for something else: no single sign-on
    missing = [key for key in ("redirect_uri", "cookie_secret") if key not in section]
    if missing:
        raise click.UsageError(f"{secrets}: [auth] needs {' and '.join(missing)} (see README, Team use)")
    if users is None:
        raise click.UsageError(
            f"{secrets} turns on single sign-on, which needs a users file naming the e-mail addresses that "
            "may sign in and their roles: give --users FILE (see graphkit users add --sso)"
        )


def _answers(url: str, server: subprocess.Popen, seconds: float = 60) -> bool:
    """Whether ``url`` answers within ``seconds`` while ``server`` runs."""
    deadline = time.monotonic() + seconds
    while server.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


# -- analysis ---------------------------------------------------------------------------------

coalition_option = click.option(
    "--coalition",
    metavar="NAME",
    default=None,
    help="Initiative whose members are the sources (default: the dynamic coalition with most members).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


def _graph(store: str | None) -> nx.MultiDiGraph:
    with open_store(store) as s:
        return analysed(s.export())


def _coalition(G: nx.MultiDiGraph, text: str | None) -> str:
    return find_node(G, text, ("Initiative",)) if text else default_coalition(G)


def _print_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=list))


@main.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "k", type=click.IntRange(1, 50), default=5, show_default=True, help="How many paths.")
@click.option("--max-hops", type=click.IntRange(1, 12), default=6, show_default=True)
@click.option(
    "--avoid", multiple=True, metavar="NAME", help="Never pass through this stakeholder (repeatable)."
)
@click.option(
    "--shared",
    is_flag=True,
    help="Leave private facts out, for an answer to pass on; without it private hops are marked [private].",
)
@as_of_option
@json_option
@store_option
def path(
    source: str,
    target: str,
    k: int,
    max_hops: int,
    avoid: tuple[str, ...],
    shared: bool,
    as_of: datetime | None,
    as_json: bool,
    store: str | None,
) -> None:
    """Warm introductions from FROM (a stakeholder, or a coalition meaning all its members) to TO.

    FROM and TO are ids, names, acronyms or a unique part of a name.
    """
    G = _graph(store)
    if shared:
        G = shareable(G)
    sources = find_node(G, source, ("Person", "Organization", "Initiative"))
    answer = engagement_paths(
        G,
        sources,
        find_node(G, target, STAKEHOLDER_LABELS),
        k=k,
        max_hops=max_hops,
        avoid=[find_node(G, a) for a in avoid],
        costs=TieCosts(as_of=as_of.date() if as_of else None),
    )
    if as_json:
        _print_json(dataclasses.asdict(answer))
        return
    click.echo(answer.summary)
    shown = [(f"Path {i}", p) for i, p in enumerate(answer.paths, 1)]
    if answer.nearest:
        shown.append((f"Nearest in the same {answer.nearest_relation}", answer.nearest))
    for title, p in shown:
        click.echo(f"\n{title}: {hops(len(p.hops))}, cost {p.cost:.2f}, {p.checks()}")
        click.echo(textwrap.indent(p.explain(), "  "))


@main.command()
@click.option("--rows", type=click.Choice(POLICY_AREA_KINDS), default="igf_theme", show_default=True)
@click.option("--columns", type=click.Choice(COLUMNS), default="stakeholder_group", show_default=True)
@click.option("--region", metavar="NAME", help="Only stakeholders based in this region.")
@click.option("--country", metavar="NAME", help="Only stakeholders based in this country.")
@click.option(
    "--max-hops", type=click.IntRange(0, 12), default=3, show_default=True, help="Reach of the coalition."
)
@click.option("--weak-below", type=click.IntRange(1, 1000), default=3, show_default=True)
@click.option(
    "--via-related",
    is_flag=True,
    help="Also count a stance on a policy area on the areas it relates to (e.g. WSIS action lines "
    "toward SDGs); a direct stance wins.",
)
@click.option(
    "--event",
    metavar="NAME",
    help='Rows: the themes this event covers (e.g. "IGF 2025"), instead of every area of --rows.',
)
@coalition_option
@json_option
@store_option
def gaps(
    rows: str,
    columns: str,
    region: str | None,
    country: str | None,
    max_hops: int,
    weak_below: int,
    via_related: bool,
    event: str | None,
    coalition: str | None,
    as_json: bool,
    store: str | None,
) -> None:
    """Where the coalition has no allies: policy areas x stakeholder groups (or regions, countries).

    Each cell shows reachable allies / all allies; GAP means no ally is reachable. With --event, the
    rows are that meeting's themes.
    """
    G = _graph(store)
    meeting = find_node(G, event, ("Event",)) if event else None
    m = coverage_matrix(
        G,
        _coalition(G, coalition),
        rows=rows,
        columns=columns,
        region=find_node(G, region, ("Region",)) if region else None,
        country=find_node(G, country, ("Country",)) if country else None,
        max_hops=max_hops,
        weak_below=weak_below,
        via_related=via_related,
        event=meeting,
    )
    absent = library_absences(G, rows, among=m.rows if meeting else None)
    if as_json:
        cells = [dataclasses.asdict(c) for c in m.cells.values()]
        out = {"rows": m.row_names, "columns": m.column_names, "cells": cells, "no_library": absent}
        _print_json({**out, "event": meeting} if meeting else out)
        return
    if meeting:
        when = str(G.nodes[meeting].get("date", ""))[:4]
        click.echo(f"Themes of {name(G, meeting)}" + (f" ({when})" if when else "") + ":\n")
    width = max((len(n) for n in m.row_names.values()), default=10)
    heads = [m.column_names[c] for c in m.columns]
    click.echo(" " * width + "  " + "  ".join(f"{h[:14]:>14}" for h in heads))
    for r in m.rows:
        cells = [m.cell(r, c) for c in m.columns]
        shown = [
            "GAP"
            if c.status == "gap"
            else f"{len(c.reachable_allies)}/{len(c.allies)}" + (" weak" if c.status == "weak" else "")
            for c in cells
        ]
        click.echo(f"{m.row_names[r]:<{width}}  " + "  ".join(f"{v:>14}" for v in shown))
    click.echo(
        f"\nCells: reachable allies / all allies within {max_hops} hops; GAP = none reachable, "
        f"weak = fewer than {weak_below}. {len(m.with_status('gap'))} gaps, {len(m.with_status('weak'))} weak."
    )
    if via_related:
        click.echo("Stances on related policy areas count too; a direct stance wins.")
    if absent:
        click.echo("No library stakeholder engages at all on: " + "; ".join(name(G, a) for a in absent))


def _print_scores(G: nx.MultiDiGraph, rows: list[tuple[str, float]], heading: str) -> None:
    shown = [(name_and_place(G, v), f"{s:.4f}") for v, s in rows]
    width = max((len(w) for w, _ in shown), default=10)
    click.echo(f"{'#':>3}  {'Stakeholder':<{width}}  {heading:>11}")
    for i, (w, s) in enumerate(shown, 1):
        click.echo(f"{i:>3}  {w:<{width}}  {s:>11}")


@main.command()
@click.argument("measure", type=click.Choice(["pagerank", "betweenness", "communities"]), default="pagerank")
@click.option(
    "--top",
    "n_top",
    type=click.IntRange(1, None),
    default=20,
    show_default=True,
    help="How many stakeholders (communities).",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="The seed of sampled betweenness and of communities.",
)
@as_of_option
@json_option
@store_option
def influence(
    measure: str, n_top: int, seed: int, as_of: datetime | None, as_json: bool, store: str | None
) -> None:
    """Who is central in the introduction network, or which communities form in it.

    MEASURE: pagerank (well connected to the well connected, weighted by warmth), betweenness (on
    the fewest-hop ways between others) or communities (circles more tied to each other than to the rest).
    """
    G = _graph(store)
    costs = TieCosts(as_of=as_of.date() if as_of else None)
    if measure == "communities":
        found = communities(G, costs, seed=seed)[:n_top]
        if as_json:
            _print_json([dataclasses.asdict(c) for c in found])
            return
        for i, c in enumerate(found, 1):
            groups = ", ".join(f"{(g or 'unknown').replace('_', ' ')} {k}" for g, k in c.stakeholder_groups)
            click.echo(f"Community {i}: {len(c.members)} members ({groups})")
            click.echo(textwrap.indent(textwrap.fill("; ".join(name(G, m) for m in c.members)), "  "))
        return
    sampled = None
    if measure == "pagerank":
        scores = pagerank(G, costs)
    else:
        found_b = betweenness(G, costs, seed=seed)
        scores, sampled = found_b.scores, found_b.sampled_sources
    rows = top(scores, n_top)
    if as_json:
        _print_json(
            {
                "measure": measure,
                "sampled_sources": sampled,
                "scores": [{"stakeholder": v, "name": name(G, v), measure: s} for v, s in rows],
            }
        )
        return
    _print_scores(G, rows, {"pagerank": "PageRank", "betweenness": "Betweenness"}[measure])
    if sampled:
        click.echo(f"\nBetweenness estimated from {sampled} sampled sources (seed {seed}).")


@main.command()
@click.option("-n", "n", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--max-hops", type=click.IntRange(1, 12), default=6, show_default=True)
@coalition_option
@click.option(
    "--from",
    "sources",
    multiple=True,
    metavar="NAME",
    help="Start from this stakeholder instead of a coalition (repeatable).",
)
@json_option
@store_option
def brokers(
    n: int, max_hops: int, coalition: str | None, sources: tuple[str, ...], as_json: bool, store: str | None
) -> None:
    """Who lies on the most cheapest paths from the coalition (or --from) to government stakeholders.

    With neither --coalition nor --from, the coalition is the dynamic coalition with most members;
    on a graph with no Initiative, the brokers are those with the highest betweenness.
    """
    G = _graph(store)
    if coalition and sources:
        raise click.UsageError("give --coalition or --from, not both")
    if (
        not coalition
        and not sources
        and not any(d.get("label") == "Initiative" for _, d in G.nodes(data=True))
    ):
        rows = brokers_between(G, n)
        if as_json:
            _print_json([{"stakeholder": v, "name": name(G, v), "betweenness": s} for v, s in rows])
            return
        click.echo("No Initiative to start from: the brokers between everyone, by betweenness.\n")
        _print_scores(G, rows, "Betweenness")
        return
    starts = (
        [find_node(G, s, ("Person", "Organization", "Initiative")) for s in sources]
        if sources
        else _coalition(G, coalition)
    )
    found = find_brokers(G, starts, n=n, max_hops=max_hops)
    if as_json:
        _print_json([{**dataclasses.asdict(b), "name": name(G, b.stakeholder)} for b in found])
        return
    if not found:
        click.echo("No broker: no government stakeholder is reached through someone else.")
        return
    rows = [(name_and_place(G, b.stakeholder), b.paths, f"{b.share:.0%}") for b in found]
    width = max((len(r[0]) for r in rows), default=10)
    click.echo(f"{'#':>3}  {'Broker':<{width}}  {'paths':>5}  {'share':>5}")
    for i, (who_, paths_, share) in enumerate(rows, 1):
        click.echo(f"{i:>3}  {who_:<{width}}  {paths_:>5}  {share:>5}")


# -- the advocacy log ---------------------------------------------------------------------------


def _day(value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


@main.command()
@click.option(
    "--with",
    "participants",
    multiple=True,
    required=True,
    metavar="NAME",
    help="Who took part: a person or organisation (repeatable; include yourself).",
)
@click.option("--kind", type=click.Choice(INTERACTION_KINDS), default="meeting", show_default=True)
@click.option("--date", "on", type=date_type, default=None, help="When it happened (default: today).")
@click.option("--title", default=None, help='A name for it (default: "Meeting with ...").')
@click.option("--about", multiple=True, metavar="AREA", help="A policy area discussed (repeatable).")
@click.option("--at", "event", metavar="EVENT", default=None, help="The event it happened at.")
@click.option("--outcome", default=None, help="What came of it.")
@click.option("--follow-up", type=date_type, default=None, help="When to get back in touch.")
@click.option("--notes", default=None)
@click.option("--sensitivity", type=click.Choice(SENSITIVITIES), default=None, help="Who may see it.")
@click.option("--source", default=None, help="Where this record comes from (a minute, an e-mail ...).")
@store_option
@user_option
def log(
    participants: tuple[str, ...],
    kind: str,
    on: datetime | None,
    title: str | None,
    about: tuple[str, ...],
    event: str | None,
    outcome: str | None,
    follow_up: datetime | None,
    notes: str | None,
    sensitivity: str | None,
    source: str | None,
    store: str | None,
    user: str | None,
) -> None:
    """Log a meeting, call or e-mail, and bring the KNOWS ties between the people in it up to date.

    Ties between participants get their last contact moved to this date; missing ones are created.
    Engagement paths use them at once.
    """
    with open_store(store) as s:
        G = s.export()
        entry = Interaction(
            kind=kind,
            date=_day(on) or datetime.now().date().isoformat(),
            participants=[find_node(G, p, STAKEHOLDER_LABELS) for p in participants],
            name=title,
            policy_areas=[find_node(G, a, ("PolicyArea",)) for a in about],
            event=find_node(G, event, ("Event",)) if event else None,
            outcome=outcome,
            follow_up=_day(follow_up),
            notes=notes,
            sensitivity=sensitivity,
            source=source,
        )
        done = log_interaction(s, entry, origin="graphkit log", by=user)
    click.echo(f"Logged {done.name} [{done.id}]")
    for u, v, before in done.warmed_ties:
        click.echo(
            f"  warmer: {name(G, u)} and {name(G, v)}, last contact {before or 'unknown'} -> {entry.date}"
        )
    for u, v in done.new_ties:
        click.echo(f"  new tie: {name(G, u)} knows {name(G, v)} (strength {NEW_TIE_STRENGTH})")


@main.command("followed-up")
@click.argument("interaction")
@click.option("--date", "on", type=date_type, default=None, help="When (default: today).")
@store_option
@user_option
def followed_up(interaction: str, on: datetime | None, store: str | None, user: str | None) -> None:
    """Mark the follow-up of an interaction (an id, or a unique part of its name) as done."""
    with open_store(store) as s:
        ix = find_node(s.export(), interaction, ("Interaction",))
        when = _day(on) or datetime.now().date().isoformat()
        apply_fresh(s, lambda: follow_up_done(s, ix, when), by=user)
    click.echo(f"Follow-up of {ix} marked done")


@main.command()
@click.option(
    "--after-days",
    type=click.IntRange(1, 36500),
    default=COLD_AFTER_DAYS,
    show_default=True,
    help="A tie untouched for longer than this is going cold.",
)
@click.option("--min-strength", type=click.IntRange(1, 5), default=STRONG, show_default=True)
@as_of_option
@click.option("--anyone", is_flag=True, help="Everyone's ties to officials, not only the coalition's.")
@coalition_option
@json_option
@store_option
def cold(
    after_days: int,
    min_strength: int,
    as_of: datetime | None,
    anyone: bool,
    coalition: str | None,
    as_json: bool,
    store: str | None,
) -> None:
    """Strong ties to officials going cold, and follow-ups that are overdue."""
    G = _graph(store)
    today = as_of.date() if as_of else None
    members = None if anyone else coalition_members(G, _coalition(G, coalition))
    ties = going_cold(G, members, as_of=today, after_days=after_days, min_strength=min_strength)
    overdue = [f for f in open_follow_ups(G, as_of=today) if f.overdue]
    if as_json:
        _print_json(
            {
                "going_cold": [dataclasses.asdict(t) for t in ties],
                "overdue_follow_ups": [dataclasses.asdict(f) for f in overdue],
            }
        )
        return
    click.echo(
        f"Strong ties (strength {min_strength}+) to officials untouched for over {after_days} days: {len(ties)}"
    )
    for t in ties:
        since = f"last contact {t.last_contact}, {t.days} days ago" if t.last_contact else "no contact date"
        event = f"; will attend {name(G, t.event)} on {t.event_date}" if t.event else ""
        click.echo(
            f"  {name_and_place(G, t.member)} knows {name_and_place(G, t.official)}: strength {t.strength}, {since}{event}"
        )
    click.echo(f"\nOverdue follow-ups: {len(overdue)}")
    for f in overdue:
        people = ", ".join(name(G, p) for p in f.interaction.participants)
        click.echo(
            f"  due {f.due}: {f.interaction.name} ({f.interaction.date}; {people}) [{f.interaction.id}]"
        )


@main.command()
@click.argument("event")
@click.option(
    "--max-hops",
    type=click.IntRange(1, 6),
    default=2,
    show_default=True,
    help="Longest chain of acquaintances, all at the event, from a member to an official.",
)
@coalition_option
@click.option(
    "--shared",
    is_flag=True,
    help="Leave private facts and people out, for a plan to pass on.",
)
@json_option
@store_option
def plan(
    event: str, max_hops: int, coalition: str | None, shared: bool, as_json: bool, store: str | None
) -> None:
    """Plan an event: who attends, who introduces whom there, and the allies to meet on the coalition's gaps.

    EVENT is an id, a name or a unique part of a name.
    """
    from graphkit.analysis.events import event_plan

    G = _graph(store)
    if shared:
        G = shareable(G)
    found = event_plan(G, find_node(G, event, ("Event",)), _coalition(G, coalition), max_hops=max_hops)
    if as_json:
        ids = {found.event, *found.attendees, *(a.policy_area for a in found.areas)}
        _print_json({**dataclasses.asdict(found), "names": {i: name(G, i) for i in sorted(ids)}})
        return
    click.echo(found.summary)
    if found.meetings:
        click.echo("\nSuggested meetings:")
    for i, m in enumerate(found.meetings, 1):
        warmth = f" ({warmth_of(m.hops)})" if m.hops else ""
        click.echo(f"{i:>3}. {m.text}{warmth}")
        for h in m.hops if m.kind == "introduction" else ():
            click.echo(f"       - {h.said}")
    if found.out_of_reach:
        click.echo("\nOfficials attending whom no chain of attendees reaches:")
        click.echo("  " + "; ".join(name_and_place(G, o) for o in found.out_of_reach))
    if found.areas:
        click.echo("\nPolicy areas the event covers (coalition allies; attending allies):")
    for a in found.areas:
        flag = {"gap": "GAP", "weak": "weak"}.get(a.status, "")
        allies = ", ".join(name(G, s) for s in a.attending_allies) or "none attending"
        click.echo(f"  {flag:<4}  {name(G, a.policy_area)}: {a.coalition_allies}; {allies}")


@main.command()
@click.argument("target")
@coalition_option
@click.option("--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file, not stdout (a PDF needs one).",
)
@click.option(
    "--include-private",
    is_flag=True,
    help="Use private facts too: a pack for your own eyes, not for sharing.",
)
@as_of_option
@store_option
def brief(
    target: str,
    coalition: str | None,
    fmt: str,
    out: Path | None,
    include_private: bool,
    as_of: datetime | None,
    store: str | None,
) -> None:
    """A one-page briefing pack on TARGET (an official or an organisation), every fact cited.

    Without --include-private the pack holds no private fact and can be shared.
    """
    from graphkit.analysis.briefing import briefing
    from graphkit.viz.briefing import to_html, to_markdown, to_pdf

    if fmt == "pdf" and out is None:
        raise click.UsageError("a PDF goes to a file: give --out, e.g. --out pack.pdf")
    G = _graph(store)
    pack = briefing(
        G,
        find_node(G, target, STAKEHOLDER_LABELS),
        _coalition(G, coalition),
        as_of=as_of.date() if as_of else None,
        include_private=include_private,
    )
    if fmt == "pdf":
        out.write_bytes(to_pdf(pack))
        click.echo(f"Wrote the briefing pack on {pack.headline} to {out}")
        return
    text = to_html(pack) if fmt == "html" else to_markdown(pack)
    if out is None:
        click.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    click.echo(f"Wrote the briefing pack on {pack.headline} to {out}")


# -- users: who may sign in to the app ----------------------------------------------------------

users_file_option = click.option(
    "--file",
    "users_file",
    envvar=USERS_ENV,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"The users file (default: ${USERS_ENV}).",
)


@main.group()
def users() -> None:
    """Who may sign in to the app, and as what: viewer (reads, no private facts), editor (also writes),
    admin (also manages users and downloads everything). `graphkit serve --users FILE` turns sign-in on."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input's first line.")
@click.option(
    "--sso",
    is_flag=True,
    help="NAME is an e-mail address signing in by the identity provider only: no password.",
)
@users_file_option
def users_add(name: str, role: str, password_stdin: bool, sso: bool, users_file: Path) -> None:
    """Add NAME with a role; the password (asked twice, hidden) is kept only as an argon2id hash."""
    if sso:
        add_user(users_file, name, role, None)
        click.echo(f"Added {name} ({role}, single sign-on only) to {users_file}")
        return
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt="Password again")
    add_user(users_file, name, role, password)
    click.echo(f"Added {name} ({role}) to {users_file}")


@users.command("remove")
@click.argument("name")
@users_file_option
def users_remove(name: str, users_file: Path) -> None:
    """Remove NAME: they can no longer sign in."""
    remove_user(users_file, name)
    click.echo(f"Removed {name} from {users_file}")


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@users_file_option
def users_role(name: str, role: str, users_file: Path) -> None:
    """Give NAME another ROLE; it applies on their next page."""
    set_role(users_file, name, role)
    click.echo(f"{name} is now {role} in {users_file}")


@users.command("list")
@users_file_option
def users_list(users_file: Path) -> None:
    """List the users and their roles."""
    found = list_users(users_file)
    if not found:
        click.echo(f"No users in {users_file}")
    width = max((len(u.name) for u in found), default=0)
    for u in found:
        click.echo(f"{u.name:<{width}}  {u.role}")


@main.group()
def views() -> None:
    """The team's saved views (named links to a page in a given state): list them, delete one."""


@views.command("list")
@store_option
def views_list(store: str | None) -> None:
    """List the saved views: id, page, parameters (records by id) and name; [private] when one names
    a private record, and why a view cannot be opened."""
    with open_store(store) as s:
        found = saved_views(s)
        named = s.get_nodes({n for v in found for n in shown(v.props) or ()})
    if not found:
        click.echo("No saved views")
        return
    click.echo("id  page  parameters  name")
    for v in found:
        why = view_problems(v.where(), v.props)
        private = record_is_private(v.props, lambda n: n not in named or marked_private(named[n].props))
        flags = ("  [private]" if private else "") + (f"  cannot be opened: {why[0].message}" if why else "")
        params = v.props.get("params") or v.props.get("query") or "-"
        click.echo(
            f"{v.id}  {v.props.get('page')}  {params}  {json.dumps(v.name, ensure_ascii=False)}{flags}"
        )


@views.command("delete")
@click.argument("view")
@store_option
@user_option
def views_delete(view: str, store: str | None, user: str | None) -> None:
    """Delete the saved view VIEW (its name or id); refused if someone changed it since it was read."""
    with open_store(store) as s:
        read = next(
            (n for n in (s.get_node(view), s.get_node(view_id(view))) if n and n.label == "View"), None
        )
        if read is None:
            raise click.ClickException(f"No saved view named {view}: `graphkit views list` lists them")
        s.apply(delete_view(read), by=user)
    click.echo(f"Deleted the view {read.name} ({read.id})")


@views.command("embed")
@click.argument("view")
@click.option("--base", default="http://localhost:8501", show_default=True, help="The app's address.")
@store_option
def views_embed(view: str, base: str, store: str | None) -> None:
    """Print the <iframe> that shows the saved view VIEW (its name or id, a view of Explore) in a
    website: read-only, without private facts, at a link signed with the deployment's secret."""
    from graphkit.app.embed import snippet

    with open_store(store) as s:
        read = next(
            (n for n in (s.get_node(view), s.get_node(view_id(view))) if n and n.label == "View"), None
        )
        named = s.get_nodes(set(shown(read.props) or ())) if read else {}
    why = not_embeddable(read, lambda n: n not in named or marked_private(named[n].props))
    if why is not None:
        raise click.ClickException(f"{view} cannot be embedded: {why}")
    try:
        click.echo(snippet(base, read))
    except GraphkitError as e:
        raise click.ClickException(str(e)) from None


@main.group()
def fields() -> None:
    """A team's own fields, declared per label: add, list, rename, remove."""


@fields.command("add")
@click.argument("label")
@click.argument("name")
@click.option("--type", "kind", type=click.Choice(FIELD_TYPES), default="text", show_default=True)
@click.option("--choices", default="", metavar="A,B,C", help="A choice's (or a list's) allowed values.")
@click.option("--private", is_flag=True, help="Its values are private facts: never shared.")
@store_option
@user_option
def fields_add(
    label: str, name: str, kind: str, choices: str, private: bool, store: str | None, user: str | None
) -> None:
    """Declare the field NAME on LABEL's records (such as Person languages --type list)."""
    with open_store(store) as s:
        s.apply(edit_fields.add_field(s, label, name, kind, choices.split(","), private), by=user)
    click.echo(f"Declared {label}.{name} ({kind}{', private' if private else ''})")


@fields.command("list")
@store_option
def fields_list(store: str | None) -> None:
    """List the declared fields: label, name, type, choices, [private]."""
    with open_store(store) as s:
        schema = s.schema()
    declared = [(label, f) for label in NETWORK_LABELS for f in schema.declared(label)]
    if not declared:
        click.echo("No declared fields: graphkit fields add <Label> <name> --type ...")
        return
    for label, f in declared:
        choices = f"  {','.join(f.choices)}" if f.choices else ""
        click.echo(f"{label}  {f.name}  {f.kind}{choices}{'  [private]' if f.private else ''}")


@fields.command("rename")
@click.argument("label")
@click.argument("name")
@click.argument("new_name")
@store_option
@user_option
def fields_rename(label: str, name: str, new_name: str, store: str | None, user: str | None) -> None:
    """Rename a declared field, and its values on every record, in one write."""
    with open_store(store) as s:
        summary = s.apply(edit_fields.rename_field(s, label, name, new_name), by=user)
    click.echo(f"Renamed {label}.{name} to {new_name} ({max(summary.nodes - 1, 0)} record(s) moved)")


@fields.command("remove")
@click.argument("label")
@click.argument("name")
@click.option("--force", is_flag=True, help="Also clear the values records hold for it.")
@store_option
@user_option
def fields_remove(label: str, name: str, force: bool, store: str | None, user: str | None) -> None:
    """Remove a declared field; refused while records hold values for it, unless --force."""
    with open_store(store) as s:
        summary = s.apply(edit_fields.remove_field(s, label, name, force), by=user)
    click.echo(f"Removed {label}.{name} ({summary.nodes} record(s) cleared)")


# -- the edit history and people's rights -------------------------------------------------------


@main.command()
@click.argument("node", required=False)
@click.option("-n", "limit", type=click.IntRange(1, 100_000), default=20, show_default=True)
@json_option
@store_option
def history(node: str | None, limit: int, as_json: bool, store: str | None) -> None:
    """The edit history, newest first: of the whole store, or of NODE (an id) and its relationships."""
    with open_store(store) as s:
        changes = s.history(node, limit=limit)
        # Entries refer to records by id: named as they are now (an erased one: "erased person").
        names = {
            n.id: n.name for n in s.get_nodes({i for c in changes for i in (c.node, c.other) if i}).values()
        }
    if as_json:
        _print_json([dataclasses.asdict(c) for c in changes])
        return
    for c in changes:
        click.echo(c.describe(names))
    if not changes:
        click.echo("No change recorded" + (f" for {node}" if node else ""))


@main.command()
@click.argument("node", required=False)
@click.option(
    "--backup",
    "source",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Instead: replace everything in the store by this backup (from graphkit backup).",
)
@click.option(
    "--allow-before-erasure",
    is_flag=True,
    help="Restore a backup taken before an erasure, which brings back what was erased.",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@user_option
@store_option
def restore(
    node: str | None,
    source: Path | None,
    allow_before_erasure: bool,
    yes: bool,
    user: str | None,
    store: str | None,
) -> None:
    """Bring back a deleted stakeholder (by id) with the relationships deleted with it; or, with
    --backup FILE, the whole store as the backup holds it (stop the app processes first)."""
    if (node is None) == (source is None):
        raise click.UsageError("give a stakeholder's id, or --backup FILE")
    with open_store(store) as s:
        if source is None:
            done = s.apply(restore_stakeholder(s, node), by=user)
            click.echo(f"Restored {node} with {done.relationships} relationships")
            return
        if not yes:
            click.confirm(f"Replace everything in {shown_url(s.url)} by {source}?", abort=True)
        taken = s.restore(source, allow_before_erasure, by=user)
    click.echo(f"Restored {shown_url(s.url)} from {source} (taken at change {taken:,}).")


@main.command()
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@store_option
def backup(out: Path, store: str | None) -> None:
    """Copy the whole store (the graph, its history) to the new file OUT while the app runs:
    SQLite's online backup for a SQLite store, a JSON-lines dump for Neo4j."""
    with open_store(store) as s:
        taken = s.backup(out)
    click.echo(
        f"Backed up {shown_url(s.url)} to {out} (at change {taken:,}); restore: graphkit restore --backup {out}"
    )


@main.command()
@click.argument("person", required=False)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option(
    "--wait",
    type=click.FloatRange(0, 3600),
    default=30,
    show_default=True,
    help="Seconds to wait for other connections to stop reading, to clear SQLite's write-ahead log.",
)
@click.option("--finish", is_flag=True, help="Only clear the write-ahead log an earlier erasure could not.")
@user_option
@store_option
def erase(
    person: str | None, yes: bool, wait: float, finish: bool, user: str | None, store: str | None
) -> None:
    """Erase a person entirely (right to erasure): the node, their relationships and history, their
    name in other records and their history. It cannot be undone. Exits non-zero, saying which
    bytes remain and why, when the store's write-ahead log could not be cleared in time."""
    if (person is None) != finish:
        raise click.UsageError("name a PERSON to erase, or give --finish alone")
    waiting = lambda line: click.echo(line, err=True)  # noqa: E731
    with open_store(store) as s:
        if finish:
            remains = s.truncate_wal(wait, waiting) if hasattr(s, "truncate_wal") else None
            said = "Nothing remains beside the store of what was erased."
        else:
            pid = find_node(s.export(), person, ("Person",))
            if not yes:
                click.confirm(f"Erase {pid} and every trace of them? This cannot be undone", abort=True)
            s.erase_wait, s.waiting = wait, waiting
            done = s.apply(erase_person(s, pid), by=user)
            remains = done.remains
            said = f"Erased {pid}: " + ", ".join(f"{n} {what}" for what, n in erased(done).items())
    if remains:
        raise click.ClickException(f"{said if not finish else 'Not finished'}; but {remains}")
    click.echo(said)


@main.command("export-person")
@click.argument("person")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="A JSON file (default: print).")
@store_option
def export_person(person: str, out: Path | None, store: str | None) -> None:
    """Everything held about one person, as JSON (right of access): the record, relationships,
    interactions and history."""
    with open_store(store) as s:
        record = s.person_record(find_node(s.export(), person, ("Person",)))
    text = json.dumps(record, indent=2, ensure_ascii=False)
    if out is None:
        click.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        click.echo(f"Wrote everything held about {record['person']['name']} to {out}")


if __name__ == "__main__":
    main()
