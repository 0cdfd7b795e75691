// Draws the charts of the cvkit HTML report as inline SVG from the data embedded in the page. No network,
// no libraries: the report must open from a pipeline artifact anywhere.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('cvkit-data').textContent);
  var root = document.getElementById('flows');
  var NS = 'http://www.w3.org/2000/svg';
  var W = 480, H = 210, L = 50, R = 12, T = 22, B = 30;
  var COLORS = { p50: '#0969da', p95: '#bf8700', p99: '#cf222e', rps: '#1a7f37', errors: '#cf222e' };

  function el(name, attrs, parent, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    if (text !== undefined) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function clock(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' + two(d.getUTCSeconds());
  }

  function niceMax(v) {
    if (!(v > 0)) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log(v) / Math.LN10));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= v) { return steps[i] * p; } }
    return 10 * p;
  }

  function chart(parent, flow, title, series) {
    var start = data.start, end = Math.max(data.end, data.start + 1);
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'chart', 'data-flow': flow.name, 'data-chart': title,
      role: 'img', 'aria-label': flow.name + ': ' + title }, parent);
    function x(t) { return L + (t - start) / (end - start) * (W - L - R); }
    var max = 0;
    series.forEach(function (s) { flow[s.key].forEach(function (v) { if (v !== null && v > max) { max = v; } }); });
    max = niceMax(max * 1.05);
    function y(v) { return H - B - v / max * (H - T - B); }
    el('text', { x: L, y: 14, 'class': 'title' }, svg, title);
    for (var i = 0; i <= 4; i++) {
      var v = max * i / 4, yy = y(v);
      el('line', { x1: L, x2: W - R, y1: yy, y2: yy, 'class': 'grid' }, svg);
      el('text', { x: L - 6, y: yy + 4, 'text-anchor': 'end' }, svg, String(Math.round(v * 100) / 100));
    }
    if (data.warmup) {
      el('rect', { x: x(data.warmup.start), y: T, width: Math.max(1, x(data.warmup.end) - x(data.warmup.start)),
        height: H - T - B, 'class': 'warmup' }, svg).appendChild(el('title', {}, null, 'warm-up (left out)'));
    }
    data.faultWindows.forEach(function (w) {
      var r = el('rect', { x: x(w.start), y: T, width: Math.max(1, x(w.end) - x(w.start)), height: H - T - B,
        'class': 'fault-window', 'data-start': w.start, 'data-end': w.end }, svg);
      el('title', {}, r, w.title + ': ' + clock(w.start) + ' to ' + clock(w.end) + ' UTC');
    });
    el('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, 'class': 'axis' }, svg);
    el('line', { x1: L, x2: L, y1: T, y2: H - B, 'class': 'axis' }, svg);
    for (var k = 0; k <= 5; k++) {
      var t = start + (end - start) * k / 5;
      el('text', { x: x(t), y: H - B + 16, 'text-anchor': k === 0 ? 'start' : k === 5 ? 'end' : 'middle' }, svg, clock(t));
    }
    var legendX = W - R;
    series.slice().reverse().forEach(function (s) {
      var label = el('text', { x: legendX, y: 14, 'text-anchor': 'end', fill: COLORS[s.key] }, svg, s.label);
      legendX -= 8 + s.label.length * 6.5;
      label.setAttribute('style', 'fill:' + COLORS[s.key]);
    });
    series.forEach(function (s) {
      // Percentiles are undefined in steps without rows: the line goes on through them.
      var d = '', points = 0, values = flow[s.key], dots = [];
      for (var j = 0; j < values.length; j++) {
        var v = values[j];
        if (v === null) { continue; }
        var px = x(flow.t[j] + data.pointMillis / 2), py = y(v);
        d += (points === 0 ? 'M' : 'L') + px.toFixed(1) + ' ' + py.toFixed(1) + ' ';
        dots.push([px, py]);
        points++;
      }
      var path = el('path', { d: d.trim(), 'class': 'line', stroke: COLORS[s.key], 'data-series': s.key, 'data-points': points }, svg);
      if (points <= 150) {
        dots.forEach(function (p) { el('circle', { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 2.2, fill: COLORS[s.key] }, svg); });
      }
      return path;
    });
    return svg;
  }

  data.flows.forEach(function (flow) {
    var box = document.createElement('div');
    box.className = 'flow';
    box.setAttribute('data-flow', flow.name);
    var h = document.createElement('h3');
    h.textContent = flow.name;
    box.appendChild(h);
    var grid = document.createElement('div');
    grid.className = 'charts';
    box.appendChild(grid);
    chart(grid, flow, 'response time (ms)', [{ key: 'p50', label: 'p50' }, { key: 'p95', label: 'p95' }, { key: 'p99', label: 'p99' }]);
    chart(grid, flow, 'throughput (requests/s)', [{ key: 'rps', label: 'requests/s' }]);
    chart(grid, flow, 'errors (/s)', [{ key: 'errors', label: 'errors/s' }]);
    root.appendChild(box);
  });
  document.body.setAttribute('data-rendered', String(data.flows.length));
})();
