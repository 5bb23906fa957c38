// seqdoc live reload: served by `seqdoc serve` at /_seqdoc/reload.js and added
// to every page only when serving. It listens to the Server-Sent Events next
// to it (/_seqdoc/events), reloads this page when the page itself (or a
// script, but not the search index) changed, swaps a changed stylesheet in place, and shows build
// errors as an overlay that goes away by itself on the next good build.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var script = document.currentScript;
  var base = script && script.src ? script.src.replace(/reload\.js(\?.*)?$/, "") : "/_seqdoc/";
  var meta = document.querySelector('meta[name="seqdoc-page"]');
  var page = meta ? meta.getAttribute("content") : location.pathname;
  var OVERLAY = "seqdoc-error-overlay";
  var lost = false;

  function normal(p) {
    p = p.replace(/index\.html$/, "");
    return p.charAt(0) === "/" ? p : "/" + p;
  }
  page = normal(page);
  // The 404 page is shown at any missing path: watch for that path to appear.
  if (page === "/404.html") page = location.pathname.replace(/\/?$/, "/");

  // apply reloads the page if it changed (or a script did); a changed
  // stylesheet is swapped in place, keeping the scroll position.
  function apply(paths) {
    var css = [];
    for (var i = 0; i < paths.length; i++) {
      var p = paths[i];
      // The search index changes with every edit of a page's text: the
      // page keeps its place and loads the new index at the next search.
      if (p === "/search-index.js") {
        if (window.seqdocSearchStale) window.seqdocSearchStale();
        continue;
      }
      if (p === page || /\.js$/.test(p)) { location.reload(); return; }
      if (/\.css$/.test(p)) css.push(p);
    }
    if (css.length) swapStyles(css);
  }

  function swapStyles(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href, location.href);
      if (u.origin === location.origin && paths.indexOf(u.pathname) >= 0) {
        u.searchParams.set("seqdoc-reload", String(Date.now()));
        links[i].href = u.href;
      }
    }
  }

  function clearOverlay() {
    var el = document.getElementById(OVERLAY);
    if (el) el.parentNode.removeChild(el);
  }

  // The overlay lives in a shadow root, so the page's styles (a site's
  // pre { background } drew the message light-on-light) never reach it;
  // its own colours meet WCAG AA (4.5:1) in light and dark mode.
  var STYLE =
    ":host{all:initial;position:fixed;left:0;right:0;bottom:0;z-index:2147483647;display:block}" +
    ".box{max-height:60vh;overflow:auto;margin:0;padding:1em 1.25em;box-sizing:border-box;" +
    "background:#fff5f5;color:#3d0a0c;border-top:4px solid #c4272d;box-shadow:0 -4px 16px rgba(0,0,0,.25);" +
    "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left}" +
    "strong{display:block;font-weight:700;color:#8e1519}" +
    "pre{margin:.5em 0 0;padding:0;border:0;background:none;color:inherit;white-space:pre-wrap;font:inherit}" +
    "@media (prefers-color-scheme:dark){.box{background:#2b0d0d;color:#ffe6e6;border-top-color:#e5484d;" +
    "box-shadow:0 -4px 16px rgba(0,0,0,.5)}strong{color:#ffb3b0}}";

  function showOverlay(text) {
    var el = document.getElementById(OVERLAY);
    if (!el) {
      el = document.createElement("seqdoc-error");
      el.id = OVERLAY;
      el.setAttribute("role", "alert");
      var root = el.attachShadow ? el.attachShadow({ mode: "open" }) : el;
      var style = document.createElement("style");
      style.textContent = STYLE;
      var box = document.createElement("div");
      box.className = "box";
      var title = document.createElement("strong");
      title.textContent = "seqdoc: the last change did not build (this page shows the last good build)";
      box.appendChild(title);
      box.appendChild(document.createElement("pre"));
      root.appendChild(style);
      root.appendChild(box);
      (document.body || document.documentElement).appendChild(el);
    }
    (el.shadowRoot || el).querySelector("pre").textContent = text;
  }

  var es = new EventSource(base + "events");
  es.addEventListener("open", function () {
    // The server restarted while this page was open: its content may differ.
    if (lost) location.reload();
  });
  es.addEventListener("reload", function (e) {
    clearOverlay();
    var paths = [];
    try { paths = JSON.parse(e.data); } catch (err) { paths = [page]; }
    apply(paths);
  });
  es.addEventListener("error", function (e) {
    if (typeof e.data === "string") { // "event: error" from the server: a failed build
      showOverlay(e.data);
      return;
    }
    if (es.readyState !== EventSource.OPEN) lost = true; // the connection dropped; EventSource retries
  });
})();
