"""MkDocs hook: each code listing is highlighted by Pygments once, not at every build.

pymdownx.highlight hands every code block to ``pygments.highlight(source, lexer,
formatter)``. Lexing and formatting the site's ~350 listings took about a tenth of a warm
build, for the same HTML each time. This hook puts a cache in front of that call, kept in
``.cache/highlight.json`` between builds.

The key is everything the call's output depends on: the source; the lexer's class and
options (``stripnl``, ``tabsize``, ...) and filters; the formatter's class and options,
which hold each block's own ids (``lineanchors="__codelineno-3"``, ``linespans``), its
highlighted lines, its title and its line numbers; the versions of Pygments and of
pymdownx-extensions. So a block moved on its page, or given another option, is a new key;
and only the blocks a build used are kept for the next (all of them after a ``--dirty``
rebuild of ``make serve``, which renders only some pages).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from importlib.metadata import version
from pathlib import Path

import pygments
import pymdownx.highlight

log = logging.getLogger("mkdocs.hooks.highlight_cache")

CACHE_FILE = Path(".cache") / "highlight.json"

_uncached = pygments.highlight
_VERSIONS = [pygments.__version__, version("pymdown-extensions")]
_saved: dict[str, str] = {}
_used: set[str] = set()
_missed = [0]
_cache_file: list[Path] = []  # under the project of the config being built
_dirty = [False]  # mkdocs serve --dirty: a rebuild renders only some pages


def on_startup(command, dirty):
    _dirty[0] = dirty


def _options(options: dict) -> list:
    return sorted((name, repr(value)) for name, value in options.items())


def key(source: str, lexer, formatter) -> str:
    """A digest of everything ``pygments.highlight(source, lexer, formatter)`` returns."""
    parts = [
        source,
        f"{type(lexer).__module__}.{type(lexer).__qualname__}",
        _options(lexer.options),
        [(type(f).__qualname__, _options(f.options)) for f in lexer.filters],
        f"{type(formatter).__module__}.{type(formatter).__qualname__}",
        _options(formatter.options),
        getattr(formatter, "pymdownx_inline", None),
        _VERSIONS,
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def cached_highlight(source: str, lexer, formatter, outfile=None):
    """``pygments.highlight``, answered from the cache when it has seen the same call."""
    if outfile is not None:  # writes to a file: nothing to keep
        return _uncached(source, lexer, formatter, outfile)
    digest = key(source, lexer, formatter)
    _used.add(digest)
    if digest not in _saved:
        _saved[digest] = _uncached(source, lexer, formatter)
        _missed[0] += 1
    return _saved[digest]


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    _cache_file[:] = [root / CACHE_FILE]
    _saved.clear()
    with contextlib.suppress(OSError, ValueError):  # no cache yet, or a broken one
        _saved.update(json.loads(_cache_file[0].read_text(encoding="utf-8")))
    _used.clear()
    _missed[0] = 0
    # pymdownx.highlight calls the name it imported from pygments.
    pymdownx.highlight.highlight = cached_highlight
    return config


def on_post_build(config):
    if not _cache_file:
        return
    log.info("highlighted %d code blocks, %d from the cache", len(_used), len(_used) - _missed[0])
    if not _missed[0] and set(_saved) == _used:
        return
    # After a --dirty rebuild the blocks of the pages it left alone are still in use.
    kept = {d: _saved[d] for d in sorted(_saved if _dirty[0] else _used)}
    path = _cache_file[0]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(kept), encoding="utf-8")
    partial.replace(path)  # a build never reads half a file
