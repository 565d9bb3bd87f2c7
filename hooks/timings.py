"""MkDocs hook: replace ``<!-- timings: NAME -->`` on a page with timings measured now.

NAME is a key of ``coursecode.speed.timing.COMPARISONS`` (``dot_product``, ``matrix_vector``,
``exp``, ``gradients``). The placeholder becomes a table of the best time of each
implementation, stamped with the date, the processor, the number of cores and the NumPy
version, so no number on the site is typed by hand. The measuring is done by
``coursecode.speed.timing`` (tested there); this hook only calls it and formats the result.

Each comparison is measured once per process (``mkdocs serve`` reuses the numbers on every
live reload) and once per day: the results are kept in ``.cache/timings.json``, keyed on
the day, the machine (processor, cores, Python and NumPy) and the code of the package, so a
second build on the same day, machine and code shows the same table with the same stamp
instead of spending about 0.6 s measuring again. A clean checkout, as in CI, measures. An
unknown NAME, or a comment that starts like a placeholder but is not one, stops the build
with the page and the text.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import logging
import re
from pathlib import Path

# MkDocs puts hooks/ on sys.path while it loads a hook (tests/by_path.py does the same).
import _source_digest
from mkdocs.exceptions import PluginError

from coursecode.speed.timing import COMPARISONS, Comparison, Machine, Timing, describe_machine

log = logging.getLogger("mkdocs.hooks.timings")
TIMES = "\N{MULTIPLICATION SIGN}"

# Anything that looks like it was meant to be a placeholder ...
CANDIDATE = re.compile(r"<!--\s*timings?\b(?P<body>.*?)-->", re.DOTALL | re.IGNORECASE)
# ... and the one form that is one: "<!-- timings: name -->".
PLACEHOLDER = re.compile(r"<!-- timings: (?P<name>[a-z_]+) -->")

CACHE = Path(".cache") / "timings.json"

_measured: dict[str, tuple[Comparison, Machine, datetime.date]] = {}
_project: list[Path] = []  # the project's root, set by on_pre_build (no disk cache without)
_code: list[str] = []  # the digest of the package's code, once per build


def on_pre_build(config):
    _project[:] = [Path(config.config_file_path).resolve().parent]
    _code[:] = [_source_digest.package_digest(_project[0] / "src" / "coursecode")]


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def measure(name: str) -> tuple[Comparison, Machine, datetime.date]:
    """The comparison ``name``: measured once per process, and once per day on disk."""
    if name in _measured:
        return _measured[name]
    machine, day = describe_machine(), today()
    kept = _read_cache()
    key = _cache_key(name, machine, day)
    if key is not None and kept.get(name, {}).get("key") == key:
        comparison = _comparison_from_json(kept[name]["comparison"])
    else:
        comparison = COMPARISONS[name]()
        log.info(
            "timings %s: %s",
            name,
            ", ".join(
                f"{t.implementation} {format_seconds(t.seconds)}" for t in comparison.timings
            ),
        )
        if key is not None:
            kept[name] = {"key": key, "comparison": comparison._asdict()}
            cache = _project[0] / CACHE
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps(kept, indent=1))
    _measured[name] = (comparison, machine, day)
    return _measured[name]


def _cache_key(name: str, machine: Machine, day: datetime.date) -> str | None:
    """What a kept measurement of ``name`` must match: None when there is no disk cache."""
    if not _project:
        return None
    identity = json.dumps([name, _code[0], list(machine), day.isoformat()])
    return hashlib.sha256(identity.encode()).hexdigest()


def _read_cache() -> dict:
    if not _project:
        return {}
    with contextlib.suppress(OSError, ValueError):
        kept = json.loads((_project[0] / CACHE).read_text())
        if isinstance(kept, dict) and all(isinstance(entry, dict) for entry in kept.values()):
            return kept
    return {}  # none yet, or a broken one: measure again


def _comparison_from_json(kept: dict) -> Comparison:
    timings = tuple(Timing(*timing) for timing in kept["timings"])
    return Comparison(**{**kept, "timings": timings})


def format_seconds(seconds: float) -> str:
    """Three significant digits in the unit that suits: s, ms, µs or ns."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= 0.9995 * scale:  # so that 0.9999 s reads "1.00 s", not "1.00e+03 ms"
            return f"{seconds / scale:#.3g} {unit}".replace(". ", " ")
    return f"{seconds / 1e-9:#.3g} ns".replace(". ", " ")


def format_table(comparison: Comparison, machine: Machine, day: datetime.date) -> str:
    loop = comparison.timings[0].seconds
    rows = [
        "| implementation | best time per call | calls timed | compared with the loop |",
        "| --- | ---: | ---: | ---: |",
    ]
    for timing in comparison.timings:
        ratio = loop / timing.seconds
        relative = (
            f"1{TIMES}" if timing is comparison.timings[0] else f"{ratio:,.0f}{TIMES} faster"
        )
        if timing is not comparison.timings[0] and ratio < 10:
            relative = f"{ratio:.1f}{TIMES} faster"
        rows.append(
            f"| `{timing.implementation}` | {format_seconds(timing.seconds)} "
            f"| {timing.runs} | {relative} |"
        )
    blas = ""
    if comparison.blas_threads is not None:
        threads = comparison.blas_threads
        blas = f" (its BLAS library limited to {threads} thread{'s' if threads != 1 else ''})"
    stamp = (
        f"Measured by the site's build on {day.isoformat()} on {machine.cpu} "
        f"({machine.cores} core{'s' if machine.cores != 1 else ''} available, shared with "
        f"other work), Python {machine.python}, NumPy {machine.numpy}{blas}: "
        f"{comparison.task}. The results agree to a relative difference of "
        f"{comparison.largest_difference:.1e}."
    )
    return "\n".join(rows) + "\n\n" + stamp


def render(markdown: str, page_name: str) -> str:
    """Replace every placeholder in ``markdown``; ``page_name`` is used in error messages."""

    def replace(match: re.Match) -> str:
        exact = PLACEHOLDER.fullmatch(match.group(0))
        if exact is None:
            raise PluginError(
                f"{page_name}: malformed timings placeholder {match.group(0)!r}; "
                "write it as '<!-- timings: NAME -->'"
            )
        name = exact["name"]
        if name not in COMPARISONS:
            raise PluginError(
                f"{page_name}: unknown timings placeholder {match.group(0)!r}; "
                f"NAME must be one of {sorted(COMPARISONS)}"
            )
        return "\n" + format_table(*measure(name)) + "\n"

    return CANDIDATE.sub(replace, markdown)


def on_page_markdown(markdown, page, config, files):
    return render(markdown, page.file.src_uri)
