"""tools/audit.py's summary of Lighthouse runs and the table the Performance page shows."""

from __future__ import annotations

import gzip

import pytest

from by_path import load


@pytest.fixture(scope="module")
def audit():
    """tools/audit.py, which imports its neighbour site_pages.py (tools/ is no package)."""
    return load("tools/audit.py")


def report(performance: float, accessibility: float, paint_ms: float) -> dict:
    """The parts of a Lighthouse report that the summary reads."""
    scores = {
        "performance": performance,
        "accessibility": accessibility,
        "best-practices": 1.0,
        "seo": 0.92,
    }
    return {
        "lighthouseVersion": "12.8.2",
        # a host's speed that differs from run to run, as the paint times do
        "environment": {"benchmarkIndex": 2_000_000 / paint_ms + 0.4},
        "categories": {key: {"score": value} for key, value in scores.items()},
        "audits": {
            "first-contentful-paint": {"numericValue": paint_ms},
            "largest-contentful-paint": {"numericValue": 2 * paint_ms},
            "total-blocking-time": {"numericValue": paint_ms / 10},
            "total-byte-weight": {"numericValue": 100 * paint_ms + 0.4},
        },
    }


def test_the_summary_takes_medians_and_the_timings_of_the_median_run(audit):
    runs = [report(0.80, 1.0, 3000), report(0.95, 0.9, 1000), report(0.90, 1.0, 1500)]
    row = audit.summary("lesson", "week-1/a-lesson.md", "mobile", runs)
    assert row["path"] == "/week-1/a-lesson/"
    assert row["runs"] == 3
    assert row["lighthouse"] == "12.8.2"
    assert row["scores"] == {
        "performance": 90,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 92,
    }
    assert row["performance_range"] == [80, 95]
    # the run that scored 0.90, not the first or the fastest one
    assert row["timings_ms"] == {
        "first-contentful-paint": 1500,
        "largest-contentful-paint": 3000,
        "total-blocking-time": 150,
    }
    assert row["benchmark_index"] == 1334  # of that run too
    assert row["fetched_bytes"] == 150_000  # and so is what it fetched


def test_the_table_marks_each_score_below_its_target(audit):
    rows = [
        audit.summary("home", "index.md", "mobile", [report(0.97, 1.0, 1200)]),
        audit.summary("performance", "performance/index.md", "mobile", [report(0.83, 1.0, 1400)]),
    ]
    lines = audit.table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert lines[0].count("|") == lines[1].count("|") == lines[2].count("|")
    assert lines[2].startswith(
        "| [home](../index.md) | mobile | 97 | 97-97 | 100 | 100 | 92 | 1.2 s |"
    )
    assert "| **83** (< 95) | 83-83 |" in lines[3]
    assert lines[3].endswith("| 1.4 s | 2.8 s | 140 ms | 140 kB | 1429 |")


def test_the_search_index_is_measured_as_it_is_served(audit, tmp_path):
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text('{"docs": [' + ", ".join(['{"text": "sigmoid"}'] * 500) + "]}")
    measured = audit.search_index_bytes(tmp_path)
    assert measured == len(gzip.compress(index.read_bytes()))
    assert measured < index.stat().st_size / 10  # compressed, not the file's own size
