"""How long this site takes to build and to test: ``make site-times``.

Issue 15 asks that the site stay quick to work on as it grows: a cold strict build in at
most 60 s, a warm one in at most 5 s, and ``make test`` on a fresh clone, installation
included, in at most 10 min. This measures the three on this machine, for the commit
checked out (uncommitted changes are not measured):

1. **cold build**: ``mkdocs build --strict`` in a fresh clone, with no ``.cache``: every
   notebook runs, every formula is typeset, every diagram drawn and every timing measured,
   as in the build ``make test`` makes on CI. The clone shares this project's ``.venv`` and
   ``node_modules`` (installing them is not part of a build), and its notebooks import the
   clone's own ``src``;
2. **warm build**: the same build again in that clone, with every cache filled, as when an
   author rebuilds;
3. **make test**: ``.ci/run``, what CI runs, in another fresh clone that shares nothing:
   the installation, lint, the build and both test suites. ``--builds-only`` leaves it
   out (it takes most of a quarter of an hour; the builds about a minute and a quarter
   per run).

The two builds are made ``--runs`` times (3 by default), each time in a clone of its own,
and the median counts: on this machine the same cold build took anything from 52 to 70 s
within an hour, so one run says little about where a time stands against its target.
``make test`` runs once.

Each time is wall-clock time, with beside it the CPU time the machine's cores spent busy
meanwhile (from ``/proc/stat``: every process counts, so nothing else should run): on two
cores it is up to twice the wall-clock time, by as much as ran side by side. (The CPU time
the system reports for a step's child processes leaves some out: it came to 588 s for a
``make test`` of 616 s that ran two suites side by side.)

Writes ``docs/performance/results/site-times.json`` and, as the table the Performance
section shows, ``site-times.md``; exits 1 when a time misses its target or ``make test``
fails.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coursecode.speed.reports import write_texts
from coursecode.speed.timing import describe_machine

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "docs" / "performance" / "results"
# What each measurement is, and its target in seconds.
TARGETS = {
    "cold_build": ("cold build", 60.0),
    "warm_build": ("warm build", 5.0),
    "make_test": ("`make test`", 600.0),
}
# What the Makefile exports for every build (see its comments).
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "NBCONVERT_DISABLE_CONFIG_EXPORTERS": "1"}


def busy_cpu_seconds(stat: Path = Path("/proc/stat")) -> float:
    """Seconds the machine's cores have spent busy since it started, all cores added up:
    in user and system code, interrupts, and stolen by the host (not idle, not waiting for
    the disk)."""
    fields = stat.read_text().splitlines()[0].split()
    assert fields[0] == "cpu", f"{stat} does not start with the cores' total"
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> dict:
    """Run ``command``; its wall-clock seconds, the machine's busy CPU seconds meanwhile,
    and whether it succeeded."""
    cpu, wall = busy_cpu_seconds(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    measured = {
        "wall_s": round(time.perf_counter() - wall, 1),
        "cpu_s": round(busy_cpu_seconds() - cpu, 1),
        "ok": result.returncode == 0,
    }
    if result.returncode != 0:
        measured["error"] = (result.stdout + result.stderr)[-3000:]
    return measured


def fresh_clone(into: Path) -> Path:
    """A clone of this project's checked-out commit in ``into``."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(into)], check=True)
    return into


def measure_builds(workspace: Path) -> dict[str, dict]:
    """The cold build and then the warm build, in a fresh clone sharing .venv and
    node_modules."""
    clone = fresh_clone(workspace)
    for shared in (".venv", "node_modules"):
        (clone / shared).symlink_to(ROOT / shared, target_is_directory=True)
    # The venv holds coursecode as an editable install of this worktree; the clone's own src
    # must win, also inside the notebook kernels, which inherit the environment.
    env = {**os.environ, **BUILD_ENV, "PYTHONPATH": str(clone / "src")}
    build = [str(clone / ".venv" / "bin" / "mkdocs"), "build", "--strict"]
    cold = timed(build, clone, env)
    if cold["ok"]:  # the size of what was built
        cold["pages"] = sum(1 for _ in (clone / "site").rglob("index.html"))
        cold["notebooks"] = sum(1 for _ in (clone / "docs").rglob("*.ipynb"))
    warm = timed(build, clone, env) if cold["ok"] else {"ok": False, "error": "no cold build"}
    return {"cold_build": cold, "warm_build": warm}


def median_of(runs: list[dict]) -> dict:
    """One measurement from several runs of it: the median wall-clock and CPU times (each
    on its own), every run's, and the sizes the first run recorded. A failed run makes
    the whole a failure."""
    failed = [run for run in runs if not run["ok"]]
    if failed:
        return failed[0]
    extra = {key: value for key, value in runs[0].items() if key not in ("wall_s", "cpu_s")}
    return {
        **extra,
        "wall_s": round(statistics.median(run["wall_s"] for run in runs), 1),
        "cpu_s": round(statistics.median(run["cpu_s"] for run in runs), 1),
        "runs": [{"wall_s": run["wall_s"], "cpu_s": run["cpu_s"]} for run in runs],
    }


