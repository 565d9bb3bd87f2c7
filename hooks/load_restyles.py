"""MkDocs hook: a page load no longer makes the browser restyle the whole page.

Working out the style of every element costs a phone about 100 ms on a long page, and
after the page is parsed Material's script made the browser do it five times more, each
time for a change that alters nothing a reader sees. Traced in Chromium on the
Performance page (about 2,300 elements), the elements restyled while a page loads fell
from 12,040 to 3,960 once all of them were gone. Four of them, and what replaces each:

1. The classes Material's script and its focus-visible polyfill give ``<html>`` (``js``
   for ``no-js``, ``js-focus-visible``). Material's stylesheet has rules such as
   ``.md-typeset table:not([class]) td>:first-child``, so any change of any element's
   class attribute makes the browser restyle everything inside that element; for
   ``<html>``, the page. ``overrides/main.html`` sets both classes in ``<head>``, before
   there is a page to restyle; the script's own changes then change nothing.
2. Instant navigation rewrites every relative link as an absolute one (it compares the
   ``<head>`` of each page it fetches with this one), and a stylesheet whose ``href``
   changes is applied again. ``overrides/main.html`` rewrites the links of ``<head>``
   while it is being parsed, where that costs nothing, and the script skips absolute
   links. (``notebook_pages.py`` links a notebook's stylesheet in ``<head>`` for this.)
3. Material's palette code adds a ``<meta name="color-scheme">`` and sets it to the
   colour scheme of the header, which makes the browser restyle the page twice, although
   both values it sets ("light" for the light scheme, "normal" for the dark one, which
   Material does not declare) draw the browser's own controls and scrollbars as having
   no meta at all does. ``on_post_build`` cuts the element out of the built script.
4. ``.md-typeset table:not([class])+*``: a rule whose last part is ``*`` after a sibling
   combinator makes every element inserted into the page's content restyle all of the
   content, and Material's script inserts one around each table. Its script also moves
   every such table into a wrapper, after which nothing follows the table and the rule
   matches nothing; before, it sets the space below a table. ``on_post_build`` cuts it
   from the built stylesheet, and ``overrides/main.html`` gives it back, in a
   ``<noscript>``, to readers without JavaScript, whose tables are never wrapped.

The palette switch's own restyles are ``palette_switch.py``'s. Each cut keeps the file's
length, and a file without the text to cut (a new version of Material) stops the build
(``_material_files.py``).
"""

from __future__ import annotations

from pathlib import Path

# hooks/ is on sys.path while MkDocs loads a hook (see notebook_cache.py)
from _material_files import one_asset, rewrite

COLOR_SCHEME_META = (
    'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
    "let o={};",  # the script then sets o.content, which nothing reads
)
TABLE_SIBLING_RULE = (".md-typeset table:not([class])+*{margin-top:1.5em}", "")
MARK = "hooks/load_restyles.py"


def on_post_build(config):
    site = Path(config.site_dir)
    rewrite(one_asset(site, "javascripts", "bundle.*.min.js", MARK), [COLOR_SCHEME_META], MARK)
    rewrite(one_asset(site, "stylesheets", "main.*.min.css", MARK), [TABLE_SIBLING_RULE], MARK)
