"""Every page of the built site loads its scripts deferred (overrides/main.html).

A script without ``defer`` at the end of a page is still fetched at high priority, as
something the first paint may wait for; deferred, it runs at the same point (once the page
is parsed, in page order) and the page's stylesheets come first. The browser suite shows
that the scripts still run: dark mode, search, the quizzes and the copy buttons.
"""

from __future__ import annotations

import re

SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>", re.IGNORECASE)
SOURCE = re.compile(r"""\bsrc\s*=\s*["'](?P<src>[^"']+)""", re.IGNORECASE)
DEFERRED = re.compile(r"\b(?:defer|async)\b|\btype\s*=\s*[\"']module[\"']", re.IGNORECASE)


def scripts_of(html: str) -> list[tuple[str, bool]]:
    """Each ``<script src>`` of a page: its address, and whether it waits for the parse."""
    found = []
    for tag in SCRIPT.finditer(html):
        source = SOURCE.search(tag["attributes"])
        if source:
            found.append((source["src"], bool(DEFERRED.search(tag["attributes"]))))
    return found


def test_scripts_of_reads_each_tag():
    html = (
        '<script src="a.js"></script><script>inline()</script>'
        '<script defer src="b.js"></script><script type="module" src="c.js"></script>'
    )
    assert scripts_of(html) == [("a.js", False), ("b.js", True), ("c.js", True)]


def test_every_script_of_every_page_is_deferred(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    blocking = {}
    bundles = 0
    for page in pages:
        scripts = scripts_of(page.read_text(encoding="utf-8"))
        bundles += any("assets/javascripts/bundle." in src for src, _ in scripts)
        late = [src for src, deferred in scripts if not deferred]
        if late:
            blocking[page.relative_to(built_site).as_posix()] = late
    assert not blocking, f"scripts without defer: {dict(list(blocking.items())[:5])}"
    # Material's own script is among them on every page (the override kept it).
    assert bundles == len(pages)
