"""Lighthouse scores of the built site, served locally: ``make audit``.

Audits each kind of page found in mkdocs.yml's nav (home, lesson, notebook, Performance,
quiz and exercises pages) with Lighthouse 12 (tools/audit/package.json) driving Debian's
Chromium, on Lighthouse's emulated phone and on its desktop preset. Of each kind it takes
the heaviest page, the one with the most elements as built: the browser's work on a page
(styles, layout, Material's setup) grows with them, and the lesson with the most formulas
had four times the elements of the first lesson when this was written, so a kind's first
page would say little about the rest of it. Each page and preset is audited ``AUDIT_RUNS``
times (3 unless that variable says otherwise): on this 2-core machine the performance
score of one page moved from 83 to 98 between two single runs, so the scores printed are
the medians of the runs, with the lowest and highest performance score beside them. The
runs take turns (the first run of every page, then the second, ...), so that a few slow
minutes of a shared machine fall on every kind of page rather than on one. Prints the
audits that cost points in the median run, and exits 1 when a median score misses its
target. The site is served gzip-compressed, as GitHub Pages serves it. Reports go to
tools/audit/reports/ (ignored by git), one per run.

**The phone is calibrated to the host.** Lighthouse's phone is the host's processor slowed
down by a constant factor, 4 by default, which makes the phone as fast as the host allows:
on this shared machine Lighthouse's benchmark index of the host ranged from 1,146 to 2,242
between two audits a day apart, so with the default the phone of one audit was almost twice
as fast as the other's. Lighthouse's documentation (docs/throttling.md, "Calibrating the
CPU slowdown") asks for the factor to be set from the host's benchmark index, and links a
calculator for it, whose rule ``phone_slowdown`` follows: 4 for an index of 1,533, 6 for
2,000, 3 for 1,300. So each phone run is two steps: Lighthouse loads the page and records
it (``-G``), which measures the host's index, and then scores the recording (``-A``) with
the factor for that index. The same recording is also scored with the default factor, shown
beside as "at 4x", the score Lighthouse gives with its defaults on this host. Recording and
scoring apart is sound because the phone is simulated: the page loads at the host's full
speed and the factor is applied when the recording is scored. (The recording reads the
factor in one place, to shorten the deadlines it gives ``requestIdleCallback``, which no
script of this site calls; a test checks that.) The desktop preset runs the host at its own
speed, with no factor to calibrate, in one step.

Each row also gives Lighthouse's benchmark index of the host and the phone's slowdown in
the median run, and what the page load fetched, in compressed bytes as sent (Lighthouse's
total byte weight).

The medians are also written to docs/performance/results/lighthouse.json and, as the table
the Performance page shows, lighthouse.md: committed, like the benchmark's results, so the
page shows the last audit rather than one typed by hand.
"""

from __future__ import annotations

import datetime
import functools
import gzip
import html.parser
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from site_pages import nav_sources, site_path  # tools/ is on sys.path: run as a script

from coursecode.speed.reports import write_texts
from coursecode.speed.timing import describe_machine

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "tools" / "audit" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "tools" / "audit" / "reports"
RESULTS = ROOT / "docs" / "performance" / "results"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --disable-background-networking"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 90}


class _ElementCounter(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.elements += 1


def built_page(site: Path, source: str) -> Path:
    """The HTML file that the build made from ``source`` (under docs/) in ``site``."""
    return site / site_path(source) / "index.html"


@functools.cache  # pages_to_audit counts each candidate; main asks again for the chosen ones
def element_count(page: Path) -> int:
    """The number of elements of a built page (its start tags, as a parser reads them)."""
    counter = _ElementCounter()
    counter.feed(page.read_text(encoding="utf-8"))
    counter.close()
    return counter.elements


KINDS = {
    "lesson": lambda source: (
        "/week-" in source
        and source.endswith(".md")
        and not source.endswith(("index.md", "/quiz.md"))
        and "/exercises/" not in source
    ),
    "notebook": lambda source: source.endswith((".ipynb", ".py")),
    "performance": lambda source: source.startswith("performance/") and source.endswith(".md"),
    "quiz": lambda source: source.endswith("/quiz.md"),
    "exercises": lambda source: "/exercises/" in source and source.endswith(".md"),
}


def pages_to_audit(site: Path, sources: list[str] | None = None) -> dict[str, str]:
    """The source (under docs/) of the page audited for each kind of page: the home page,
    and of each kind in ``KINDS`` the page of ``sources`` (mkdocs.yml's nav) whose page in
    ``site`` has the most elements (the first of them on a tie)."""
    sources = nav_sources() if sources is None else sources
    pages = {"home": "index.md"}
    for kind, matches in KINDS.items():
        found = [source for source in sources if matches(source)]
        if found:
            elements = {s: element_count(built_page(site, s)) for s in found}
            pages[kind] = max(found, key=elements.__getitem__)
        else:
            print(f"no {kind} page in the nav: none is audited")
    return pages


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed, as GitHub Pages does (http.server never does)."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.COMPRESSED and path.is_file()):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, *args):
        pass


def serve(site: Path) -> str:
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/"


RUNS = int(os.environ.get("AUDIT_RUNS", "3"))


# Lighthouse's default slowdown of the host for its phone.
DEFAULT_SLOWDOWN = 4.0


def phone_slowdown(benchmark_index: float) -> float:
    """How many times to slow down a host of ``benchmark_index`` for Lighthouse's phone.

    The rule of the calculator that Lighthouse's docs/throttling.md links: piecewise linear
    in the index, through 1x at 150, 2x at 800, 3x at 1,300, then one more for each 233 (4x
    at 1,533: Lighthouse's default fits a host there). Below 150 the host is no faster than
    the phone, and is not slowed.
    """
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)


