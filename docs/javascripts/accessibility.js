// Material's search overlay is a role="dialog" element with no name, which screen readers
// announce as an unnamed dialog; name it after its input. It sits outside the page content,
// so instant navigation keeps it and running once is enough.
const searchDialog = document.querySelector('.md-search[role="dialog"]');
if (searchDialog && !searchDialog.hasAttribute("aria-label")) {
  searchDialog.setAttribute("aria-label", "Search");
}
