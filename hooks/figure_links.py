"""MkDocs hook: a tap on a figure opens it full size.

On a phone a figure shrinks to the width of the text column; its text can get small.
Each image of a page's content that is not already inside a link is wrapped in a link to
its own file, so a tap (or a click) opens the image at full size, where the reader can
zoom and pan. The link is a plain ``<a href>``: it needs no script and no lightbox.

Figures drawn twice, for the light and the dark colour scheme, carry their scheme in the
link (``data-scheme``), so that the stylesheet hides the link of the other scheme with its
image (an empty link would still take the keyboard's focus). The scheme is read from
Material's ``#only-light`` / ``#only-dark`` at the end of the image's address, or from the
classes ``figure-light`` / ``figure-dark`` that
``coursecode.presentation.notebook_display`` gives its two renderings (the dark one is
``hidden`` for Jupyter and Colab, which show only the light one; on the site the
stylesheet decides).
"""

from __future__ import annotations

import re

TOKEN = re.compile(r"<a\b[^>]*>|</a\s*>|<img\b[^>]*>", re.IGNORECASE)
SRC = re.compile(r"""\bsrc\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.IGNORECASE)
CLASSES = re.compile(r"""\bclass\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
# One attribute with its value, if any: quoted values are matched whole, so a word inside
# one (an alt text that says "hidden units") is never taken for an attribute.
ATTRIBUTE = re.compile(r"""\s+(?P<name>[^\s=>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")


def without_hidden(tag: str) -> str:
    """``tag`` without its ``hidden`` attribute (and nothing else changed)."""
    return ATTRIBUTE.sub(lambda m: "" if m["name"].lower() == "hidden" else m.group(0), tag)


def scheme_of(img_tag: str, src: str) -> str | None:
    """'light', 'dark', or None for an image shown in both colour schemes."""
    match = CLASSES.search(img_tag)
    classes = (match["double"] or match["single"] or "").split() if match else []
    for scheme in ("light", "dark"):
        if src.endswith(f"#only-{scheme}") or f"figure-{scheme}" in classes:
            return scheme
    return None


def link_figure(img_tag: str) -> str:
    """``img_tag`` inside a link to its image; the tag alone if it has no usable address."""
    match = SRC.search(img_tag)
    src = (match["double"] or match["single"] or "") if match else ""
    target = src.split("#", 1)[0]
    if not target or target.startswith("data:"):
        return img_tag
    scheme = scheme_of(img_tag, src)
    if scheme is not None:
        img_tag = without_hidden(img_tag)
    data = f' data-scheme="{scheme}"' if scheme else ""
    return f'<a class="figure-link" href="{target}"{data}>{img_tag}</a>'


def link_figures(html_content: str) -> str:
    """Wrap every <img> that is not inside an <a> in a link to its image."""
    pieces, last, depth = [], 0, 0
    for match in TOKEN.finditer(html_content):
        token = match.group(0)
        lowered = token[:4].lower()
        if lowered.startswith("<img"):
            if depth == 0:
                pieces += [html_content[last : match.start()], link_figure(token)]
                last = match.end()
        elif lowered.startswith("</a"):
            depth = max(depth - 1, 0)
        else:
            depth += 1
    pieces.append(html_content[last:])
    return "".join(pieces)


def on_page_content(html_content, page, config, files):
    return link_figures(html_content)
