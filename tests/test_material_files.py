"""hooks/_material_files.py: a cut of Material's built files replaces one text, keeps the
file's length, is made once, and stops the build when Material's text is not there."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from by_path import load

material = load("hooks/_material_files.py")

MARK = "hooks/some_hook.py"
BEFORE = 'function li(e){let t=M("input",e),r=x("meta",{name:"theme-color"});'
AFTER = 'document.head.appendChild(r);let n=Wt("(prefers-color-scheme: light)");'
ORIGINAL = 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'


@pytest.mark.parametrize("replacement", ["let o={};", ""])
def test_a_cut_keeps_the_length_and_everything_around_it(replacement):
    text = BEFORE + ORIGINAL + AFTER
    done = material.cut(text, ORIGINAL, replacement, "bundle.js", MARK)
    assert len(done) == len(text)  # Material's source maps still point at the right columns
    assert done.startswith(BEFORE + replacement + "/*" + MARK)
    assert done.endswith("*/" + AFTER)
    assert ORIGINAL not in done


def test_a_file_cut_by_an_earlier_build_is_left_as_it_is():
    once = material.cut(BEFORE + ORIGINAL + AFTER, ORIGINAL, "let o={};", "b.js", MARK)
    assert material.cut(once, ORIGINAL, "let o={};", "b.js", MARK) == once


def test_two_cuts_of_one_hook_in_one_file_are_both_made(tmp_path):
    # the second cut must not take the first one's comment for its own
    path = tmp_path / "bundle.js"
    second = "let n=Wt(" + "x" * 40 + ");"
    text = BEFORE + ORIGINAL + AFTER + second
    path.write_text(text)
    cuts = [(ORIGINAL, "let o={};"), (second, "let n=1;")]
    material.rewrite(path, cuts, MARK)
    done = path.read_text()
    assert len(done) == len(text)
    assert ORIGINAL not in done
    assert second not in done
    assert "let o={};/*" + MARK in done
    assert "let n=1;/*" + MARK in done
    material.rewrite(path, cuts, MARK)  # a --dirty rebuild: the file as it was
    assert path.read_text() == done


@pytest.mark.parametrize("times", [0, 2])
def test_a_file_without_the_text_or_with_it_twice_stops_the_build(times):
    rule = ".md-typeset table:not([class])+*{margin-top:1.5em}"
    text = BEFORE + rule * times + AFTER
    with pytest.raises(PluginError, match=rf"main\.css: .* found it {times} times.*some_hook"):
        material.cut(text, rule, "", "main.css", MARK)


def test_a_cut_too_short_for_the_comment_is_padded_with_spaces():
    text = BEFORE + "a{b:c}" + AFTER
    done = material.cut(text, "a{b:c}", "a{}", "main.css", MARK)
    assert done == BEFORE + "a{}   " + AFTER
    assert material.cut(done, "a{b:c}", "a{}", "main.css", MARK) == done


def test_a_replacement_longer_than_the_original_stops_the_build():
    with pytest.raises(PluginError, match="longer than"):
        material.cut(BEFORE + "a{b:c}" + AFTER, "a{b:c}", "a{b:cd}", "main.css", MARK)


def test_an_asset_is_found_once_or_the_build_stops(tmp_path):
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    with pytest.raises(PluginError, match=r"expected one bundle\.\*\.min\.js .* found \[\]"):
        material.one_asset(tmp_path, "javascripts", "bundle.*.min.js", MARK)
    (folder / "bundle.1.min.js").write_text("")
    assert material.one_asset(tmp_path, "javascripts", "bundle.*.min.js", MARK).name == (
        "bundle.1.min.js"
    )
    (folder / "bundle.2.min.js").write_text("")
    with pytest.raises(PluginError, match=r"bundle\.1\.min\.js', 'bundle\.2\.min\.js"):
        material.one_asset(tmp_path, "javascripts", "bundle.*.min.js", MARK)
