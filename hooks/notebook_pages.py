"""MkDocs hook: finish the pages that mkdocs-jupyter makes from the .ipynb files in docs/.

Under each notebook page's title it adds two links: download the notebook (the plugin's
``include_source`` copies the .ipynb next to the page) and open it in Colab, which reads
the notebook from the GitHub repository named by ``repo_url``, on the branch named by
``edit_uri``. It also fails the build when a notebook shows an image without alt text:
nbconvert writes ``<img>`` without ``alt`` for plain matplotlib output, so figures must
be shown with ``coursecode.presentation.notebook_display.show_figure``. (nbconvert fills
a missing alt with a placeholder sentence, which says nothing about the figure; it counts
as missing.)

It also makes a notebook page read like a lesson page:

* the plugin's stylesheets (about 595 KB, the same on every notebook page: JupyterLab's
  whole theme) are cut out of the page and written once, to
  ``assets/stylesheets/notebook.<hash>.css`` (the course PDF links that one). When the
  page is written whole (on_post_build, after prerender_math.py has put its Markdown cells
  back), it links instead, from <head>, that stylesheet cut down to the rules whose
  classes and ids occur in the page and the custom properties something reads
  (``hooks/_unused_css.py``), also written as ``notebook.<hash>.css``: about 19 KB of the
  595 KB, all of which would block the page's first paint;
* code cells become Material's code blocks (same colours, font and copy button as the
  lessons), without the plugin's own copy button, which covered the first line;
* a Markdown cell that is a quote starting with a bold "What you will learn" or "Key
  takeaways" becomes the same box as on a lesson (``!!! abstract``, ``!!! success``),
  while Jupyter and Colab show it as a quote;
* figures (PNG inside the page as ``data:`` addresses) are written next to the page as
  files, so the page is smaller and a figure can be opened full size
  (hooks/figure_links.py links it);
* the Tab key no longer stops at every cell: nbconvert gives each cell's input and each
  output ``tabindex="0"`` (57 stops on the deep-network notebook), with no name for a
  screen reader to say, so a keyboard user tabbed through every Markdown cell. What
  scrolls sideways still takes the focus (``docs/javascripts/accessibility.js``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
from pathlib import Path, PurePosixPath

# A helper module beside this hook: MkDocs puts hooks/ on sys.path while it loads a hook.
import _unused_css
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

GITHUB = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")
BRANCH_IN_EDIT_URI = re.compile(r"^(?:edit|blob)/(?P<branch>[^/]+)/")
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"
FIRST_H1_END = re.compile(r"</h1>", re.IGNORECASE)

# A <style> element is found by its start tag and then its end tag, not by one pattern with
# ".*?" between them, which tested for the end tag at each of the 595 KB (0.2 s per build).
STYLE_START = re.compile(r"<style\b[^>]*>", re.IGNORECASE)
STYLE_END = re.compile(r"</style\s*>\s*", re.IGNORECASE)
SHARED_CSS = "assets/stylesheets/notebook.{digest}.css"
SHARED_CSS_LINK = re.compile(
    r'<link rel="stylesheet" '
    r'href="(?:\.\./)*(?P<path>assets/stylesheets/notebook\.[0-9a-f]+\.css)">'
)
# The plugin's scripts that the rewritten page no longer needs: its copy button (Material's
# replaces it), an empty <script src="">, a MathJax configuration (formulas are typeset at
# build time, hooks/prerender_math.py), and nbconvert's loader of Mermaid diagrams, 11.6 KB
# on every notebook page before its first cell, which would fetch Mermaid from a CDN (no
# notebook draws one; the site fetches nothing from elsewhere).
DEAD_SCRIPTS = re.compile(
    r"<script\b[^>]*>\s*\(function \(global, factory\).*?</script>\s*"
    r"|<script>\s*document\.addEventListener\('clipboard-copy'.*?</script>\s*"
    r'|<script src="">\s*</script>\s*'
    r'|<script type="text/x-mathjax-config">.*?</script>\s*'
    r'|<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{'
    r'\s*const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>\s*',
    re.DOTALL,
)
# A code cell's input as the plugin writes it: its copy button, the highlighted code, and a
# hidden copy of the source for that button.
COPY_BUTTON = re.compile(
    r'<div class="zeroclipboard-container">\s*<clipboard-copy\b.*?</clipboard-copy>\s*</div>\s*',
    re.DOTALL,
)
COPY_SOURCE = re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>\s*', re.DOTALL)
HIGHLIGHTED = re.compile(
    r'<div class="highlight-ipynb hl-(?P<language>[\w+-]+)"(?P<attributes>[^>]*)>'
    r"<pre>(?P<code>.*?)</pre></div>",
    re.DOTALL,
)
BOX = re.compile(
    r"<blockquote>\s*<p>\s*<strong>(?P<title>What you will learn|Key takeaways)</strong>\s*</p>"
    r"(?P<body>.*?)</blockquote>",
    re.DOTALL,
)
BOX_TYPES = {"What you will learn": "abstract", "Key takeaways": "success"}
# nbconvert's stops of the Tab key: each cell's input and each output.
TAB_STOP = re.compile(
    r'(<div class="(?:jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"[^>]*?)'
    r' tabindex="0"'
)
DATA_PNG = re.compile(r'src="data:image/png;base64,(?P<data>[A-Za-z0-9+/=\s]+)"')


def has_alt_text(img_tag: str) -> bool:
    match = ALT.search(img_tag)
    alt = (match["double"] or match["single"] or "").strip() if match else ""
    return bool(alt) and alt != NBCONVERT_PLACEHOLDER


def is_notebook_page(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def colab_url(config, src_uri: str) -> str:
    """Colab's address for the notebook ``src_uri`` (relative to docs_dir) in the repository."""
    match = GITHUB.match(config.repo_url or "")
    if not match:
        raise PluginError(
            f"repo_url must be a GitHub repository (https://github.com/<owner>/<repo>) for the "
            f"notebooks' 'Open in Colab' links, got {config.repo_url!r}"
        )
    branch_match = BRANCH_IN_EDIT_URI.match(config.edit_uri or "")
    branch = branch_match["branch"] if branch_match else "main"
    docs_dir = Path(config.docs_dir).resolve()
    root = Path(config.config_file_path).resolve().parent
    path = PurePosixPath(docs_dir.relative_to(root).as_posix()) / src_uri
    return (
        f"https://colab.research.google.com/github/{match['owner']}/{match['repo']}"
        f"/blob/{branch}/{path}"
    )


