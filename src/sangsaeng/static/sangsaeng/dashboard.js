/* Sangsaeng (상생): the dashboard's charts, drawn with the vendored Chart.js.
 * Each <canvas data-chart="ID"> reads its data from <script id="ID" type="application/json">
 * (Django's json_script): the Content Security Policy forbids inline scripts. The charts repeat the
 * tables beside them, which stay the accessible alternative; series differ by pattern as well as
 * colour, so nothing is told by colour alone. */
(function () {
  "use strict";

  var COLOURS = ["#256ef4", "#8a5c00", "#58616a"];

  function pattern(style, colour) {
    // 0: solid, 1: diagonal hatching, 2: dots.
    if (style === 0) { return colour; }
    var size = 8;
    var tile = document.createElement("canvas");
    tile.width = size;
    tile.height = size;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    if (style === 1) {
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      ctx.moveTo(-2, 2);
      ctx.lineTo(2, -2);
      ctx.moveTo(size - 2, size + 2);
      ctx.lineTo(size + 2, size - 2);
      ctx.stroke();
    } else {
      ctx.beginPath();
      ctx.arc(size / 2, size / 2, 1.8, 0, 2 * Math.PI);
      ctx.fill();
    }
    return ctx.createPattern(tile, "repeat");
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.datasets.map(function (d) {
      var colour = COLOURS[d.style % COLOURS.length];
      return {
        label: d.label,
        data: d.data,
        backgroundColor: pattern(d.style, colour),
        borderColor: colour,
        borderWidth: 1.5
      };
    });
    var horizontal = Boolean(spec.horizontal);
    var stacked = Boolean(spec.stacked);
    var numbers = {
      beginAtZero: true,
      stacked: stacked,
      ticks: {
        precision: 0,
        callback: function (value) { return Number(value).toLocaleString(document.documentElement.lang || "ko"); }
      }
    };
    var categories = { stacked: stacked, ticks: { autoSkip: false } };
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        // No animation: the figures are read, not watched (and it would redraw on every resize).
        animation: false,
        scales: horizontal ? { x: numbers, y: categories } : { x: categories, y: numbers },
        plugins: {
          legend: { display: datasets.length > 1, position: "bottom" },
          tooltip: { enabled: true }
        }
      }
    });
  }

  function start() {
    if (typeof window.Chart === "undefined") { return; }
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#33363d";
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
