"""MkDocs hook: a code block's buttons sit in a plain box, not in a landmark of their own.

Material's script puts the copy button of each code block, as the block comes into view,
in a ``<nav>``. Every ``<nav>`` is a navigation landmark, and these have no name: a screen
reader's list of the page's landmarks grew by one unnamed "navigation" per code block read,
each holding one button (axe's ``landmark-unique`` flagged them on 5 pages once the
navigation's own landmarks had names, ``nav_toggles.py``). ``on_post_build`` cuts the
built script so that it makes a ``<div>`` of the same class: Material's stylesheet places
the box by its class, so it looks and works as before. The cut keeps the file's length and
stops the build when Material's text is not there (``_material_files.py``).
"""

from __future__ import annotations

from pathlib import Path

# hooks/ is on sys.path while MkDocs loads a hook (see notebook_cache.py)
from _material_files import one_asset, rewrite

MARK = "hooks/code_buttons.py"

BUTTONS_BOX = ('x("nav",{class:"md-code__nav"})', 'x("div",{class:"md-code__nav"})')


def on_post_build(config):
    script = one_asset(Path(config.site_dir), "javascripts", "bundle.*.min.js", MARK)
    rewrite(script, [BUTTONS_BOX], MARK)
