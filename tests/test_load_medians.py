"""The load benchmark's summary of repeated runs (bench/load.py --repeat, --against): medians
per level, the page-to-/healthz ratio taken run by run, and the comparison with another size."""

from __future__ import annotations

from bench import load


def _run(level: int, throughput: float, health: float, page: float) -> dict:
    return {
        "concurrency": level,
        "throughput": throughput,
        "urls": {
            "healthz": {"n": 10, "p50": 1.0, "p95": health, "p99": health},
            "family record": {"n": 10, "p50": 5.0, "p95": page, "p99": page},
        },
    }


def test_medians_take_the_ratio_run_by_run():
    # /healthz's tail moves most between runs: one run with a fast /healthz must not decide.
    runs = [
        _run(8, 40.0, health=100.0, page=300.0),  # 3.0 ×
        _run(1, 20.0, health=4.0, page=40.0),
        _run(8, 50.0, health=30.0, page=330.0),  # 11.0 ×
        _run(1, 22.0, health=5.0, page=45.0),
        _run(8, 45.0, health=120.0, page=360.0),  # 3.0 ×
    ]
    found = load.medians(runs)
    assert found[8]["runs"] == 3
    assert found[8]["throughput"] == 45.0
    assert found[8]["throughput_range"] == [40.0, 50.0]
    assert found[8]["urls"]["family record"] == {"p95": 330.0, "ratio": 3.0}
    # The ratio of the medians would be 330 / 100 = 3.3: not what is reported.
    assert found[1]["runs"] == 2
    assert found[1]["urls"]["family record"]["p95"] == 42.5
    assert found[1]["urls"]["healthz"]["ratio"] == 1.0


def test_report_compares_with_another_size():
    big = load.medians([_run(8, 40.0, health=100.0, page=390.0)])
    small = load.medians([_run(8, 60.0, health=80.0, page=300.0)])
    text = load.report_medians(big, against=small)
    assert "Concurrency 8, median of 1 runs: 40.0 requests/s (40.0–40.0)" in text
    assert "| family record | 390.0 | 3.90 | 1.30 |" in text
    assert "| healthz | 100.0 | 1.00 | 1.25 |" in text
    # Without another run there is no comparison column.
    assert "the other run's" not in load.report_medians(big)
