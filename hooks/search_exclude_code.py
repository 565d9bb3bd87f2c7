"""MkDocs hook: search previews show the lessons' prose, not their code listings.

Material's search indexes everything on a page, so a search for "sigmoid" used to answer
with a 40-line listing of ``def sigmoid`` as its first preview, and notebook pages with
"In [4]: Copied!" and raw code. So the search plugin is shown each page without its
highlighted code blocks, diagram drawings, and in notebooks the prompts, the copy
button's hidden "Copied!" and the plain-text outputs: just before the plugin reads the
page (``on_page_context``, priority 100) they are cut out, and just after it (priority
-100) the page is put back as it was, so the page a reader sees is unchanged. Prose that
names a function (in inline code) stays searchable.

Cutting them out, rather than marking them with Material's ``data-search-exclude`` for
its parser to skip, also spares the parser their many tags (every token of a highlighted
listing is a ``<span>``): the plugin took 0.99 s of a 5.7 s warm build reading them.

Only elements with no element of the same tag inside them are cut, from the opening tag
to the first closing tag of that name, which is then their own.
"""

from __future__ import annotations

import re

from mkdocs.plugins import CombinedEvent, event_priority

# (the opening tag, its tag name)
LEAVES = [
    # Code listings on Markdown pages and code cells' input in notebooks: a <pre> inside.
    (r'<div class="(?:[^"]*\s)?highlight(?:-ipynb)?(?:\s[^"]*)?"', "div"),
    # Notebook prompts ("In [1]:", "Out[1]:") and plain-text outputs (a <pre> inside).
    (r'<div class="jp-(?:InputPrompt|OutputPrompt|RenderedText)\b[^"]*"', "div"),
    # The copy button's notice, hidden until clicked.
    (r'<span class="notice"', "span"),
    # The text the copy button copies: the cell's code once more.
    (r'<div class="clipboard-copy-txt"', "div"),
    # A diagram's drawing (hooks/figures.py): its labels are not words of the page.
    (r'<div class="diagram__drawing"', "div"),
]
CUT = re.compile(
    "|".join(f"{opening}[^>]*>.*?</{tag}>" for opening, tag in LEAVES), flags=re.DOTALL
)

_shown: dict[str, str] = {}  # page src_uri -> its content, while the search plugin reads


def without_code(html: str) -> str:
    """The page's HTML without its code listings, notebook prompts, outputs and drawings."""
    return CUT.sub("", html)


@event_priority(100)  # before Material's search plugin (priority 0) reads page.content
def _show_search_the_prose(context, page, config, nav):
    _shown[page.file.src_uri] = page.content
    page.content = without_code(page.content)
    return context


@event_priority(-100)  # after it
def _put_the_page_back(context, page, config, nav):
    page.content = _shown.pop(page.file.src_uri)
    return context


on_page_context = CombinedEvent(_show_search_the_prose, _put_the_page_back)
