// The Guanxi network view: draws the graph embedded in the page (the JSON in
// <script id="graph-data">) as a force-directed network on a canvas. Written
// for Guanxi and licensed with it; no other code is included, and nothing is
// fetched, so the page works offline.
//
// Layout: velocity Verlet with a cooling factor (alpha), many-body repulsion
// through a Barnes-Hut quadtree (O(n log n) a tick), spring forces along the
// relationships and a weak pull to the centre. Ticks run inside animation
// frames within a time budget, so the page stays responsive while it settles.
// Interaction: drag the background to pan, wheel to zoom, hover a node for its
// labels and properties, click it to highlight its neighbours and pin the
// details; drag a node to move it.
//
// For tests the page records on document.body: data-nodes (nodes drawn),
// data-relationships, data-first-draw-ms, data-settled, data-errors.
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    document.body.dataset.errors = String(errors.length);
  });

  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var nodes = data.nodes;
  var links = data.links;
  var n = nodes.length;
  var canvas = document.getElementById('view');
  var ctx = canvas.getContext('2d');
  var tooltip = document.getElementById('tooltip');
  var details = document.getElementById('details');
  var legend = document.getElementById('legend');
  var started = performance.now();

  // --- colours and sizes -----------------------------------------------------
  var palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1',
                 '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6', '#d37295', '#fabfd2', '#8cd17d'];
  var other = '#c7c7c7';
  var counts = {};
  nodes.forEach(function (d) {
    var key = d.group === null || d.group === undefined ? '(none)' : String(d.group);
    d.groupKey = key;
    counts[key] = (counts[key] || 0) + 1;
  });
  var groups = Object.keys(counts).sort(function (a, b) {
    return counts[b] - counts[a] || (a < b ? -1 : 1);
  });
  var colourOf = {};
  groups.forEach(function (g, i) { colourOf[g] = i < palette.length ? palette[i] : other; });
  var sizes = nodes.map(function (d) { return typeof d.size === 'number' ? d.size : null; });
  var known = sizes.filter(function (s) { return s !== null && isFinite(s); });
  var smin = Math.min.apply(null, known.length ? known : [0]);
  var smax = Math.max.apply(null, known.length ? known : [1]);
  nodes.forEach(function (d, i) {
    var s = sizes[i];
    var t = s === null || !isFinite(s) || smax === smin ? 0.25 : (s - smin) / (smax - smin);
    d.r = 2 + 6 * Math.sqrt(t);  // on screen, at the zoom that fits the graph
    d.colour = colourOf[d.groupKey];
  });

  function drawLegend() {
    var html = '<b>' + escapeHtml(data.title) + '</b><br>' + n + ' nodes, ' + links.length +
        ' relationships';
    if (data.colorBy) {
      html += '<br><i>colour: ' + escapeHtml(data.colorBy) + '</i>';
      groups.slice(0, palette.length).forEach(function (g) {
        html += '<div><span class="swatch" style="background:' + colourOf[g] + '"></span>' +
            escapeHtml(g) + ' (' + counts[g] + ')</div>';
      });
      if (groups.length > palette.length) {
        html += '<div><span class="swatch" style="background:' + other + '"></span>' +
            (groups.length - palette.length) + ' more</div>';
      }
    }
    if (data.sizeBy) html += '<i>size: ' + escapeHtml(data.sizeBy) + '</i>';
    legend.innerHTML = html;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  // --- layout ----------------------------------------------------------------
  var neighbours = nodes.map(function () { return []; });
  var degree = new Float64Array(n);
  links.forEach(function (l) {
    degree[l.s]++;
    degree[l.t]++;
    neighbours[l.s].push(l.t);
    neighbours[l.t].push(l.s);
  });
  var x = new Float64Array(n), y = new Float64Array(n);
  var vx = new Float64Array(n), vy = new Float64Array(n);
  var fixed = new Uint8Array(n);
  // Phyllotaxis start: spread evenly, no two nodes on one spot.
  for (var i = 0; i < n; i++) {
    var spread = 10 * Math.sqrt(0.5 + i), angle = i * Math.PI * (3 - Math.sqrt(5));
    x[i] = spread * Math.cos(angle);
    y[i] = spread * Math.sin(angle);
  }
  var alpha = 1, alphaMin = 0.002, alphaDecay = 1 - Math.pow(alphaMin, 1 / 300);
  var velocityDecay = 0.6, theta2 = 0.81, linkDistance = 30, charge = -30;

  // A Barnes-Hut quadtree over the current positions, in flat arrays.
  function buildTree() {
    var minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
    for (var i = 0; i < n; i++) {
      if (x[i] < minx) minx = x[i];
      if (y[i] < miny) miny = y[i];
      if (x[i] > maxx) maxx = x[i];
      if (y[i] > maxy) maxy = y[i];
    }
    var size = Math.max(maxx - minx, maxy - miny) + 1;
    var cap = 4 * n + 16;
    var tree = {
      x0: new Float64Array(cap), y0: new Float64Array(cap), w: new Float64Array(cap),
      cx: new Float64Array(cap), cy: new Float64Array(cap), mass: new Float64Array(cap),
      child: new Int32Array(cap * 4).fill(-1), body: new Int32Array(cap).fill(-1), count: 1
    };
    tree.x0[0] = minx; tree.y0[0] = miny; tree.w[0] = size;
    for (var b = 0; b < n; b++) insert(tree, 0, b, 0);
    accumulate(tree, 0);
    return tree;
  }
  function quadrant(tree, node, b) {
    var half = tree.w[node] / 2;
    return (x[b] >= tree.x0[node] + half ? 1 : 0) + (y[b] >= tree.y0[node] + half ? 2 : 0);
  }
  function makeChild(tree, node, q) {
    var c = tree.count++;
    if (c >= tree.body.length) return -1;
    var half = tree.w[node] / 2;
    tree.x0[c] = tree.x0[node] + (q & 1 ? half : 0);
    tree.y0[c] = tree.y0[node] + (q & 2 ? half : 0);
    tree.w[c] = half;
    tree.child[node * 4 + q] = c;
    return c;
  }
  function insert(tree, node, b, depth) {
    for (;;) {
      var leaf = tree.child[node * 4] < 0 && tree.child[node * 4 + 1] < 0 &&
          tree.child[node * 4 + 2] < 0 && tree.child[node * 4 + 3] < 0;
      if (leaf && tree.body[node] < 0 && tree.mass[node] === 0) {
        tree.body[node] = b;
        tree.mass[node] = 1;  // marks the node as holding a body
        return;
      }
      if (leaf && depth > 40) return;  // coincident points: let them share
      if (leaf) {
        var old = tree.body[node];
        tree.body[node] = -1;
        tree.mass[node] = 0;
        if (old >= 0) {
          var oq = quadrant(tree, node, old);
          var oc = makeChild(tree, node, oq);
          if (oc < 0) return;
          tree.body[oc] = old;
          tree.mass[oc] = 1;
        }
      }
      var q = quadrant(tree, node, b);
      var c = tree.child[node * 4 + q];
      if (c < 0) {
        c = makeChild(tree, node, q);
        if (c < 0) return;
        tree.body[c] = b;
        tree.mass[c] = 1;
        return;
      }
      node = c;
      depth++;
    }
  }
  function accumulate(tree, node) {
    var stack = [node], order = [];
    while (stack.length) {
      var s = stack.pop();
      order.push(s);
      for (var q = 0; q < 4; q++) if (tree.child[s * 4 + q] >= 0) stack.push(tree.child[s * 4 + q]);
    }
    for (var k = order.length - 1; k >= 0; k--) {
      var t = order[k], b = tree.body[t];
      if (b >= 0) {
        tree.cx[t] = x[b]; tree.cy[t] = y[b]; tree.mass[t] = 1;
        continue;
      }
      var m = 0, sx = 0, sy = 0;
      for (var qq = 0; qq < 4; qq++) {
        var c = tree.child[t * 4 + qq];
        if (c < 0 || tree.mass[c] === 0) continue;
        m += tree.mass[c]; sx += tree.cx[c] * tree.mass[c]; sy += tree.cy[c] * tree.mass[c];
      }
      tree.mass[t] = m;
      if (m > 0) { tree.cx[t] = sx / m; tree.cy[t] = sy / m; }
    }
  }
  function repel(tree, b) {
    var stack = [0];
    while (stack.length) {
      var t = stack.pop();
      if (tree.mass[t] === 0 || tree.body[t] === b) continue;
      var dx = tree.cx[t] - x[b], dy = tree.cy[t] - y[b];
      var d2 = dx * dx + dy * dy;
      var leaf = tree.body[t] >= 0;
      if (leaf || tree.w[t] * tree.w[t] < theta2 * d2) {
        if (d2 < 1) d2 = 1;
        var f = charge * tree.mass[t] * alpha / d2;
        vx[b] += dx * f;
        vy[b] += dy * f;
        continue;
      }
      for (var q = 0; q < 4; q++) if (tree.child[t * 4 + q] >= 0) stack.push(tree.child[t * 4 + q]);
    }
  }
  function tick() {
    var tree = buildTree();
    for (var b = 0; b < n; b++) repel(tree, b);
    for (var k = 0; k < links.length; k++) {
      var s = links[k].s, t = links[k].t;
      if (s === t) continue;
      var dx = x[t] + vx[t] - x[s] - vx[s], dy = y[t] + vy[t] - y[s] - vy[s];
      var l = Math.sqrt(dx * dx + dy * dy) || 1;
      var strength = 1 / Math.min(degree[s], degree[t]);
      var f = (l - linkDistance) / l * alpha * strength;
      var bias = degree[s] / (degree[s] + degree[t]);
      vx[t] -= dx * f * bias; vy[t] -= dy * f * bias;
      vx[s] += dx * f * (1 - bias); vy[s] += dy * f * (1 - bias);
    }
    for (var i = 0; i < n; i++) {
      vx[i] -= x[i] * 0.002 * alpha;
      vy[i] -= y[i] * 0.002 * alpha;
      if (fixed[i]) { vx[i] = vy[i] = 0; continue; }
      vx[i] *= velocityDecay; vy[i] *= velocityDecay;
      x[i] += vx[i]; y[i] += vy[i];
    }
    alpha += (0 - alpha) * alphaDecay;
  }

  // --- view --------------------------------------------------------------------
  var scale = 1, ox = 0, oy = 0, hovered = -1, selected = -1, dirty = true, firstDraw = false;
  function resize() {
    var ratio = window.devicePixelRatio || 1;
    canvas.width = canvas.clientWidth * ratio;
    canvas.height = canvas.clientHeight * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    dirty = true;
  }
  function fit() {
    var minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
    for (var i = 0; i < n; i++) {
      minx = Math.min(minx, x[i]); maxx = Math.max(maxx, x[i]);
      miny = Math.min(miny, y[i]); maxy = Math.max(maxy, y[i]);
    }
    if (!n) return;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    scale = Math.min(w / (maxx - minx + 40), h / (maxy - miny + 40), 4);
    fitScale = scale;
    ox = w / 2 - scale * (minx + maxx) / 2;
    oy = h / 2 - scale * (miny + maxy) / 2;
  }
  // Node radii in graph units: zooming in, nodes grow more slowly than the
  // layout, so crowded parts come apart; zoomed out they stay visible.
  var fitScale = 1;
  function radius(i) { return nodes[i].r * Math.sqrt(scale / fitScale) / scale; }
  var bySize = nodes.map(function (d, i) { return i; }).sort(function (a, b) {
    return nodes[b].r - nodes[a].r;
  });
  function draw() {
    var w = canvas.clientWidth, h = canvas.clientHeight;
    ctx.clearRect(0, 0, w, h);
    ctx.save();
    ctx.translate(ox, oy);
    ctx.scale(scale, scale);
    var focus = selected >= 0 ? selected : -1;
    var near = focus >= 0 ? new Set(neighbours[focus].concat([focus])) : null;
    ctx.lineWidth = 0.6 / scale;
    ctx.strokeStyle = near ? 'rgba(150,150,150,0.08)' : 'rgba(120,120,120,0.25)';
    ctx.beginPath();
    for (var k = 0; k < links.length; k++) {
      var s = links[k].s, t = links[k].t;
      if (near && (s === focus || t === focus)) continue;
      ctx.moveTo(x[s], y[s]);
      ctx.lineTo(x[t], y[t]);
    }
    ctx.stroke();
    if (near) {
      ctx.strokeStyle = 'rgba(40,40,40,0.8)';
      ctx.lineWidth = 1.2 / scale;
      ctx.beginPath();
      links.forEach(function (l) {
        if (l.s === focus || l.t === focus) { ctx.moveTo(x[l.s], y[l.s]); ctx.lineTo(x[l.t], y[l.t]); }
      });
      ctx.stroke();
    }
    for (var i = 0; i < n; i++) {
      var d = nodes[i];
      ctx.globalAlpha = near && !near.has(i) ? 0.2 : 1;
      ctx.fillStyle = d.colour;
      ctx.beginPath();
      ctx.arc(x[i], y[i], radius(i), 0, 2 * Math.PI);
      ctx.fill();
      if (i === hovered || i === selected) {
        ctx.lineWidth = 2 / scale;
        ctx.strokeStyle = '#222';
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    // Captions: of the focus and its neighbours, else of the largest nodes
    // that are big enough on screen (at most 40).
    ctx.fillStyle = '#222';
    ctx.font = (11 / scale) + 'px sans-serif';
    var shown = 0;
    for (var o = 0; o < n && shown < 40; o++) {
      var j = bySize[o];
      if (near ? !near.has(j) : radius(j) * scale < 6) continue;
      ctx.fillText(nodes[j].caption, x[j] + radius(j) + 2 / scale, y[j] + 4 / scale);
      shown++;
    }
    ctx.restore();
    if (!firstDraw) {
      firstDraw = true;
      document.body.dataset.nodes = String(n);
      document.body.dataset.relationships = String(links.length);
      document.body.dataset.firstDrawMs = String(Math.round(performance.now() - started));
    }
  }
  function describe(i) {
    var d = nodes[i];
    var html = '<b>' + escapeHtml(d.caption) + '</b>';
    if (d.labels.length) html += ' <span class="labels">:' + d.labels.map(escapeHtml).join(':') + '</span>';
    html += '<table>';
    Object.keys(d.props).forEach(function (k) {
      html += '<tr><td>' + escapeHtml(k) + '</td><td>' + escapeHtml(JSON.stringify(d.props[k])) +
          '</td></tr>';
    });
    html += '</table>' + neighbours[i].length + ' relationships';
    return html;
  }
  function nodeAt(px, py) {
    var gx = (px - ox) / scale, gy = (py - oy) / scale, best = -1, bestD = Infinity;
    for (var i = 0; i < n; i++) {
      var dx = x[i] - gx, dy = y[i] - gy, d2 = dx * dx + dy * dy;
      var r = radius(i) + 3 / scale;
      if (d2 < r * r && d2 < bestD) { best = i; bestD = d2; }
    }
    return best;
  }

  var dragging = null, last = null, moved = false;
  canvas.addEventListener('mousedown', function (e) {
    var i = nodeAt(e.offsetX, e.offsetY);
    dragging = i >= 0 ? {node: i} : {pan: true};
    if (i >= 0) fixed[i] = 1;
    last = [e.offsetX, e.offsetY];
    moved = false;
  });
  window.addEventListener('mouseup', function () {
    if (dragging && dragging.node !== undefined) fixed[dragging.node] = 0;
    dragging = null;
  });
  canvas.addEventListener('mousemove', function (e) {
    if (dragging) {
      var dx = e.offsetX - last[0], dy = e.offsetY - last[1];
      if (Math.abs(dx) + Math.abs(dy) > 2) moved = true;
      if (dragging.pan) { ox += dx; oy += dy; } else {
        x[dragging.node] += dx / scale; y[dragging.node] += dy / scale;
        alpha = Math.max(alpha, 0.1);
      }
      last = [e.offsetX, e.offsetY];
      dirty = true;
      return;
    }
    var i = nodeAt(e.offsetX, e.offsetY);
    if (i !== hovered) { hovered = i; dirty = true; }
    if (i >= 0) {
      tooltip.innerHTML = describe(i);
      tooltip.style.left = (e.clientX + 12) + 'px';
      tooltip.style.top = (e.clientY + 12) + 'px';
      tooltip.style.display = 'block';
    } else {
      tooltip.style.display = 'none';
    }
  });
  canvas.addEventListener('click', function (e) {
    if (moved) return;
    selected = nodeAt(e.offsetX, e.offsetY);
    details.innerHTML = selected >= 0 ? describe(selected) : '';
    details.style.display = selected >= 0 ? 'block' : 'none';
    dirty = true;
  });
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    var k = Math.exp(-e.deltaY * 0.0015);
    ox = e.offsetX - (e.offsetX - ox) * k;
    oy = e.offsetY - (e.offsetY - oy) * k;
    scale *= k;
    dirty = true;
  }, {passive: false});
  window.addEventListener('resize', resize);

  var fitted = 0;
  function frame() {
    var budget = performance.now() + 12;
    var ticked = false;
    while (alpha > alphaMin && performance.now() < budget) { tick(); ticked = true; }
    if (ticked) {
      dirty = true;
      if (fitted < 30) { fit(); fitted++; }
    } else if (!document.body.dataset.settled) {
      document.body.dataset.settled = String(Math.round(performance.now() - started));
    }
    if (dirty) { draw(); dirty = false; }
    requestAnimationFrame(frame);
  }
  drawLegend();
  resize();
  fit();
  draw();
  document.body.dataset.errors = String(errors.length);
  requestAnimationFrame(frame);
})();
