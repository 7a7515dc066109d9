// Offline map: the basemap is Natural Earth countries drawn from vendored TopoJSON (no tile server); events
// are clustered markers whose popups (built with textContent, never HTML) link to the evidence.
(function () {
  "use strict";
  var points = JSON.parse(document.getElementById("points-data").textContent);
  var map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 40], 3);
  map.attributionControl.addAttribution("Natural Earth");
  fetch("/static/vendor/basemap/countries-50m.json").then(function (r) { return r.json(); }).then(function (topology) {
    var name = Object.keys(topology.objects)[0];
    var countries = topojson.feature(topology, topology.objects[name]);
    // Leaflet draws on a plane: rings that cross the antimeridian are unwrapped (east of it continues past 180)
    // instead of being drawn as bands across the world; Antarctica (around the pole) is left out.
    countries.features = countries.features.filter(function (f) { return f.id !== "010"; });
    countries.features.forEach(function (f) { unwrapGeometry(f.geometry); });
    L.geoJSON(countries, {
      style: { color: "#8b97aa", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false
    }).addTo(map).bringToBack();
  });
  function unwrapRing(ring) {
    var crosses = ring.some(function (pt, i) { return i > 0 && Math.abs(pt[0] - ring[i - 1][0]) > 180; });
    if (crosses) ring.forEach(function (pt) { if (pt[0] < 0) pt[0] += 360; });
  }
  function unwrapGeometry(geometry) {
    if (!geometry) return;
    if (geometry.type === "Polygon") geometry.coordinates.forEach(unwrapRing);
    if (geometry.type === "MultiPolygon") geometry.coordinates.forEach(function (p) { p.forEach(unwrapRing); });
  }
  function line(parent, tag, text) {
    var el = document.createElement(tag); el.textContent = text; parent.appendChild(el); return el;
  }
  function popup(p) {
    var box = document.createElement("div"); box.className = "popup";
    line(box, "h4", p.type + " · " + (p.event_date || "undated"));
    line(box, "p", "“" + p.trigger_text + "” — " + [p.source_name, p.target_name].filter(Boolean).join(" → "));
    line(box, "p", (p.location || "") + (p.country ? " (" + p.country + ")" : "") + " · " + p.status);
    var links = document.createElement("p");
    var ev = line(links, "a", "event"); ev.href = "/events/" + encodeURIComponent(p.pk);
    links.appendChild(document.createTextNode(" · "));
    var art = line(links, "a", "evidence in " + (p.outlet || "the report")); art.href = "/articles/" + encodeURIComponent(p.article_id);
    box.appendChild(links);
    return box;
  }
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], { radius: 7, color: "#fff", weight: 1.5, fillColor: "#d0582d", fillOpacity: 0.9 });
    marker.bindPopup(function () { return popup(p); });
    cluster.addLayer(marker);
    bounds.push([p.lat, p.lon]);
  });
  map.addLayer(cluster);
  if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 6 });
})();
