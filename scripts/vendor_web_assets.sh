#!/usr/bin/env bash
# Re-vendor the web pages' JavaScript, CSS and offline basemap from npm (exact versions in web-assets/package.json).
# Leaflet (BSD-2-Clause), Leaflet.markercluster (MIT), topojson-client (ISC), world-atlas (ISC; Natural Earth
# country shapes, public domain). The result is committed, so the server never needs the network.
set -euo pipefail
cd "$(dirname "$0")/../web-assets"
npm install --no-audit --no-fund --no-save >/dev/null
out=../src/newsledger/web/static/vendor
rm -rf "$out" && mkdir -p "$out/leaflet/images" "$out/markercluster" "$out/topojson" "$out/basemap"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/MarkerCluster*.css "$out/markercluster/"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/markercluster/LICENSE" 2>/dev/null || cp node_modules/leaflet.markercluster/LICENSE* "$out/markercluster/" 2>/dev/null || true
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE "$out/topojson/"
cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/LICENSE "$out/basemap/"
rm -rf node_modules package-lock.json
echo "vendored into $out"
