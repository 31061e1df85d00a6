"""The ``graphkit`` command: load, inspect and serve the stakeholder graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click

from graphkit.errors import GraphkitError
from graphkit.io.csv_folder import check_folder, count_rows, read_nodes, read_relationships
from graphkit.store import STORE_ENV, copy_graph, open_store, store_url

store_option = click.option(
    "--store",
    "store",
    envvar=STORE_ENV,
    default=None,
    metavar="URL",
    help=f"Where the graph is kept (default: ${STORE_ENV}, else sqlite:///graphkit.db).",
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
@click.argument("folder", default="seed", type=click.Path(path_type=Path))
@store_option
def seed(folder: Path, store: str | None) -> None:
    """Load a CSV folder (default: seed/) into the store. Loading it again changes nothing."""
    check_folder(folder)
    total = count_rows(folder)
    with (
        open_store(store) as s,
        click.progressbar(length=total, label=f"Loading {folder} into {s.url}", file=sys.stderr) as bar,
    ):
        summary = s.upsert(read_nodes(folder), read_relationships(folder), progress=bar.update)
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
        for name, n in rows.items():
            click.echo(f"  {name:<{width}}  {n:>9,}")


@main.command()
@click.option("--from", "source", required=True, metavar="URL", help="The store to copy from.")
@click.option("--to", "target", required=True, metavar="URL", help="The empty store to copy into.")
def copy(source: str, target: str) -> None:
    """Copy a whole graph between two stores (SQLite to Neo4j or back), then check the counts match."""
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


@main.command()
@click.option("--port", type=int, default=8501, show_default=True)
@click.option("--headless", is_flag=True, help="Do not open a browser.")
@store_option
def serve(port: int, headless: bool, store: str | None) -> None:
    """Start the graphkit app in the browser."""
    entry = Path(__file__).parent / "app" / "entry.py"
    env = {**os.environ, STORE_ENV: store_url(store)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(entry), "--server.port", str(port)]
    cmd += ["--server.headless", "true" if headless else "false", "--browser.gatherUsageStats", "false"]
    cmd += ["--client.toolbarMode", "viewer"]
    raise SystemExit(subprocess.call(cmd, env=env))


if __name__ == "__main__":
    main()
