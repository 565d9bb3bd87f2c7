"""What two hooks share: a digest of Python code that ignores comments and docstrings.

Not a hook itself (mkdocs.yml does not list it); ``notebook_cache.py`` and ``figures.py``
import it (MkDocs puts hooks/ on sys.path while it loads a hook). Their caches are keyed
on what the code does, so editing a comment or a docstring under ``mkdocs serve`` re-runs
no notebook and redraws no diagram.

Whatever is derived from a module's syntax tree (its code digest, the names it imports) is
kept in ``.cache/source-digest.json``, keyed on a hash of the module's source: a build
reads the sources and hashes them (under a millisecond for the package), and parses only
the modules that changed. Parsing and dumping every module took about 0.2 s per build and
per hook, a tenth of a warm build.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

CACHE_FILE = Path(__file__).resolve().parent.parent / ".cache" / "source-digest.json"

_saved: dict[str, object] = {}  # "what:sha256 of the source" -> what was derived
_loaded = [False]
_used: set[str] = set()  # the keys this process used: what the next save keeps
_changed = [False]


def derived(path: Path, what: str, derive: Callable[[ast.Module], object]) -> object:
    """``derive`` of the module's syntax tree, computed once per version of the module.

    ``what`` names the derivation: keys of different derivations never meet. The result
    must be JSON (it is kept on disk between builds); call :func:`save` to keep it.
    """
    if not _loaded[0]:
        # no cache yet, or a broken one: everything is derived again
        with contextlib.suppress(OSError, ValueError):
            _saved.update(json.loads(CACHE_FILE.read_text()))
        _loaded[0] = True
    source = path.read_bytes()
    key = f"{what}:{hashlib.sha256(source).hexdigest()}"
    if key not in _saved:
        _saved[key] = derive(ast.parse(source, filename=str(path)))
        _changed[0] = True
    _used.add(key)
    return _saved[key]


def save() -> None:
    """Write what was derived to the cache file, keeping only what this process used."""
    if not _changed[0] and set(_saved) == _used:
        return
    kept = {key: _saved[key] for key in sorted(_used)}
    CACHE_FILE.parent.mkdir(parents=True, exist_ok=True)
    partial = CACHE_FILE.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(kept))
    partial.replace(CACHE_FILE)  # atomic: a build never reads half a file
    _saved.clear()
    _saved.update(kept)
    _changed[0] = False


def code_digest(path: Path) -> bytes:
    """A hash of the module's syntax tree without docstrings: what running it depends on."""
    return bytes.fromhex(derived(path, "code", _hash_without_docstrings))


def _hash_without_docstrings(tree: ast.Module) -> str:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return hashlib.sha256(ast.dump(tree, include_attributes=False).encode()).hexdigest()


def package_digest(package: Path, *extra: bytes) -> str:
    """A short hash of the code of every module under ``package``, and of ``extra``."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(code_digest(path) + b"\0")
    for item in extra:
        digest.update(item + b"\0")
    return digest.hexdigest()[:16]
