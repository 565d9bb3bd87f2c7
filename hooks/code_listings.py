"""MkDocs hook: code listings on the pages show the code that teaches, not its docstring.

A page includes a function from ``src/coursecode`` with pymdownx.snippets, and the function
comes with a numpydoc docstring written for the package's users: parameters, shapes,
examples, reST roles. On a lesson page that is 20 to 40 lines around the 5 that teach, and
the raw reST (``:math:``, ``.. math::``) is noise to a reader. The page's prose already says
what the docstring says, rendered.

So after the snippets are expanded, and before the fences are highlighted, every docstring
that opens a ``def`` or ``class`` inside a ``python`` fence is folded to its first line, the
one-sentence summary. The source keeps its full docstring (the tests run its examples);
``tests/test_code_listings.py`` checks that no built page shows reST or a "Lesson:" line in
a code block.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
DEFINITION = re.compile(r"^\s*(?:async\s+)?(?:def|class)\s+\w+")
DOCSTRING_START = re.compile(
    r'^(?P<indent>\s*)(?P<prefix>[rRuU]?)(?P<quote>"""|\'\'\')(?P<rest>.*)$'
)


def fold_docstrings(code: list[str]) -> list[str]:
    """Fold each docstring right after a ``def``/``class`` header to its summary line."""
    folded: list[str] = []
    i = 0
    while i < len(code):
        line = code[i]
        folded.append(line)
        i += 1
        if not DEFINITION.match(line):
            continue
        # The header may span lines (long signatures); it ends at the line ending in ':'.
        while not line.split("#", 1)[0].rstrip().endswith(":") and i < len(code):
            line = code[i]
            folded.append(line)
            i += 1
        if i >= len(code):
            break
        start = DOCSTRING_START.match(code[i])
        if not start:
            continue
        quote, rest = start["quote"], start["rest"]
        body = [rest]
        j = i
        while quote not in body[-1] and j + 1 < len(code):
            j += 1
            body.append(code[j])
        text = "\n".join(body).split(quote, 1)[0]
        summary = next((part.strip() for part in text.splitlines() if part.strip()), "")
        folded.append(f"{start['indent']}{quote}{summary}{quote}")
        i = j + 1
    return folded


class FoldDocstrings(Preprocessor):
    """Apply :func:`fold_docstrings` to the body of every ``python`` fence."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            opening = FENCE.match(lines[i])
            out.append(lines[i])
            i += 1
            if not opening:
                continue
            language = opening["info"].split()[0].lstrip(".") if opening["info"].strip() else ""
            body = []
            while i < len(lines) and lines[i].strip() != opening["fence"]:
                body.append(lines[i])
                i += 1
            out.extend(fold_docstrings(body) if language in {"python", "py"} else body)
            if i < len(lines):
                out.append(lines[i])  # the closing fence
                i += 1
        return out


class CodeListingsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # pymdownx.snippets runs at priority 32 and superfences at 25: fold in between, on
        # the expanded source and before any highlighting.
        md.preprocessors.register(FoldDocstrings(md), "fold_docstrings", 31)


def on_config(config):
    config.markdown_extensions.append(CodeListingsExtension())
    return config
