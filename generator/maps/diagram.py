"""The brief map and the actor map: which nodes and edges, placed by networkx.

A map is a ``Diagram``: nodes (actors, claims, implications) and edges (who
said what, what a claim is about, supports / contradicts, because, member of),
each with the page it links to and its place in pixels. Positions come from a
networkx layout (``multipartite_layout`` for a brief: speakers, claims, the
actors spoken about, implications, in columns; ``shell_layout`` for an actor:
the actor in the middle, its strongest ties around it). Both layouts are
deterministic: no random seed is involved, node order is the document's order
(or the ties' rank), and every coordinate is rounded, so two builds give the
same bytes. A layout depends only on the map's shape (how many nodes each column
holds, how many ties): it is computed once per shape and reused.

Only ids, numbers and contributor text go into a ``Diagram``; the words around
them (titles, legends) are in the templates (``_map.svg.j2``), which escape
everything. Maps are capped (``MAX_*``) so that no SVG grows with the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx

from .. import link
from ..headline import cut, headline
from ..speakers import short_label, speaker_index

MAX_SPEAKERS = 20  # per brief map
MAX_CLAIMS = 40
MAX_ACTORS = 30  # actors spoken about, or only listed
MAX_IMPLICATIONS = 20
LABEL_MAX = 26  # characters of an actor's label (its <title> has the whole text)
LINE_MAX = 27  # characters of each of the two lines of a claim's or an implication's label

NODE_W = 176
NODE_H = 34
COLUMN_GAP = 64  # between two columns of nodes
ROW = 42  # from one node to the next in a column
MARGIN = 16


@dataclass(frozen=True)
class Node:
    key: str  # unique in the diagram, e.g. "actor:isis"
    kind: str  # "speaker" | "actor" | "claim" | "implication" | "centre"
    entity: str  # the id of the entity the node stands for
    label: tuple[str, ...]  # the text drawn in the node: one or two lines
    text: str  # the whole text, for its <title>
    href: str  # relative to the page that shows the map
    x: float  # centre
    y: float
    color: int | None  # speaker palette slot (speakers.py), or None
    foreign: bool = False  # a claim of another brief (supports or contradicts one of this brief)
    role: str = ""  # an actor's membership, for its <title>: "member of" names

    @property
    def css(self) -> str:
        """Its classes: kind, another brief's claim, speaker colour (maps.css)."""
        return (f"map__node map__node--{self.kind}" + (" map__node--foreign" if self.foreign else "")
                + (f" speaker-{self.color}" if self.color is not None else ""))

    @property
    def box(self) -> tuple[str, str, str]:
        """Where it is drawn: the box's left and top, the text's centre."""
        return _n(self.x - NODE_W / 2), _n(self.y - NODE_H / 2), _n(self.x)

    @property
    def lines(self) -> tuple[tuple[str, str], ...]:
        """(baseline, text) of each line of the label."""
        first = self.y + 4 - 7 * (len(self.label) - 1)
        return tuple((_n(first + 14 * i), line) for i, line in enumerate(self.label))


@dataclass(frozen=True)
class Edge:
    kind: str  # "said" | "about" | "supports" | "contradicts" | "because" | "member" | "tie"
    source: str  # node keys
    target: str
    href: str
    path: str  # SVG path data
    color: int | None = None
    weight: int = 1  # stroke width, 1-5 (actor map)
    facts: tuple[tuple[str, int], ...] = ()  # actor map: (kind of tie, how many)
    source_text: str = ""  # the texts of both ends, for its <title>
    target_text: str = ""

    @property
    def css(self) -> str:
        """Its classes: kind, thickness (actor map), speaker colour (maps.css)."""
        return (f"map__edge map__edge--{self.kind}" + (f" map__edge--w{self.weight}" if self.kind == "tie" else "")
                + (f" speaker-{self.color}" if self.color is not None else ""))

    @property
    def arrow(self) -> bool:
        return self.kind not in ("tie", "member")


