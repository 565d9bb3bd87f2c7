"""MkDocs hook: after the build, every link, anchor and image inside the site must resolve.

MkDocs validates the links of Markdown pages (``validation:`` in mkdocs.yml makes them
errors under --strict), but not what it never parses: the HTML that mkdocs-jupyter makes
from a notebook (a notebook's Markdown link to a missing lesson, or to a missing anchor, or
an image that does not exist, would ship as it is), nor a Markdown link to an anchor inside
a notebook page. This hook reads every built page once the site is written, resolves each
``href`` and ``src`` that stays inside the site, and fails the build naming the page and
the link when the file or the anchor is missing.

A link to a page that ``exclude_docs`` leaves out is MkDocs' own business (it reports it
at INFO and writes no page): the test suite's quick builds exclude the notebooks this way.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError

# Read with regular expressions, not an HTML parser: notebook pages are large (styles and
# embedded figures), and a parser spent seconds per build on them.
# An id (or a link's name) is the attribute after whitespace; looked for as "id=" and
# "name=", whose preceding character is then checked: a pattern that starts with "\s"
# tries every space of the page, and took 0.26 s of a warm build where these take 0.05 s.
IDS = (re.compile(r"""id=["']([^"']+)["']"""), re.compile(r"""name=["']([^"']+)["']"""))
LINK = re.compile(r"""<(a|img|source|link|script)\b[^>]*?\s(?:href|src)=["']([^"']*)["']""")
STYLE_OR_SCRIPT = re.compile(r"<(style|script)\b[^>]*>.*?</\1>", re.DOTALL)


class _Page:
    """A built page's ids and the (tag, target) of every link it makes."""

    def __init__(self, path: Path) -> None:
        self.text = path.read_text(encoding="utf-8", errors="replace")
        self.links = [(tag, html.unescape(target)) for tag, target in LINK.findall(self.text)]
        self._ids: set[str] | None = None

    @property
    def ids(self) -> set[str]:
        """The page's ids, read the first time a link asks for an anchor in it."""
        if self._ids is None:
            body = STYLE_OR_SCRIPT.sub("", self.text)
            self._ids = {
                html.unescape(match[1])
                for pattern in IDS
                for match in pattern.finditer(body)
                if body[match.start() - 1 : match.start()].isspace()
            }
        return self._ids


@functools.cache
def _target_file(site: Path, resolved: str, is_folder: bool) -> Path | None:
    """The file a link resolves to (a folder's index.html), or None when there is none."""
    file = site / resolved
    if is_folder or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def broken_links(
    site: Path, base_path: str = "/", excluded: frozenset[str] = frozenset()
) -> list[str]:
    """Every internal link of every page under ``site`` whose file or anchor is missing.

    ``base_path`` is the path of ``site_url`` (``/nn-course-notes/``): links that start
    with it are read relative to the site's root. ``excluded`` holds the site paths (no
    trailing slash) of pages left out of the build on purpose; links to them are skipped.
    """
    _target_file.cache_clear()  # a rebuild (mkdocs serve) may have added or removed files
    pages = {path: _Page(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for page, parsed in pages.items():
        page_url = page.relative_to(site).as_posix()
        if page_url == "404.html":  # served at any depth; its links are root-relative
            continue
        for tag, target in parsed.links:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "data:")):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                if not path.startswith(base_path):
                    problems.append(f"{page_url}: <{tag}> {target!r} leaves the site")
                    continue
                resolved = path[len(base_path) :]
            elif path:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))
            else:
                resolved = page_url  # "#anchor" on the same page
            file = _target_file(site, resolved, path.endswith("/"))
            if file is None and resolved in excluded:
                continue
            if file is None:
                problems.append(f"{page_url}: <{tag}> {target!r} points at nothing")
                continue
            anchor = unquote(parts.fragment)
            if anchor and file.suffix == ".html":
                target_page = pages.get(file) or _Page(file)
                if anchor not in target_page.ids:
                    problems.append(
                        f"{page_url}: <{tag}> {target!r}: {file.relative_to(site).as_posix()} "
                        f"has no anchor #{anchor}"
                    )
    return problems


_excluded_pages: frozenset[str] = frozenset()


def on_env(env, config, files):
    """Note the pages ``exclude_docs`` leaves out (their inclusion is known only now)."""
    global _excluded_pages
    _excluded_pages = frozenset(
        posixpath.normpath(file.url) if file.url else "."
        for file in files
        if file.is_documentation_page() and file.inclusion.is_excluded()
    )
    return env


def on_post_build(config):
    base_path = urlsplit(config.site_url or "/").path or "/"
    if not base_path.endswith("/"):
        base_path += "/"
    problems = broken_links(Path(config.site_dir), base_path, _excluded_pages)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise PluginError(f"{len(problems)} broken link(s) in the built site:\n  {shown}{more}")
