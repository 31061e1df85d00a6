"""How long the network picture takes on a generated graph, and how big it is.

    .venv/bin/python benchmarks/viz.py                        # 20,000 nodes, a 1,000-node view
    .venv/bin/python benchmarks/viz.py --nodes 100000 --max-nodes 500

The layout is the one-off cost of a view (the app caches it per filter); the view with cached
positions is what every rerun pays; the component's arguments are what the browser receives.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from common import generated_folder, timed

from graphkit.analysis.influence import pagerank
from graphkit.io.csv_folder import read_nodes, read_relationships
from graphkit.store.base import to_networkx
from graphkit.viz import layout, most_relevant, network_view


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--max-nodes", type=int, default=1_000)
    parser.add_argument("--folder", type=Path, help="Reuse (or write) the generated graph here.")
    args = parser.parse_args()

    folder = generated_folder(args.nodes, args.folder)
    G = to_networkx(read_nodes(folder), read_relationships(folder))
    figures: dict[str, object] = {"nodes": G.number_of_nodes(), "relationships": G.number_of_edges()}
    figures["pagerank_s"], ranks = timed(pagerank, G)
    figures["layout_s"], positions = timed(lambda: layout(G, most_relevant(G, args.max_nodes, ranks)))
    figures["view_s"], view = timed(
        network_view, G, sizes=ranks, max_nodes=args.max_nodes, positions=positions
    )
    selected = view.nodes[0]["id"]
    figures["view_with_selection_s"], _ = timed(
        network_view, G, sizes=ranks, max_nodes=args.max_nodes, positions=positions, selected=selected
    )
    figures |= {"shown": view.shown, "hidden": view.hidden, "edges_drawn": len(view.edges)}
    figures["component_args_mb"] = len(json.dumps([view.nodes, view.edges, view.options])) / 1e6
    figures["pyvis_html_s"], html = timed(view.html)
    figures["pyvis_html_mb"] = len(html.encode()) / 1e6

    width = max(len(k) for k in figures)
    for key, value in figures.items():
        shown = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
        print(f"{key:<{width}}  {shown}")


if __name__ == "__main__":
    main()
