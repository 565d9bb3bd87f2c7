// Material's search overlay is a role="dialog" element with no name, which screen readers
// announce as an unnamed dialog; name it after its input. It sits outside the page content,
// so instant navigation keeps it and running once is enough.
const searchDialog = document.querySelector('.md-search[role="dialog"]');
if (searchDialog && !searchDialog.hasAttribute("aria-label")) {
  searchDialog.setAttribute("aria-label", "Search");
}

// A wide table, a display formula, or a notebook code cell whose lines are wider than the
// page, scrolls sideways; keyboard users can only scroll it if it can take the focus
// (Material does the same for its code blocks).
document$.subscribe(() => {
  const scrolling =
    ".md-typeset__scrollwrap, .md-typeset div.arithmatex, .jupyter-wrapper .highlight-ipynb";
  // Measure every region first, then write: a write between two reads would make the
  // browser lay the page out again for each region (a page can have 80 display formulas).
  const wide = [...document.querySelectorAll(scrolling)].filter(
    (region) => region.scrollWidth > region.clientWidth,
  );
  for (const region of wide) {
    region.setAttribute("tabindex", "0");
  }
});
