"""MkDocs hook: key mkdocs-jupyter's execution cache on the code the notebooks import.

The plugin's own cache key is the notebook's bytes plus its options, so after an edit in
``src/`` it would serve outputs of the old code. This hook points the plugin's
``cache_dir`` at a folder named after a hash of every file under ``src/`` and of the
pinned dependencies (``requirements.lock``): any change there starts an empty cache, and
the notebooks run again. Between such changes (say, while editing a lesson under
``mkdocs serve``) each notebook runs once instead of on every rebuild. Cache folders of
older keys are deleted.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.notebook_cache")

CACHE_ROOT = Path(".cache") / "mkdocs-jupyter"
KEYED_INPUTS = ("src", "requirements.lock")


def inputs_hash(root: Path) -> str:
    """SHA-256 over the paths and bytes of every file in KEYED_INPUTS, in sorted order."""
    digest = hashlib.sha256()
    for name in KEYED_INPUTS:
        target = root / name
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()[:16]


def on_config(config):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        raise PluginError("hooks/notebook_cache.py needs the mkdocs-jupyter plugin")
    if not plugin.config["cache"]:
        return config
    root = Path(config.config_file_path).resolve().parent
    cache_root = root / CACHE_ROOT
    key = inputs_hash(root)
    plugin.config["cache_dir"] = str(cache_root / key)
    if cache_root.is_dir():
        for old in cache_root.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old)
                log.info("notebook cache: dropped outputs of older code (%s)", old.name)
    return config
