"""MkDocs hook: typeset every formula when the site is built, so pages ship no MathJax script.

MathJax 3 (the npm package) runs in Node, once per build, over the formulas of all pages
(tools/render-math.cjs), and its output replaces them in the built HTML: SVG drawn in the
text colour (so dark mode needs nothing), with the formula as hidden MathML for screen
readers. Pages then need no JavaScript and no web fonts for math, typeset nothing while
loading, and do not move when it is done.
(MathJax's other output, CommonHTML, measured worse with Lighthouse on a phone: its many
nested elements cost layout time, and its fonts shifted the text when they arrived.)

On a page of many formulas the SVG is the largest part of a phone's blocking time: a copy
of the backpropagation lesson with each formula's SVG replaced by an empty box of its size
scored 93 against 84 (blocking time 308 against 628 ms; Lighthouse at a fixed 6.5x,
medians of 3, 2026-12-05). Two other ways of drawing them, tried on that lesson and the
Performance page's Tricks, did not get that back, and are not used:

* each formula an SVG file of its own, drawn as a mask in the text colour: the lesson's
  HTML fell from 48 to 21 kB compressed, but its blocking time rose from 608 to 1,083 ms;
* each formula one ``<path>``, its glyphs' outlines placed at build time instead of drawn
  with ``<use>``: style work fell by a third, the time spent parsing the HTML did not, and
  Lighthouse moved within its noise (80 either way) for 30 kB more.

Which formulas: the elements a browser's MathJax would typeset with this configuration
(``MATHJAX["options"]``): pymdownx.arithmatex's spans and divs (``$...$`` and ``$$...$$``
in the Markdown pages, which arithmatex writes as ``\\(...\\)`` and ``\\[...\\]``), and the
Markdown cells of notebook pages, where ``$...$`` and ``$$...$$`` are found by MathJax
itself. A dollar sign anywhere else (a price, a shell prompt) stays text.

How: ``on_post_page`` cuts those elements out of each page and leaves placeholders;
``on_post_build`` sends them all to one Node process and writes the results into the pages:
the formulas, MathJax's small stylesheet (inline, in the head), and before the first formula
a hidden ``<svg>`` with the outline of each glyph the page uses, which the formulas draw
with ``<use>``.

Cache: each page's typeset formulas are kept in ``.cache/prerender-math/``, keyed on the
page's fragments (their TeX and the HTML around it), this configuration, the renderer and
the versions of MathJax and Node. A page whose formulas did not change is not sent to Node
again, so a rebuild under ``mkdocs serve`` typesets only what an edit changed; a build that
changes no formula runs no Node at all. Pages with a TeX error are never cached. A full
build deletes the entries it did not use.

Strict: a TeX error fails the build, naming the source page and the formula. MathJax's
``noundefined`` package is left out, so a misspelt macro is an error too.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import logging
import math
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from html.entities import html5
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.prerender_math")

# The MathJax configuration, as a browser's MathJax would be given it.
MATHJAX = {
    "tex": {
        # \( \) and \[ \] come from pymdownx.arithmatex; $ and $$ are found only inside
        # notebook Markdown cells, because only elements of processHtmlClass are typeset.
        "inlineMath": [["\\(", "\\)"], ["$", "$"]],
        "displayMath": [["\\[", "\\]"], ["$$", "$$"]],
        "processEscapes": True,
        "processEnvironments": True,
    },
    "options": {
        "ignoreHtmlClass": "md-.*",
        "processHtmlClass": "arithmatex|jp-MarkdownOutput|jp-RenderedMarkdown",
    },
    # SVG sizes are in ex, so formulas match the x-height of the text around them.
    "svg": {},
}
RENDERER = "tools/render-math.cjs"
CACHE = Path(".cache") / "prerender-math"
ARITHMATEX_MARKER = "arithmatex formulas typeset at build time:"

TYPESET_CLASS = re.compile(rf"^(?:{MATHJAX['options']['processHtmlClass']})$")
PLACEHOLDER = re.compile(r"<!--prerender-math:(?P<index>\d+)-->")
STYLE_PLACEHOLDER = "<!--prerender-math:style-->"
NAMED_ENTITY = re.compile(r"&(?P<name>[A-Za-z][A-Za-z0-9]*);")
# MathJax's HTML parser knows these without loading a file.
KNOWN_ENTITIES = {"amp", "lt", "gt", "quot"}


@dataclass(frozen=True)
class Fragment:
    """An element whose formulas MathJax typesets: ``html[start:end]`` of its page."""

    start: int
    end: int
    classes: tuple[str, ...]


# How the fragment finder reads a page: it finds the typeset class names with str.find, then
# reads the start tag around each one with regular expressions. html.parser, which read every
# tag of every page, made a warm build about 0.8 s longer; a regular expression that tested
# every tag for a class attribute, about 0.5 s. Comments and <script>/<style> elements are
# skipped whole, as html.parser skips their content.
TYPESET_NAMES = MATHJAX["options"]["processHtmlClass"].split("|")
if not all(re.fullmatch(r"[\w-]+", name) for name in TYPESET_NAMES):
    raise PluginError("processHtmlClass must list plain class names: they are found by str.find")
ATTRIBUTES = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""
SKIPPED = rf"<!--.*?-->|<(?P<raw>script|style)\b{ATTRIBUTES}>.*?</(?P=raw)\s*>"
SKIPPED_ELEMENT = re.compile(SKIPPED, re.DOTALL | re.IGNORECASE)
START_TAG = re.compile(
    rf"<(?P<tag>[a-zA-Z][\w:-]*)(?=[\s/>])(?P<attributes>{ATTRIBUTES})>", re.DOTALL
)
CLASS_ATTRIBUTE = re.compile(
    r"""(?:^|\s)class\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+))""",
    re.IGNORECASE,
)


def name_positions(page_html: str) -> list[int]:
    """Where a typeset class name occurs in ``page_html`` (in a tag or not), in order."""
    positions = []
    for name in TYPESET_NAMES:
        at = page_html.find(name)
        while at != -1:
            positions.append(at)
            at = page_html.find(name, at + len(name))
    return sorted(positions)


LOOK_BACK = 4096  # characters: how far start_tag_around looks past tags that end before


def start_tag_around(page_html: str, position: int) -> re.Match | None:
    """The start tag that ``position`` lies inside, or None when it lies in text.

    Looks back for a "<" that starts a tag reaching past ``position``. The nearest tag is
    not always it: a quoted attribute value may hold one (``title="<b>"``), so the search
    goes on past tags that end before ``position``, up to ``LOOK_BACK`` characters back.
    """
    end = position
    while (start := page_html.rfind("<", 0, end)) != -1:
        tag = START_TAG.match(page_html, start)
        if tag is not None and tag.end() > position:
            return tag
        if position - start > LOOK_BACK:
            return None
        end = start  # an end tag, a tag that ends before, or a "<" inside an attribute
    return None


@functools.cache
def same_tag(tag: str) -> re.Pattern:
    """Start and end tags named ``tag`` (and what to skip), inside an open fragment."""
    return re.compile(
        rf"{SKIPPED}|<(?P<end>/)?(?P<tag>{re.escape(tag)})(?=[\s/>])(?P<attributes>{ATTRIBUTES})>",
        re.DOTALL | re.IGNORECASE,
    )


def find_fragments(page_html: str) -> list[Fragment]:
    """The elements of ``page_html`` whose formulas MathJax typesets, in page order.

    Only outermost ones: a matching element inside another is typeset with it.
    """
    found: list[Fragment] = []
    opened: tuple[str, int, tuple[str, ...]] | None = None  # tag, start, classes
    depth = 0  # elements of that tag name open inside the fragment
    position = 0
    hits = iter(name_positions(page_html))
    skipped = [(m.start(), m.end()) for m in SKIPPED_ELEMENT.finditer(page_html)]
    while True:
        if opened is None:
            hit = next((at for at in hits if at >= position), None)
            if hit is None:
                break
            around = bisect.bisect_right(skipped, (hit, math.inf)) - 1
            if around >= 0 and skipped[around][1] > hit:  # in a comment, script or style
                position = skipped[around][1]
                continue
            token = start_tag_around(page_html, hit)
            if token is None:  # the name in text
                position = hit + 1
                continue
            position = token.end()
        else:
            token = same_tag(opened[0]).search(page_html, position)
            if token is None:
                break
            position = token.end()
            if token["tag"] is None:  # a comment, script or style
                continue
        closes_itself = token["attributes"].rstrip().endswith("/")
        if opened is None:
            match = CLASS_ATTRIBUTE.search(token["attributes"])
            value = (match["double"] or match["single"] or match["bare"] or "") if match else ""
            classes = tuple(value.split())
            if not any(TYPESET_CLASS.match(name) for name in classes):
                continue
            if closes_itself:
                found.append(Fragment(token.start(), token.end(), classes))
            else:
                opened, depth = (token["tag"].lower(), token.start(), classes), 0
        elif token["end"]:
            if depth:
                depth -= 1
            else:
                found.append(Fragment(opened[1], token.end(), opened[2]))
                opened = None
        elif not closes_itself:
            depth += 1
    if opened is not None:
        raise PluginError(f"unclosed <{opened[0]}> that holds formulas")
    return found


def numeric_entities(fragment: str) -> str:
    """Write named character references as numeric ones (MathJax in Node knows only a few)."""

    def replace(match: re.Match) -> str:
        name = match["name"]
        text = html5.get(f"{name};")
        if name in KNOWN_ENTITIES or text is None:
            return match.group(0)
        return "".join(f"&#x{ord(char):x};" for char in text)

    return NAMED_ENTITY.sub(replace, fragment)


@dataclass
class _Page:
    source: str  # the docs file, for error messages
    output: Path  # the built HTML file
    originals: list[str] = field(default_factory=list)  # as cut out of the page
    fragments: list[str] = field(default_factory=list)  # as handed to MathJax


_pages: list[_Page] = []
_dirty = False  # mkdocs serve --dirty: a rebuild sees only some pages, so keeps the cache


def on_startup(command, dirty):
    global _dirty
    _dirty = dirty


def on_pre_build(config):
    _pages.clear()


def renderer_key(root: Path) -> str:
    """A hash of everything besides the fragments that decides what MathJax writes."""
    digest = hashlib.sha256(json.dumps(MATHJAX, sort_keys=True).encode())
    digest.update((root / RENDERER).read_bytes())
    digest.update((root / "node_modules" / "mathjax" / "package.json").read_bytes())
    node = shutil.which("node")
    if node:
        status = Path(node).resolve().stat()
        digest.update(f"{Path(node).resolve()}\0{status.st_size}\0{status.st_mtime_ns}".encode())
    return digest.hexdigest()


def page_key(renderer: str, fragments: list[str]) -> str:
    """The cache entry of one page: its fragments, typeset by this renderer."""
    return hashlib.sha256(json.dumps([renderer, fragments]).encode()).hexdigest()[:32]


def on_post_page(output, page, config):
    fragments = find_fragments(output)
    if not fragments:
        return output
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    record = _Page(
        source=f"{docs}/{page.file.src_uri}",
        output=Path(config.site_dir) / page.file.dest_uri,
    )
    _pages.append(record)
    pieces, last = [], 0
    for index, fragment in enumerate(fragments):
        record.originals.append(output[fragment.start : fragment.end])
        record.fragments.append(numeric_entities(record.originals[-1]))
        pieces += [output[last : fragment.start], f"<!--prerender-math:{index}-->"]
        last = fragment.end
    pieces.append(output[last:])
    # The marker lets the browser tests know how many formulas to expect from arithmatex,
    # counted before MathJax has seen them (notebook formulas they count in the .ipynb).
    arithmatex = sum("arithmatex" in fragment.classes for fragment in fragments)
    marks = f"{STYLE_PLACEHOLDER}<!-- {ARITHMATEX_MARKER} {arithmatex} -->"
    result = "".join(pieces)
    head_end = result.find("</head>")
    if head_end == -1:
        raise PluginError(f"{record.source}: the page has no </head> for MathJax's stylesheet")
    return result[:head_end] + marks + result[head_end:]


def render(root: Path, pages: list[_Page]) -> dict:
    """Run tools/render-math.cjs on the fragments of ``pages``; its parsed answer."""
    request = {
        "config": MATHJAX,
        "pages": [{"page": p.source, "fragments": p.fragments} for p in pages],
    }
    try:
        run = subprocess.run(
            ["node", str(root / RENDERER)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            cwd=root,
        )
    except FileNotFoundError as error:
        raise PluginError("Node.js is needed to typeset the formulas: 'node' not found") from error
    if run.returncode not in (0, 1) or not run.stdout:
        raise PluginError(f"{RENDERER} failed (exit {run.returncode}):\n{run.stderr}")
    return json.loads(run.stdout)


def typeset(root: Path, pages: list[_Page]) -> tuple[dict, int]:
    """``render``'s answer for ``pages``, with each page taken from the cache when it can be.

    Returns the answer and the number of pages that came from the cache. Only the pages
    that are not in it go to Node (none at all when every page is); a full build then
    deletes the entries it did not use.
    """
    cache = root / CACHE
    renderer = renderer_key(root)
    keys = [page_key(renderer, record.fragments) for record in pages]
    stylesheet_file = cache / f"stylesheet-{renderer[:32]}.css"
    results: dict[int, dict] = {}
    if stylesheet_file.is_file():  # without it, every page is typeset again
        for number, key in enumerate(keys):
            entry = cache / f"{key}.json"
            if entry.is_file():
                results[number] = json.loads(entry.read_text(encoding="utf-8"))
    missing = [number for number in range(len(pages)) if number not in results]
    if missing:
        fresh = render(root, [pages[number] for number in missing])
        cache.mkdir(parents=True, exist_ok=True)
        stylesheet_file.write_text(fresh["stylesheet"], encoding="utf-8")
        for number, result in zip(missing, fresh["pages"], strict=True):
            results[number] = result
            if not result["errors"]:
                (cache / f"{keys[number]}.json").write_text(json.dumps(result), "utf-8")
    if not _dirty:
        used = {f"{key}.json" for key in keys} | {stylesheet_file.name}
        for entry in cache.iterdir():
            if entry.name not in used:
                entry.unlink()
    answer = {
        "stylesheet": stylesheet_file.read_text(encoding="utf-8"),
        "pages": [results[number] for number in range(len(pages))],
    }
    return answer, len(pages) - len(missing)


def one_line(tex: str) -> str:
    return " ".join(tex.split())


def where(root: Path, source: str, tex: str) -> str:
    """``source``, with the line the formula starts on when it can be found there verbatim."""
    path = root / source
    first = next((line.strip() for line in tex.splitlines() if line.strip()), "")
    if not first or path.suffix != ".md" or not path.is_file():
        return source
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if first in line:
            return f"{source}:{number}"
    return source


def on_post_build(config):
    if not _pages:
        return
    root = Path(config.config_file_path).resolve().parent
    if not (root / "node_modules" / "mathjax").is_dir():
        raise PluginError(
            "MathJax not found in node_modules: run 'npm ci' (the Makefile does this) first"
        )

    started = time.perf_counter()
    answer, from_cache = typeset(root, _pages)
    # The pages are written even when a formula has an error (MathJax shows it in a red
    # box), so that `mkdocs serve` shows it too; the build then fails.
    for record, result in zip(_pages, answer["pages"], strict=True):
        rendered = [
            typeset if typeset is not None else original
            for typeset, original in zip(result["fragments"], record.originals, strict=True)
        ]
        rendered[0] = result["glyphs"] + rendered[0]
        text = record.output.read_text(encoding="utf-8")
        text = PLACEHOLDER.sub(lambda m, r=rendered: r[int(m["index"])], text)
        text = text.replace(STYLE_PLACEHOLDER, f"<style>{answer['stylesheet']}</style>", 1)
        record.output.write_text(text, encoding="utf-8")
    problems = [
        f"{where(root, page['page'], error['tex'])}: {one_line(error['tex'])}: {error['message']}"
        for page in answer["pages"]
        for error in page["errors"]
    ]
    if problems:
        raise PluginError(
            f"{len(problems)} formula(s) MathJax cannot typeset:\n  " + "\n  ".join(problems)
        )
    count = sum(sum(page["formulas"]) for page in answer["pages"])
    log.info(
        "typeset %d formulas on %d pages in %.2f s (%d pages from the cache)",
        count,
        len(_pages),
        time.perf_counter() - started,
        from_cache,
    )
