"""A drawn diagram as SVG markup to inline in a page: what the build keeps of a drawing.

Apart from :mod:`~coursecode.presentation.diagrams` (which imports matplotlib) so that
``hooks/figures.py`` can read drawings back from its cache without importing matplotlib:
a build that finds every diagram in the cache draws none.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["MIN_TEXT_PX", "InlineSvg"]

# No text of a figure may be drawn smaller than this, in CSS pixels, at any screen width.
MIN_TEXT_PX = 9.0


@dataclass(frozen=True)
class InlineSvg:
    """A diagram as SVG markup for an HTML page, with what its layout needs to know.

    ``width`` and ``height`` are the natural size in CSS pixels; ``smallest_text`` is the
    size of the smallest text at that width.
    """

    markup: str
    width: float
    height: float
    smallest_text: float

    @property
    def min_width(self) -> int:
        """The narrowest the figure may be shown with no text below ``MIN_TEXT_PX``."""
        return math.ceil(self.width * MIN_TEXT_PX / self.smallest_text)

    def with_id_prefix(self, prefix: str) -> str:
        """The markup with every id, and every reference to one, prefixed by ``prefix``."""
        markup = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', self.markup)
        markup = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}\1)", markup)
        return re.sub(r'href="#([^"]+)"', rf'href="#{prefix}\1"', markup)
