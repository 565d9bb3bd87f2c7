"""MkDocs hook: draw the diagrams that pages ask for, as numbered figures of inline SVG.

A page asks for a diagram with a Markdown image on a line of its own, whose address is
``diagram:`` followed by a name registered in ``coursecode.presentation.diagrams``::

    ![The graph of $J = 3(a + bc)$, left to right.](diagram:computation-graph-forward)

The brackets hold the caption (Markdown, math included); the hook numbers the figures of
each page in order, "Figure 1:", "Figure 2:", ..., so the caption does not. The figure is
drawn when the site is built, by the package's own code, and inlined as SVG (its text is
text, and it is drawn in the page's text colour, so it follows dark mode); its alt text is
the one registered with the diagram.

An unknown name, an empty caption, or a line that looks like a diagram marker but is not
one stops the build, naming the page and the line. Markers inside fenced code blocks are
left alone.

How: ``on_page_markdown`` replaces each marker with a paragraph that starts with a token,
so Markdown still renders the caption; ``on_page_content`` replaces that paragraph with
the ``<figure>``. Each diagram is drawn once, however many pages show it, and kept in
``.cache/figures/``, keyed on the code of the whole package (syntax trees without
docstrings) and matplotlib's version: a later build, or a rebuild under ``mkdocs serve``
after a page or comment edit, reuses it. ``mkdocs serve`` imports the package once: after
editing a diagram's code, restart it (the new key then redraws it). The cache also lists
the registered names, so a build that finds every figure there never imports the diagrams
or matplotlib (about 0.3 s of a warm build).
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import json
import logging
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

# MkDocs puts hooks/ on sys.path while it loads a hook (tests/by_path.py does the same),
# so both hooks that use _source_digest import one copy of it, and share its cache.
import _source_digest
from mkdocs.exceptions import PluginError

from coursecode.presentation.inline_svg import InlineSvg

log = logging.getLogger("mkdocs.hooks.figures")

# Anything that looks like it was meant to be a marker ...
CANDIDATE = re.compile(r"\]\(\s*diagram:")
# ... and the one form that is one: the whole line, caption in the brackets.
MARKER = re.compile(
    r"^(?P<indent>[ \t]*)!\[(?P<caption>[^\]]*)\]\(diagram:(?P<name>[^)\s]*)\)\s*$"
)
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
NUMBERED_CAPTION = re.compile(r"^\s*(?:Figure|Fig\.)\s*\d*\s*[:.]", re.IGNORECASE)
TOKEN = "FIGURESLOT"
SLOT = re.compile(rf"<p>{TOKEN}(?P<number>\d+)X(?P<caption>.*?)</p>", re.DOTALL)


@dataclass(frozen=True)
class Slot:
    number: int
    name: str


_slots: dict[str, list[Slot]] = {}  # page src_uri -> its figures, in order
_drawn: dict[str, InlineSvg] = {}  # diagram name -> its SVG, for this build
_seconds = [0.0]
_cache: list[Path] = []  # the cache folder of the current code, set by on_pre_build
_names: list[str] = []  # the registered diagrams' names, read once per build


CACHE_ROOT = Path(".cache") / "figures"


def on_pre_build(config):
    _slots.clear()
    _drawn.clear()
    _names.clear()
    _seconds[0] = 0.0
    root = Path(config.config_file_path).resolve().parent
    key = _source_digest.package_digest(
        root / "src" / "coursecode", importlib.metadata.version("matplotlib").encode()
    )
    cache_root = root / CACHE_ROOT
    if cache_root.is_dir():
        for old in cache_root.iterdir():
            if old.name != key:
                shutil.rmtree(old, ignore_errors=True)
    _cache[:] = [cache_root / key]


def registered_names() -> list[str]:
    """The names of the registered diagrams, from the cache when the current code's has them."""
    if _names:
        return _names
    listed = _cache[0] / "names.json" if _cache else None
    if listed is not None and listed.is_file():
        _names[:] = json.loads(listed.read_text())
        return _names
    from coursecode.presentation.diagrams import DIAGRAMS

    _names[:] = sorted(DIAGRAMS)
    if listed is not None:
        listed.parent.mkdir(parents=True, exist_ok=True)
        listed.write_text(json.dumps(_names))
    return _names


