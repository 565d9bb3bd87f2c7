"""Collect the ``>>>`` examples on the site's Markdown pages as tests (with sybil).

Only fences marked ``pycon`` are examples to run; ``python`` fences on the pages hold
snippet includes from ``src/coursecode`` and are checked by ``tests/test_snippets.py``.
"""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import CodeBlockParser

# Jupytext notebooks under docs/ are executed by the site build and tests/test_notebooks.py,
# not imported by --doctest-modules.
collect_ignore_glob = ["docs/**/*.py"]


class PyconExamplesParser:
    """Find fenced ``pycon`` blocks and evaluate them as doctests."""

    def __init__(self, optionflags: int) -> None:
        self.blocks = CodeBlockParser(language="pycon")
        self.doctests = DocTestStringParser(DocTestEvaluator(optionflags))

    def __call__(self, document):
        for block in self.blocks(document):
            source = block.parsed
            for example in self.doctests(source, document.path):
                example.adjust(block, source)
                yield example


pytest_collect_file = Sybil(
    parsers=[PyconExamplesParser(NORMALIZE_WHITESPACE | ELLIPSIS)],
    patterns=["*.md"],
    path="./docs",
).pytest()