def measure_builds_repeatedly(workspace: Path, runs: int) -> dict[str, dict]:
    """:func:`measure_builds` ``runs`` times, each in a clone of its own; the medians."""
    each = [measure_builds(workspace / f"builds-{number}") for number in range(runs)]
    return {key: median_of([run[key] for run in each]) for key in ("cold_build", "warm_build")}


def measure_make_test(workspace: Path) -> dict:
    """``.ci/run`` in a fresh clone of its own, as CI runs it."""
    clone = fresh_clone(workspace / "make-test")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SITE_DIR", "PYTHONPATH", "PYTEST_ADDOPTS", "VIRTUAL_ENV"}
    }
    return timed(["bash", ".ci/run"], clone, {**env, "CI": "true"})


def verdicts(measured: dict[str, dict]) -> dict[str, bool | None]:
    """For each measurement, whether it met its target (None: not measured, or it failed)."""
    return {
        key: (entry["wall_s"] <= TARGETS[key][1] if entry.get("ok") else None)
        for key, entry in measured.items()
    }


def _seconds(value: float) -> str:
    minutes, seconds = divmod(round(value), 60)
    return f"{value:.1f} s" if value < 120 else f"{value:.0f} s ({minutes} min {seconds:02d} s)"


def _spread(entry: dict) -> str:
    """What follows a median in the table, such as ", median of 3 (55.1-63.0 s)": how many
    runs it is the median of, and their range. Nothing for a single run."""
    runs = [run["wall_s"] for run in entry.get("runs", [])]
    if len(runs) < 2:
        return ""
    return f", median of {len(runs)} ({min(runs):.1f}-{max(runs):.1f} s)"


def table(results: dict) -> str:
    """site-times.md: one row per measurement, with its target and whether it met it."""
    lines = [
        "| what | target | wall-clock time | CPU time | met |",
        "| --- | --: | --: | --: | :-: |",
    ]
    met = verdicts(results["measured"])
    for key, (what, target) in TARGETS.items():
        entry = results["measured"].get(key)
        if entry is None:
            cells = ["not measured", "", ""]
        elif not entry["ok"]:
            cells = ["failed", "", ""]
        else:
            cells = [
                _seconds(entry["wall_s"]) + _spread(entry),
                _seconds(entry["cpu_s"]),
                "yes" if met[key] else "no",
            ]
        lines.append(f"| {what} | at most {_seconds(target)} | " + " | ".join(cells) + " |")
    machine = results["machine"]
    loads = " and ".join(
        " / ".join(f"{x:.2f}" for x in machine[key]) for key in ("load_start", "load_end")
    )
    lines += [
        "",
        "Cold build: `mkdocs build --strict` in a fresh clone, with no caches; warm build: "
        "the same again; `make test`: `.ci/run` in a fresh clone, installation included. "
        "A time measured more than once (each time in a clone of its own) is the median of "
        "its runs, with their range; so is its CPU time. "
        f"Measured {results['date']} by `make site-times` (tools/site_times.py) at commit "
        f"`{results['commit'][:7]}`, on {machine['processor']} with {machine['cores']} cores; "
        f"load average (1/5/15 min) at the start and the end: {loads}. CPU time is the time "
        "the machine's cores spent busy during the step, all cores added up (on two cores, "
        "up to twice the wall-clock time).",
    ]
    return "\n".join(lines) + "\n"


def write_results(results: dict, out: Path = RESULTS) -> list[Path]:
    """site-times.json and site-times.md in ``out``."""
    return write_texts(
        out,
        {"site-times.json": json.dumps(results, indent=1) + "\n", "site-times.md": table(results)},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--builds-only", action="store_true", help="measure the two builds, not make test"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="how many times to make the cold and warm builds (default 3; the median counts)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, got {args.runs}")
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if dirty:
        print("uncommitted changes are not measured: the clones hold the last commit")
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    machine = describe_machine()
    load_start = list(os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="site-times-") as workspace:
        print(f"building in {args.runs} fresh clones, cold and then warm ...", flush=True)
        measured = measure_builds_repeatedly(Path(workspace), args.runs)
        if not args.builds_only:
            print("make test in a fresh clone (.ci/run) ...", flush=True)
            measured["make_test"] = measure_make_test(Path(workspace))
    results = {
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "commit": commit,
        "machine": {
            "processor": machine.cpu,
            "cores": machine.cores,
            "load_start": load_start,
            "load_end": list(os.getloadavg()),
        },
        "targets_s": {key: target for key, (_, target) in TARGETS.items()},
        "measured": measured,
    }
    for path in write_results(results):
        print(f"wrote {path.relative_to(ROOT)}")
    print(table(results))
    failed = [key for key, entry in measured.items() if not entry["ok"]]
    for key in failed:
        print(f"{key} failed:\n{measured[key]['error']}", file=sys.stderr)
    return 1 if failed or not all(verdicts(measured).values()) else 0


if __name__ == "__main__":
    sys.exit(main())
