"""What notebook_pages.py uses to cut the notebook stylesheet down to what a page can use.

Not a hook itself (mkdocs.yml does not list it); ``notebook_pages.py`` imports it.
mkdocs-jupyter gives every notebook page JupyterLab's whole stylesheet: about 590 KB (89
KB compressed), all of it render-blocking, with some 550 custom properties declared on
``:root`` that every element inherits. A notebook page uses a small part of it. Two cuts:

* a selector stays when every class and id it names occurs in the page; a rule stays
  when one of its selectors does. Type selectors are never the reason to drop one (the
  page around the notebook has elements of every type), nor is anything inside a
  functional pseudo-class (``:not(.x)`` matches where ``.x`` is absent) or an attribute
  selector;
* then a custom property (``--name: ...``) stays only when something that stays reads it
  with ``var()``, directly or through other custom properties, or when one of ``readers``
  (our own stylesheets, the page's inline styles) does.

``@media``, ``@supports``, ``@layer`` and ``@container`` blocks are cut the same way inside,
and go when nothing is left in them; other at-rules (``@keyframes``, ``@font-face``,
``@import``) stay as they are, but ``@charset``, which counts only at the start of a file,
goes. What does not parse as CSS is dropped, as a browser drops it.

A :class:`Stylesheet` is parsed once; cutting it for a page is then set lookups only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import tinycss2

# Functional pseudo-classes whose arguments say nothing about what must be in the page.
FUNCTIONAL = re.compile(
    r":(?:not|is|where|has|matches|-webkit-any|-moz-any|nth-[\w-]+|host|host-context|lang|dir)"
    r"\((?:[^()]|\([^()]*\))*\)"
)
ATTRIBUTE = re.compile(r"\[[^\]]*\]")
CLASS_OR_ID = re.compile(r"[.#](?:-?[_a-zA-Z]|--)[\w-]*")
# A class or id attribute. The word boundary before the name is checked apart
# (_starts_word): with "\b" at its start a pattern is tried at every boundary of the page,
# and finding the tokens of the 13 notebook pages took 0.26 s; without it, 0.12 s.
CLASS_ATTRIBUTE = re.compile(r"""class\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
ID_ATTRIBUTE = re.compile(r"""id\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
VAR = re.compile(r"var\(\s*(--[\w-]+)")
BLOCKS = {"media", "supports", "layer", "container"}


def _starts_word(text: str, at: int) -> bool:
    """Whether ``text[at]`` starts a word, as ``\\b`` before it would say."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


def page_tokens(html: str) -> set[str]:
    """The ``.class`` and ``#id`` tokens of an HTML text."""
    tokens = set()
    for match in CLASS_ATTRIBUTE.finditer(html):
        if _starts_word(html, match.start()):
            tokens.update("." + name for name in (match[1] or match[2] or "").split())
    for match in ID_ATTRIBUTE.finditer(html):
        if _starts_word(html, match.start()):
            tokens.add("#" + (match[1] or match[2] or ""))
    return tokens


def selector_needs(selector: str) -> frozenset[str]:
    """The classes and ids that must all be in a page for ``selector`` to match there."""
    return frozenset(CLASS_OR_ID.findall(ATTRIBUTE.sub("", FUNCTIONAL.sub("", selector))))


class _Declaration(NamedTuple):
    name: str
    text: str  # "name:value", with " !important" when it has it
    reads: frozenset[str]  # the custom properties its value reads


class _Rule(NamedTuple):
    selectors: tuple[tuple[str, frozenset[str]], ...]  # (selector, the tokens it needs)
    declarations: tuple[_Declaration, ...]


class _Block(NamedTuple):
    head: str  # "@media (...)"
    children: tuple


class _Verbatim(NamedTuple):
    text: str  # an at-rule kept as written


def _selector_list(prelude) -> list[str]:
    """A rule's selectors: its prelude split at the commas outside brackets (the commas of
    ``:is(.a, .b)`` are inside a function token)."""
    selectors, current = [], []
    for token in [*prelude, None]:
        if token is None or (token.type == "literal" and token.value == ","):
            selector = tinycss2.serialize(current).strip()
            if selector:
                selectors.append(selector)
            current = []
        else:
            current.append(token)
    return selectors


def _parse(rules) -> tuple:
    parsed = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tuple(
                (selector, selector_needs(selector)) for selector in _selector_list(rule.prelude)
            )
            declarations = []
            for item in tinycss2.parse_declaration_list(
                rule.content, skip_comments=True, skip_whitespace=True
            ):
                if item.type != "declaration":
                    continue
                value = tinycss2.serialize(item.value).strip()
                important = " !important" if item.important else ""
                declarations.append(
                    _Declaration(
                        item.name,
                        f"{item.name}:{value}{important}",
                        frozenset(VAR.findall(value)),
                    )
                )
            parsed.append(_Rule(selectors, tuple(declarations)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in BLOCKS and rule.content:
            children = tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            head = f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}"
            parsed.append(_Block(head, _parse(children)))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "charset":
            pass  # only the first bytes of a file may say its encoding; the page's is UTF-8
        elif rule.type == "at-rule":
            parsed.append(_Verbatim(tinycss2.serialize([rule]).strip()))
        # parse errors are dropped, as a browser drops them
    return tuple(parsed)


class Stylesheet:
    """A stylesheet parsed once, to be cut down for one page after another.

    Parameters
    ----------
    css : str
        The stylesheet's text.
    """

    def __init__(self, css: str):
        self.items = _parse(
            tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        )

    def for_page(self, html: str, readers: str = "", classes: Iterable[str] = ()) -> str:
        """The stylesheet without the rules that cannot match in ``html`` and the custom
        properties nothing reads.

        Parameters
        ----------
        html : str
            The page it styles; its classes and ids decide which selectors can match.
        readers : str, optional
            Other text that may read custom properties with ``var()`` (the page's other
            stylesheets). The page's own ``var()`` reads (inline styles) count without it.
        classes : iterable of str, optional
            Classes and ids the page gets from its scripts, written ``.name`` and ``#name``.

        Returns
        -------
        str
            The stylesheet that is left, one rule per line.
        """
        kept = _matching(self.items, page_tokens(html) | set(classes))
        needed = _custom_properties_read(kept, set(VAR.findall(readers + html)))
        return "".join(line + "\n" for line in _serialize(kept, needed))


def unused_removed(css: str, html: str, readers: str = "", classes: Iterable[str] = ()) -> str:
    """``Stylesheet(css).for_page(html, readers, classes)``, for a stylesheet used once."""
    return Stylesheet(css).for_page(html, readers, classes)


def _matching(items: tuple, tokens: set[str]) -> list:
    kept = []
    for item in items:
        if isinstance(item, _Rule):
            selectors = [selector for selector, needs in item.selectors if needs <= tokens]
            if selectors:
                kept.append((", ".join(selectors), item.declarations))
        elif isinstance(item, _Block):
            children = _matching(item.children, tokens)
            if children:
                kept.append((item.head, children))
        else:
            kept.append((None, item.text))
    return kept


def _custom_properties_read(kept: list, reads: set[str]) -> set[str]:
    """The custom properties that ``kept`` and ``reads`` read, followed through others."""
    declared: dict[str, set[str]] = {}

    def walk(items):
        for head, body in items:
            if head is None:
                reads.update(VAR.findall(body))
            elif head.startswith("@"):
                walk(body)
            else:
                for declaration in body:
                    if declaration.name.startswith("--"):
                        declared.setdefault(declaration.name, set()).update(declaration.reads)
                    else:
                        reads.update(declaration.reads)

    walk(kept)
    needed: set[str] = set()
    pending = list(reads)
    while pending:
        name = pending.pop()
        if name not in needed:
            needed.add(name)
            pending.extend(declared.get(name, ()))
    return needed


def _serialize(kept: list, needed: set[str]) -> list[str]:
    out = []
    for head, body in kept:
        if head is None:
            out.append(body)
        elif head.startswith("@"):
            inner = _serialize(body, needed)
            if inner:
                out.append(head + " {\n" + "\n".join(inner) + "\n}")
        else:
            declarations = [
                d.text for d in body if not d.name.startswith("--") or d.name in needed
            ]
            if declarations:
                out.append(head + " { " + "; ".join(declarations) + " }")
    return out
