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
    assert hook.TABLE_WRAPPING[0] not in js
    # every table Material's script wrapped is wrapped in the HTML instead
    tables = 0
    for page in built_site.rglob("index.html"):
        content = hook.CONTENT.search(page.read_text(encoding="utf-8"))
        for tag in hook.TABLE_TAG.finditer(content.group(0) if content else ""):
            if tag.group(1) or "class=" in tag.group(2):
                continue
            tables += 1
            before = content.group(0)[: tag.start()]
            assert before.endswith(hook.WRAP_BEFORE), f"{page}: a table is not wrapped"
    assert tables > 10


TABLE = "<table>\n<thead>\n<tr><th>m</th></tr>\n</thead>\n</table>"


def test_a_table_without_a_class_is_wrapped_as_materials_script_wrapped_it():
    html = f"<article><p>Before</p>\n{TABLE}\n<p>After</p></article>"
    assert hook.wrap_tables(html) == (
        "<article><p>Before</p>\n"
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        f"{TABLE}</div></div>\n<p>After</p></article>"
    )


def test_tables_with_a_class_are_left_alone_and_nested_tables_are_wrapped_each():
    frame = '<table border="1" class="dataframe"><tr><td>1</td></tr></table>'
    assert hook.wrap_tables(frame) == frame
    styled = '<table style="width: 50%"><tr><td>1</td></tr></table>'
    assert hook.wrap_tables(styled) == hook.WRAP_BEFORE + styled + hook.WRAP_AFTER
    nested = f"<table><tr><td>{frame}{TABLE}</td></tr></table>"
    assert hook.wrap_tables(nested) == (
        f"{hook.WRAP_BEFORE}<table><tr><td>{frame}{hook.WRAP_BEFORE}{TABLE}"
        f"{hook.WRAP_AFTER}</td></tr></table>{hook.WRAP_AFTER}"
    )


def test_only_the_pages_content_is_wrapped_and_only_once():
    page = f"<nav>{TABLE}</nav><article>{TABLE}</article><footer>{TABLE}</footer>"
    done = hook.wrap_content_tables(page)
    assert hook.wrap_content_tables(done) == done
    assert done == (
        f"<nav>{TABLE}</nav><article>{hook.WRAP_BEFORE}{TABLE}{hook.WRAP_AFTER}</article>"
        f"<footer>{TABLE}</footer>"
    )
