"""hooks/load_restyles.py: Material's files lose what restyled the page, and only that."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from by_path import load

hook = load("hooks/load_restyles.py")

BEFORE = 'function li(e){let t=M("input",e),r=x("meta",{name:"theme-color"});'
AFTER = 'document.head.appendChild(r);let n=Wt("(prefers-color-scheme: light)");'


@pytest.mark.parametrize("cut", [hook.COLOR_SCHEME_META, hook.TABLE_SIBLING_RULE])
def test_a_cut_keeps_the_length_and_everything_around_it(cut):
    original, replacement = cut
    text = BEFORE + original + AFTER
    done = hook.cut(text, original, replacement, "bundle.js")
    assert len(done) == len(text)  # Material's source maps still point at the right columns
    assert done.startswith(BEFORE + replacement + "/*" + hook.MARK)
    assert done.endswith("*/" + AFTER)
    assert original not in done


def test_a_file_cut_by_an_earlier_build_is_left_as_it_is():
    once = hook.cut(BEFORE + hook.COLOR_SCHEME_META[0] + AFTER, *hook.COLOR_SCHEME_META, "b.js")
    assert hook.cut(once, *hook.COLOR_SCHEME_META, "b.js") == once


@pytest.mark.parametrize("times", [0, 2])
def test_a_file_without_the_text_or_with_it_twice_stops_the_build(times):
    text = BEFORE + hook.TABLE_SIBLING_RULE[0] * times + AFTER
    with pytest.raises(PluginError, match=rf"main\.css: .* found it {times} times"):
        hook.cut(text, *hook.TABLE_SIBLING_RULE, "main.css")


def test_a_text_too_short_for_the_mark_stops_the_build():
    with pytest.raises(PluginError, match="too short"):
        hook.cut(BEFORE + "a{b:c}" + AFTER, "a{b:c}", "", "main.css")


def test_the_built_script_and_stylesheet_are_cut(built_site):
    (script,) = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    (stylesheet,) = (built_site / "assets" / "stylesheets").glob("main.*.min.css")
    js, css = script.read_text(encoding="utf-8"), stylesheet.read_text(encoding="utf-8")
    assert hook.COLOR_SCHEME_META[0] not in js
    assert hook.COLOR_SCHEME_META[1] + "/*" + hook.MARK in js
    assert hook.TABLE_SIBLING_RULE[0] not in css
    assert "/*" + hook.MARK in css
    # what the browser test cannot see: readers without JavaScript keep the rule
    page = (built_site / "performance" / "index.html").read_text(encoding="utf-8")
    assert f"<noscript><style>{hook.TABLE_SIBLING_RULE[0]}</style></noscript>" in page
