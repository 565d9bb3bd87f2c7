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
import hashlib
from collections.abc import Callable
from pathlib import Path

# hooks/ is on sys.path while MkDocs loads a hook (see notebook_cache.py)
from _json_cache import JsonCache

CACHE_FILE = Path(__file__).resolve().parent.parent / ".cache" / "source-digest.json"

_cache: JsonCache | None = None  # "what:sha256 of the source" -> what was derived


def derived(path: Path, what: str, derive: Callable[[ast.Module], object]) -> object:
    """``derive`` of the module's syntax tree, computed once per version of the module.

    ``what`` names the derivation: keys of different derivations never meet. The result
    must be JSON (it is kept on disk between builds); call :func:`save` to keep it.
    """
    global _cache
    if _cache is None:
        _cache = JsonCache(CACHE_FILE)
    source = path.read_bytes()
    key = f"{what}:{hashlib.sha256(source).hexdigest()}"
    return _cache.get(key, lambda: derive(ast.parse(source, filename=str(path))))


def save() -> None:
    """Write what was derived to the cache file, keeping only what this process used."""
    if _cache is not None:
        _cache.save()


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