@dataclass(frozen=True)
class Diagram:
    dom_id: str  # prefix of the SVG's element ids (unique on its page)
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    omitted: int = 0  # nodes left out by the caps



_color = lru_cache(maxsize=65536)(speaker_index)  # a hash per call: each actor's slot, once


def _label(text: str) -> tuple[str, ...]:
    return (cut(" ".join(text.split()), LABEL_MAX),)


def _two_lines(text: str) -> tuple[str, ...]:
    """Whole words on two lines of at most ``LINE_MAX`` characters, the second cut with an ellipsis."""
    words = " ".join(text.split())
    if len(words) <= LINE_MAX:
        return (words,)
    first = ""
    for word in words.split(" "):
        if len(first) + len(word) + (1 if first else 0) > LINE_MAX:
            break
        first = f"{first} {word}" if first else word
    first = first or words[:LINE_MAX]  # one long word: cut inside it
    rest = words[len(first):].strip()
    return (first, cut(rest, LINE_MAX)) if rest else (first,)


def _claim_text(site: Any, claim_id: str) -> str:
    return site.claims[claim_id].claim.statement


def brief_map(site: Any, brief_id: str) -> Diagram:
    """The map of one brief: speakers → their claims → the actors the claims are about;
    claims → the implications that follow from them; supports / contradicts between claims."""
    here = link.brief_page(brief_id)
    links = site.brief_links[brief_id]
    claims = list(links.claims[:MAX_CLAIMS])
    implications = list(links.implications[:MAX_IMPLICATIONS])
    speakers = list(dict.fromkeys(a for c in claims for a in site.claims[c].claim.by))[:MAX_SPEAKERS]
    claims = [c for c in claims if any(a in speakers for a in site.claims[c].claim.by)]
    # Actors spoken about, then every other actor of the brief, in the brief's order.
    about_order = list(dict.fromkeys(a for c in claims for a in site.claims[c].claim.about))
    others = [a for a in dict.fromkeys([*about_order, *links.actors]) if a not in speakers][:MAX_ACTORS]
    claim_set = set(claims)
    foreign = list(dict.fromkeys(
        other for c in claims
        for other in (*site.claims[c].claim.supports, *site.claims[c].claim.contradicts,
                      *site.claim_links[c].supported_by, *site.claim_links[c].contradicted_by)
        if other not in claim_set and site.claims[other].brief != brief_id))[:MAX_CLAIMS - len(claims)]
    omitted = (len(links.claims) - len(claims)) + (len(links.implications) - len(implications)) + max(
        0, len(set(links.actors)) - len(speakers) - len(others))

    columns = {layer: keys for layer, keys in enumerate((
        [f"actor:{a}" for a in speakers], [f"claim:{c}" for c in [*claims, *foreign]],
        [f"actor:{a}" for a in others], [f"implication:{i}" for i in implications])) if keys}
    positions = _columns(columns)
    width = 4 * NODE_W + 3 * COLUMN_GAP + 2 * MARGIN
    height = int(2 * MARGIN + NODE_H + max(0, max(map(len, columns.values()), default=1) - 1) * ROW)

    def actor_node(a: str, kind: str) -> Node:
        actor = site.actors[a].actor
        x, y = positions[f"actor:{a}"]
        return Node(f"actor:{a}", kind, a, _label(short_label(actor) if len(actor.name) > LABEL_MAX else actor.name),
                    actor.name, here.link(link.actor_page(a)), x, y,
                    _color(a) if kind == "speaker" else None,
                    role=", ".join(site.actors[g].actor.name for g in actor.member_of if g in site.actors))

    nodes = [actor_node(a, "speaker") for a in speakers]
    for c in [*claims, *foreign]:
        x, y = positions[f"claim:{c}"]
        by = site.claims[c].claim.by
        nodes.append(Node(f"claim:{c}", "claim", c, _two_lines(_claim_text(site, c)), _claim_text(site, c),
                          here.link(link.claim_page(c)), x, y, _color(by[0]), foreign=c not in claim_set))
    nodes += [actor_node(a, "actor") for a in others]
    for i in implications:
        x, y = positions[f"implication:{i}"]
        imp = site.implications[i].implication
        nodes.append(Node(f"implication:{i}", "implication", i, _two_lines(headline(imp)), imp.statement,
                          here.link(link.implication_page(i)), x, y, None))
    at = {n.key: n for n in nodes}

    edges: list[Edge] = []

    def edge(kind: str, source: str, target: str, href: str, color: int | None = None) -> None:
        a, b = at[source], at[target]
        edges.append(Edge(kind, source, target, href, _path(a, b), color, source_text=a.text, target_text=b.text))

    for c in claims:
        claim = site.claims[c].claim
        href = here.link(link.claim_page(c))
        for a in claim.by:
            if f"actor:{a}" in at:
                edge("said", f"actor:{a}", f"claim:{c}", href, _color(a))
        for a in claim.about:
            if f"actor:{a}" in at:
                edge("about", f"claim:{c}", f"actor:{a}", href)
    for c in [*claims, *foreign]:
        claim = site.claims[c].claim
        for kind, targets in (("supports", claim.supports), ("contradicts", claim.contradicts)):
            for other in targets:
                if f"claim:{other}" in at and (c in claim_set or other in claim_set):
                    edge(kind, f"claim:{c}", f"claim:{other}", here.link(link.claim_page(c)))
    for i in implications:
        for c in site.implications[i].implication.because:
            if f"claim:{c}" in at:
                edge("because", f"claim:{c}", f"implication:{i}", here.link(link.implication_page(i)))
    for a in [*speakers, *others]:
        for group in site.actors[a].actor.member_of:
            if f"actor:{group}" in at:
                edge("member", f"actor:{a}", f"actor:{group}", here.link(link.actor_page(a)))
    return Diagram("brief-map", width, height, tuple(nodes), tuple(edges), omitted)


