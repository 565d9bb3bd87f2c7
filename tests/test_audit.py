"""tools/audit.py's summary of Lighthouse runs and the table the Performance page shows."""

from __future__ import annotations

import gzip
import itertools
import json

import pytest

from by_path import load


@pytest.fixture(scope="module")
def audit():
    """tools/audit.py, which imports its neighbour site_pages.py (tools/ is no package)."""
    return load("tools/audit.py")


def report(performance: float, accessibility: float, paint_ms: float, **more) -> dict:
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
        "configSettings": {"throttling": {"cpuSlowdownMultiplier": 8_000 / paint_ms}},
        "categories": {key: {"score": value} for key, value in scores.items()},
        "audits": {
            "first-contentful-paint": {"numericValue": paint_ms},
            "largest-contentful-paint": {"numericValue": 2 * paint_ms},
            "total-blocking-time": {"numericValue": paint_ms / 10},
            "total-byte-weight": {"numericValue": 100 * paint_ms + 0.4},
        },
        **more,
    }


def test_the_summary_takes_medians_and_the_timings_of_the_median_run(audit):
    runs = [report(0.80, 1.0, 3000), report(0.95, 0.9, 1000), report(0.90, 1.0, 1500)]
    row = audit.summary("lesson", "week-1/a-lesson.md", "mobile", runs, 2345)
    assert row["path"] == "/week-1/a-lesson/"
    assert row["runs"] == 3
    assert row["elements"] == 2345
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
    assert row["slowdown"] == pytest.approx(8_000 / 1500)  # and its phone's slowdown
    assert row["fetched_bytes"] == 150_000  # and what it fetched
    assert "performance_at_default" not in row  # no run was also scored at 4x


def test_a_phone_row_has_the_median_score_of_the_same_loads_at_the_default_slowdown(audit):
    runs = [
        report(0.80, 1.0, 3000, at_default=report(0.99, 1.0, 3000)),
        report(0.95, 1.0, 1000, at_default=report(0.93, 1.0, 1000)),
        report(0.90, 1.0, 1500, at_default=report(0.97, 1.0, 1500)),
    ]
    row = audit.summary("home", "index.md", "mobile", runs, 700)
    assert row["scores"]["performance"] == 90
    assert row["performance_at_default"] == 97


@pytest.mark.parametrize(
    ("index", "slowdown"),
    # the calculator's own anchors: Lighthouse's default, 4x, fits a host of 1533
    [(1533, 4.0), (1300, 3.0), (2000, 6.0), (800, 2.0), (150, 1.0)],
)
def test_the_phone_is_slowed_down_as_lighthouse_documents_for_the_host(audit, index, slowdown):
    assert audit.phone_slowdown(index) == pytest.approx(slowdown, abs=0.01)


def test_the_slowdown_grows_with_the_host_without_jumps_and_never_speeds_up(audit):
    indexes = range(0, 3001, 5)
    slowdowns = [audit.phone_slowdown(index) for index in indexes]
    assert all(b >= a for a, b in itertools.pairwise(slowdowns))
    assert max(b - a for a, b in itertools.pairwise(slowdowns)) < 0.03
    assert min(slowdowns) == 1.0  # a host slower than the phone runs at its own speed


def test_a_recording_is_scored_with_the_slowdown_it_is_given(audit, tmp_path, monkeypatch):
    recording = tmp_path / "recording"
    recording.mkdir()
    settings = {"throttling": {"cpuSlowdownMultiplier": 4, "rttMs": 150}, "formFactor": "mobile"}
    (recording / "artifacts.json").write_text(
        json.dumps({"settings": settings, "BenchmarkIndex": 1900})
    )
    calls = []

    def fake_lighthouse(url, *options):
        # Lighthouse compares the recording's settings with the command's: they must agree
        saved = json.loads((recording / "artifacts.json").read_text())["settings"]
        calls.append((url, options, saved))
        (tmp_path / "report.json").write_text(json.dumps({"scored": True}))

    monkeypatch.setattr(audit, "lighthouse", fake_lighthouse)
    result = audit.score_recording("http://x/", recording, 5.58, tmp_path / "report.json")
    assert result == {"scored": True}
    [(url, options, saved)] = calls
    assert url == "http://x/"
    assert f"-A={recording}" in options
    assert "--throttling.cpuSlowdownMultiplier=5.58" in options
    assert saved["throttling"] == {"cpuSlowdownMultiplier": 5.58, "rttMs": 150}
    assert saved["formFactor"] == "mobile"  # nothing else changed