def write_stylesheet(css: str, config) -> str:
    """Write ``css`` to the site as ``notebook.<hash>.css`` unless it is there; its name."""
    name = SHARED_CSS.format(digest=hashlib.sha256(css.encode()).hexdigest()[:12])
    target = Path(config.site_dir) / name
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")
    return name


def style_elements(html_content: str) -> list[tuple[int, int, int, int]]:
    """Each <style> element: where it starts, where its CSS starts and ends, where it ends
    (with the white space after it)."""
    found = []
    position = 0
    while (start := STYLE_START.search(html_content, position)) is not None:
        end = STYLE_END.search(html_content, start.end())
        if end is None:
            raise PluginError(f"a <style> element is not closed: {start.group(0)!r}")
        found.append((start.start(), start.end(), end.start(), end.end()))
        position = end.end()
    return found


def shared_stylesheet(html_content: str, page, config) -> str:
    """Cut the page's <style> blocks out, write them once to a file, and link that file."""
    elements = style_elements(html_content)
    if not elements:
        return html_content
    css = "\n".join(
        html_content[css_start:css_end].strip() for _, css_start, css_end, _ in elements
    )
    name = write_stylesheet(css + "\n", config)
    link = f'<link rel="stylesheet" href="{html.escape(get_relative_url(name, page.url))}">'
    pieces, last = [], 0
    for start, _, _, end in elements:
        pieces.append(html_content[last:start])
        last = end
    pieces.append(html_content[last:])
    return pieces[0] + link + "".join(pieces[1:])


