"""MkDocs hook: key each notebook's cached outputs on the code that notebook runs.

mkdocs-jupyter's own cache key is the notebook's bytes plus the plugin's options, so after
an edit in ``src/`` it would serve outputs of the old code. This hook gives every notebook
a cache folder of its own, named after a hash of

- the modules under ``src/`` that the notebook imports, followed through their own imports
  (importing ``coursecode.arrays.vectors`` also runs ``coursecode/__init__.py`` and
  ``coursecode/arrays/__init__.py``, and whatever those import);
- the code of those modules, not their text: each module is hashed as its syntax tree with
  the docstrings removed, so editing a comment or a docstring re-runs nothing;
- the pinned dependencies (``requirements.lock``).

So under ``mkdocs serve`` a page edit, a comment or a docstring never re-runs a notebook,
and a code change re-runs only the notebooks that import the changed module. Folders no
notebook used in a build are deleted after it (not after a ``--dirty`` rebuild, which reads
only the notebooks whose code changed).
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_spec = importlib.util.spec_from_file_location(
    "_source_digest", Path(__file__).with_name("_source_digest.py")
)
_source_digest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_source_digest)
code_digest = _source_digest.code_digest

log = logging.getLogger("mkdocs.hooks.notebook_cache")

CACHE_ROOT = Path(".cache") / "mkdocs-jupyter"
SOURCE_ROOT = "src"
LOCK_FILE = "requirements.lock"

_used: set[str] = set()
_dirty = False  # mkdocs serve --dirty: a rebuild reads only some notebooks


def on_startup(command, dirty):
    global _dirty
    _dirty = dirty


def module_file(name: str, src: Path) -> Path | None:
    """The file under ``src`` that defines the module ``name``, if there is one."""
    base = src.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_names(tree: ast.AST, package: str = "") -> set[str]:
    """Every module name an ``import`` in ``tree`` may load, with its parent packages.

    ``from a.b import c`` may load ``a.b.c`` too (when ``c`` is a submodule), so both are
    listed; names that are no file under ``src`` are dropped later.
    """
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".") if package else []
                parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                base = ".".join([*parts, node.module] if node.module else parts)
            else:
                base = node.module or ""
            if base:
                names.add(base)
                names.update(f"{base}.{alias.name}" for alias in node.names)
    with_parents = set()
    for name in names:
        parts = name.split(".")
        with_parents.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return with_parents


def notebook_modules(notebook: Path, src: Path) -> dict[str, Path]:
    """The modules under ``src`` that running ``notebook`` imports, directly or not."""
    cells = json.loads(notebook.read_text())["cells"]
    code = "\n".join(
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in cells
        if cell["cell_type"] == "code"
    )
    # IPython magics and shell lines are not Python: leave them out of the parse.
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    pending = imported_names(ast.parse("\n".join(lines)))
    found: dict[str, Path] = {}
    while pending:
        name = pending.pop()
        if name in found:
            continue
        path = module_file(name, src)
        if path is None:
            continue
        found[name] = path
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        pending |= _module_imports(path, package) - found.keys()
    return found


# imported_names of each version of a module (its tree is parsed once per version): the
# notebooks import mostly the same modules: walking each tree once per notebook made the
# keys of the 13 notebooks take 0.32 s instead of 0.21 s.
_imports: dict[tuple[ast.Module, str], set[str]] = {}


def _module_imports(path: Path, package: str) -> set[str]:
    tree = _source_digest.module_tree(path)
    if (tree, package) not in _imports:
        _imports[tree, package] = imported_names(tree, package)
    return _imports[tree, package]


def notebook_key(notebook: Path, root: Path) -> str:
    """A hash of the code ``notebook`` runs from ``src/`` and of the pinned dependencies."""
    digest = hashlib.sha256()
    for name, path in sorted(notebook_modules(notebook, root / SOURCE_ROOT).items()):
        digest.update(name.encode() + b"\0" + code_digest(path) + b"\0")
    lock = root / LOCK_FILE
    if lock.is_file():
        digest.update(lock.read_bytes())
    return digest.hexdigest()[:16]


def _plugin(config):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        raise PluginError("hooks/notebook_cache.py needs the mkdocs-jupyter plugin")
    return plugin


def on_pre_build(config):
    _used.clear()


@event_priority(100)  # before mkdocs-jupyter's on_pre_page, which reads cache_dir
def on_pre_page(page, config, files):
    plugin = _plugin(config)
    if not plugin.config["cache"] or not plugin.should_include(page.file):
        return page
    root = Path(config.config_file_path).resolve().parent
    key = notebook_key(Path(page.file.abs_src_path), root)
    _used.add(key)
    plugin.config["cache_dir"] = str(root / CACHE_ROOT / key)
    return page


@event_priority(-100)  # after the plugin has written this build's outputs
def on_post_build(config):
    cache_root = Path(config.config_file_path).resolve().parent / CACHE_ROOT
    if _dirty or not cache_root.is_dir():
        return
    for folder in cache_root.iterdir():
        if folder.is_dir() and folder.name not in _used:
            shutil.rmtree(folder)
            log.info("notebook cache: dropped outputs no notebook uses now (%s)", folder.name)
