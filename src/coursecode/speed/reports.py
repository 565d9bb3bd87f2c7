"""Writing out what a benchmark measured: its results file and the tables pages include.

Each benchmark (``bench``, ``cluster_bench``, ``network_bench``) and ``tools/site_times.py``
writes the same way: a JSON file of everything it measured, and one or more Markdown
files made from it, which the Performance pages include with snippets.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def write_texts(out: Path, texts: Mapping[str, str]) -> list[Path]:
    """Write each ``{file name: text}`` of ``texts`` into the folder ``out`` (made if
    missing), as UTF-8; the paths written, in the order of ``texts``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written