def material_code_blocks(html_content: str) -> str:
    """The plugin's code cells as Material writes code blocks (its colours, its copy button)."""
    html_content = COPY_BUTTON.sub("", html_content)
    html_content = COPY_SOURCE.sub("", html_content)
    return HIGHLIGHTED.sub(
        lambda m: (
            f'<div class="language-{m["language"]} highlight"{m["attributes"]}><pre>'
            f"<code>{m['code']}</code></pre></div>"
        ),
        html_content,
    )


def lesson_boxes(html_content: str) -> str:
    """Quotes that start with a bold "What you will learn" or "Key takeaways" as Material boxes."""
    return BOX.sub(
        lambda m: (
            f'<div class="admonition {BOX_TYPES[m["title"]]}">'
            f'<p class="admonition-title">{m["title"]}</p>{m["body"].strip()}</div>'
        ),
        html_content,
    )


def without_tab_stops(html_content: str) -> str:
    """The cells and outputs without nbconvert's ``tabindex="0"``."""
    return TAB_STOP.sub(r"\1", html_content)


def figure_files(html_content: str, page, config) -> str:
    """Write each PNG shown inside the page to a file next to it; point the <img> there.

    The <img> also loads lazily: a figure is fetched when it nears the screen, and the one
    drawn for the other colour scheme, hidden, not at all. Lighthouse's simulated phone
    counts figures fetched before the largest paint as part of it: on the quick-tour
    notebook, five runs scored 93-97 with lazy figures against 74-93 in six without; a
    later make audit still scored it 81-91, the search index then in the figures' place.
    """
    folder = Path(config.site_dir) / PurePosixPath(page.file.dest_uri).parent

    def write(match: re.Match) -> str:
        png = base64.b64decode(match["data"])
        name = f"figure-{hashlib.sha256(png).hexdigest()[:12]}.png"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(png)
        return f'loading="lazy" src="{name}"'

    return DATA_PNG.sub(write, html_content)


def on_page_content(html_content, page, config, files):
    if not is_notebook_page(page):
        return html_content

    missing = [tag[:80] for tag in IMG.findall(html_content) if not has_alt_text(tag)]
    if missing:
        raise PluginError(
            f"{page.file.src_uri}: {len(missing)} image(s) without alt text, e.g. "
            f"{missing[0]!r}... Show figures with "
            "coursecode.presentation.notebook_display.show_figure"
        )

    name = PurePosixPath(page.file.src_uri).name
    links = (
        '<p class="notebook-links">'
        f'<a class="md-button" href="{html.escape(name)}" download>'
        "Download the notebook (.ipynb)</a> "
        f'<a class="md-button" href="{html.escape(colab_url(config, page.file.src_uri))}">'
        "Open in Colab</a></p>"
    )
    html_content = shared_stylesheet(html_content, page, config)
    html_content = DEAD_SCRIPTS.sub("", html_content)
    html_content = material_code_blocks(html_content)
    html_content = lesson_boxes(html_content)
    html_content = without_tab_stops(html_content)
    html_content = figure_files(html_content, page, config)
    heading = FIRST_H1_END.search(html_content)
    if heading is None:
        return links + html_content
    return html_content[: heading.end()] + links + html_content[heading.end() :]


# Each page's cut stylesheet is kept in .cache/notebook-css/, keyed on what decides it: the
# whole stylesheet, the page's classes, ids and var() reads, our stylesheets and the code
# that cuts. A build whose notebook pages keep their classes parses no CSS (0.3 s). A full
# build deletes the entries it did not use.
CACHE = Path(".cache") / "notebook-css"
CUTTER_DIGEST = hashlib.sha256(Path(_unused_css.__file__).read_bytes()).hexdigest()
_parsed: dict[str, object] = {}  # the whole stylesheet, parsed, by its digest
_pages: list = []  # this build's notebook pages, cut down in on_post_build
_dirty = False  # mkdocs serve --dirty: a rebuild sees only some pages, so keeps the cache
# Classes that Material's JavaScript gives the page when it loads: it wraps tables in them.
RUNTIME_CLASSES = {".md-typeset__scrollwrap", ".md-typeset__table"}


