"""cluster_bench's report: the table computes its ratios from the medians it is given."""

from __future__ import annotations

import json

from coursecode.speed.cluster_bench import markdown_table, write_reports


def made_up_results() -> dict:
    def times(*seconds):
        return {"best_s": min(seconds), "median_s": sorted(seconds)[1], "all_s": list(seconds)}

    variants = {
        "numpy": times(0.1, 0.2, 0.4),  # median 0.2
        "dask_1": times(0.5, 0.6, 0.7),  # median 0.6: 3.00 x NumPy
        "dask_1_empty": times(0.01, 0.02, 0.03),
        "dask_2": times(0.3, 0.5, 0.9),  # median 0.5: 2.50 x NumPy
        "dask_2_empty": times(0.004, 0.005, 0.006),
    }
    return {
        "date": "2026-01-02T03:04:05+00:00",
        "machine": {"cores": 2, "load_average_start": [1, 2, 3], "load_average_end": [4, 5, 6]},
        "settings": {
            "n_x": 20,
            "dtype": "float64",
            "columns_per_block": 1000,
            "repeats": 3,
            "quick": False,
        },
        "results": [{"m": 4000, "blocks": 4, "variants": variants}],
        "elapsed_s": 12.0,
    }


def test_the_table_shows_medians_and_their_ratios_to_numpy():
    table = markdown_table(made_up_results())
    row = table.splitlines()[2]
    assert row == "| 4,000 | 4 | 200 ms | 600 ms | 500 ms | 5 ms | 3.00 | 2.50 |"
    assert "One machine with 2 cores" in table
    assert "4.00 / 5.00 / 6.00" in table


def test_reports_are_written_as_json_and_markdown(tmp_path):
    results = made_up_results()
    written = write_reports(results, tmp_path)
    assert sorted(p.name for p in written) == ["cluster.json", "cluster.md"]
    assert json.loads((tmp_path / "cluster.json").read_text()) == results
    assert (tmp_path / "cluster.md").read_text() == markdown_table(results)
