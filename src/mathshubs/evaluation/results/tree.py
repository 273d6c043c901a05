"""The breakdowns of one survey's results as a tree (national -> hubs, national -> NCPs,
hub -> activities, NCP -> activities), with each breakdown's count and which are
suppressed (suppression.py). Built from one row per activity: (activity id, title, hub id,
hub name, NCP id, NCP code, count)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from mathshubs.evaluation.results.suppression import suppressed_breakdowns

Node = tuple[str, int]  # ("national", 0), ("hub", id), ("ncp", id or 0), ("activity", id)
NATIONAL: Node = ("national", 0)
LOCAL = "Local activities (no NCP)"


@dataclass
class Tree:
    counts: dict[Node, int] = field(default_factory=lambda: defaultdict(int))
    labels: dict[Node, str] = field(default_factory=dict)
    children: dict[Node, list[Node]] = field(default_factory=lambda: defaultdict(list))
    parents: dict[Node, tuple[Node, Node]] = field(default_factory=dict)  # activity: hub, ncp
    suppressed: set[Node] = field(default_factory=set)

    def count(self, node: Node) -> int:
        return self.counts.get(node, 0)

    def is_suppressed(self, node: Node) -> bool:
        return node in self.suppressed

    def shown(self, node: Node) -> int | None:
        """The count as it may be shown: None when suppressed."""
        return None if node in self.suppressed else self.count(node)


def tree_of(rows: Iterable[tuple[int, str, int, str, int | None, str, int]]) -> Tree:
    tree = Tree()
    tree.labels[NATIONAL] = "England"
    for activity_id, title, hub_id, hub_name, ncp_id, ncp_code, n in rows:
        activity, hub, ncp = ("activity", activity_id), ("hub", hub_id), ("ncp", ncp_id or 0)
        tree.labels[activity] = title
        tree.labels[hub] = hub_name
        tree.labels[ncp] = (ncp_code or LOCAL) if ncp_id else LOCAL
        tree.parents[activity] = (hub, ncp)
        for node in (activity, hub, ncp, NATIONAL):
            tree.counts[node] += n
        for parent in (hub, ncp):
            tree.children[parent].append(activity)
    tree.children[NATIONAL] = sorted(
        {hub for hub, _ in tree.parents.values()}, key=lambda n: tree.labels[n]
    )
    ncps = sorted({ncp for _, ncp in tree.parents.values()}, key=lambda n: tree.labels[n])
    groups = [
        (NATIONAL, tree.children[NATIONAL]),
        (NATIONAL, ncps),
        *((parent, kids) for parent, kids in tree.children.items() if parent != NATIONAL),
    ]
    tree.children[("ncps", 0)] = ncps
    tree.suppressed = suppressed_breakdowns(tree.counts, groups)
    return tree


def ncps_of(tree: Tree) -> list[Node]:
    return tree.children.get(("ncps", 0), [])
