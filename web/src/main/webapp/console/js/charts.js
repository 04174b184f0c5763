// Charts with Chart.js (the WebJar's UMD build, loaded by index.html as window.Chart): stacked bars by day.
const PALETTE = ['#1d4ed8', '#d97706', '#059669', '#b91c1c', '#7c3aed', '#0e7490', '#be185d', '#4d7c0f', '#6b7280'];
const charts = new WeakMap();

export function barChart(canvas, labels, series, unit) {
  if (!window.Chart) {
    canvas.replaceWith(document.createTextNode('The chart library did not load; the table below has the same figures.'));
    return null;
  }
  charts.get(canvas)?.destroy();
  const datasets = [...series.entries()].map(([name, values], index) => ({
    label: name, data: values, backgroundColor: PALETTE[index % PALETTE.length], borderWidth: 0,
  }));
  const chart = new window.Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: unit } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  charts.set(canvas, chart);
  return chart;
}
