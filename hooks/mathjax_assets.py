"""MkDocs hook: copy the self-hosted MathJax from node_modules into the built site.

Only what the pages load is copied: the combined TeX-to-CommonHTML component, its web
fonts, and the TeX extensions (without those, a page that uses ``\\boldsymbol`` requests
a missing file and then no formula on that page renders).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.mathjax_assets")

PARTS = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
)
TARGET = "assets/mathjax"


def on_post_build(config, **kwargs):
    source = Path(config["config_file_path"]).parent / "node_modules" / "mathjax" / "es5"
    if not (source / PARTS[0]).is_file():
        raise PluginError(
            f"MathJax not found at {source}: run 'npm ci' (the Makefile does this) first"
        )
    target = Path(config["site_dir"]) / TARGET
    for part in PARTS:
        src, dst = source / part, target / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    log.debug("copied MathJax into %s", target)
