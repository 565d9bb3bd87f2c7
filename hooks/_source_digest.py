"""What two hooks share: a digest of Python code that ignores comments and docstrings.

Not a hook itself (mkdocs.yml does not list it); ``notebook_cache.py`` and ``figures.py``
load it by path. Their caches are keyed on what the code does, so editing a comment or a
docstring under ``mkdocs serve`` re-runs no notebook and redraws no diagram.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path


def code_digest(path: Path) -> bytes:
    """The module's syntax tree without docstrings: what running it depends on."""
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