def lighthouse(url: str, *options: str) -> None:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--only-categories=" + ",".join(TARGETS), *options],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )


def score_recording(url: str, recording: Path, slowdown: float, report: Path) -> dict:
    """Lighthouse's report of the load recorded in ``recording``, on a phone ``slowdown``
    times slower than the host."""
    artifacts = recording / "artifacts.json"
    saved = json.loads(artifacts.read_text())
    # Lighthouse refuses to score a recording with settings other than its own; the
    # slowdown is the one setting that differs, and the load did not depend on it.
    saved["settings"]["throttling"]["cpuSlowdownMultiplier"] = slowdown
    artifacts.write_text(json.dumps(saved))
    lighthouse(
        url,
        f"-A={recording}",
        f"--throttling.cpuSlowdownMultiplier={slowdown}",
        "--output=json",
        f"--output-path={report}",
    )
    return json.loads(report.read_text())


def audit(url: str, name: str, form_factor: str) -> dict:
    """Lighthouse's report of one load of ``url``; a phone's (``form_factor`` "mobile")
    with the phone calibrated to the host, and under the key ``"at_default"`` the report
    of the same load with Lighthouse's default slowdown."""
    REPORTS.mkdir(exist_ok=True)
    report = REPORTS / f"{name}-{form_factor}.json"
    if form_factor == "desktop":
        lighthouse(
            url,
            "--preset=desktop",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={FLAGS}",
        )
        return json.loads(report.read_text())
    with tempfile.TemporaryDirectory() as folder:
        recording = Path(folder)
        lighthouse(url, f"-G={recording}", f"--chrome-flags={FLAGS}")
        index = json.loads((recording / "artifacts.json").read_text())["BenchmarkIndex"]
        default = score_recording(
            url, recording, DEFAULT_SLOWDOWN, REPORTS / f"{name}-{form_factor}-4x.json"
        )
        calibrated = score_recording(url, recording, round(phone_slowdown(index), 2), report)
    calibrated["at_default"] = default
    return calibrated


# The timings Lighthouse simulates, shown beside the scores (in milliseconds in the JSON).
METRICS = {
    "first-contentful-paint": "first paint",
    "largest-contentful-paint": "largest paint",
    "total-blocking-time": "blocking time",
}


def median_run(runs: list[dict]) -> dict:
    """The run whose performance score is the median (the middle one of an odd number)."""
    return sorted(runs, key=lambda run: run["categories"]["performance"]["score"])[
        (len(runs) - 1) // 2
    ]


def summary(name: str, source: str, form_factor: str, runs: list[dict], elements: int) -> dict:
    """The medians of ``runs`` (Lighthouse reports of the page made from ``source``, which
    has ``elements`` elements as built), as lighthouse.json keeps them.

    The scores are the median of each category; the timings, the host's benchmark index
    and the phone's slowdown are those of ``median_run``. A phone's row also has the
    median performance score of the same loads at Lighthouse's default slowdown.
    """
    performance = [run["categories"]["performance"]["score"] for run in runs]
    middle = median_run(runs)
    row = {
        "page": name,
        "source": source,
        "path": "/" + site_path(source),
        "form_factor": form_factor,
        "elements": elements,
        "runs": len(runs),
        "lighthouse": runs[0]["lighthouseVersion"],
        "scores": {
            key: round(100 * statistics.median(run["categories"][key]["score"] for run in runs))
            for key in TARGETS
        },
        "performance_range": [round(100 * min(performance)), round(100 * max(performance))],
        "timings_ms": {key: round(middle["audits"][key]["numericValue"]) for key in METRICS},
        "benchmark_index": round(middle["environment"]["benchmarkIndex"]),
        # how many times slower than the host the phone ran (1: the host's own speed)
        "slowdown": middle["configSettings"]["throttling"]["cpuSlowdownMultiplier"],
        # what the page load fetched, as sent (compressed): Lighthouse's total byte weight
        "fetched_bytes": round(middle["audits"]["total-byte-weight"]["numericValue"]),
    }
    if all("at_default" in run for run in runs):
        row["performance_at_default"] = round(
            100
            * statistics.median(
                run["at_default"]["categories"]["performance"]["score"] for run in runs
            )
        )
    return row


