"""The network as a graph: organisations and people as nodes, memberships and collaborations as edges."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from nik.core.models import Organization, Professional, Region

from .models import Collaboration

# Past this many nodes the picture shows organisations only; the table keeps everyone.
MAX_DRAWN_NODES = 400


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
    centrality = nx.betweenness_centrality(graph) if graph.number_of_nodes() else {}
    central = sorted(
        ((name[n], round(centrality[n], 3)) for n in orgs if centrality.get(n, 0) > 0),
        key=lambda item: (-item[1], item[0]),
    )[:top]
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


def region_graph(region: Region) -> GraphReport:
    organizations = list(Organization.objects.filter(region=region).values_list("pk", "name"))
    people = list(
        Professional.objects.filter(region=region).values_list("pk", "full_name", "organization_id")
    )
    collaborations = list(
        Collaboration.objects.filter(region=region).values_list("source_id", "target_id")
    )
    return analyse_graph(build(organizations, people, collaborations))


@dataclass(frozen=True)
class DrawnNode:
    key: str
    name: str
    kind: str
    x: float
    y: float
    r: float


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
        keep = [n for n, d in graph.nodes(data=True) if d["kind"] == "organization"]
        graph = graph.subgraph(keep)
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
