"""MkDocs hook: the theme's Jinja templates are compiled once, not at every build.

Each build used to parse Material's templates and ours (``overrides/``) and compile them to
Python: 46 templates, about 0.2 s of a warm build of 5 s. Jinja can keep the compiled code
between processes itself (a bytecode cache); this hook gives the build's Jinja environment
one, in ``.cache/jinja/``. Jinja checks each entry against a checksum of the template's
source and against its own version and Python's, so an edited template is compiled
afresh.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache

CACHE_DIR = Path(".cache") / "jinja"


def on_env(env, config, files):
    directory = Path(config.config_file_path).resolve().parent / CACHE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(directory))
    return env
