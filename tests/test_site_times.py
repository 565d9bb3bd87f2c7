"""tools/site_times.py: how it times a step, judges it against its target, and the table
the Performance section shows."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from by_path import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site_times():
    return load("tools/site_times.py")


def results(measured: dict) -> dict:
    return {
        "date": "2026-12-04",
        "commit": "0123456789abcdef",
        "machine": {
            "processor": "AMD EPYC",
            "cores": 2,
            "load_start": [0.5, 1.25, 2.0],
            "load_end": [1.0, 1.5, 2.0],
        },
        "measured": measured,
    }


def test_each_time_is_judged_against_its_own_target(site_times):
    measured = {
        "cold_build": {"wall_s": 59.9, "cpu_s": 90.0, "ok": True},
        "warm_build": {"wall_s": 5.1, "cpu_s": 5.0, "ok": True},
        "make_test": {"ok": False, "error": "1 failed"},
    }
    assert site_times.verdicts(measured) == {
        "cold_build": True,
        "warm_build": False,
        "make_test": None,
    }


def test_the_table_gives_each_time_its_target_and_verdict(site_times):
    text = site_times.table(
        results(
            {
                "cold_build": {"wall_s": 66.5, "cpu_s": 95.2, "ok": True},
                "warm_build": {"wall_s": 4.9, "cpu_s": 5.3, "ok": True},
            }
        )
    )
    rows = text.splitlines()
    assert rows[2] == "| cold build | at most 60.0 s | 66.5 s | 95.2 s | no |"
    assert rows[3] == "| warm build | at most 5.0 s | 4.9 s | 5.3 s | yes |"
    assert rows[4] == "| `make test` | at most 600 s (10 min 00 s) | not measured |  |  |"
    assert "at commit `0123456`" in text
    assert "0.50 / 1.25 / 2.00 and 1.00 / 1.50 / 2.00" in text


def test_several_runs_count_by_their_medians_and_the_table_gives_their_range(site_times):
    runs = [
        {"wall_s": 63.0, "cpu_s": 80.0, "ok": True, "pages": 96, "notebooks": 13},
        {"wall_s": 55.1, "cpu_s": 95.0, "ok": True, "pages": 96, "notebooks": 13},
        {"wall_s": 58.2, "cpu_s": 85.5, "ok": True, "pages": 96, "notebooks": 13},
    ]
    cold = site_times.median_of(runs)
    assert cold["wall_s"] == 58.2  # the median, not the last run nor the mean (58.8)
    assert cold["cpu_s"] == 85.5
    assert cold["pages"] == 96
    assert cold["runs"] == [
        {"wall_s": w, "cpu_s": c} for w, c in ((63.0, 80), (55.1, 95), (58.2, 85.5))
    ]
    assert site_times.verdicts({"cold_build": cold}) == {"cold_build": True}
    text = site_times.table(results({"cold_build": cold}))
    assert text.splitlines()[2] == (
        "| cold build | at most 60.0 s | 58.2 s, median of 3 (55.1-63.0 s) | 85.5 s | yes |"
    )
    failed = {"ok": False, "error": "E   a broken page"}
    assert site_times.median_of([runs[0], failed, runs[2]]) == failed


def test_a_failed_step_is_shown_as_failed_not_timed(site_times):
    text = site_times.table(results({"make_test": {"ok": False, "error": "E   assert 51 <= 40"}}))
    assert "| failed |  |  |" in text.splitlines()[4]


def test_timed_reports_the_wall_and_cpu_time_and_the_end_of_a_failure(site_times, tmp_path):
    busy = [sys.executable, "-c", "sum(i * i for i in range(3_000_000))"]
    done = site_times.timed(busy, tmp_path, {})
    assert done["ok"]
    assert "error" not in done
    assert done["cpu_s"] > 0  # the cores were busy with the child
    assert done["wall_s"] > 0
    failing = [sys.executable, "-c", "import sys; sys.exit('broken on purpose')"]
    failed = site_times.timed(failing, tmp_path, {})
    assert not failed["ok"]
    assert "broken on purpose" in failed["error"]


def test_the_committed_table_is_the_one_its_results_file_gives(site_times):
    results_dir = ROOT / "docs" / "performance" / "results"
    kept = json.loads((results_dir / "site-times.json").read_text(encoding="utf-8"))
    assert (results_dir / "site-times.md").read_text(encoding="utf-8") == site_times.table(kept)


def test_busy_time_adds_every_column_but_idle_and_waiting(site_times, tmp_path):
    stat = tmp_path / "stat"
    ticks = os.sysconf("SC_CLK_TCK")
    # user nice system idle iowait irq softirq steal guest guest_nice
    stat.write_text(f"cpu  {ticks} 0 {2 * ticks} {50 * ticks} {9 * ticks} 0 {ticks} 0 0 0\n")
    assert site_times.busy_cpu_seconds(stat) == 4.0


def test_a_run_count_below_one_is_refused_naming_the_argument(site_times, capsys):
    with pytest.raises(SystemExit) as stopped:
        site_times.main(["--runs", "0"])
    assert stopped.value.code == 2
    assert "--runs must be at least 1, got 0" in capsys.readouterr().err
