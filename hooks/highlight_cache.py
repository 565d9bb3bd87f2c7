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

import hashlib
import json
import logging
from importlib.metadata import version
from pathlib import Path

import pygments
import pymdownx.highlight

# hooks/ is on sys.path while MkDocs loads a hook (see notebook_cache.py)
from _json_cache import JsonCache

log = logging.getLogger("mkdocs.hooks.highlight_cache")

CACHE_FILE = Path(".cache") / "highlight.json"

_uncached = pygments.highlight
_VERSIONS = [pygments.__version__, version("pymdown-extensions")]
_cache: JsonCache | None = None  # under the project of the config being built
_dirty = False  # mkdocs serve --dirty: a rebuild renders only some pages


def on_startup(command, dirty):
    global _dirty
    _dirty = dirty


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
    # a call that writes to a file, or one outside a build: nothing to keep
    if outfile is not None or _cache is None:
        return _uncached(source, lexer, formatter, outfile)
    digest = key(source, lexer, formatter)
    return _cache.get(digest, lambda: _uncached(source, lexer, formatter))


def on_config(config):
    global _cache
    _cache = JsonCache(Path(config.config_file_path).resolve().parent / CACHE_FILE)
    # pymdownx.highlight calls the name it imported from pygments.
    pymdownx.highlight.highlight = cached_highlight
    return config


def on_post_build(config):
    if _cache is None:
        return
    used, made = len(_cache.used), _cache.made
    log.info("highlighted %d code blocks, %d from the cache", used, used - made)
    # After a --dirty rebuild the blocks of the pages it left alone are still in use.
    _cache.save(keep_all=_dirty)
