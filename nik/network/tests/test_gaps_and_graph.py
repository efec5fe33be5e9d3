"""Gap and graph computations on hand-made networks with known answers."""

from __future__ import annotations

from nik.core.models import DisciplineCode, OrganizationKind
from nik.network import gaps, graph
from nik.network.gaps import Provision


def test_white_spots_overlap_and_missing_on_a_small_network():
    report = gaps.compute(
        ["Leiden", "Gouda"],
        [
            Provision("Apotheek A", "Leiden", DisciplineCode.PHARMACIST),
            Provision("Apotheek B", "Leiden", DisciplineCode.PHARMACIST),
            Provision("Thuiszorg", "Gouda", DisciplineCode.NURSE),
            Provision("Thuiszorg", "Gouda", DisciplineCode.NURSE),  # two nurses, one organisation
        ],
        [OrganizationKind.PHARMACY, OrganizationKind.HOME_CARE],
    )
    assert report.count("Leiden", DisciplineCode.PHARMACIST) == 2
    assert report.count("Gouda", DisciplineCode.NURSE) == 1
    assert ("Gouda", DisciplineCode.PHARMACIST) in report.white_spots
    assert ("Leiden", DisciplineCode.NURSE) in report.white_spots
    assert report.overlaps == [("Leiden", DisciplineCode.PHARMACIST, ["Apotheek A", "Apotheek B"])]
    assert DisciplineCode.DOCTOR in report.missing_disciplines
    assert DisciplineCode.NURSE not in report.missing_disciplines
    assert OrganizationKind.UMC in report.missing_kinds
    assert OrganizationKind.HOSPICE in report.missing_kinds
    assert OrganizationKind.PHARMACY not in report.missing_kinds


def test_next_steps_name_the_missing_kind_and_the_places():
    report = gaps.compute(
        ["Leiden", "Gouda", "Delft"],
        [Provision("Apotheek A", "Leiden", DisciplineCode.PHARMACIST)],
        [k for k in gaps.ESSENTIAL_KINDS if k != OrganizationKind.HOSPICE],
    )
    steps = report.next_steps(limit=50)
    assert any("kinderhospice" in s or "hospice" in s for s in steps)
    assert any("Delft" in s and "Gouda" in s for s in steps)


def test_a_full_network_has_no_missing_parts():
    provisions = [Provision(f"Org {d}", "Leiden", d) for d in DisciplineCode.values]
    report = gaps.compute(["Leiden"], provisions, gaps.ESSENTIAL_KINDS)
    assert report.missing_disciplines == []
    assert report.missing_kinds == []
    assert report.white_spots == []


def test_graph_finds_isolated_bridges_and_the_centre():
    # A — B — C — D, and E alone; B and C are bridges; people hang on A and C.
    orgs = [(1, "A"), (2, "B"), (3, "C"), (4, "D"), (5, "E")]
    people = [(10, "Anna", 1), (11, "Cor", 3), (12, "Carla", 3)]
    report = graph.analyse_graph(graph.build(orgs, people, [(1, 2), (2, 3), (3, 4)]))
    assert report.isolated == ["E"]
    assert report.bridges == ["B", "C"]
    assert report.central[0][0] in {"B", "C"}
    assert {r.name for r in report.rows} == {"A", "B", "C", "D", "E", "Anna", "Cor", "Carla"}
    by_name = {r.name: r for r in report.rows}
    assert by_name["C"].degree == 4  # B, D, Cor, Carla
    assert by_name["C"].collaborations == 2


def test_graph_layout_is_the_same_every_time():
    orgs = [(1, "A"), (2, "B"), (3, "C")]
    report = graph.analyse_graph(graph.build(orgs, [], [(1, 2)]))
    assert graph.layout(report) == graph.layout(report)


def test_the_centre_is_where_organisations_meet_not_where_people_are():
    # A — B — C, with fifty people at A: B connects the organisations, A only its own people.
    orgs = [(1, "A"), (2, "B"), (3, "C")]
    people = [(100 + i, f"Persoon {i}", 1) for i in range(50)]
    report = graph.analyse_graph(graph.build(orgs, people, [(1, 2), (2, 3)]))
    assert [name for name, _score in report.central] == ["B"]
    assert {r.centrality for r in report.rows if r.kind == "person"} == {0.0}


def test_a_large_network_is_drawn_from_its_best_connected_organisations():
    # Past 500 nodes networkx would need scipy (not installed): the page answered 500.
    orgs = [(i, f"Organisatie {i:04}") for i in range(1, 611)]
    people = [(10_000 + i, f"Persoon {i}", 1 + i % 610) for i in range(2_000)]
    collaborations = [(i, i + 1) for i in range(600, 610)]
    report = graph.analyse_graph(graph.build(orgs, people, collaborations))
    nodes, edges = graph.layout(report)
    drawn = {n.key for n in nodes}
    assert len(drawn) == graph.MAX_DRAWN_NODES
    assert {f"o{i}" for i in range(600, 611)} <= drawn
    assert len(edges) == 10 and all(n.kind == "organization" for n in nodes)
    # Centrality is estimated from a sample past CENTRALITY_SAMPLE organisations, the same each time.
    assert report.central == graph.analyse_graph(graph.build(orgs, people, collaborations)).central
    assert report.central[0][0] == "Organisatie 0605"


def test_only_connected_organisations_among_the_best_connected_carry_a_name():
    # Twelve organisations in a chain and three alone: ten names at most, none for one alone
    # (a crowded centre once handed its names down to organisations without a single link).
    orgs = [(i, f"Organisatie {i:02}") for i in range(1, 16)]
    report = graph.analyse_graph(graph.build(orgs, [], [(i, i + 1) for i in range(1, 12)]))
    nodes, _edges = graph.layout(report)
    named = {n.name for n in nodes if n.label}
    assert 0 < len(named) <= graph.LABELLED_NODES
    assert not named & {"Organisatie 13", "Organisatie 14", "Organisatie 15"}