@functools.lru_cache(maxsize=64)
def digest(text: str) -> str:
    """The SHA-256 of ``text``; the whole stylesheet and extra_css come back page after page."""
    return hashlib.sha256(text.encode()).hexdigest()


def our_stylesheets(config) -> str:
    """The text of extra_css, which may read the notebook stylesheet's custom properties."""
    docs = Path(config.docs_dir)
    return "\n".join(
        (docs / str(path)).read_text(encoding="utf-8")
        for path in config.extra_css
        if (docs / str(path)).is_file()
    )


def cut_stylesheet(css: str, output: str, readers: str, cache: Path, used: set[str]) -> str:
    """``css`` cut down to what the page ``output`` can use, from the cache when it is there."""
    tokens = _unused_css.page_tokens(output) | RUNTIME_CLASSES
    reads = set(_unused_css.VAR.findall(output))
    parts = [digest(css), " ".join(sorted(tokens)), " ".join(sorted(reads))]
    key = digest("\0".join([*parts, digest(readers), CUTTER_DIGEST]))[:32]
    used.add(f"{key}.css")
    entry = cache / f"{key}.css"
    if entry.is_file():
        return entry.read_text(encoding="utf-8")
    if digest(css) not in _parsed:
        _parsed[digest(css)] = _unused_css.Stylesheet(css)
    cut = _parsed[digest(css)].for_page(output, readers, RUNTIME_CLASSES)
    cache.mkdir(parents=True, exist_ok=True)
    entry.write_text(cut, encoding="utf-8")
    return cut


def on_startup(command, dirty):
    global _dirty
    _dirty = dirty


def on_pre_build(config):
    _pages.clear()


def on_post_page(output, page, config):
    if is_notebook_page(page):
        _pages.append(page)
    return output


HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" [^>]*>')


def in_head(output: str, link: str) -> str:
    """``output`` with ``link`` after the last stylesheet of its <head>.

    In <head> rather than where the plugin put it, in the page's content: the browser
    finds it sooner.
    """
    head_end = HEAD_END.search(output)
    if head_end is None:
        raise PluginError(f"a notebook page has no </head>: {output[:80]!r}")
    stylesheets = list(STYLESHEET_LINK.finditer(output, 0, head_end.start()))
    at = stylesheets[-1].end() if stylesheets else head_end.start()
    return output[:at] + "\n" + link + output[at:]


# After prerender_math.py's on_post_build (it comes first in mkdocs.yml), which puts the
# notebook pages' Markdown cells back, and before check_links.py's, which checks the link:
# each page links, instead of the whole notebook stylesheet, what it can use of it.
def on_post_build(config):
    site = Path(config.site_dir)
    cache = Path(config.config_file_path).resolve().parent / CACHE
    readers = our_stylesheets(config)
    used: set[str] = set()
    whole: dict[str, str] = {}  # each whole stylesheet, by its path in the site, read once
    for page in _pages:
        path = site / page.file.dest_uri
        output = path.read_text(encoding="utf-8")
        link = SHARED_CSS_LINK.search(output)
        if link is None:
            continue
        if link["path"] not in whole:
            whole[link["path"]] = (site / link["path"]).read_text(encoding="utf-8")
        cut = cut_stylesheet(whole[link["path"]], output, readers, cache, used)
        href = html.escape(get_relative_url(write_stylesheet(cut, config), page.url))
        linked = f'<link rel="stylesheet" href="{href}">'
        path.write_text(in_head(output[: link.start()] + output[link.end() :], linked), "utf-8")
    if not _dirty and cache.is_dir():
        for entry in cache.iterdir():
            if entry.name not in used:
                entry.unlink()
