// Draws the Vega-Lite charts of a page: each element with data-chart-spec names the id of a
// <script type="application/json"> block holding its specification. Progressive enhancement: every chart has a
// text alternative and a table with its numbers, so the page says the same without this file.
//
// The Content-Security-Policy allows no eval: `ast: true` makes vega-embed run Vega's expressions through the
// CSP-safe expression interpreter it bundles (vega-interpreter) instead of compiling them with `new Function`.
// `actions`, `tooltip` and `defaultStyle` are off, since they would inject inline styles the policy refuses.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof window.vegaEmbed !== "function") return;
  document.querySelectorAll("[data-chart-spec]").forEach((element) => {
    const source = document.getElementById(element.dataset.chartSpec);
    if (!source) return;
    let spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (error) {
      console.error("Knutpunkt: unreadable chart specification", error);
      return;
    }
    window
      .vegaEmbed(element, spec, {
        ast: true,
        renderer: "svg",
        actions: false,
        tooltip: false,
        defaultStyle: false,
      })
      .then(() => element.classList.add("chart__canvas--drawn"))
      .catch((error) => console.error("Knutpunkt: the chart could not be drawn", error));
  });
});
