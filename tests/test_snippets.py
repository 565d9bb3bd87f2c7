"""The pages and the package stay in sync: every include resolves, every section is shown.

pymdownx.snippets with ``check_paths`` stops the build for a missing file or section, but
not for a deleted ``[end:name]`` marker (it then silently includes to the end of the file),
and it cannot know about sections no page shows. These checks cover what it does not.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import markdown
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SRC = ROOT / "src" / "coursecode"

MARKER = re.compile(r"^\s*# --8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]\s*$")
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)(?P<info>.*)$")


def sections_in(path: Path) -> dict[str, tuple[int, int]]:
    """Map each section name in ``path`` to its (start line, end line), checking the markers."""
    open_sections: dict[str, int] = {}
    sections: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = MARKER.match(line)
        if not match:
            continue
        name = match["name"]
        where = f"{path.relative_to(ROOT)}:{number}"
        if match["kind"] == "start":
            if name in open_sections or name in sections:
                raise AssertionError(f"{where}: section {name!r} is started twice")
            open_sections[name] = number
        else:
            if name not in open_sections:
                raise AssertionError(f"{where}: [end:{name}] has no [start:{name}] before it")
            sections[name] = (open_sections.pop(name), number)
    for name, number in open_sections.items():
        raise AssertionError(
            f"{path.relative_to(ROOT)}:{number}: [start:{name}] has no [end:{name}] "
            "(pymdownx.snippets would include everything to the end of the file)"
        )
    return sections


def source_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def includes() -> list[tuple[Path, int, str, str | None]]:
    found = []
    for page in pages():
        for number, line in enumerate(page.read_text().splitlines(), start=1):
            match = INCLUDE.match(line)
            if match:
                found.append((page, number, match["path"], match["section"]))
    return found


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.name)
def test_every_section_marker_is_paired(path):
    sections_in(path)  # raises with the file, line and name of the broken marker


def test_every_include_names_an_existing_file_and_section():
    problems = []
    for page, number, target, section in includes():
        where = f"{page.relative_to(ROOT)}:{number}"
        target_path = ROOT / target
        if not target_path.is_file():
            problems.append(f"{where}: includes {target!r}, which does not exist")
        elif section is not None and section not in sections_in(target_path):
            problems.append(f"{where}: {target!r} has no section {section!r}")
    assert not problems, "\n".join(problems)


def test_every_section_in_the_package_is_shown_on_a_page():
    shown = {(target, section) for _, _, target, section in includes()}
    unshown = [
        f"{path.relative_to(ROOT)}: section {name!r} (lines {start}-{end})"
        for path in source_files()
        for name, (start, end) in sections_in(path).items()
        if (str(path.relative_to(ROOT)), name) not in shown
    ]
    assert not unshown, "sections that no page includes:\n" + "\n".join(unshown)


def code_blocks(page: Path):
    """Yield (line number, info string, body lines) for every fenced block on a page."""
    lines = page.read_text().splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, start = opening["fence"], i
        body = []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            body.append(lines[i])
            i += 1
        yield start + 1, opening["info"].strip(), body
        i += 1


def test_every_code_block_is_included_from_src_or_is_a_tested_example():
    """No hand-typed code: only snippet includes, or ``pycon`` examples that sybil runs."""
    problems = []
    for page in pages():
        for number, info, body in code_blocks(page):
            where = f"{page.relative_to(ROOT)}:{number}"
            content = [line for line in body if line.strip()]
            language = info.split()[0] if info else ""
            if language == "pycon":
                if not content or not content[0].lstrip().startswith(">>>"):
                    problems.append(f"{where}: a pycon block must start with '>>>'")
            elif not content or not all(INCLUDE.match(line) for line in content):
                problems.append(
                    f"{where}: a {language or 'plain'} code block typed by hand; include it "
                    'from src with --8<-- "src/coursecode/<module>.py:<section>" or write '
                    "a ```pycon example that the tests run"
                )
    assert not problems, "\n".join(problems)


DEFINITION = re.compile(r"^\s*(?:async\s+)?(?:def|class)\s+(?P<name>\w+)")


def test_a_section_that_starts_with_a_definition_is_named_after_it():
    """Renaming a function in src must not leave the pages on its old name.

    The markers would stay, so every include still resolves and the build passes, but the
    page's tab titles and prose go on naming the old function. Tying the section name to the
    name defined makes the rename change the section, and then every include of it fails.
    Private helpers (``_name``) are exempt: a page shows them under a name for what they do,
    and no page example imports them.
    """
    included_at: dict[tuple[str, str], list[str]] = {}
    for page, number, target, section in includes():
        where = f"{page.relative_to(ROOT)}:{number}"
        included_at.setdefault((target, section), []).append(where)
    problems = []
    for path in source_files():
        lines = path.read_text().splitlines()
        for name, (start, end) in sections_in(path).items():
            body = [line for line in lines[start : end - 1] if line.strip()]
            first = next((line for line in body if not line.lstrip().startswith(("@", "#"))), "")
            defined = DEFINITION.match(first)
            if defined and defined["name"] != name and not defined["name"].startswith("_"):
                pages = included_at.get((str(path.relative_to(ROOT)), name), ["no page"])
                problems.append(
                    f"{path.relative_to(ROOT)}:{start}: section {name!r} starts with the "
                    f"definition of {defined['name']!r}; rename the section to match and "
                    f"update its includes ({', '.join(pages)})"
                )
    assert not problems, "\n".join(problems)


# --- hand-typed code wherever Markdown can hide it ---------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; MkDocs' own tags (!relative, !!python/name) do not matter here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def page_renderer() -> markdown.Markdown:
    """The site's Markdown, without snippets: include lines stay as they are typed."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name in {"pymdownx.snippets", "pymdownx.arithmatex", "toc"}:
            continue
        names.append(name)
        if settings:
            options[name] = settings
    # Name each fence's language in the HTML, so a pycon example can be told from the rest.
    options.setdefault("pymdownx.highlight", {})["pygments_lang_class"] = True
    return markdown.Markdown(extensions=names, extension_configs=options)


PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.DOTALL)
BLOCK_LANGUAGE = re.compile(r'class="language-(\w+)')


def rendered_code(html: str) -> list[tuple[str, str]]:
    """(language or "", text) of every <pre> block in rendered HTML."""
    blocks = []
    for match in PRE.finditer(html):
        opening = html[max(0, match.start() - 200) : match.start()]
        languages = BLOCK_LANGUAGE.findall(opening)
        text = unescape(re.sub(r"<[^>]+>", "", match.group(1)))
        blocks.append((languages[-1] if languages else "", text))
    return blocks


def test_no_page_hides_hand_typed_code_in_an_indented_block_tab_or_admonition():
    """The fence scan above reads lines; this one reads what Markdown makes of them."""
    renderer = page_renderer()
    problems = []
    for page in pages():
        source = page.read_text()
        html = renderer.reset().convert(source)
        for language, text in rendered_code(html):
            lines = [line for line in text.splitlines() if line.strip()]
            if language == "pycon" and lines and lines[0].lstrip().startswith(">>>"):
                continue
            if lines and all(INCLUDE.match(line) for line in lines):
                continue
            first = lines[0].strip() if lines else ""
            number = next(
                (n for n, line in enumerate(source.splitlines(), 1) if first and first in line),
                0,
            )
            problems.append(
                f"{page.relative_to(ROOT)}:{number}: code typed by hand "
                f"({language or 'an indented or unnamed block'}): {first[:60]!r}; include it "
                "from src or write a ```pycon example that the tests run"
            )
    assert not problems, "\n".join(problems)


def notebooks() -> list[Path]:
    return sorted(DOCS.rglob("*.ipynb"))


@pytest.mark.parametrize("notebook", notebooks(), ids=lambda p: p.name)
def test_notebook_markdown_cells_hold_no_code(notebook):
    """Code in a notebook belongs in code cells, which the build runs, not in Markdown."""
    cells = json.loads(notebook.read_text())["cells"]
    renderer = markdown.Markdown(extensions=["fenced_code", "tables"])
    problems = []
    for index, cell in enumerate(cells, start=1):
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for _, text in rendered_code(renderer.reset().convert(source)):
            problems.append(
                f"{notebook.relative_to(ROOT)}: Markdown cell {index} shows code that no cell "
                f"runs: {text.strip()[:60]!r}; move it into a code cell"
            )
    assert not problems, "\n".join(problems)
