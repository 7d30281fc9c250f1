"""The integrity graph's findings engine: conflict-of-interest patterns B01-B11 (INTEGRITY.md 4.3)
over the graph tables (`nodes`, `edges`) and the procurement tables of a dataset.

Each finding's evidence holds its path: the node ids and tie types from the official or bidder
to the supplier or contract, every tie with its days and source (`paths.py`). Ties count only
when alive on the day that matters (award, contract or tender). The graph is searched in memory
(`ties.py`); the procurement side is read through Ibis (`tenders.py`), so it runs on DuckDB or
Spark. `subgraph.py` turns a finding into a networkx graph or JSON for drawing. Nodes that
entity resolution linked (`node_resolution.py`) are one node to the patterns (`merge.py`).
"""

from adaldyq.engines.integrity.context import load_graph, load_resolved_graph
from adaldyq.engines.integrity.runner import ENGINE, IntegrityResult, find, run_patterns
from adaldyq.engines.integrity.subgraph import finding_subgraph, subgraph_json

__all__ = [
    "ENGINE",
    "IntegrityResult",
    "find",
    "finding_subgraph",
    "load_graph",
    "load_resolved_graph",
    "run_patterns",
    "subgraph_json",
]
