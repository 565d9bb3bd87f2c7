// While the colours switch between light and dark, no transition runs: without this the
// header, the links and the buttons would fade to their new colours one after another.
// Material does it with a rule on an attribute it also sets on every page load, which
// made the browser restyle the whole page twice per load; hooks/palette_switch.py cuts
// that rule, and this class (styled in extra.css) is set only when a reader switches.
document.addEventListener(
  "change",
  (event) => {
    if (!event.target.matches('input[name="__palette"]')) return;
    document.body.classList.add("palette-switching");
    // Material applies the new palette in this task; the next frame paints it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => document.body.classList.remove("palette-switching")),
    );
  },
  true, // capture: before Material's own listener on the toggle
);
