"""Lighthouse scores of the built site, served locally: ``make audit``.

Audits each kind of page found in mkdocs.yml's nav (home, the first lesson of a week, the
first notebook, Performance, quiz and exercises pages) with Lighthouse 12
(tools/audit/package.json) driving Debian's Chromium, on Lighthouse's emulated phone and
on its desktop preset. Each page and preset is audited ``AUDIT_RUNS`` times (3 unless that
variable says otherwise): on this 2-core machine the performance score of one page moved
from 83 to 98 between two single runs, so the scores printed are the medians of the runs,
with the lowest and highest performance score beside them. The runs take turns (the first
run of every page, then the second, ...), so that a few slow minutes of a shared machine
fall on every kind of page rather than on one. Prints the audits that cost points in the
median run, and exits 1 when a median score misses its target. The site is served
gzip-compressed, as GitHub Pages serves it. Reports go to tools/audit/reports/ (ignored by
git), one per run.

Each row also gives Lighthouse's benchmark index of the host in the median run: its phone
is the host's processor slowed down four times, a setting Lighthouse made for hosts with an
index of 1500 to 2000, so a run on a slower host emulates a slower phone. And it gives
what the page load fetched, in compressed bytes as sent (Lighthouse's total byte weight).

The medians are also written to docs/performance/results/lighthouse.json and, as the table
the Performance page shows, lighthouse.md: committed, like the benchmark's results, so the
page shows the last audit rather than one typed by hand.
"""

from __future__ import annotations

import datetime
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
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


def pages_to_audit() -> dict[str, str]:
    """The source (under docs/) of the page audited for each kind of page."""
    sources = nav_sources()
    lessons = [
        s for s in sources if "/week-" in s and s.endswith(".md") and not s.endswith("index.md")
    ]
    notebooks = [s for s in sources if s.endswith((".ipynb", ".py"))]
    pages = {"home": "index.md"}
    if lessons:
        pages["lesson"] = lessons[0]
    if notebooks:
        # the heaviest kind of page: a notebook with its figures
        pages["notebook"] = notebooks[0]
    else:
        print("no notebook page in the nav: only the home page and a lesson are audited")
    kinds = {
        "performance": lambda s: s.startswith("performance/") and s.endswith(".md"),
        "quiz": lambda s: s.endswith("/quiz.md"),
        "exercises": lambda s: "/exercises/" in s and s.endswith(".md"),
    }
    for kind, matches in kinds.items():
        found = [s for s in sources if matches(s)]
        if found:
            pages[kind] = found[0]
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


def audit(url: str, name: str, form_factor: str) -> dict:
    REPORTS.mkdir(exist_ok=True)
    report = REPORTS / f"{name}-{form_factor}.json"
    preset = ["--preset=desktop"] if form_factor == "desktop" else []
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            *preset,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={FLAGS}",
            "--only-categories=" + ",".join(TARGETS),
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    return json.loads(report.read_text())


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


def summary(name: str, source: str, form_factor: str, runs: list[dict]) -> dict:
    """The medians of ``runs`` (Lighthouse reports of the page made from ``source``), as
    lighthouse.json keeps them.

    The scores are the median of each category; the timings are those of ``median_run``.
    """
    performance = [run["categories"]["performance"]["score"] for run in runs]
    middle = median_run(runs)
    return {
        "page": name,
        "source": source,
        "path": "/" + site_path(source),
        "form_factor": form_factor,
        "runs": len(runs),
        "lighthouse": runs[0]["lighthouseVersion"],
        "scores": {
            key: round(100 * statistics.median(run["categories"][key]["score"] for run in runs))
            for key in TARGETS
        },
        "performance_range": [round(100 * min(performance)), round(100 * max(performance))],
        "timings_ms": {key: round(middle["audits"][key]["numericValue"]) for key in METRICS},
        "benchmark_index": round(middle["environment"]["benchmarkIndex"]),
        # what the page load fetched, as sent (compressed): Lighthouse's total byte weight
        "fetched_bytes": round(middle["audits"]["total-byte-weight"]["numericValue"]),
    }


def table(rows: list[dict]) -> str:
    """lighthouse.md: one row per page and form factor, with the target each score misses.

    The links are to the pages' sources, relative to docs/performance/this-site.md, which
    includes the table.
    """
    lines = [
        "| page | screen | performance | range | accessibility | best practices | SEO | "
        + " | ".join(METRICS.values())
        + " | fetched | host's benchmark index |",
        "| --- | --- | --: | --: | --: | --: | --: | "
        + " | ".join("--:" for _ in METRICS)
        + " | --: | --: |",
    ]
    for row in rows:
        scores = []
        for key, target in TARGETS.items():
            value = row["scores"][key]
            scores.append(f"{value}" if value >= target else f"**{value}** (< {target})")
        low, high = row["performance_range"]
        timings = [f"{row['timings_ms'][key] / 1000:.1f} s" for key in METRICS]
        timings[-1] = f"{row['timings_ms']['total-blocking-time']} ms"
        lines.append(
            f"| [{row['page']}](../{row['source']}) | {row['form_factor']} | {scores[0]} | "
            f"{low}-{high} | {' | '.join(scores[1:])} | {' | '.join(timings)} | "
            f"{row['fetched_bytes'] / 1000:.0f} kB | {row['benchmark_index']} |"
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
        "in bold misses its target. The timings are "
        "Lighthouse's simulation of a mid-range phone on a slow 4G network (on the "
        "desktop screen, of a desktop on a fast one), from the run with the median "
        "performance score, as is what the page load fetched (compressed, as sent). "
        "The phone is this machine's processor slowed down four times, "
        "which Lighthouse made for a host whose benchmark index (last column, of the same "
        "run) is 1500 to 2000.\n"
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
    pages = pages_to_audit()
    screens = [(name, form_factor) for name in pages for form_factor in ("mobile", "desktop")]
    runs: dict[tuple[str, str], list[dict]] = {screen: [] for screen in screens}
    for run in range(RUNS):
        for name, form_factor in screens:
            path = site_path(pages[name])
            print(f"run {run + 1} of {RUNS}: {name} /{path} ({form_factor})", flush=True)
            runs[name, form_factor].append(audit(base + path, f"{name}-{run}", form_factor))
    for name, form_factor in screens:
        row = summary(name, pages[name], form_factor, runs[name, form_factor])
        rows.append(row)
        result = median_run(runs[name, form_factor])
        scores = row["scores"]
        low, high = row["performance_range"]
        print(
            f"{name:12} {form_factor:8}"
            + "  ".join(f"{k} {v}" for k, v in scores.items())
            + f"  (performance {low}-{high} in {RUNS} runs; benchmark index "
            + f"{row['benchmark_index']})"
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
