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

mkdocs-jupyter runs the notebooks it finds no outputs for one after another, as it renders
their pages. Before any page is rendered, this hook runs those notebooks itself, one per
core, with the plugin's own function and options, and writes the outputs where the plugin
will look for them. A notebook that fails here is left to the plugin, which runs it again
and fails the build with its usual message. A notebook that times code is left to the
plugin too, so that it runs alone and its timings are not those of a shared processor.

Every conversion, this hook's and the plugin's, merges a cell's consecutive stream outputs
once the notebook has run. nbconvert can (``CoalesceStreamsPreprocessor``), but leaves it
off, and orders it before the run; so a ``print`` whose text and newline the kernel sent
apart showed as two output boxes, the second one empty (one cold build in about ten did).
Their kernels talk to the build over Unix sockets, not TCP ports (``configure_conversion``).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

# MkDocs puts hooks/ on sys.path while it loads a hook (tests/by_path.py does the same),
# so both hooks that use _source_digest import one copy of it, and share its cache.
import _source_digest
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import set_exclusions
from nbconvert.exporters.exporter import Exporter

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


def on_config(config):
    _patch_conversion()
    return config


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


def _module_imports(path: Path, package: str) -> set[str]:
    """imported_names of the module, kept between builds with its code digest."""
    names = _source_digest.derived(
        path, f"imports from {package}", lambda tree: sorted(imported_names(tree, package))
    )
    return set(names)


COALESCE = "nbconvert.preprocessors.CoalesceStreamsPreprocessor"
EXECUTE = "nbconvert.preprocessors.ExecutePreprocessor"


def run_then_merge(preprocessors: list[str]) -> list[str]:
    """``preprocessors`` (nbconvert's list, by import name) in the same order, but with the
    merging of stream outputs moved to just after the run, where there are outputs to merge."""
    missing = [name for name in (COALESCE, EXECUTE) if name not in preprocessors]
    if missing:
        raise PluginError(
            f"nbconvert's default preprocessors {preprocessors} lack {missing}; "
            "hooks/notebook_cache.py moves the first after the second"
        )
    order = [name for name in preprocessors if name != COALESCE]
    order.insert(order.index(EXECUTE) + 1, COALESCE)
    return order


RUN_THEN_MERGE = run_then_merge(list(Exporter.default_preprocessors.default()))


def configure_conversion(app):
    """Configure mkdocs-jupyter's nbconvert application ``app`` to merge each cell's
    consecutive stream outputs after running the notebook; ``app``.

    Its kernel also talks to the build over Unix sockets (IPC) at an absolute path of this
    process's own, not over TCP: two kernels starting side by side could be handed the same
    free port, and one then failed ("Address already in use"); the side-by-side run waited
    60 s for it (72.3 s instead of about 30) in one cold build of about twenty.
    """
    app.config.Exporter.default_preprocessors = RUN_THEN_MERGE
    app.config.CoalesceStreamsPreprocessor.enabled = True
    app.config.KernelManager.transport = "ipc"
    app.config.KernelManager.ip = str(Path(tempfile.gettempdir()) / f"kernel-{os.getpid()}")
    return app


def _patch_conversion() -> None:
    """Make mkdocs-jupyter configure each conversion with configure_conversion."""
    from mkdocs_jupyter import nbconvert2

    # the plugin's own function, also when a rebuild of make serve finds it wrapped already
    original = getattr(nbconvert2.get_nbconvert_app, "__wrapped__", nbconvert2.get_nbconvert_app)

    @functools.wraps(original)
    def get_nbconvert_app(*args, **kwargs):
        return configure_conversion(original(*args, **kwargs))

    nbconvert2.get_nbconvert_app = get_nbconvert_app


def notebook_key(notebook: Path, root: Path) -> str:
    """A hash of the code ``notebook`` runs from ``src/``, of the pinned dependencies and of
    how the outputs are converted (the order of nbconvert's preprocessors)."""
    digest = hashlib.sha256("\0".join(RUN_THEN_MERGE).encode())
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


# Each notebook's key, once per build: on_files needs it to find the notebooks without
# outputs, on_pre_page to point the plugin at their cache. Under cProfile the keys took
# 0.90 s of a warm build computed twice, 0.66 s once.
_keys: dict[Path, str] = {}


def on_pre_build(config):
    _used.clear()
    _keys.clear()


def _cache_dir(notebook: Path, root: Path) -> Path:
    if notebook not in _keys:
        _keys[notebook] = notebook_key(notebook, root)
    return root / CACHE_ROOT / _keys[notebook]


@event_priority(100)  # before mkdocs-jupyter's on_pre_page, which reads cache_dir
def on_pre_page(page, config, files):
    plugin = _plugin(config)
    if not plugin.config["cache"] or not plugin.should_include(page.file):
        return page
    root = Path(config.config_file_path).resolve().parent
    cache_dir = _cache_dir(Path(page.file.abs_src_path), root)
    _used.add(cache_dir.name)
    plugin.config["cache_dir"] = str(cache_dir)
    return page


