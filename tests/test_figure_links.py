"""hooks/figure_links.py: notebook figures open full size on tap, alt text untouched."""

from __future__ import annotations

from by_path import load

figure_links = load("hooks/figure_links.py")


def test_a_scheme_image_loses_its_hidden_attribute_but_keeps_its_alt_text():
    tag = '<img alt="cost against the number of hidden units" hidden src="cost.png#only-dark"/>'
    linked = figure_links.link_figure(tag)
    assert linked.startswith('<a class="figure-link" href="cost.png" data-scheme="dark">')
    assert 'alt="cost against the number of hidden units"' in linked
    assert " hidden " not in linked.replace('alt="cost against the number of hidden units"', "")


def test_an_image_already_inside_a_link_or_without_an_address_is_left_alone():
    inside = '<a href="x.html"><img alt="a" src="a.png"></a>'
    assert figure_links.link_figures(inside) == inside
    inline = '<img alt="a dot" src="data:image/png;base64,AAAA">'
    assert figure_links.link_figure(inline) == inline
