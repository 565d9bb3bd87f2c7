"""The notebook figures' dark rendering: greys mirrored, the palette and colour maps kept;
and the notebooks' tables, whose every column has a title."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from coursecode.presentation.notebook_display import (
    DARK_CARD,
    DARK_INK,
    markdown_table,
    new_figure,
    show_figure,
)


def test_a_grey_image_is_mirrored_and_a_coloured_one_is_kept():
    fig, (left, right) = new_figure(1, 2)
    pixels = np.linspace(0, 1, 16).reshape(4, 4)
    grey = left.imshow(pixels, cmap="gray")  # black ink on white paper, as a digit is drawn
    coloured = right.imshow(pixels, cmap="viridis")
    viridis_before = coloured.get_cmap()(np.linspace(0, 1, 5))

    shown = show_figure(fig, alt="two images of the same pixels")

    assert shown.dark_png is not None
    low, high = grey.get_cmap()(0.0), grey.get_cmap()(1.0)
    # The lowest value was black on white; on the dark card it is drawn in the light ink.
    np.testing.assert_allclose(low[:3], to_rgba(DARK_INK)[:3], atol=0.01)
    np.testing.assert_allclose(high[:3], to_rgba(DARK_CARD)[:3], atol=0.01)
    np.testing.assert_allclose(coloured.get_cmap()(np.linspace(0, 1, 5)), viridis_before)


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_table_refuses_a_column_without_a_title(blank):
    with pytest.raises(ValueError, match=rf"header\[1\] must be a column title, got '{blank}'"):
        markdown_table(["rate", blank, "cost"], [[0.1, "good", 0.5]])


def test_a_table_with_every_title_keeps_them_in_its_first_line():
    table = markdown_table(["measure", "ours"], [["cost", 0.25]], formats=["", ".2f"])
    assert table.markdown.splitlines()[0] == "| measure | ours |"
