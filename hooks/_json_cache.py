"""What the build's caches of derived values share: a dict kept in a JSON file.

Not a hook itself (mkdocs.yml does not list it); ``_source_digest.py`` and
``highlight_cache.py`` import it. Each keeps values that are costly to make and that a
key says everything about (a digest of their inputs): the file is read once, a value is
made only for a key it lacks, and a save keeps only the keys the build used, so entries
for code that no longer exists do not pile up.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path


class JsonCache:
    """Values by key, read from ``path`` when made and written back by :meth:`save`.

    A missing or broken file is an empty cache: every value is made again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, object] = {}
        with contextlib.suppress(OSError, ValueError):
            self.entries.update(json.loads(path.read_text(encoding="utf-8")))
        self.used: set[str] = set()  # the keys asked for since the cache was made
        self.made = 0  # values made since the last save: the cache missed them

    def get(self, key: str, make: Callable[[], object]) -> object:
        """The value kept for ``key``; ``make()`` (which must return JSON) if there is none."""
        self.used.add(key)
        if key not in self.entries:
            self.entries[key] = make()
            self.made += 1
        return self.entries[key]

    def save(self, keep_all: bool = False) -> None:
        """Write the used entries (every entry with ``keep_all``) to the file, atomically.

        ``keep_all`` is for a rebuild that visited only some of the inputs (``mkdocs serve
        --dirty``): the entries of the others are still in use. Nothing is written when the
        file would not change.
        """
        keep = set(self.entries) if keep_all else self.used
        if not self.made and set(self.entries) == keep:
            return
        kept = {key: self.entries[key] for key in sorted(keep)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(kept), encoding="utf-8")
        partial.replace(self.path)  # a build never reads half a file
        self.entries = kept
        self.made = 0
