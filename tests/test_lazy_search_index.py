"""hooks/lazy_search_index.py: Material's script, as shipped, holds each text the hook cuts
once, and the built script holds the cuts instead. What the cuts do in a browser:
tests/browser/test_search.py."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from by_path import load

hook = load("hooks/lazy_search_index.py")
material_files = load("hooks/_material_files.py")

SHIPPED = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


@pytest.mark.parametrize("cut", hook.CUTS, ids=["index", "worker", "highlight", "mount"])
def test_materials_script_holds_each_text_once_and_the_build_cuts_it(cut, built_site):
    original, replacement = cut
    (shipped,) = SHIPPED.glob("bundle.*.min.js")
    assert shipped.read_text(encoding="utf-8").count(original) == 1
    (built,) = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    script = built.read_text(encoding="utf-8")
    assert original not in script
    assert material_files.padded(original, replacement, hook.MARK) in script
    assert len(script) == len(shipped.read_text(encoding="utf-8"))
