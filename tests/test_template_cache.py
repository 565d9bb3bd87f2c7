"""hooks/template_cache.py: a template compiled by one build is loaded by the next, until
its source changes."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2

from by_path import load

hook = load("hooks/template_cache.py")


def build_env(project, compiled: list[str]) -> jinja2.Environment:
    """A Jinja environment as a build's, given its cache by the hook; each template it
    compiles is noted in ``compiled``."""

    class Counting(jinja2.Environment):
        def _compile(self, source, filename):
            compiled.append(filename)
            return super()._compile(source, filename)

    env = Counting(loader=jinja2.FileSystemLoader(project / "theme"))
    config = SimpleNamespace(config_file_path=str(project / "mkdocs.yml"))
    return hook.on_env(env, config, files=None)


def test_the_next_build_loads_what_this_one_compiled_until_the_template_changes(tmp_path):
    (tmp_path / "theme").mkdir()
    template = tmp_path / "theme" / "main.html"
    template.write_text("<h1>{{ title }}</h1>")
    compiled: list[str] = []

    assert build_env(tmp_path, compiled).get_template("main.html").render(title="A") == (
        "<h1>A</h1>"
    )
    assert compiled == [str(template)]
    assert list((tmp_path / ".cache" / "jinja").iterdir())

    compiled.clear()
    assert build_env(tmp_path, compiled).get_template("main.html").render(title="B") == (
        "<h1>B</h1>"
    )
    assert compiled == [], "the second build compiled the template again"

    template.write_text("<h2>{{ title }}</h2>")
    assert build_env(tmp_path, compiled).get_template("main.html").render(title="C") == (
        "<h2>C</h2>"
    )
    assert compiled == [str(template)]
