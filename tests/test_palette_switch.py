"""hooks/palette_switch.py: Material's palette-switching rule is cut once, and only it."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from by_path import load

hook = load("hooks/palette_switch.py")

BEFORE = "[data-md-color-scheme=slate]{--md-hue:232}"
AFTER = "@media print{.md-header{display:none}}"


def test_the_rule_is_replaced_by_the_mark_and_the_rest_is_kept():
    css = BEFORE + hook.RULE + AFTER
    assert hook.without_switching_rule(css, "palette.css") == BEFORE + hook.MARK + AFTER


def test_a_stylesheet_cut_by_an_earlier_build_is_left_as_it_is():
    once = hook.without_switching_rule(BEFORE + hook.RULE + AFTER, "palette.css")
    assert hook.without_switching_rule(once, "palette.css") == once


@pytest.mark.parametrize("times", [0, 2])
def test_a_stylesheet_without_the_rule_or_with_two_stops_the_build(times):
    with pytest.raises(PluginError, match=rf"palette\.css: .* found it {times} times"):
        hook.without_switching_rule(BEFORE + hook.RULE * times + AFTER, "palette.css")


def test_the_built_palette_stylesheet_has_the_mark_and_not_the_rule(built_site):
    (stylesheet,) = (built_site / "assets" / "stylesheets").glob("palette.*.css")
    css = stylesheet.read_text(encoding="utf-8")
    assert hook.MARK in css
    assert "[data-md-color-switching] *" not in css
