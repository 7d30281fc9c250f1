"""Who holds office at a public body on a day, and who answers for whom: the two ends of the
conflict-of-interest paths (B01, B03, B07).

An official is a Person with an Employment tie to the body, or an Occupancy of a Position whose
`organization` reference names the body (how OpenSanctions and the BODS PEP details write posts).
Relatives and associates are the other ends of Family and Associate ties, read in both
directions (FtM's `person -> relative` says nothing about who matters more).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from adaldyq.engines.integrity.paths import post_tie
from adaldyq.engines.integrity.ties import KINSHIP, Path, Tie, TieGraph, path_nodes

KIN_SCORES = {"Family": 0.8, "Associate": 0.6}
"""How much a relative's or associate's interest weighs against the official's own (1.0)."""


def posts_by_body(graph: TieGraph) -> dict[str, list[str]]:
    """Position nodes by the body their `organization` reference names."""
    found: dict[str, list[str]] = defaultdict(list)
    for node in graph.nodes.values():
        if node["schema"] == "Position":
            for ref in node.get("refs") or ():
                if ref["property"] == "organization":
                    found[ref["id"]].append(node["id"])
    return found


def officials(
    graph: TieGraph, posts: dict[str, list[str]], body: str, day: date | None
) -> dict[str, Path]:
    """Each person in office at `body` on `day` (any day when None), with the ties from the
    person to the body (Employment; or Occupancy then the post's organization)."""
    found: dict[str, Path] = {}
    for tie in graph.ties_into(body, {"Employment"}, day):
        if graph.schema(tie.source) == "Person":
            found.setdefault(tie.source, (tie,))
    for post in posts.get(body, ()):
        for tie in graph.ties_into(post, {"Occupancy"}, day):
            found.setdefault(tie.source, (tie, post_tie(post, body)))
    return found


def kin(graph: TieGraph, person: str, day: date | None) -> dict[str, Tie]:
    """Relatives and associates of `person` on `day`, each with the tie (Family first)."""
    found: dict[str, Tie] = {}
    ties = graph.ties_at(person, KINSHIP, day)
    for tie in sorted(ties, key=lambda t: (t.schema != "Family", t.id)):
        other = tie.other(person)
        if other != person and graph.schema(other) == "Person":
            found.setdefault(other, tie)
    return found


def office_path(body: str, office: Path) -> tuple[list[str], list[Tie]]:
    """Nodes and ties from the body to the official (the office ties read backwards)."""
    return [body, *reversed(path_nodes(office)[:-1])], list(reversed(office))


OVERSIGHT_SCORE = 0.9
"""An official of the body above the buyer weighs a little less than the buyer's own."""


def seats(graph: TieGraph, body: str, oversight: bool) -> list[tuple[str, Path, float]]:
    """Where the officials who decide for `body` sit: the body itself and, with `oversight`,
    each body its `parent` reference names (a ministry over its departments), each with the
    ties from `body` to it and its weight."""
    found: list[tuple[str, Path, float]] = [(body, (), 1.0)]
    if oversight:
        for ref in graph.nodes.get(body, {}).get("refs") or ():
            if ref["property"] == "parent" and ref["id"] in graph.nodes:
                tie = Tie(f"{body}#parent", "Organization parent", body, ref["id"])
                found.append((ref["id"], (tie,), OVERSIGHT_SCORE))
    return found
