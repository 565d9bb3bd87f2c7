"""MkDocs hook: a page load no longer makes the browser restyle the whole page.

Working out the style of every element costs a phone about 100 ms on a long page, and
after the page is parsed Material's script made the browser do it five times more, each
time for a change that alters nothing a reader sees. Traced in Chromium on the
Performance page (about 2,300 elements), the elements restyled while a page loads fell
from 12,040 to 3,960 once the first four were gone. What replaces each:

1. The classes Material's script and its focus-visible polyfill give ``<html>`` (``js``
   for ``no-js``, ``js-focus-visible``). Material's stylesheet has rules such as
   ``.md-typeset table:not([class]) td>:first-child``, so any change of any element's
   class attribute makes the browser restyle everything inside that element; for
   ``<html>``, the page. ``overrides/main.html`` sets both classes in ``<head>``, before
   there is a page to restyle; the script's own changes then change nothing.
2. Instant navigation, while the site used it, rewrote every relative link of ``<head>``
   as an absolute one, and a stylesheet whose ``href`` changes is applied again;
   ``overrides/main.html`` made them absolute while ``<head>`` was parsed. The site no
   longer uses instant navigation (mkdocs.yml), and nothing rewrites them.
3. Material's palette code adds a ``<meta name="color-scheme">`` and sets it to the
   colour scheme of the header, which makes the browser restyle the page twice, although
   both values it sets ("light" for the light scheme, "normal" for the dark one, which
   Material does not declare) draw the browser's own controls and scrollbars as having
   no meta at all does. ``on_post_build`` cuts the element out of the built script.
4. ``.md-typeset table:not([class])+*``: a rule whose last part is ``*`` after a sibling
   combinator makes every element inserted into the page's content restyle all of the
   content, and Material's script inserted one around each table. ``on_post_build`` cuts
   it from the built stylesheet: every table sits in a wrapper (5.), nothing follows it
   there, and the rule matched nothing.
5. Material's script moved every table without a class into a wrapper that scrolls
   sideways, and the browser restyled the whole table where it landed (the Performance
   page's table of 300 elements: about 46 ms of the phone's longest task, traced
   unthrottled). ``on_post_page`` writes the same wrapper around each such table of the
   page's content into the HTML (on a notebook page, ``on_post_build`` does, once
   prerender_math.py has put the Markdown cells back), and ``on_post_build`` cuts the
   moving from the script. Readers without JavaScript get the wrapper's spacing and
   scrolling too.

The palette switch's own restyles are ``palette_switch.py``'s. Each cut keeps the file's
length, and a file without the text to cut (a new version of Material) stops the build
(``_material_files.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

# hooks/ is on sys.path while MkDocs loads a hook (see notebook_cache.py)
from _material_files import one_asset, rewrite

COLOR_SCHEME_META = (
    'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
    "let o={};",  # the script then sets o.content, which nothing reads
)
TABLE_SIBLING_RULE = (".md-typeset table:not([class])+*{margin-top:1.5em}", "")
TABLE_WRAPPING = ('...M("table:not([class])",e).map(i=>ti(i)),', "")
MARK = "hooks/load_restyles.py"

# Material's own wrapper (its renderTable): a box that scrolls, around one that pads.
WRAP_BEFORE = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
WRAP_AFTER = "</div></div>"
TABLE_TAG = re.compile(r"<(/?)table\b([^>]*)>")
CONTENT = re.compile(r"<article\b.*</article>", re.DOTALL)

_notebook_pages: list[Path] = []  # their tables are wrapped once the page is whole


def wrap_tables(html: str) -> str:
    """``html`` with each ``<table>`` that has no class attribute in Material's wrapper, as
    its script wrapped every ``table:not([class])`` of the content (tables inside tables
    too); tables with a class (a notebook's data frames), and tables in the wrapper
    already, are left alone."""
    pieces = []
    wrapped: list[bool] = []  # for each table open at this point: was it wrapped?
    last = 0
    for tag in TABLE_TAG.finditer(html):
        closing, attributes = tag.group(1), tag.group(2)
        if closing:
            pieces.append(html[last : tag.end()])
            if wrapped and wrapped.pop():
                pieces.append(WRAP_AFTER)
        else:
            wrap = not re.search(r"\sclass\s*=", attributes) and not html.endswith(
                WRAP_BEFORE, 0, tag.start()
            )
            wrapped.append(wrap)
            pieces.append(html[last : tag.start()])
            pieces.append(WRAP_BEFORE if wrap else "")
            pieces.append(tag.group(0))
        last = tag.end()
    pieces.append(html[last:])
    return "".join(pieces)


def wrap_content_tables(output: str) -> str:
    """``output`` (a whole page) with the tables of its content wrapped (``wrap_tables``):
    the tables Material's script mounted, not the navigation's or the footer's."""
    return CONTENT.sub(lambda content: wrap_tables(content.group(0)), output, count=1)


def on_post_page(output, page, config):
    if page.file.src_uri.endswith(".ipynb"):
        # its Markdown cells are away (prerender_math.py) until on_post_build
        _notebook_pages.append(Path(config.site_dir) / page.file.dest_uri)
    return wrap_content_tables(output)


def on_post_build(config):
    for path in _notebook_pages:
        output = path.read_text(encoding="utf-8")
        wrapped = wrap_content_tables(output)
        if wrapped != output:
            path.write_text(wrapped, encoding="utf-8")
    _notebook_pages.clear()
    site = Path(config.site_dir)
    script = one_asset(site, "javascripts", "bundle.*.min.js", MARK)
    rewrite(script, [COLOR_SCHEME_META, TABLE_WRAPPING], MARK)
    rewrite(one_asset(site, "stylesheets", "main.*.min.css", MARK), [TABLE_SIBLING_RULE], MARK)
