// counterclaim web UI: small conveniences; every page works without them.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Filters: a changed menu applies at once.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }

  // A claim's page: bring its evidence into view inside the document's text.
  const evidence = document.getElementById("evidence");
  if (evidence) {
    const box = evidence.closest(".doc-text");
    if (box) box.scrollTop = Math.max(0, evidence.offsetTop - box.offsetTop - box.clientHeight / 3);
  }

  // A series plot: hovering a claim's marker shows its title in a tooltip.
  const figure = document.getElementById("series-plot");
  const tip = document.getElementById("plot-tooltip");
  if (figure && tip) {
    for (const group of figure.querySelectorAll("g[id^='claim-marker-']")) {
      const title = group.querySelector("title");
      if (!title) continue;
      group.addEventListener("mouseenter", (event) => {
        tip.textContent = title.textContent;  // text, never markup
        tip.hidden = false;
        place(event);
      });
      group.addEventListener("mousemove", place);
      group.addEventListener("mouseleave", () => { tip.hidden = true; });
    }
  }

  function place(event) {
    const area = figure.getBoundingClientRect();
    const x = Math.min(event.clientX - area.left + 14, area.width - tip.offsetWidth - 4);
    tip.style.left = `${Math.max(4, x)}px`;
    tip.style.top = `${event.clientY - area.top + 14}px`;
  }
});
