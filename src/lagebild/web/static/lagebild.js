// lagebild: the only script on the page. It toggles highlight kinds on the article page, zooms
// and filters the story timeline, and lets one filter the graph's edge types and drag its nodes.
// It never reads or writes article text, and it never builds HTML from strings (SVG elements are
// made with createElementNS, text with textContent).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  // --- article page: highlight kinds ------------------------------------------------------------
  function articleToggles() {
    var text = document.getElementById("text");
    if (!text) { return; }
    document.querySelectorAll("input.toggle[data-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
      });
    });
    var focus = document.getElementById("focus");
    if (focus && window.location.hash === "#focus") { focus.scrollIntoView({ block: "center" }); }
  }

  // --- timeline: zoom into a band, zoom in/out, filter by type ------------------------------------
  function day(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY); }
  function iso(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // calendar bands over [lo, hi] (day numbers), as lagebild.web.render.time_bands draws them
  function bands(lo, hi) {
    var days = hi - lo + 1;
    var unit = days > 3 * 366 ? "year" : days > 370 ? "quarter" : days > 62 ? "month" : "day";
    var start = new Date(lo * DAY), out = [], y = start.getUTCFullYear(), m = start.getUTCMonth();
    var cur = unit === "year" ? Date.UTC(y, 0, 1) / DAY : unit === "quarter" ? Date.UTC(y, m - m % 3, 1) / DAY :
      unit === "month" ? Date.UTC(y, m, 1) / DAY : lo;
    while (cur <= hi) {
      var d = new Date(cur * DAY), cy = d.getUTCFullYear(), cm = d.getUTCMonth(), next, label;
      if (unit === "year") { next = Date.UTC(cy + 1, 0, 1) / DAY; label = String(cy); }
      else if (unit === "quarter") { next = Date.UTC(cy, cm + 3, 1) / DAY; label = cy + " Q" + (Math.floor(cm / 3) + 1); }
      else if (unit === "month") { next = Date.UTC(cy, cm + 1, 1) / DAY; label = cy + "-" + pad(cm + 1); }
      else { next = cur + 1; label = iso(cur); }
      out.push({ lo: Math.max(cur, lo), hi: Math.min(next - 1, hi), label: label });
      cur = next;
    }
    return out;
  }

  function timeline() {
    var svg = document.getElementById("timeline-svg");
    if (!svg) { return; }
    var controls = document.getElementById("tl-controls");
    if (controls) { controls.hidden = false; }
    var width = parseFloat(svg.getAttribute("data-width")) || 900, left = 10, usable = width - 20, ROW = 22;
    var full = [day(svg.getAttribute("data-start")), day(svg.getAttribute("data-end"))];
    var view = [day(svg.getAttribute("data-view-start") || svg.getAttribute("data-start")),
                day(svg.getAttribute("data-view-end") || svg.getAttribute("data-end"))];
    var bandGroup = svg.querySelector("g.bands");
    var bars = Array.prototype.slice.call(svg.querySelectorAll("g.tl-bar"));
    var story = svg.getAttribute("data-story");

    function shown(type) {
      var box = document.querySelector('input.tl-type[data-type="' + type + '"]');
      return !box || box.checked;
    }

    function draw() {
      var lo = view[0], hi = view[1], scale = usable / (hi - lo + 1), row = 0;
      bars.forEach(function (g) {
        var s = day(g.getAttribute("data-start")), e = day(g.getAttribute("data-end"));
        var visible = shown(g.getAttribute("data-type")) && e >= lo && s <= hi;
        g.classList.toggle("off", !visible);
        if (!visible) { return; }
        var x = left + (Math.max(s, lo) - lo) * scale;
        var w = Math.max((Math.min(e, hi) - Math.max(s, lo) + 1) * scale, 4);
        var y = 30 + row * ROW;
        row += 1;
        var rect = g.querySelector("rect"), text = g.querySelector("text");
        rect.setAttribute("x", x.toFixed(1)); rect.setAttribute("width", w.toFixed(1)); rect.setAttribute("y", y);
        var tx = x + w + 6, anchor = "start";
        if (!(x + w + 6 < width - 280)) {
          if (x > 280) { tx = x - 6; anchor = "end"; } else { tx = x + 4; }
        }
        text.setAttribute("x", tx.toFixed(1)); text.setAttribute("y", y + 11); text.setAttribute("text-anchor", anchor);
      });
      var height = 40 + Math.max(row, 1) * ROW;
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      while (bandGroup.firstChild) { bandGroup.removeChild(bandGroup.firstChild); }
      bands(lo, hi).forEach(function (b, i) {
        var rect = document.createElementNS(SVG, "rect");
        rect.setAttribute("class", "band band-" + ((i + 1) % 2));
        rect.setAttribute("data-start", iso(b.lo)); rect.setAttribute("data-end", iso(b.hi));
        rect.setAttribute("x", (left + (b.lo - lo) * scale).toFixed(1)); rect.setAttribute("y", 0);
        rect.setAttribute("width", ((b.hi - b.lo + 1) * scale).toFixed(1)); rect.setAttribute("height", height);
        var title = document.createElementNS(SVG, "title");
        title.textContent = b.label + ": zoom in";
        rect.appendChild(title);
        var label = document.createElementNS(SVG, "text");
        label.setAttribute("class", "band-label");
        label.setAttribute("x", (left + (b.lo - lo) * scale + 2).toFixed(1)); label.setAttribute("y", 12);
        label.textContent = b.label;
        bandGroup.appendChild(rect); bandGroup.appendChild(label);
      });
      svg.setAttribute("data-view-start", iso(lo)); svg.setAttribute("data-view-end", iso(hi));
      var range = document.getElementById("tl-range");
      if (range) { range.textContent = iso(lo) + " – " + iso(hi); }
      var link = document.getElementById("tl-facts");
      if (link && story) {
        link.setAttribute("href", "/facts?story=" + encodeURIComponent(story) + "&since=" + iso(lo) + "&until=" + iso(hi) + "&sort=time");
      }
      share(lo, hi);
    }

    // the zoom lives in the URL (tl_since, tl_until), so a zoomed view can be shared or bookmarked
    function share(lo, hi) {
      var url = new URL(window.location.href), whole = lo === full[0] && hi === full[1];
      if (whole) { url.searchParams.delete("tl_since"); url.searchParams.delete("tl_until"); }
      else { url.searchParams.set("tl_since", iso(lo)); url.searchParams.set("tl_until", iso(hi)); }
      url.hash = "timeline";
      var here = document.getElementById("tl-link");
      if (here) { here.setAttribute("href", url.pathname + url.search + url.hash); }
      if (window.history && window.history.replaceState && url.search !== window.location.search) {
        window.history.replaceState(null, "", url.pathname + url.search + window.location.hash);
      }
    }

    function zoomTo(lo, hi) {
      view = [Math.max(lo, full[0] - 3660), Math.min(Math.max(hi, lo), full[1] + 3660)];
      draw();
    }

    bandGroup.addEventListener("click", function (ev) {
      var band = ev.target.closest ? ev.target.closest("rect.band") : null;
      if (band) { zoomTo(day(band.getAttribute("data-start")), day(band.getAttribute("data-end"))); }
    });
    function around(factor) {
      var mid = (view[0] + view[1]) / 2, half = Math.max((view[1] - view[0] + 1) * factor / 2, 0.5);
      zoomTo(Math.round(mid - half), Math.round(mid + half) - 1);
    }
    var zin = document.getElementById("tl-in"), zout = document.getElementById("tl-out"), reset = document.getElementById("tl-reset");
    if (zin) { zin.addEventListener("click", function () { around(0.5); }); }
    if (zout) { zout.addEventListener("click", function () { around(2); }); }
    if (reset) { reset.addEventListener("click", function () { view = full.slice(); draw(); }); }
    document.querySelectorAll("input.tl-type").forEach(function (box) { box.addEventListener("change", draw); });
    draw();
  }

  // --- graph: filter edge types, drag nodes ------------------------------------------------------
  function graph() {
    var svg = document.getElementById("graph-svg");
    if (!svg) { return; }
    var edges = Array.prototype.slice.call(svg.querySelectorAll("g.edge"));

    function filter() {
      var on = {};
      document.querySelectorAll("input.graph-type").forEach(function (box) { on[box.getAttribute("data-type")] = box.checked; });
      var used = {};
      edges.forEach(function (g) {
        var visible = on[g.getAttribute("data-type")] !== false;
        g.classList.toggle("off", !visible);
        if (visible) { used[g.getAttribute("data-source")] = true; used[g.getAttribute("data-target")] = true; }
      });
      svg.querySelectorAll("g.node").forEach(function (node) {
        var visible = !!used[node.getAttribute("data-id")];
        node.classList.toggle("off", !visible);
      });
    }
    document.querySelectorAll("input.graph-type").forEach(function (box) { box.addEventListener("change", filter); });

    function point(ev) {
      var p = svg.createSVGPoint();
      p.x = ev.clientX; p.y = ev.clientY;
      return p.matrixTransform(svg.getScreenCTM().inverse());
    }
    function move(node, x, y) {
      var circle = node.querySelector("circle"), text = node.querySelector("text"), id = node.getAttribute("data-id");
      var dx = x - parseFloat(circle.getAttribute("cx")), dy = y - parseFloat(circle.getAttribute("cy"));
      circle.setAttribute("cx", x.toFixed(1)); circle.setAttribute("cy", y.toFixed(1));
      text.setAttribute("x", (parseFloat(text.getAttribute("x")) + dx).toFixed(1));
      text.setAttribute("y", (parseFloat(text.getAttribute("y")) + dy).toFixed(1));
      edges.forEach(function (g) {
        var line = g.querySelector("line"), label = g.querySelector("text");
        if (g.getAttribute("data-source") === id) { line.setAttribute("x1", x.toFixed(1)); line.setAttribute("y1", y.toFixed(1)); }
        else if (g.getAttribute("data-target") === id) { line.setAttribute("x2", x.toFixed(1)); line.setAttribute("y2", y.toFixed(1)); }
        else { return; }
        label.setAttribute("x", ((parseFloat(line.getAttribute("x1")) + parseFloat(line.getAttribute("x2"))) / 2).toFixed(1));
        label.setAttribute("y", ((parseFloat(line.getAttribute("y1")) + parseFloat(line.getAttribute("y2"))) / 2).toFixed(1));
      });
    }
    svg.querySelectorAll("g.node").forEach(function (node) {
      var dragging = false, moved = false, start = null;
      node.addEventListener("pointerdown", function (ev) {
        dragging = true; moved = false; start = point(ev);
        node.classList.add("dragging");
        if (node.setPointerCapture) { node.setPointerCapture(ev.pointerId); }
        ev.preventDefault();
      });
      node.addEventListener("pointermove", function (ev) {
        if (!dragging) { return; }
        var p = point(ev);
        if (!moved && Math.abs(p.x - start.x) + Math.abs(p.y - start.y) < 3) { return; }
        moved = true;
        move(node, Math.min(Math.max(p.x, 5), 555), Math.min(Math.max(p.y, 5), 555));
      });
      function stop() { dragging = false; node.classList.remove("dragging"); }
      node.addEventListener("pointerup", stop);
      node.addEventListener("pointercancel", stop);
      var link = node.parentNode;  // the entity's link: a drag is not a click
      if (link) {
        link.addEventListener("click", function (ev) { if (moved) { ev.preventDefault(); moved = false; } });
      }
    });
    filter();
  }

  ready(function () {
    articleToggles();
    timeline();
    graph();
  });
})();
