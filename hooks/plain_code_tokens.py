"""MkDocs hook: code tokens drawn in the listing's own colour are written as plain text.

Pygments wraps every token of a listing in a ``<span>`` named after its kind. Material
draws names (``n``) in the listing's own colour (``--md-code-hl-name-color`` is
``--md-code-fg-color``) and gives whitespace (``w``) no style at all, so those spans change
nothing on the screen; yet on a page of code they are a large part of its elements, each of
which the browser styles and lays out on every load. This hook writes their text without
the span, on every built page (notebook pages too); every other token keeps its span and
its colour. ``tests/test_plain_code_tokens.py`` checks that the stylesheets still draw the
two kinds as plain text.
"""

from __future__ import annotations

import re

# The whole span, with nothing inside but text: Pygments writes no other attribute.
PLAIN_TOKEN = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')


def unwrap(html: str) -> str:
    """``html`` with each name and whitespace token written as its text."""
    return PLAIN_TOKEN.sub(r"\1", html)


def on_post_page(output, page, config):
    return unwrap(output)