def mark(markdown: str, page_name: str, source: str | None = None) -> tuple[str, list[Slot]]:
    """Replace each diagram marker of ``markdown`` by a slot paragraph; the slots, in order.

    ``page_name`` (the page's path under docs/) names the page in error messages, and
    ``source``, the page's file as written, gives their line numbers (other hooks may have
    changed ``markdown`` before this one; without ``source`` the lines are ``markdown``'s).
    """
    source_lines = (source or markdown).split("\n")
    lines = markdown.split("\n")
    slots: list[Slot] = []
    fence = None

    def fail(index: int, message: str):
        line = lines[index]
        number = source_lines.index(line) + 1 if line in source_lines else index + 1
        raise PluginError(f"{page_name}:{number}: {message}")

    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening["fence"][0] == fence[0] and len(opening["fence"]) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening["fence"]
            continue
        if not CANDIDATE.search(line):
            continue
        match = MARKER.match(line)
        if match is None:
            fail(
                index,
                f"malformed diagram marker {line.strip()!r}; write it on a line of its own as "
                "'![Caption.](diagram:name)'",
            )
        name, caption = match["name"], " ".join(match["caption"].split())
        known = registered_names()
        if name not in known:
            fail(
                index,
                f"unknown diagram {name!r}; registered in coursecode.presentation.diagrams: "
                f"{', '.join(known)}",
            )
        if not caption:
            fail(index, f"diagram {name!r} has no caption: write it in the [ ]")
        if NUMBERED_CAPTION.match(caption):
            fail(
                index,
                f"caption of diagram {name!r} starts with {caption.split(':')[0]!r}; the hook "
                "numbers figures itself, so write only the caption",
            )
        slots.append(Slot(number=len(slots) + 1, name=name))
        # a blank line before and after keeps the slot a paragraph of its own
        lines[index] = f"\n{match['indent']}{TOKEN}{len(slots)}X{caption}\n"
    return "\n".join(lines), slots


def draw(name: str) -> InlineSvg:
    if name in _drawn:
        return _drawn[name]
    cached = _cache[0] / f"{name}.json" if _cache else None
    if cached is not None and cached.is_file():
        _drawn[name] = InlineSvg(**json.loads(cached.read_text()))
        return _drawn[name]
    from coursecode.presentation.diagrams import render

    started = time.perf_counter()
    _drawn[name] = render(name)
    _seconds[0] += time.perf_counter() - started
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(dataclasses.asdict(_drawn[name])))
    return _drawn[name]


def figure_html(number: int, name: str, caption_html: str) -> str:
    """The ``<figure>`` for diagram ``name``, numbered ``number`` on its page."""
    svg = draw(name).with_id_prefix(f"figure-{number}-")
    return (
        f'<figure class="diagram" id="figure-{number}" data-diagram="{name}">'
        # hooks/search_exclude_code.py keeps the drawing's labels out of the search index
        f'<div class="diagram__drawing">{svg}</div>'
        f'<figcaption><span class="diagram__number">Figure {number}:</span> '
        f"{caption_html.strip()}</figcaption></figure>"
    )


def fill(content: str, slots: list[Slot], page_name: str) -> str:
    """Replace the slot paragraphs of a page's HTML by their figures."""
    found = []

    def replace(match: re.Match) -> str:
        number = int(match["number"])
        found.append(number)
        return figure_html(number, slots[number - 1].name, match["caption"])

    content = SLOT.sub(replace, content)
    missing = sorted({slot.number for slot in slots} - set(found))
    if missing or TOKEN in content:
        names = ", ".join(slots[n - 1].name for n in missing) or "?"
        raise PluginError(
            f"{page_name}: diagram marker(s) for {names} did not become a paragraph of their "
            "own; put the marker on its own line, with blank lines around it"
        )
    return content


def source_name(page, config) -> str:
    """The page's path from the project's root, as error messages name it."""
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    return f"{docs}/{page.file.src_uri}"


def on_page_markdown(markdown, page, config, files):
    markdown, slots = mark(markdown, source_name(page, config), page.file.content_string)
    if slots:
        _slots[page.file.src_uri] = slots
    return markdown


def on_page_content(html_content, page, config, files):
    slots = _slots.get(page.file.src_uri)
    if not slots:
        return html_content
    return fill(html_content, slots, source_name(page, config))


def on_post_build(config):
    _source_digest.save()  # the code digests of package_digest, for the next build
    if _drawn:
        log.info("drew %d diagrams in %.2f s", len(_drawn), _seconds[0])