# --- running the notebooks without outputs side by side ----------------------------------


def _executes(plugin, notebook: Path) -> bool:
    """Whether the plugin executes ``notebook`` (its ``execute`` and ``execute_ignore``)."""
    ignored = plugin.config["execute_ignore"] or []
    return plugin.config["execute"] and not any(notebook.match(p) for p in ignored)


def _run_into_cache(plugin, notebook: Path, cache_file: Path) -> None:
    """Render ``notebook`` as mkdocs-jupyter's on_pre_page would, into its cache file."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    options = plugin.config
    body = convert.nb2html(
        str(notebook),
        execute=True,
        kernel_name=options["kernel_name"],
        theme=options["theme"],
        allow_errors=options["allow_errors"],
        show_input=options["show_input"],
        no_input=options["no_input"],
        no_prompt=options["no_prompt"],
        remove_tag_config=options["remove_tag_config"],
        highlight_extra_classes=options["highlight_extra_classes"],
        include_requirejs=options["include_requirejs"],
        custom_mathjax_url=options["custom_mathjax_url"],
    )
    toc_tokens, title = _get_nb_toc_tokens(str(notebook), options["toc_depth"])
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.part")
    partial.write_text(
        json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), "utf-8"
    )
    partial.replace(cache_file)  # the plugin never reads half a file


def _child(plugin, notebook: Path, cache_file: Path) -> None:
    try:
        _run_into_cache(plugin, notebook, cache_file)
    except BaseException:  # the plugin runs it again and reports the error
        os._exit(1)
    os._exit(0)


# A code cell that times something: IPython's timing magics, the clocks of ``time``, or the
# package's own timing helpers.
TIMES_CODE = re.compile(r"%%?timeit|%%?time\b|perf_counter|process_time|coursecode\.speed")


def times_code(notebook: Path) -> bool:
    cells = json.loads(notebook.read_text())["cells"]
    return any(
        TIMES_CODE.search("".join(cell["source"])) for cell in cells if cell["cell_type"] == "code"
    )


def missing_outputs(plugin, files, config, root: Path) -> dict[Path, Path]:
    """Each notebook without outputs that may run beside another, with its cache file.

    That is every notebook the plugin executes and finds no outputs for, but the ones that
    time code and the ones ``exclude_docs`` leaves out of the site (MkDocs keeps those in
    ``files``, marked excluded, and renders no page for them).
    """
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    # mkdocs-jupyter's on_files wraps each notebook in a new File whose inclusion is
    # UNDEFINED until MkDocs sets it, right after on_files, with this same function.
    set_exclusions(files, config)
    missing = {}
    for file in files:
        if file.inclusion.is_excluded() or not plugin.should_include(file):
            continue
        notebook = Path(file.abs_src_path)
        if not _executes(plugin, notebook) or times_code(notebook):
            continue
        cache_dir = _cache_dir(notebook, root)
        key = _compute_cache_key(str(notebook), plugin.config, True)
        cache_file = _get_cache_path(str(cache_dir), key)
        if not cache_file.is_file():
            missing[notebook] = cache_file
    return missing


def on_files(files, config):
    plugin = _plugin(config)
    if not plugin.config["cache"]:
        return files
    root = Path(config.config_file_path).resolve().parent
    missing = missing_outputs(plugin, files, config, root)
    workers = min(len(missing), os.cpu_count() or 1)
    if workers < 2:
        return files  # nothing to gain: the plugin runs it as it renders the page
    started = time.perf_counter()
    # fork: the child needs the plugin's options and this module, not a fresh interpreter
    context = multiprocessing.get_context("fork")
    pending = list(missing.items())
    running: dict[int, tuple[Path, multiprocessing.process.BaseProcess]] = {}
    failed = []
    while pending or running:
        while pending and len(running) < workers:
            notebook, cache_file = pending.pop(0)
            child = context.Process(target=_child, args=(plugin, notebook, cache_file))
            child.start()
            running[child.sentinel] = (notebook, child)
        for sentinel in multiprocessing.connection.wait(list(running)):
            notebook, child = running.pop(sentinel)
            child.join()
            if child.exitcode != 0:
                failed.append(notebook.name)
    log.info(
        "notebook cache: ran %d notebooks %d at a time in %.1f s%s",
        len(missing),
        workers,
        time.perf_counter() - started,
        f" ({', '.join(failed)} failed: the plugin runs them again)" if failed else "",
    )
    return files


@event_priority(-100)  # after the plugin has written this build's outputs
def on_post_build(config):
    _source_digest.save()
    cache_root = Path(config.config_file_path).resolve().parent / CACHE_ROOT
    if _dirty or not cache_root.is_dir():
        return
    for folder in cache_root.iterdir():
        if folder.is_dir() and folder.name not in _used:
            shutil.rmtree(folder)
            log.info("notebook cache: dropped outputs no notebook uses now (%s)", folder.name)
