"""The network as a graph: organisations and people as nodes, memberships and collaborations as edges."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from nik.core.models import Organization, Professional, Region

from .models import Collaboration

# Past this many nodes the picture shows organisations only, and past this many organisations
# those with the most collaborations; the table keeps everyone. (networkx lays out 500 nodes or
# more with scipy, which NIK does not install.)
MAX_DRAWN_NODES = 400
# Centrality is exact up to this many collaborating organisations, and estimated from this many
# past it (networkx's sampled betweenness, seeded): exact, it grows with organisations x
# collaborations.
CENTRALITY_SAMPLE = 300


@dataclass(frozen=True)
class NodeRow:
    key: str
    name: str
    kind: str  # "organization" or "person"
    degree: int
    centrality: float
    collaborations: int


@dataclass
class GraphReport:
    graph: nx.Graph
    isolated: list[str]  # organisation names without any collaboration
    bridges: list[str]  # organisations whose leaving splits the network of organisations
    central: list[tuple[str, float]]  # most central organisations, highest first
    rows: list[NodeRow]


def build(
    organizations: list[tuple[int, str]],
    people: list[tuple[int, str, int]],
    collaborations: list[tuple[int, int]],
) -> nx.Graph:
    """Nodes `o<id>` and `p<id>`; a person is joined to their organisation."""
    graph = nx.Graph()
    for pk, name in organizations:
        graph.add_node(f"o{pk}", name=name, kind="organization")
    for pk, name, org in people:
        graph.add_node(f"p{pk}", name=name, kind="person")
        graph.add_edge(f"p{pk}", f"o{org}", kind="member")
    for a, b in collaborations:
        graph.add_edge(f"o{a}", f"o{b}", kind="collaboration")
    return graph


def analyse_graph(graph: nx.Graph, top: int = 5) -> GraphReport:
    orgs = [n for n, d in graph.nodes(data=True) if d["kind"] == "organization"]
    org_graph = nx.Graph()
    org_graph.add_nodes_from(orgs)
    org_graph.add_edges_from(
        (a, b) for a, b, d in graph.edges(data=True) if d["kind"] == "collaboration"
    )
    name = nx.get_node_attributes(graph, "name")
    isolated = sorted(name[n] for n in orgs if org_graph.degree(n) == 0)
    bridges = sorted(name[n] for n in nx.articulation_points(org_graph))
    centrality = _centrality(org_graph)
    # Ranked by the unrounded figure: in a large network they all round to 0.0.
    ranked = sorted(
        (n for n in orgs if centrality.get(n, 0) > 0), key=lambda n: (-centrality[n], name[n])
    )
    central = [(name[n], round(centrality[n], 3)) for n in ranked[:top]]
    rows = sorted(
        (
            NodeRow(
                key=n,
                name=name[n],
                kind=graph.nodes[n]["kind"],
                degree=graph.degree(n),
                centrality=round(centrality.get(n, 0.0), 3),
                collaborations=org_graph.degree(n) if n in org_graph else 0,
            )
            for n in graph.nodes
        ),
        key=lambda r: (r.kind != "organization", -r.centrality, r.name),
    )
    return GraphReport(graph, isolated, bridges, central, rows)


def _centrality(org_graph: nx.Graph) -> dict[str, float]:
    """Betweenness among organisations, normalised over all of them. A person hangs on one
    organisation and is never between two (counting every person's paths took seconds for a
    region of 2,000 professionals), and an organisation without collaborations is on no path:
    only the collaborating ones are walked, exactly up to CENTRALITY_SAMPLE of them."""
    n = org_graph.number_of_nodes()
    linked = org_graph.subgraph(node for node in org_graph if org_graph.degree(node)).copy()
    if n <= 2 or not linked.number_of_nodes():
        return {}
    sample = CENTRALITY_SAMPLE if linked.number_of_nodes() > CENTRALITY_SAMPLE else None
    # Unnormalised, networkx halves each undirected path; normalising is over all n.
    raw = nx.betweenness_centrality(linked, k=sample, normalized=False, seed=7)
    return {node: value * 2 / ((n - 1) * (n - 2)) for node, value in raw.items()}


def region_graph(region: Region) -> GraphReport:
    organizations = list(Organization.objects.filter(region=region).values_list("pk", "name"))
    people = list(
        Professional.objects.filter(region=region).values_list("pk", "full_name", "organization_id")
    )
    collaborations = list(
        Collaboration.objects.filter(region=region).values_list("source_id", "target_id")
    )
    return analyse_graph(build(organizations, people, collaborations))


# The best-connected organisations carry their name in the picture: names on hover alone are
# out of reach on a phone (issue 30). The table below the picture names every node.
LABELLED_NODES = 10
LABEL_CHARS = 26  # longer names are shortened with "…" (the full name is the circle's title)
LABEL_FONT = 24  # in viewBox units (about 11 px on a 390 px screen)


@dataclass(frozen=True)
class DrawnNode:
    key: str
    name: str
    kind: str
    x: float
    y: float
    r: float
    label: str = ""
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"  # SVG text-anchor: the label sits right of the circle, or left of it


@dataclass(frozen=True)
class DrawnEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str


def layout(report: GraphReport, size: int = 800) -> tuple[list[DrawnNode], list[DrawnEdge]]:
    """Positions for the SVG picture (seeded, so the picture is the same every time)."""
    graph = report.graph
    if graph.number_of_nodes() > MAX_DRAWN_NODES:
        rows = [r for r in report.rows if r.kind == "organization"]
        rows.sort(key=lambda r: (-r.collaborations, r.name))
        graph = graph.subgraph(r.key for r in rows[:MAX_DRAWN_NODES])
    if graph.number_of_nodes() == 0:
        return [], []
    positions = nx.spring_layout(graph, seed=7, iterations=60)
    margin = 40

    def scale(v: float) -> float:
        return round(margin + (v + 1) / 2 * (size - 2 * margin), 1)

    nodes = [
        DrawnNode(
            key=n,
            name=d["name"],
            kind=d["kind"],
            x=scale(positions[n][0]),
            y=scale(positions[n][1]),
            r=7 + min(report.graph.degree(n), 12) if d["kind"] == "organization" else 3,
        )
        for n, d in graph.nodes(data=True)
    ]
    nodes = _labelled(nodes, report.graph, size)
    edges = [
        DrawnEdge(
            scale(positions[a][0]),
            scale(positions[a][1]),
            scale(positions[b][0]),
            scale(positions[b][1]),
            d["kind"],
        )
        for a, b, d in graph.edges(data=True)
    ]
    return nodes, edges


def _labelled(nodes: list[DrawnNode], graph: nx.Graph, size: int) -> list[DrawnNode]:
    """Names beside the best-connected organisations, kept inside the picture and clear of each
    other: a label runs towards the middle, so it never passes the edge; one that would cover a
    label already placed moves a line up or down, or is left to the table."""
    from dataclasses import replace

    # Only the best connected are named: one whose label would cover another's is left to the
    # table, never replaced by a less connected one (an organisation with no link got a name).
    ranked = sorted(
        (n for n in nodes if n.kind == "organization" and graph.degree(n.key) > 0),
        key=lambda n: (-graph.degree(n.key), n.name),
    )[:LABELLED_NODES]
    width = LABEL_FONT * 0.6  # an average character of a sans-serif font
    placed: dict[str, DrawnNode] = {}
    boxes: list[tuple[float, float, float, float]] = []
    for node in ranked:
        text = node.name if len(node.name) <= LABEL_CHARS else node.name[: LABEL_CHARS - 1] + "…"
        room = len(text) * width
        right = node.x <= size / 2
        x = node.x + node.r + 4 if right else node.x - node.r - 4
        # Keep the whole label inside 0..size, even for a node near the middle.
        x = min(x, size - room - 2) if right else max(x, room + 2)
        left_edge = x if right else x - room
        for shift in (0, -1, 1, -2, 2):
            y = node.y + LABEL_FONT * 0.35 + shift * LABEL_FONT * 1.1
            y = min(max(y, LABEL_FONT), size - 4)
            box = (left_edge, y - LABEL_FONT, left_edge + room, y + 4)
            if not any(_overlap(box, other) for other in boxes):
                boxes.append(box)
                placed[node.key] = replace(
                    node, label=text, label_x=round(x, 1), label_y=round(y, 1),
                    anchor="start" if right else "end",
                )  # fmt: skip
                break
    return [placed.get(node.key, node) for node in nodes]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
