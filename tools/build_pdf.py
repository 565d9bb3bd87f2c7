"""Build the site with the whole course on one page, and that page printed to course.pdf.

    .venv/bin/python tools/build_pdf.py --site-dir site    # what `make pdf` runs

The site is mkdocs.yml's, built strictly, with three additions made here rather than in a
second YAML file (MkDocs replaces inherited lists, so a copy of mkdocs.yml's plugin, hook
and stylesheet lists would drift from it):

- mkdocs-print-site-plugin, last of the plugins: ``print_page/`` holds every page of the
  nav in order, with a table of contents;
- hooks/course_pdf.py, first of the hooks: it typesets the print page's formulas, prints
  the page with Chromium to ``course.pdf`` and shows the home page's link to it;
- docs/stylesheets/print.css: page breaks and the light scheme on paper.

The link checker (hooks/check_links.py) runs after the PDF is written, so it checks the
print page and the home page's link to ``course.pdf`` like every other link.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"

PRINT_SITE = {
    "print-site": {
        "print_page_title": "Neural Networks from First Principles",
        "add_table_of_contents": True,
        "toc_title": "Contents",
        # Courses, weeks, groups of lessons and lessons; a lesson's own sections stay out.
        "toc_depth": 3,
        "enumerate_headings": True,
        "enumerate_headings_depth": 2,
        # Diagrams number their own figures (hooks/figures.py): no second count.
        "enumerate_figures": False,
        "add_cover_page": False,
        "add_print_site_banner": False,
        "add_to_navigation": False,
    }
}
PRINT_HOOK = "hooks/course_pdf.py"
PRINT_CSS = "stylesheets/print.css"


class _ListsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's plain lists; MkDocs' own tags (``!relative``) are read as None."""


_ListsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def print_options(config_file: Path = CONFIG) -> dict:
    """mkdocs.yml's plugins, hooks and stylesheets with the print additions."""
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ListsLoader)
    return {
        "plugins": [*raw.get("plugins", ["search"]), PRINT_SITE],
        "hooks": [PRINT_HOOK, *raw.get("hooks", [])],
        "extra_css": [*raw.get("extra_css", []), PRINT_CSS],
    }


def build_pdf(site_dir: Path, config_file: Path = CONFIG) -> Path:
    """Build the site into ``site_dir`` with the print page and course.pdf; the PDF's path."""
    config = load_config(
        config_file=str(config_file),
        site_dir=str(site_dir),
        strict=True,
        **print_options(config_file),
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir) / "course.pdf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    started = time.perf_counter()
    pdf = build_pdf(args.site_dir.resolve())
    print(
        f"{pdf}: {pdf.stat().st_size / 1e6:.1f} MB, built in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
