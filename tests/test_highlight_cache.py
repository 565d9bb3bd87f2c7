"""hooks/highlight_cache.py: a listing comes out of the cache exactly as Pygments made it,
and a block that differs in anything the HTML shows is highlighted afresh."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import markdown
import pygments
import pymdownx.highlight
import pytest

from by_path import load

# Blocks as the lessons write them: line numbers, highlighted lines, a title, inline code.
PAGE = """\
```python linenums="1" hl_lines="2"
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
```

Text with `#!python np.dot(w, x)` inline.

```python title="logistic.py"
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
```

```python linenums="1" hl_lines="2"
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
```
"""


def render(text: str) -> str:
    """``text`` as the site's Markdown renders code (pymdownx.highlight's settings)."""
    extensions = ["pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.superfences"]
    configs = {"pymdownx.highlight": {"anchor_linenums": True}}
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


@pytest.fixture
def hook(tmp_path, monkeypatch):
    """The hook, set up for a project in ``tmp_path``; pymdownx gets its highlight back."""
    monkeypatch.setattr(pymdownx.highlight, "highlight", pymdownx.highlight.highlight)
    module = load("hooks/highlight_cache.py")
    module.on_startup(command="build", dirty=False)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    module.on_config(config)
    module.config = config
    return module


def pygments_calls(monkeypatch, hook) -> list:
    calls = []

    def counted(*args):
        calls.append(args[0])
        return pygments.highlight(*args)

    monkeypatch.setattr(hook, "_uncached", counted)
    return calls


def test_a_page_renders_the_same_through_the_cache_cold_and_warm(hook, monkeypatch):
    monkeypatch.setattr(pymdownx.highlight, "highlight", pygments.highlight)
    expected = render(PAGE)
    monkeypatch.setattr(pymdownx.highlight, "highlight", hook.cached_highlight)
    calls = pygments_calls(monkeypatch, hook)
    cold = render(PAGE)
    # Four blocks; the first and last differ only in their ids (__codelineno-0, -2).
    assert len(calls) == 4
    assert 'id="__codelineno-0-1"' in cold
    assert 'id="__codelineno-2-1"' in cold
    assert cold == expected
    hook.on_post_build(hook.config)

    # A new build: the cache is read from disk, and Pygments is not called again.
    hook.on_startup(command="build", dirty=False)
    hook.on_config(hook.config)
    calls.clear()
    assert render(PAGE) == expected
    assert calls == []


def test_whatever_the_html_depends_on_is_in_the_key(hook):
    from pygments.lexers import PythonLexer

    source = "x = 1\n"
    formatter = pymdownx.highlight.BlockHtmlFormatter
    base = {"cssclass": "highlight", "linenos": "table", "lineanchors": "__codelineno-0"}
    key = hook.key(source, PythonLexer(), formatter(**base))
    assert hook.key(source, PythonLexer(), formatter(**base)) == key
    changed = [
        hook.key("x = 2\n", PythonLexer(), formatter(**base)),
        hook.key(source, PythonLexer(stripnl=False), formatter(**base)),
        hook.key(source, PythonLexer(filters=["whitespace"]), formatter(**base)),
        hook.key(source, PythonLexer(), formatter(**{**base, "lineanchors": "__codelineno-1"})),
        hook.key(source, PythonLexer(), formatter(**{**base, "hl_lines": [1]})),
        hook.key(source, PythonLexer(), formatter(**{**base, "filename": "a.py"})),
        hook.key(source, PythonLexer(), pymdownx.highlight.InlineHtmlFormatter(**base)),
    ]
    assert len({key, *changed}) == len(changed) + 1
    # Nothing of one process's own (an object's address) gets into the key.
    filtered = hook.key(source, PythonLexer(filters=["whitespace"]), formatter(**base))
    assert filtered == changed[2]


def cached_keys(tmp_path: Path) -> set[str]:
    return set(json.loads((tmp_path / ".cache" / "highlight.json").read_text()))


def test_a_build_keeps_only_the_blocks_it_used_but_a_dirty_rebuild_keeps_all(hook, tmp_path):
    render(PAGE)
    hook.on_post_build(hook.config)
    everything = cached_keys(tmp_path)
    assert len(everything) == 4

    hook.on_startup(command="serve", dirty=True)  # make serve: a rebuild of one page
    hook.on_config(hook.config)
    render(PAGE.split("Text with")[0])
    hook.on_post_build(hook.config)
    assert cached_keys(tmp_path) == everything

    hook.on_startup(command="build", dirty=False)
    hook.on_config(hook.config)
    render(PAGE.split("Text with")[0])
    hook.on_post_build(hook.config)
    kept = cached_keys(tmp_path)
    assert len(kept) == 1
    assert kept < everything
