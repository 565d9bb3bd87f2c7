"""MkDocs hook: under ``mkdocs serve --dirty``, rebuild the pages an edit can change, no more.

``make serve`` runs ``mkdocs serve --dirty``. MkDocs alone would then rebuild only the
pages whose own file changed, so an edit in ``src/coursecode`` (which ``watch`` reports)
would show on no page. This hook tells MkDocs which pages to rebuild after each edit:

- a page whose Markdown changed (MkDocs's own rule);
- a page that includes code from a file (``--8<-- "src/...:section"``) changed since the
  page was last written;
- a notebook page whose code key changed: the code of the modules it imports, without
  comments and docstrings, as ``notebook_cache.py`` computes it. A comment edit leaves the
  key alone, so no notebook is read again;
- every page, when something all pages share changed: ``mkdocs.yml`` (the nav, the
  extensions), the theme overrides, the hooks, the site's own CSS and JavaScript, the lock
  file, or the list of pages.

The search index of a dirty rebuild is mkdocs-material's: the previous index with the
rebuilt pages' entries appended. The plugin removes the old entries of the first rebuilt
page only, so ``on_post_build`` drops the older copy of any other duplicated entry.

The first build of ``mkdocs serve`` writes every page, and a plain ``mkdocs build`` (the
one ``make test`` and the Pages workflow run) is never dirty, so this hook does nothing
there. Diagrams and timings are computed once per ``mkdocs serve`` process, as their hooks
say: restart it after editing their code.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import re
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.live_reload")

_spec = importlib.util.spec_from_file_location(
    "notebook_cache_for_live_reload", Path(__file__).with_name("notebook_cache.py")
)
_notebook_cache = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_notebook_cache)

# pymdownx.snippets' one-line include, quoted either way; the ":section" part is cut off.
INCLUDE = re.compile(
    r"""^[ \t]*-+8<-+[ \t]+(?P<quote>["'])(?P<path>[^"':]+)[^"']*(?P=quote)""", re.MULTILINE
)
# What every page is built from, besides its own file (paths from the project's root).
SHARED = (
    "mkdocs.yml",
    "requirements.lock",
    "overrides",
    "hooks",
    "docs/javascripts",
    "docs/stylesheets",
)

_dirty = False
_shared_key: str | None = None
_notebook_keys: dict[str, str] = {}


def on_startup(command, dirty):
    global _dirty
    _dirty = command == "serve" and dirty


def included_files(markdown: str, root: Path) -> list[Path]:
    """The files a page includes with pymdownx.snippets, as paths under ``root``."""
    return [root / match["path"] for match in INCLUDE.finditer(markdown)]


def shared_key(root: Path, pages: list[str]) -> str:
    """A hash of the modification times of what every page is built from, and of the pages."""
    digest = hashlib.sha256("\n".join(sorted(pages)).encode())
    for name in SHARED:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(f"{file}\0{file.stat().st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _always() -> bool:
    return True


def _newer_than(output: Path, sources: list[Path]) -> bool:
    if not output.is_file():
        return True
    written = output.stat().st_mtime
    return any(source.is_file() and source.stat().st_mtime > written for source in sources)


def on_files(files, config):
    global _shared_key
    if not _dirty:
        return files
    root = Path(config.config_file_path).resolve().parent
    pages = [
        file for file in files if file.is_documentation_page() and not file.inclusion.is_excluded()
    ]
    key = shared_key(root, [file.src_uri for file in pages])
    everything = key != _shared_key
    _shared_key = key
    rebuilt = []
    for file in pages:
        source = Path(file.abs_src_path)
        output = Path(file.abs_dest_path)
        if source.suffix == ".ipynb":
            notebook_key = _notebook_cache.notebook_key(source, root)
            changed = _notebook_keys.get(file.src_uri) != notebook_key
            _notebook_keys[file.src_uri] = notebook_key
        else:
            text = source.read_text(encoding="utf-8")
            changed = _newer_than(output, included_files(text, root))
        if everything or changed:
            # MkDocs asks each page's File whether to rebuild it; this page's answer is yes.
            file.is_modified = _always
            rebuilt.append(file.src_uri)
    if not everything:
        log.info(
            "live reload: %d page(s) depend on what changed: %s",
            len(rebuilt),
            ", ".join(rebuilt) or "none",
        )
    return files


def without_stale_entries(docs: list[dict]) -> list[dict]:
    """The search entries with each location once: its last entry, which is the newest."""
    newest: dict[str, int] = {doc["location"]: number for number, doc in enumerate(docs)}
    return [doc for number, doc in enumerate(docs) if newest[doc["location"]] == number]


def on_post_build(config):
    if not _dirty:
        return
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    kept = without_stale_entries(index["docs"])
    if len(kept) != len(index["docs"]):
        index["docs"] = kept
        index_file.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8"
        )
