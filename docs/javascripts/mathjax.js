// MathJax 3 configuration. MathJax itself is served from this site (assets/mathjax),
// copied from the npm package by hooks/mathjax_assets.py: no CDN.
window.MathJax = {
  tex: {
    // \( \) and \[ \] come from pymdownx.arithmatex; $ and $$ only act inside notebook
    // output, because processHtmlClass below limits typesetting to those elements.
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: "md-.*",
    processHtmlClass: "arithmatex|jp-MarkdownOutput|jp-RenderedMarkdown",
  },
  // Typeset from document$ below instead, so that the first typeset and the one after an
  // instant-navigation page change go through the same queue.
  startup: { typeset: false },
};

// Material's document$ emits on the first load and after every instant navigation.
// Clearing MathJax's caches before the first typeset has finished leaves every formula
// with zero width, so the work is chained on MathJax's own startup promise.
document$.subscribe(() => {
  const mathjax = window.MathJax;
  if (!mathjax.startup || !mathjax.startup.promise) {
    return;
  }
  mathjax.startup.promise = mathjax.startup.promise.then(() => {
    mathjax.startup.output.clearCache();
    mathjax.typesetClear();
    mathjax.texReset();
    return mathjax.typesetPromise();
  });
});
