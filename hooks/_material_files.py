"""What the hooks that edit Material's built files share: a cut that keeps the file's length.

Not a hook itself (mkdocs.yml does not list it); ``load_restyles.py`` and
``lazy_search_index.py`` import it. Each cut replaces one text of Material's minified
script or stylesheet and pads what is left over with a comment naming the hook (with
spaces, where the comment would not fit), so the file keeps its length and the source
maps Material ships still point at the right columns. Strict: if a file holds neither
the original text nor the hook's cut (a new version of Material), the build stops, so
that the cut is looked at again.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError


def padded(original: str, replacement: str, mark: str) -> str:
    """``replacement`` padded to the length of ``original``: by a comment naming ``mark``
    (the hook's path), or by spaces where the comment would not fit."""
    spare = len(original) - len(replacement)
    if spare < 0:
        raise PluginError(
            f"{replacement!r} is longer than the {original!r} it replaces; see {mark}"
        )
    filler = spare - len(mark) - len("/**/")
    return replacement + (f"/*{mark}{' ' * filler}*/" if filler >= 0 else " " * spare)


def cut(text: str, original: str, replacement: str, name: str, mark: str) -> str:
    """``text`` with ``original`` replaced by ``replacement``, padded to the same length.

    Left as it is when this cut is there already (``mkdocs serve --dirty`` keeps files it
    did not copy again). ``original`` must occur exactly once otherwise.
    """
    done = padded(original, replacement, mark)
    if original not in text and done in text:
        return text
    if text.count(original) != 1:
        raise PluginError(
            f"{name}: expected Material's {original!r} once, found it "
            f"{text.count(original)} times; see {mark}"
        )
    return text.replace(original, done)


def one_asset(site: Path, folder: str, pattern: str, mark: str) -> Path:
    """The one file of Material's ``assets/folder`` that matches ``pattern``."""
    found = sorted(Path(site, "assets", folder).glob(pattern))
    if len(found) != 1:
        raise PluginError(
            f"expected one {pattern} of Material in assets/{folder}, found "
            f"{[path.name for path in found]}; see {mark}"
        )
    return found[0]


def rewrite(path: Path, cuts: list[tuple[str, str]], mark: str) -> None:
    """Make each ``(original, replacement)`` cut of ``cuts`` in the file at ``path``."""
    text = path.read_text(encoding="utf-8")
    done = text
    for original, replacement in cuts:
        done = cut(done, original, replacement, path.name, mark)
    if done != text:
        path.write_text(done, encoding="utf-8")
