"""Chromium's accessibility tree of a Playwright page, as the browser tests read it: what a
screen reader is given (roles, names, whether a node takes the focus). Imported as ``ax``."""

from __future__ import annotations


def nodes(page) -> list[dict]:
    """Every node of the page's accessibility tree (the DevTools protocol's AXNode)."""
    session = page.context.new_cdp_session(page)
    try:
        return session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()


def role(node: dict) -> str:
    return node.get("role", {}).get("value", "")


def name(node: dict) -> str:
    return node.get("name", {}).get("value", "")


def focusable(node: dict) -> bool:
    return any(prop["name"] == "focusable" for prop in node.get("properties", []))
