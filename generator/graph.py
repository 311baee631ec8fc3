"""Graph walks over ids, each linear in nodes + edges whatever shape the input takes.

Contributors write the graphs (``member_of``), so a walk must not depend on the
shape being friendly: enumerating paths takes exponential time on a layered
graph (60 actors in 30 layers, each a member of both actors of the next layer,
never finished), and recursion overflows Python's stack on a long chain.

Written here rather than taken from networkx: the two walks are a few lines
each, and importing networkx costs ~0.25 s on every ``briefs check`` (about a
quarter of checking 1,000 briefs).
"""

from __future__ import annotations

from collections import deque
from typing import Collection, Iterator, Mapping, Sequence


def strongly_connected(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph`` (node -> successors).

    Tarjan's algorithm with an explicit stack (no recursion): each node and edge
    is visited once. Successors that are not nodes of ``graph`` are ignored.
    Components come in a deterministic order (roots tried in sorted order).
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> tuple[str, Iterator[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        return node, iter([s for s in graph[node] if s in graph])

    for root in sorted(graph):
        if root in index:
            continue
        work = [visit(root)]
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    work.append(visit(successor))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:  # every successor done: ``node`` is finished
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def shortest_cycle_through(graph: Mapping[str, Sequence[str]], start: str,
                           within: Collection[str]) -> list[str] | None:
    """The shortest path ``start -> ... -> start`` using only nodes of ``within``
    (breadth-first, successors in the order given), or None."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in graph.get(node, ()):
            if successor == start:
                path = [node]
                while (previous := parent[path[-1]]) is not None:
                    path.append(previous)
                return [*reversed(path), start]
            if successor in within and successor not in parent:
                parent[successor] = node
                queue.append(successor)
    return None
