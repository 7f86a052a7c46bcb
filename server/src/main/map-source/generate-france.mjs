// Generates ../resources/web/map/france.json: the outline of metropolitan France and Corsica, projected
// to SVG coordinates, with the projection constants the server uses to place events on it
// (org.coordo.server.web.map.MapProjection reads the same constants from the generated file).
//
// Run by hand, not by the build:   cd server/src/main/map-source && npm ci && node generate-france.mjs
//
// Data: Natural Earth 1:50m Admin 0 countries, version 4.1.0 (public domain), as redistributed in
// TopoJSON by the npm package world-atlas 2.0.2 (ISC), decoded with topojson-client 3.1.0 (ISC).
//
// Steps, all deterministic:
//  1. take the country whose name is "France" (ISO 3166 numeric 250) from countries-50m.json;
//  2. keep only the polygons lying entirely inside the metropolitan extent below (drops the overseas
//     departments and territories, which Natural Earth holds in the same MultiPolygon);
//  3. project every point with the equirectangular projection scaled by cos(46.5°):
//        x = (lon - WEST) * cos(46.5°) * SCALE
//        y = (NORTH - lat) * SCALE
//  4. simplify each ring with Douglas-Peucker at TOLERANCE projected units and drop rings whose area is
//     below MIN_AREA square units (islets a visitor would not see);
//  5. write the rings as one SVG path, coordinates rounded to one decimal.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const WEST = -5.5, EAST = 10.0, SOUTH = 41.0, NORTH = 51.5; // degrees, the map's extent
const PARALLEL = 46.5;                                        // degrees, the scaling parallel
const SCALE = 60;                                             // SVG units per degree of latitude
const TOLERANCE = 0.6;                                        // SVG units, Douglas-Peucker
const MIN_AREA = 4;                                           // square SVG units

const here = dirname(fileURLToPath(import.meta.url));
const topology = JSON.parse(readFileSync(join(here, "node_modules/world-atlas/countries-50m.json"), "utf8"));
const atlasVersion = JSON.parse(readFileSync(join(here, "node_modules/world-atlas/package.json"), "utf8")).version;
const france = topology.objects.countries.geometries.filter((g) => g.properties.name === "France");
if (france.length !== 1) throw new Error("expected one France in countries-50m.json, found " + france.length);
const geometry = feature(topology, france[0]).geometry;
const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];

const COS = Math.cos((PARALLEL * Math.PI) / 180);
const project = ([lon, lat]) => [(lon - WEST) * COS * SCALE, (NORTH - lat) * SCALE];
const inside = ([lon, lat]) => lon >= WEST && lon <= EAST && lat >= SOUTH && lat <= NORTH;

function simplify(points, tolerance) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const d = distanceToSegment(points[i], points[a], points[b]);
      if (d > worst) { worst = d; at = i; }
    }
    if (worst > tolerance) { keep[at] = 1; stack.push([a, at], [at, b]); }
  }
  return points.filter((_, i) => keep[i]);
}

function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const area = (ring) => Math.abs(ring.reduce((sum, [x, y], i) => {
  const [nx, ny] = ring[(i + 1) % ring.length];
  return sum + x * ny - nx * y;
}, 0)) / 2;

const round = (v) => Math.round(v * 10) / 10;
const rings = [];
let dropped = 0;
for (const polygon of polygons) {
  if (!polygon.every((ring) => ring.every(inside))) { dropped++; continue; }
  for (const ring of polygon) {
    // Douglas-Peucker on a closed ring: split it at its farthest point so both ends are kept.
    const projected = ring.map(project);
    const open = projected.slice(0, -1);
    let far = 0, best = -1;
    for (let i = 1; i < open.length; i++) {
      const d = Math.hypot(open[i][0] - open[0][0], open[i][1] - open[0][1]);
      if (d > best) { best = d; far = i; }
    }
    const simplified = [...simplify(open.slice(0, far + 1), TOLERANCE), ...simplify([...open.slice(far), open[0]], TOLERANCE).slice(1, -1)];
    if (simplified.length >= 3 && area(simplified) >= MIN_AREA) rings.push(simplified.map(([x, y]) => [round(x), round(y)]));
  }
}
const path = rings.map((ring) => "M" + ring.map(([x, y]) => `${x},${y}`).join("L") + "Z").join("");

const width = round((EAST - WEST) * COS * SCALE);
const height = round((NORTH - SOUTH) * SCALE);
const out = {
  source: "Natural Earth 1:50m Admin 0 countries v4.1.0 (https://www.naturalearthdata.com/), via the npm package world-atlas " + atlasVersion,
  licence: "Natural Earth data is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/); world-atlas is ISC-licensed.",
  generator: "server/src/main/map-source/generate-france.mjs",
  projection: { type: "equirectangular", west: WEST, east: EAST, south: SOUTH, north: NORTH, parallel: PARALLEL, scale: SCALE },
  width, height,
  path,
};
const target = join(here, "../resources/web/map/france.json");
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, JSON.stringify(out, null, 1) + "\n");
console.log(`wrote ${target}: ${rings.length} rings, ${rings.reduce((n, r) => n + r.length, 0)} points, ${path.length} bytes of path, ${dropped} polygons outside the extent dropped`);
