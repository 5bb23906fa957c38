// contrast: every visible text under the elements matching a selector
// (shadow roots included), with its computed colour, the colour behind it
// (the backgrounds of its ancestors composited down to the canvas) and the
// WCAG 2 contrast ratio between them. SVG text counts too (its fill on its
// halo or on the shape under it). Colours go through a canvas, so any
// CSS colour syntax Chromium computes (rgb, oklch, color-mix …) is read.
(function (selector) {
  "use strict";
  var XHTML = "http://www.w3.org/1999/xhtml";
  var cv = document.createElementNS(XHTML, "canvas");
  cv.width = cv.height = 1;
  var cx = cv.getContext("2d", { willReadFrequently: true });
  function rgba(s) {
    cx.clearRect(0, 0, 1, 1);
    cx.fillStyle = "rgba(0,0,0,0)";
    cx.fillStyle = s;
    cx.fillRect(0, 0, 1, 1);
    var d = cx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }
  function over(top, under) {
    var a = top[3];
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
  }
  function lum(c) {
    function f(v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  function hex(c) {
    return "#" + c.slice(0, 3).map(function (v) { return ("0" + Math.round(v).toString(16)).slice(-2); }).join("");
  }
  function up(n) {
    if (n.parentElement) return n.parentElement;
    var r = n.getRootNode();
    return r && r.host ? r.host : null;
  }
  // The canvas: the root's background when opaque, else the system Canvas
  // colour of the page's colour scheme.
  var probe = document.createElementNS(XHTML, "div");
  probe.style.cssText = "background-color:Canvas;position:absolute;width:0;height:0";
  document.documentElement.appendChild(probe);
  var canvas = rgba(getComputedStyle(probe).backgroundColor);
  probe.remove();
  function background(el) {
    var layers = [];
    for (var n = el; n; n = up(n)) {
      var cs = getComputedStyle(n);
      if (cs.backgroundImage !== "none") return null;
      var c = rgba(cs.backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    var b = canvas;
    for (var i = layers.length - 1; i >= 0; i--) b = over(layers[i], b);
    return b;
  }
  function path(el) {
    var p = [];
    for (var n = el; n && p.length < 4; n = up(n)) {
      p.unshift(n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (typeof n.className === "string" && n.className ? "." + n.className.trim().split(/\s+/).join(".") : ""));
    }
    return p.join(" > ");
  }
  var SVG = "http://www.w3.org/2000/svg";
  var texts = [], svgTexts = [];
  function walk(node) {
    if (node.nodeType === 3) {
      if (node.textContent.trim()) texts.push(node);
      return;
    }
    if (node.nodeType === 1) {
      if (node.namespaceURI === SVG && node.tagName === "text") { svgTexts.push(node); return; }
      if (/^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|TITLE|META|LINK)$/.test(node.tagName)) return;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (var c = node.firstChild; c; c = c.nextSibling) walk(c);
  }
  var roots = document.querySelectorAll(selector);
  for (var r = 0; r < roots.length; r++) walk(roots[r]);
  var out = { checked: 0, unknown: 0, texts: [] };
  for (var i = 0; i < texts.length; i++) {
    var el = texts[i].parentElement || up(texts[i].parentNode);
    if (!el || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    var range = document.createRange();
    range.selectNodeContents(texts[i]);
    var rect = range.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) continue; // clipped away (screen-reader-only text)
    var cs = getComputedStyle(el);
    var bg = background(el);
    if (!bg) { out.unknown++; continue; }
    var fg = over(rgba(cs.color), bg);
    var l1 = lum(fg), l2 = lum(bg);
    var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    var px = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight, 10) >= 700;
    var large = px >= 24 || (bold && px >= 18.66);
    out.checked++;
    out.texts.push({
      text: texts[i].textContent.trim().slice(0, 60), where: path(el),
      fg: hex(fg), bg: hex(bg), ratio: Math.round(ratio * 100) / 100, need: large ? 3 : 4.5
    });
  }
  // SVG text is painted with its fill. Behind it: its own halo (a stroke
  // painted first, as diagram labels have), else the topmost shape filled
  // under its middle, else what is behind the SVG element.
  for (var j = 0; j < svgTexts.length; j++) {
    var t = svgTexts[j];
    if (!t.textContent.trim() || !t.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    var r = t.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    var ts = getComputedStyle(t);
    var fill = rgba(ts.fill);
    fill[3] *= parseFloat(ts.fillOpacity);
    if (fill[3] === 0) continue;
    var layers2 = [];
    if (ts.stroke !== "none" && /stroke/.test(ts.paintOrder.split(" ")[0]) && parseFloat(ts.strokeWidth) >= 2) {
      var halo = rgba(ts.stroke);
      halo[3] *= parseFloat(ts.strokeOpacity);
      if (halo[3] > 0) layers2.push(halo);
    }
    if (!layers2.length || layers2[0][3] < 1) {
      t.scrollIntoView({ block: "center", inline: "center" });
      r = t.getBoundingClientRect();
      var x = r.left + r.width / 2, y = r.top + r.height / 2;
      var hits = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight ? document.elementsFromPoint(x, y) : [];
      for (var h = 0; h < hits.length; h++) {
        var e = hits[h];
        if (e.namespaceURI !== SVG) break;
        if (e === t || t.contains(e) || e.tagName === "text" || e.tagName === "tspan" || e.tagName === "svg") continue;
        var es = getComputedStyle(e);
        var f = rgba(es.fill);
        f[3] *= parseFloat(es.fillOpacity) * parseFloat(es.opacity);
        if (f[3] > 0) layers2.push(f);
        if (f[3] >= 1) break;
      }
    }
    var base = background(t.ownerSVGElement || t);
    if (!base) { out.unknown++; continue; }
    var bgc = base;
    for (var k = layers2.length - 1; k >= 0; k--) bgc = over(layers2[k], bgc);
    var fgc = over(fill, bgc);
    var a = lum(fgc), b = lum(bgc);
    var px2 = parseFloat(ts.fontSize), bold2 = parseInt(ts.fontWeight, 10) >= 700;
    out.checked++;
    out.texts.push({
      text: t.textContent.trim().slice(0, 60), where: path(t),
      fg: hex(fgc), bg: hex(bgc), ratio: Math.round((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) * 100) / 100,
      need: px2 >= 24 || (bold2 && px2 >= 18.66) ? 3 : 4.5
    });
  }
  return out;
})
