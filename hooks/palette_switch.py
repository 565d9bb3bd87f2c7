"""MkDocs hook: loading a page no longer restyles it twice for Material's palette switch.

Material's palette stylesheet stops every transition while the colours switch, with a
rule keyed on an attribute of ``<body>``: ``[data-md-color-switching] *``. Material's
script sets that attribute and removes it again on every page load, as it applies the
palette, and because the rule hangs on ``<body>``, each change makes the browser work out
the style of every element of the page again: two of the six full restyles of a page
load. Measured on the Performance page (phone viewport, median of 6 loads each): style
work 254 ms with the rule, 149 ms without, and all main-thread work 744 ms against 624 ms.

So ``on_post_build`` cuts that rule out of the built palette stylesheet, and
``javascripts/palette.js`` with ``stylesheets/extra.css`` does the same job only when the
reader switches: a class on ``<body>`` from the moment a palette toggle changes until two
frames later, which nothing sets while a page loads.

Strict: if the stylesheet holds neither the rule nor this hook's mark (a new version of
Material that changed it), the build stops, so that the cut is looked at again.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
MARK = "/* [data-md-color-switching] rule cut by hooks/palette_switch.py */"


def without_switching_rule(css: str, name: str) -> str:
    """``css`` with the switching rule replaced by the mark; as it is if already cut."""
    if MARK in css:
        return css  # cut by an earlier build (`mkdocs serve --dirty` keeps files it did not copy)
    if css.count(RULE) != 1:
        raise PluginError(
            f"{name}: expected Material's rule {RULE!r} once, found it "
            f"{css.count(RULE)} times; see hooks/palette_switch.py"
        )
    return css.replace(RULE, MARK)


def on_post_build(config):
    stylesheets = sorted(Path(config.site_dir, "assets", "stylesheets").glob("palette.*.css"))
    if len(stylesheets) != 1:
        raise PluginError(
            f"expected one palette stylesheet of Material in assets/stylesheets, found "
            f"{[path.name for path in stylesheets]}; see hooks/palette_switch.py"
        )
    path = stylesheets[0]
    css = path.read_text(encoding="utf-8")
    cut = without_switching_rule(css, path.name)
    if cut != css:
        path.write_text(cut, encoding="utf-8")
