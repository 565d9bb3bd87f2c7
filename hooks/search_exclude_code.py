"""MkDocs hook: search previews show the lessons' prose, not their code listings.

Material's search indexes everything on a page, so a search for "sigmoid" used to answer
with a 40-line listing of ``def sigmoid`` as its first preview, and notebook pages with
"In [4]: Copied!" and raw code. This hook marks every highlighted code block, and in
notebooks the prompts, the copy button's hidden "Copied!" and the plain-text outputs, with
Material's ``data-search-exclude`` attribute before the search plugin reads the page; the
plugin leaves those blocks out of the index and then removes the attribute, so the page a
reader sees is unchanged. Prose that names a function (in inline code) stays searchable.

Only elements with no element of the same tag inside them are marked: Material's parser
compares elements by tag name alone, so the first ``</div>`` inside a marked ``<div>``
would end the exclusion early (seen with notebook cells, whose divs nest).
"""

from __future__ import annotations

import re

EXCLUDE = ' data-search-exclude="code"'
LEAVES = [
    # Code listings on Markdown pages and code cells' input in notebooks: a <pre> inside.
    re.compile(r'<div class="(?:[^"]*\s)?highlight(?:-ipynb)?(?:\s[^"]*)?"'),
    # Notebook prompts ("In [1]:", "Out[1]:") and plain-text outputs (a <pre> inside).
    re.compile(r'<div class="jp-(?:InputPrompt|OutputPrompt|RenderedText)\b[^"]*"'),
    # The copy button's notice, hidden until clicked.
    re.compile(r'<span class="notice"'),
    # The text the copy button copies: the cell's code once more.
    re.compile(r'<div class="clipboard-copy-txt"'),
]


def exclude_code(html: str) -> str:
    """Add the exclusion attribute to every code listing and notebook prompt or output."""
    for pattern in LEAVES:
        html = pattern.sub(lambda match: match.group(0) + EXCLUDE, html)
    return html


def on_page_content(html, page, config, files):
    return exclude_code(html)