def _columns(columns: dict[int, list[str]]) -> dict[str, tuple[float, float]]:
    """Pixel centres of the nodes (keys), a column per layer, each in the order given
    (``_column_places``)."""
    places = _column_places(tuple((layer, len(keys)) for layer, keys in sorted(columns.items())))
    return {key: places[layer][i] for layer, keys in columns.items() for i, key in enumerate(keys)}


@lru_cache(maxsize=4096)
def _column_places(shape: tuple[tuple[int, int], ...]) -> dict[int, tuple[tuple[float, float], ...]]:
    """networkx's multipartite layout of columns of these sizes ((layer, how many nodes)),
    scaled so that neighbours in a column are ``ROW`` apart. Every map of the same shape
    has the same places: computed once per shape."""
    if not shape:
        return {}
    # Layers given as lists (not read from a node attribute, which networkx gathers in sets):
    # each column keeps its order, whatever the hash seed.
    columns = {layer: [(layer, i) for i in range(size)] for layer, size in shape}
    graph = nx.Graph()
    for nodes in columns.values():
        graph.add_nodes_from(nodes)
    raw = nx.multipartite_layout(graph, subset_key=columns, align="vertical", scale=1)
    steps = []
    for nodes in columns.values():
        ys = sorted(float(raw[n][1]) for n in nodes)
        steps += [b - a for a, b in zip(ys, ys[1:])]
    step = min(steps, default=1.0) or 1.0  # between two neighbours of a column
    low = min(float(p[1]) for p in raw.values())
    return {
        layer: tuple((round(MARGIN + NODE_W / 2 + layer * (NODE_W + COLUMN_GAP), 1),
                      round(MARGIN + NODE_H / 2 + (float(raw[n][1]) - low) / step * ROW, 1)) for n in nodes)
        for layer, nodes in columns.items()
    }