def table(rows: list[dict]) -> str:
    """lighthouse.md: one row per page and form factor, with the target each score misses.

    The links are to the pages' sources, relative to docs/performance/this-site.md, which
    includes the table.
    """
    lines = [
        "| page | screen | performance | range | at 4x | accessibility | best practices | SEO | "
        + " | ".join(METRICS.values())
        + " | fetched | elements | host's benchmark index | slowed down |",
        "| --- | --- | --: | --: | --: | --: | --: | --: | "
        + " | ".join("--:" for _ in METRICS)
        + " | --: | --: | --: | --: |",
    ]
    for row in rows:
        scores = []
        for key, target in TARGETS.items():
            value = row["scores"][key]
            scores.append(f"{value}" if value >= target else f"**{value}** (< {target})")
        low, high = row["performance_range"]
        timings = [f"{row['timings_ms'][key] / 1000:.1f} s" for key in METRICS]
        timings[-1] = f"{row['timings_ms']['total-blocking-time']} ms"
        at_default = row.get("performance_at_default", "-")
        lines.append(
            f"| [{row['page']}](../{row['source']}) | {row['form_factor']} | {scores[0]} | "
            f"{low}-{high} | {at_default} | {' | '.join(scores[1:])} | {' | '.join(timings)} | "
            f"{row['fetched_bytes'] / 1000:.0f} kB | {row['elements']:,} | "
            f"{row['benchmark_index']} | {row['slowdown']:.1f}x |"
        )
    return "\n".join(lines) + "\n"


def search_index_bytes(site: Path) -> int:
    """The size of the site's search index as served (gzip-compressed, as ``GzipHandler``
    sends it): what opening the search fetches, on top of a page load."""
    return len(gzip.compress((site / "search" / "search_index.json").read_bytes()))


def write_results(rows: list[dict], started: datetime.datetime, site: Path) -> None:
    """lighthouse.json and lighthouse.md in docs/performance/results/."""
    runs = rows[0]["runs"] if rows else 0
    described = describe_machine()
    machine = {
        "date": started.date().isoformat(),
        "processor": described.cpu,
        "cores": described.cores,
        "runs_per_page": runs,
        "lighthouse": rows[0]["lighthouse"] if rows else None,
        "search_index_bytes": search_index_bytes(site),
    }
    note = (
        f"\nLighthouse {machine['lighthouse']} on {machine['date']}, {machine['processor']}, "
        f"{machine['cores']} cores; median of {runs} runs per page and screen, a score "
        "in bold misses its target. Of each kind of page the audit takes the one with the "
        'most elements as built (column "elements"). The timings are '
        "Lighthouse's simulation of a mid-range phone on a slow 4G network (on the "
        "desktop screen, of a desktop on a fast one), from the run with the median "
        "performance score, as is what the page load fetched (compressed, as sent). "
        "The phone is this machine's processor slowed down as many times as the last "
        "column says, the factor Lighthouse's documentation gives for the host's "
        'benchmark index measured in the same run (the column before it); "at 4x" is '
        "the median performance score of the same loads with Lighthouse's default "
        "factor, 4, which is right for a host of index 1533.\n"
    )
    write_texts(
        RESULTS,
        {
            "lighthouse.json": json.dumps({"machine": machine, "pages": rows}, indent=2) + "\n",
            "lighthouse.md": table(rows) + note,
        },
    )


def main() -> int:
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        sys.exit("no built site: run make build first")
    base = serve(site)
    started = datetime.datetime.now(datetime.UTC)
    missed = []
    rows = []
    pages = pages_to_audit(site)
    screens = [(name, form_factor) for name in pages for form_factor in ("mobile", "desktop")]
    runs: dict[tuple[str, str], list[dict]] = {screen: [] for screen in screens}
    for run in range(RUNS):
        for name, form_factor in screens:
            path = site_path(pages[name])
            print(f"run {run + 1} of {RUNS}: {name} /{path} ({form_factor})", flush=True)
            runs[name, form_factor].append(audit(base + path, f"{name}-{run}", form_factor))
    for name, form_factor in screens:
        elements = element_count(built_page(site, pages[name]))
        row = summary(name, pages[name], form_factor, runs[name, form_factor], elements)
        rows.append(row)
        result = median_run(runs[name, form_factor])
        scores = row["scores"]
        low, high = row["performance_range"]
        print(
            f"{name:12} {form_factor:8}"
            + "  ".join(f"{k} {v}" for k, v in scores.items())
            + f"  (performance {low}-{high} in {RUNS} runs"
            + (
                f", {row['performance_at_default']} at 4x"
                if "performance_at_default" in row
                else ""
            )
            + f"; benchmark index {row['benchmark_index']}, slowed down {row['slowdown']:.1f}x)"
        )
        for key, value in scores.items():
            if value < TARGETS[key]:
                missed.append(f"{name} ({form_factor}) {key} {value} < {TARGETS[key]}")
        for key in TARGETS:
            for ref in result["categories"][key]["auditRefs"]:
                found = result["audits"][ref["id"]]
                if ref["weight"] and found["score"] is not None and found["score"] < 1:
                    shown = found.get("displayValue", "")
                    print(f"            - {key}: {found['title']} {shown}".rstrip())
    write_results(rows, started, site)
    print(f"wrote {RESULTS.relative_to(ROOT)}/lighthouse.json and lighthouse.md")
    if missed:
        print("below target: " + "; ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
