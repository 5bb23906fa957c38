// seqdoc.js: what a reader can do on a seqdoc page with JavaScript on.
// Without it every page still works: links between the diagram and the
// requests table are plain links, the Mermaid source is in the page.
//
//   - search (the button or "/"): the index, search-index.js, is loaded as
//     a script the first time, so it works from file:// and under any path;
//   - theme: auto, light, dark, remembered in localStorage (the inline
//     script in <head> applies it before the page is drawn);
//   - copy buttons on code blocks; copy the Mermaid source or download the
//     SVG or a PNG of a diagram (drawn on a canvas, in the theme shown);
//   - highlights: a row of the requests table and the arrows it stands
//     for, a cookie or header of the glossary and the arrows and notes
//     where it is set, sent and cleared, a finding's entries;
//   - wide diagrams: the participants' heads stay in view while the page
//     scrolls, and the frame scrolls sideways.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var base = doc.body.getAttribute("data-root") || "";

  function $(sel, el) { return (el || doc).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
  // later runs f in a task of its own: the page's setup is cut in small
  // tasks, so that none blocks the reader's first input.
  function later(f) { setTimeout(f, 0); }
  function idle(f) { if (window.requestIdleCallback) requestIdleCallback(f, { timeout: 500 }); else setTimeout(f, 50); }
  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // status tells screen readers what just happened.
  var live = el("div", { "class": "vh", role: "status", "aria-live": "polite" });
  doc.body.appendChild(live);
  function status(msg) {
    live.textContent = "";
    setTimeout(function () { live.textContent = msg; }, 30);
  }

  // ---- theme -------------------------------------------------------------
  var THEMES = ["auto", "light", "dark"], KEY = "seqdoc-theme";
  var themeButton = $(".theme-toggle");
  function storedTheme() {
    try { var t = localStorage.getItem(KEY); return THEMES.indexOf(t) > 0 ? t : "auto"; } catch (e) { return "auto"; }
  }
  function applyTheme(t, save) {
    if (t === "auto") root.removeAttribute("data-theme"); else root.setAttribute("data-theme", t);
    if (save) {
      try { if (t === "auto") localStorage.removeItem(KEY); else localStorage.setItem(KEY, t); } catch (e) { }
    }
    if (themeButton) {
      var next = THEMES[(THEMES.indexOf(t) + 1) % 3];
      $(".theme-name", themeButton).textContent = "Theme: " + t;
      themeButton.title = (t === "auto" ? "Theme: auto (as your system). " : "Theme: " + t + ". ") + "Switch to " + next + ".";
    }
  }
  if (themeButton) {
    applyTheme(storedTheme(), false);
    themeButton.addEventListener("click", function () {
      var t = THEMES[(THEMES.indexOf(storedTheme()) + 1) % 3];
      applyTheme(t, true);
      status("Theme: " + t);
    });
  }
  window.addEventListener("storage", function (e) { if (e.key === KEY) applyTheme(storedTheme(), false); });

  // ---- copy --------------------------------------------------------------
  function copyText(text) {
    function fallback() {
      var ta = el("textarea", { readonly: "", "aria-hidden": "true", style: "position:fixed;top:-10em;opacity:0" });
      ta.value = text;
      doc.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = doc.execCommand("copy"); } catch (e) { }
      doc.body.removeChild(ta);
      return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
    }
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text).catch(fallback);
    return fallback();
  }
  function copied(button, what) {
    var label = button.textContent;
    return function (ok) {
      button.textContent = ok ? "Copied" : "Copy failed";
      status(ok ? what + " copied" : "Could not copy the " + what.toLowerCase());
      setTimeout(function () { button.textContent = label; }, 1500);
    };
  }
  idle(function () { $$("main pre").forEach(copyButton); });
  function copyButton(pre) {
    var box = pre.parentNode.classList.contains("highlight") ? pre.parentNode : pre;
    var wrap = el("div", { "class": "code-block" });
    box.parentNode.insertBefore(wrap, box);
    wrap.appendChild(box);
    var b = el("button", { type: "button", "class": "copy-button", "aria-label": "Copy code" }, "Copy");
    b.addEventListener("click", function () {
      var done = copied(b, "Code");
      copyText(($("code", pre) || pre).textContent).then(function () { done(true); }, function () { done(false); });
    });
    wrap.appendChild(b);
  }

  // ---- diagrams: take away, sticky heads ---------------------------------
  function download(name, type, data) {
    var url = URL.createObjectURL(new Blob([data], { type: type }));
    var a = el("a", { href: url, download: name });
    doc.body.appendChild(a);
    a.click();
    doc.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  // svgSource is the diagram as a file: without the page's highlights;
  // with fixed colours, those the reader sees now (theme), or else the
  // SVG's own (light, or dark on a dark system).
  function svgSource(svg, fixed) {
    var c = svg.cloneNode(true);
    $$(".hl", c).forEach(function (e) { e.classList.remove("hl"); });
    if (fixed) {
      var css = getComputedStyle(svg), seen = {}, decl = "";
      ($("style", svg) ? $("style", svg).textContent : "").replace(/--sd-[a-z-]+/g, function (v) {
        if (!seen[v]) { seen[v] = true; decl += v + ":" + css.getPropertyValue(v).trim() + ";"; }
      });
      c.setAttribute("style", decl + (c.getAttribute("style") || ""));
    }
    return new XMLSerializer().serializeToString(c);
  }
  // png draws the diagram on a canvas at twice its size (sharp on
  // high-density screens) and gives the PNG to done (null if the browser
  // could not). A diagram so large that twice its size passes 16 million
  // pixels (the smallest canvas browsers allow: Safari's) or 16,384 px a
  // side is drawn smaller. The SVG is read from a data: URL: it works from
  // file://, and nothing leaves the page.
  function png(svg, done) {
    var vb = svg.viewBox.baseVal, img = new Image();
    var w0 = parseFloat(svg.getAttribute("width")) || vb.width, h0 = parseFloat(svg.getAttribute("height")) || vb.height;
    var scale = Math.min(2, Math.sqrt(16e6 / (w0 * h0)), 16384 / Math.max(w0, h0));
    var w = Math.floor(w0 * scale), h = Math.floor(h0 * scale);
    img.onload = function () {
      var canvas = el("canvas", { width: w, height: h });
      try {
        canvas.getContext("2d").drawImage(img, 0, 0, w, h);
        canvas.toBlob(done, "image/png");
      } catch (e) { done(null); }
    };
    img.onerror = function () { done(null); };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgSource(svg, true));
  }
  $$("figure.diagram").forEach(function (fig) { later(function () { diagram(fig); }); });
  function diagram(fig) {
    var frame = $(".diagram-frame", fig), svg = frame && $("svg", frame), tools = $(".diagram-tools", fig);
    if (!svg) return;
    if (tools) {
      var src = $(".diagram-source code", fig), copy = $("[data-copy=mermaid]", tools), svgButton = $("[data-download=svg]", tools);
      if (copy && src) copy.addEventListener("click", function () {
        var done = copied(copy, "Mermaid source");
        copyText(src.textContent).then(function () { done(true); }, function () { done(false); });
      });
      var name = fig.getAttribute("data-name") || "diagram", pngButton = $("[data-download=png]", tools);
      if (svgButton) svgButton.addEventListener("click", function () {
        download(name + ".svg", "image/svg+xml", '<?xml version="1.0" encoding="UTF-8"?>\n' + svgSource(svg, false));
        status("SVG downloaded");
      });
      if (pngButton) pngButton.addEventListener("click", function () {
        png(svg, function (blob) {
          if (blob) download(name + ".png", "image/png", blob);
          status(blob ? "PNG downloaded" : "Could not draw the PNG");
        });
      });
    }
    stickyHeads(fig, frame, svg);
  }

  // stickyHeads copies the top of a diagram, where the participants' heads
  // are, into a strip that sticks to the top of the window while the page
  // scrolls through the diagram, and follows the frame's sideways scroll.
  // The strip lies exactly over the heads it copies, so it is made only
  // when the page first scrolls past the diagram's top.
  function stickyHeads(fig, frame, svg) {
    var life = $("path.life", svg), vb = svg.viewBox && svg.viewBox.baseVal;
    var m = life && /^M\s*[-\d.]+[ ,]+([-\d.]+)/.exec(life.getAttribute("d") || "");
    if (!m || !vb || !vb.width) return;
    var top = parseFloat(m[1]);
    if (!(top > 0) || vb.height < top * 4) return; // a short diagram needs no strip
    var strip = null;
    function onScroll() {
      var past = frame.getBoundingClientRect().top < -1;
      if (past && !strip) strip = makeStrip(fig, frame, svg, vb, top);
      if (strip) strip.classList.toggle("stuck", past);
    }
    window.addEventListener("scroll", onScroll, { passive: true });
    onScroll();
  }
  function makeStrip(fig, frame, svg, vb, top) {
    var c = svg.cloneNode(true);
    $$("a, title, desc, style, defs", c).forEach(function (e) { e.parentNode.removeChild(e); });
    $$("[id]", c).forEach(function (e) { e.removeAttribute("id"); });
    ["role", "aria-labelledby", "aria-describedby"].forEach(function (a) { c.removeAttribute(a); });
    c.setAttribute("aria-hidden", "true");
    c.setAttribute("focusable", "false");
    var w = svg.getAttribute("width") || vb.width;
    c.setAttribute("viewBox", vb.x + " " + vb.y + " " + vb.width + " " + top);
    c.setAttribute("width", w);
    c.setAttribute("height", top * parseFloat(w) / vb.width);
    var strip = el("div", { "class": "diagram-heads", "aria-hidden": "true" });
    strip.appendChild(c);
    fig.insertBefore(strip, frame);
    function place() {
      strip.style.marginBottom = -strip.offsetHeight + "px";
      strip.scrollLeft = frame.scrollLeft;
    }
    frame.addEventListener("scroll", function () { strip.scrollLeft = frame.scrollLeft; }, { passive: true });
    window.addEventListener("resize", place);
    place();
    return strip;
  }

  // Scrolling boxes (a wide diagram or table on a phone) can be scrolled
  // with the keyboard once focused.
  function focusableScrollers() {
    $$(".diagram-frame, .table-wrap, main pre, article > table").forEach(function (e) {
      if (e.scrollWidth > e.clientWidth + 1) {
        if (!e.hasAttribute("tabindex")) e.setAttribute("tabindex", "0");
      } else if (e.getAttribute("tabindex") === "0") {
        e.removeAttribute("tabindex");
      }
    });
  }
  idle(focusableScrollers);
  window.addEventListener("resize", focusableScrollers);

  // ---- highlights --------------------------------------------------------
  var lit = [], pressed = null;
  function clearHighlight() {
    lit.forEach(function (e) { e.classList.remove("hl"); });
    lit = [];
    if (pressed) { pressed.setAttribute("aria-pressed", "false"); pressed = null; }
  }
  function highlight(ids, extra) {
    clearHighlight();
    (ids || "").split(/\s+/).forEach(function (id) {
      var e = id && doc.getElementById(id);
      if (e) lit.push(e);
    });
    if (extra) lit.push(extra);
    lit.forEach(function (e) { e.classList.add("hl"); });
    return lit;
  }
  function inView(e) {
    var r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  }
  // A "show in diagram" button (glossary, findings) toggles its highlight.
  doc.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest(".hl-button");
    if (!b) return;
    if (pressed === b) { clearHighlight(); status("Highlight cleared"); return; }
    var items = highlight(b.getAttribute("data-hl"));
    pressed = b;
    b.setAttribute("aria-pressed", "true");
    var what = ($(".vh", b) || b).textContent.replace(/^:\s*/, "");
    status(what + ": " + items.length + " arrows and notes highlighted in the diagram");
    var first = items.filter(function (x) { return x.closest("svg"); })[0];
    if (first && !inView(first)) first.scrollIntoView({ block: "center", inline: "center" });
  });
  // The target of a link (a row the diagram links to, an arrow a row links
  // back to) is highlighted with what it stands for.
  function onTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && doc.getElementById(id);
    if (!t) return;
    if (t.hasAttribute("data-hl")) highlight(t.getAttribute("data-hl"), t);
    else if (t.closest && t.closest("svg")) highlight("", t);
  }
  window.addEventListener("hashchange", onTarget);
  later(onTarget);
  doc.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && lit.length && !$(".search-dialog[open]")) clearHighlight();
  });

  // ---- search ------------------------------------------------------------
  var searchButton = $(".search-open"), dialog = null, input, results, info;
  var pages = null, loading = false;

  // seqdocSearch receives the index (search-index.js calls it).
  window.seqdocSearch = function (data) {
    pages = data.map(function (p) {
      return {
        url: p[0], title: p[1], lt: p[1].toLowerCase(),
        sections: p[2].map(function (s) { return { heading: s[0], anchor: s[1], text: s[2], lh: s[0].toLowerCase(), lt: s[2].toLowerCase() }; })
      };
    });
    loading = false;
    if (dialog && dialog.open) run();
  };
  // A rebuild (seqdoc serve) replaced the index: load it again when needed.
  window.seqdocSearchStale = function () { pages = null; };
  function loadIndex() {
    if (pages || loading) return;
    loading = true;
    var s = el("script", { src: base + "search-index.js" });
    s.onerror = function () { loading = false; info.textContent = "The search index could not be loaded."; };
    doc.head.appendChild(s);
  }

  function wordChar(c) { return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c > 127; }
  // find returns where term occurs in s, preferring the start of a word;
  // inside a word only for terms of three characters or more.
  function find(s, term) {
    var i = s.indexOf(term), inside = -1;
    while (i >= 0) {
      if (i === 0 || !wordChar(s.charCodeAt(i - 1))) return { at: i, start: true };
      if (inside < 0) inside = i;
      i = s.indexOf(term, i + 1);
    }
    return inside >= 0 && term.length >= 3 ? { at: inside, start: false } : null;
  }
  function search(q) {
    var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    var out = [];
    if (!terms.length) return out;
    pages.forEach(function (p, order) {
      var score = 0, secs = [];
      for (var t = 0; t < terms.length; t++) {
        var best = 0, m = find(p.lt, terms[t]);
        if (m) best = m.start ? 100 : 50;
        for (var j = 0; j < p.sections.length && best < 100; j++) {
          var s = p.sections[j], h = find(s.lh, terms[t]);
          if (h) best = Math.max(best, h.start ? 20 : 10);
          else if (best < 2) { var x = find(s.lt, terms[t]); if (x) best = Math.max(best, x.start ? 2 : 1); }
        }
        if (!best) return; // every word must be on the page
        score += best;
      }
      p.sections.forEach(function (s, j) {
        var ss = 0;
        terms.forEach(function (term) {
          var h = find(s.lh, term), x = h ? null : find(s.lt, term);
          ss += h ? (h.start ? 20 : 10) : x ? (x.start ? 2 : 1) : 0;
        });
        if (ss) secs.push({ s: s, score: ss, j: j });
      });
      secs.sort(function (a, b) { return b.score - a.score || a.j - b.j; });
      out.push({ p: p, score: score, order: order, secs: secs });
    });
    out.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return out;
  }
  // snippet shows the words around the first match, the matches marked.
  function snippet(text, terms) {
    var lt = text.toLowerCase(), at = -1;
    terms.forEach(function (t) { var m = find(lt, t); if (m && (at < 0 || m.at < at)) at = m.at; });
    if (at < 0) at = 0;
    var from = Math.max(0, at - 60), to = Math.min(text.length, at + 140);
    if (from > 0) { var sp = text.indexOf(" ", from); if (sp >= 0 && sp < at) from = sp + 1; }
    if (to < text.length) { var sp2 = text.lastIndexOf(" ", to); if (sp2 > at) to = sp2; }
    return marked(text.slice(from, to), terms, "search-snippet", from > 0, to < text.length);
  }
  // marked is text in a span of class cls, every occurrence of the terms
  // in a <mark>, with "…" where it was cut.
  function marked(part, terms, cls, cutStart, cutEnd) {
    var lp = part.toLowerCase();
    var span = el("span", { "class": cls });
    var marks = [];
    terms.forEach(function (t) {
      for (var i = lp.indexOf(t); i >= 0; i = lp.indexOf(t, i + t.length)) marks.push([i, i + t.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    if (cutStart) span.appendChild(doc.createTextNode("…"));
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      span.appendChild(doc.createTextNode(part.slice(pos, m[0])));
      span.appendChild(el("mark", {}, part.slice(m[0], m[1])));
      pos = m[1];
    });
    span.appendChild(doc.createTextNode(part.slice(pos) + (cutEnd ? "…" : "")));
    return span;
  }
  var MAX_PAGES = 12, MAX_SECTIONS = 3, shown = null;
  // run shows the results for the query; nothing changes (nor loses the
  // focus) when they are already shown.
  function run() {
    var q = input.value.trim();
    if (shown && shown.q === q && shown.pages === pages) return;
    shown = { q: q, pages: pages };
    results.textContent = "";
    results.setAttribute("data-query", pages ? q : "");
    if (!q) { info.textContent = pages ? "Type to search " + pages.length + " pages." : ""; return; }
    if (!pages) { info.textContent = "Loading the index…"; loadIndex(); return; }
    var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    var found = search(q);
    info.textContent = found.length ? found.length + (found.length === 1 ? " page" : " pages") + " found" +
      (found.length > MAX_PAGES ? ", the first " + MAX_PAGES + " shown" : "") : "Nothing found for " + q + ".";
    found.slice(0, MAX_PAGES).forEach(function (r) {
      var li = el("li", { "class": "search-result" });
      var a = el("a", { href: base + r.p.url });
      a.appendChild(marked(r.p.title, terms, "search-title"));
      var first = r.secs[0];
      if (first && !first.s.heading) a.appendChild(snippet(first.s.text, terms));
      li.appendChild(a);
      var subs = r.secs.filter(function (x) { return x.s.heading; }).slice(0, MAX_SECTIONS);
      if (subs.length) {
        var ul = el("ul");
        subs.forEach(function (x) {
          var sa = el("a", { href: base + r.p.url + (x.s.anchor ? "#" + x.s.anchor : "") });
          sa.appendChild(marked(x.s.heading, terms, "search-heading"));
          if (x.s.text) sa.appendChild(snippet(x.s.text, terms));
          var sli = el("li");
          sli.appendChild(sa);
          ul.appendChild(sli);
        });
        li.appendChild(ul);
      }
      results.appendChild(li);
    });
  }
  function openSearch() {
    if (!dialog) {
      dialog = el("dialog", { "class": "search-dialog", "aria-label": "Search" });
      var form = el("form", { method: "dialog", role: "search" });
      input = el("input", { type: "search", "aria-label": "Search the site", placeholder: "Search: a title, a finding code, a cookie, a host…", autocomplete: "off", spellcheck: "false", "aria-describedby": "search-status" });
      form.appendChild(input);
      form.appendChild(el("button", { type: "submit", value: "close" }, "Close"));
      info = el("p", { "class": "search-status", id: "search-status", role: "status", "aria-live": "polite" });
      results = el("ol", { "class": "search-results", "aria-label": "Results" });
      dialog.appendChild(form);
      dialog.appendChild(info);
      dialog.appendChild(results);
      doc.body.appendChild(dialog);
      var timer = 0;
      input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
      form.addEventListener("submit", function (e) {
        var first = $("a", results);
        if (e.submitter && e.submitter.value === "close") return;
        e.preventDefault();
        if (first) first.click();
      });
      dialog.addEventListener("keydown", function (e) {
        if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
        var links = $$("a", results);
        if (!links.length) return;
        var i = links.indexOf(doc.activeElement);
        i = e.key === "ArrowDown" ? (i < 0 ? 0 : Math.min(i + 1, links.length - 1)) : i - 1;
        e.preventDefault();
        (i < 0 ? input : links[i]).focus();
      });
      dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
      results.addEventListener("click", function (e) { if (e.target.closest("a")) dialog.close(); });
    }
    loadIndex();
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    run();
  }
  if (searchButton) searchButton.addEventListener("click", openSearch);
  later(function () { idle(function () { root.classList.add("seqdoc-ready"); }); }); // for tests: the setup is done
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || t.isContentEditable) return;
    e.preventDefault();
    openSearch();
  });
})();
