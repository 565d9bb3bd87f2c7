"""Load a Python file of ``hooks/`` or ``tools/``, folders that are not packages, as a module.

MkDocs loads its hooks the same way: the module is entered in ``sys.modules`` under its
name before it runs (dataclasses look their module up there), and the file's folder is on
``sys.path`` while it runs, so that it can import its neighbours (``tools/audit.py``
imports ``site_pages``).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load(relative_path: str, name: str | None = None) -> ModuleType:
    """The module in ``ROOT / relative_path``, run now, named ``name`` (default: file stem)."""
    path = ROOT / relative_path
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module
