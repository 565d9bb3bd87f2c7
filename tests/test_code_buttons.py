"""hooks/code_buttons.py: Material's script boxes a code block's buttons in a <div>.

How a cut is made (its length, its checks): tests/test_material_files.py. That no code block
adds a landmark once its buttons are mounted: tests/browser/test_code_blocks.py."""

from __future__ import annotations

from by_path import load

hook = load("hooks/code_buttons.py")


def test_the_built_script_makes_the_box_a_div(built_site):
    (script,) = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    js = script.read_text(encoding="utf-8")
    nav, div = hook.BUTTONS_BOX
    assert nav not in js
    assert js.count(div) == 1
