"""hooks/load_restyles.py: Material's files lose what restyled the page, and only that.

How a cut is made (its length, its checks): tests/test_material_files.py."""

from __future__ import annotations

from by_path import load

hook = load("hooks/load_restyles.py")


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