def test_the_table_marks_each_score_below_its_target(audit):
    rows = [
        audit.summary("home", "index.md", "mobile", [report(0.97, 1.0, 1200)], 700),
        audit.summary(
            "performance", "performance/index.md", "mobile", [report(0.83, 1.0, 1400)], 2189
        ),
    ]
    rows[1]["performance_at_default"] = 96
    lines = audit.table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert lines[0].count("|") == lines[1].count("|") == lines[2].count("|")
    assert lines[2].startswith(
        "| [home](../index.md) | mobile | 97 | 97-97 | - | 100 | 100 | 92 | 1.2 s |"
    )
    assert "| **83** (< 95) | 83-83 | 96 | 100 |" in lines[3]
    assert lines[3].endswith("| 1.4 s | 2.8 s | 140 ms | 140 kB | 2,189 | 1429 | 5.7x |")


def test_the_search_index_is_measured_as_it_is_served(audit, tmp_path):
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text('{"docs": [' + ", ".join(['{"text": "sigmoid"}'] * 500) + "]}")
    measured = audit.search_index_bytes(tmp_path)
    assert measured == len(gzip.compress(index.read_bytes()))
    assert measured < index.stat().st_size / 10  # compressed, not the file's own size


def test_no_script_of_the_site_calls_request_idle_callback(built_site):
    """The calibrated phone scores a recording made at the default slowdown, which the
    recording uses only for requestIdleCallback's deadlines (tools/audit.py)."""
    scripts = sorted(built_site.rglob("*.js"))
    assert len(scripts) > 3  # Material's bundle, its search worker and this site's own
    # every page, for its inline scripts: a notebook page's differ from a lesson's
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    calling = [
        path.relative_to(built_site).as_posix()
        for path in [*scripts, *pages]
        if "requestIdleCallback" in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert calling == []


def test_an_element_count_reads_tags_as_a_browser_parses_them(audit, tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        '<html><body><p>a <b>b</b><br></p><svg><use href="#g"/></svg>'
        '<script>const tag = "<div><span>";</script><!-- <i> --></body></html>'
    )
    # html, body, p, b, br, svg, use, script: nothing inside the script or the comment
    assert audit.element_count(page) == 8


def built(site, source: str, elements: int, audit) -> None:
    """A page of ``elements`` elements where the build puts the page made from ``source``."""
    page = audit.built_page(site, source)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("<html>" + "<p>x</p>" * (elements - 1) + "</html>")


def test_the_audit_takes_the_page_with_the_most_elements_of_each_kind(audit, tmp_path):
    sizes = {
        "index.md": 40,
        "course/week-1/first-lesson.md": 100,
        "course/week-1/longest-lesson.md": 900,
        "course/week-1/quiz.md": 5000,  # a quiz, not a lesson, however long
        "course/week-1/exercises/index.md": 3000,
        "course/week-2/index.md": 8000,  # a week's overview, not a lesson
        "course/week-2/later-lesson.md": 900,  # as long as the longest: the first one stays
        "course/week-2/notebooks/tour.ipynb": 200,
        "course/week-2/notebooks/planar.ipynb": 700,
        "performance/index.md": 600,
        "performance/tricks.md": 300,
    }
    for source, elements in sizes.items():
        built(tmp_path, source, elements, audit)
    assert audit.pages_to_audit(tmp_path, list(sizes)) == {
        "home": "index.md",
        "lesson": "course/week-1/longest-lesson.md",
        "notebook": "course/week-2/notebooks/planar.ipynb",
        "performance": "performance/index.md",
        "quiz": "course/week-1/quiz.md",
        "exercises": "course/week-1/exercises/index.md",
    }