def _path(a: Node, b: Node) -> str:
    """A curve from node ``a`` to node ``b``: from side to side between columns; an arc
    to the right of a column between two nodes of the same column."""
    half = NODE_W / 2
    if abs(a.x - b.x) < 1:
        x = a.x + half
        bulge = x + 24 + min(120.0, abs(a.y - b.y) * 0.25)
        return _PATH % (x, a.y, bulge, a.y, bulge, b.y, x, b.y)
    sign = 1 if b.x > a.x else -1
    x1, x2 = a.x + sign * half, b.x - sign * half
    mid = (x1 + x2) / 2
    return _PATH % (x1, a.y, mid, a.y, mid, b.y, x2, b.y)


# Coordinates as written: %g keeps at most 6 significant digits (coordinates are below
# 10,000 and rounded to tenths), so float noise such as 312.40000000000003 never shows.
_PATH = "M%g %gC%g %g %g %g %g %g"


def _n(value: float) -> str:
    """A coordinate as written: at most one decimal, no trailing zero."""
    return "%g" % (round(value, 1) + 0.0)


ACTOR_MAP_W = 720
ACTOR_MAP_H = 440


@lru_cache(maxsize=64)
def _shell_places(count: int) -> tuple[tuple[float, float], ...]:
    """Pixel centres of an actor (first) and ``count`` ties around it: networkx's shell
    layout, stretched to the map's box. The same for every actor with as many ties."""
    centre = "centre"
    graph = nx.Graph()
    graph.add_node(centre)
    ring = list(range(count))
    graph.add_edges_from((centre, i) for i in ring)
    raw = nx.shell_layout(graph, nlist=[[centre], ring] if ring else [[centre]], scale=1, center=(0, 0))
    reach = max((max(abs(float(p[0])), abs(float(p[1]))) for p in raw.values()), default=1.0) or 1.0
    rx = (ACTOR_MAP_W / 2 - NODE_W / 2 - MARGIN) / reach
    ry = (ACTOR_MAP_H / 2 - NODE_H / 2 - MARGIN) / reach
    return tuple((round(ACTOR_MAP_W / 2 + float(raw[n][0]) * rx, 1), round(ACTOR_MAP_H / 2 - float(raw[n][1]) * ry, 1))
                 for n in [centre, *ring])


def actor_map(site: Any, actor_id: str, ties: Any) -> Diagram:
    """An actor's neighbourhood across all briefs: the actor in the middle, its strongest ties
    (``relations.actor_relations``, already capped) around it, each edge as thick as the tie."""
    here = link.actor_page(actor_id)
    others = [t.other for t in ties]
    places = _shell_places(len(others))
    at = dict(zip([actor_id, *others], places))

    def node(a: str, kind: str) -> Node:
        actor = site.actors[a].actor
        x, y = at[a]
        return Node(f"actor:{a}", kind, a, _label(actor.name), actor.name, here.link(link.actor_page(a)), x, y,
                    _color(a) if site.actor_links[a].claims_made else None)

    nodes = [node(actor_id, "centre"), *(node(o, "actor") for o in others)]
    centre = nodes[0]
    edges = []
    for tie, n in zip(ties, nodes[1:]):
        facts = tuple((k, v) for k, v in (("shared_claims", tie.shared_claims), ("about_each_other", tie.about_each_other),
                                          ("shared_briefs", tie.shared_briefs)) if v)
        facts = ((("member_of" if tie.membership == "member of" else "member"), 1),) + facts if tie.membership else facts
        weight = max(1, min(5, tie.shared_claims + tie.about_each_other + tie.shared_briefs))
        edges.append(Edge("tie", centre.key, n.key, n.href, "M%g %gL%g %g" % (centre.x, centre.y, n.x, n.y),
                          weight=weight, facts=facts, source_text=centre.text, target_text=n.text))
    return Diagram("actor-map", ACTOR_MAP_W, ACTOR_MAP_H, tuple(nodes), tuple(edges))
