"""What two hooks share: a digest of Python code that ignores comments and docstrings.

Not a hook itself (mkdocs.yml does not list it); ``notebook_cache.py`` and ``figures.py``
load it by path. Their caches are keyed on what the code does, so editing a comment or a
docstring under ``mkdocs serve`` re-runs no notebook and redraws no diagram.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

# Both caches are keyed on the file's modification time and size, so under `mkdocs serve`
# (one process, many builds) only the files edited since the last build are parsed again.
_trees: dict[tuple[str, int, int], ast.Module] = {}
_digests: dict[tuple[str, int, int], bytes] = {}


def _stamp(path: Path) -> tuple[str, int, int]:
    status = path.stat()
    return str(path.resolve()), status.st_mtime_ns, status.st_size


def module_tree(path: Path) -> ast.Module:
    """The module's syntax tree, parsed once per version of the file; do not modify it."""
    stamp = _stamp(path)
    if stamp not in _trees:
        _trees[stamp] = ast.parse(path.read_text(), filename=str(path))
    return _trees[stamp]


def code_digest(path: Path) -> bytes:
    """The module's syntax tree without docstrings: what running it depends on."""
    stamp = _stamp(path)
    if stamp not in _digests:
        _digests[stamp] = _strip_docstrings_and_dump(path)
    return _digests[stamp]


def _strip_docstrings_and_dump(path: Path) -> bytes:
    tree = ast.parse(path.read_text(), filename=str(path))
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
    return ast.dump(tree, include_attributes=False).encode()


def package_digest(package: Path, *extra: bytes) -> str:
    """A short hash of the code of every module under ``package``, and of ``extra``."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(code_digest(path) + b"\0")
    for item in extra:
        digest.update(item + b"\0")
    return digest.hexdigest()[:16]
