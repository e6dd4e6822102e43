// The map (Leaflet): regions sized by attacks, hits or casualties in the window, labelled; towns
// the window's events name as small points; a legend. Without tiles by default, so it works
// offline and the page makes no third-party request; `?tiles=osm` (OpenStreetMap) or
// `?tiles=<https template with {z} {x} {y}>` in the page's address draws tiles beneath (offline,
// the tiles fail to load and the markers, labels and legend stay).
/* global L */
import { el, num } from "./format.js";

const TILE_PRESETS = {
  osm: { url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", attribution: "© OpenStreetMap contributors" },
};
const TILE_TEMPLATE = /^https:\/\/[^\s"'<>]+\{z\}[^\s"'<>]*\{x\}[^\s"'<>]*\{y\}/;

/** The tile source asked for in the page's query string (`tiles=`), or null for none. */
export function tileSource(search) {
  const asked = new URLSearchParams(search).get("tiles");
  if (!asked) return null;
  if (TILE_PRESETS[asked]) return TILE_PRESETS[asked];
  return TILE_TEMPLATE.test(asked) ? { url: asked, attribution: new URL(asked.replace(/[{}]/g, "")).host } : null;
}

let map = null;
let layer = null;
let legend = null;
const VIEW = { RU: [[44.3, 22.1], [52.4, 40.2]], UA: [[44.3, 29.0], [56.5, 48.0]] };

function setup() {
  const tiles = tileSource(window.location.search);
  map = L.map("map", { attributionControl: Boolean(tiles), zoomSnap: 0.25, preferCanvas: false });
  if (tiles) {
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
    document.getElementById("map").dataset.tiles = tiles.url;
  }
  layer = L.layerGroup().addTo(map);
  legend = L.control({ position: "bottomright" });
  legend.onAdd = () => el("div", { class: "legend", id: "map-legend" });
  legend.addTo(map);
  map.on("zoomend", placeLabels);
}

// Region labels, biggest figure first: each takes the first side of its circle where it covers no
// label placed before it (Kyiv City's label sat under Kyiv Oblast's), else stays on the right.
let labelled = [];
const SIDES = ["right", "left", "top", "bottom"];

function labelOn(item, side) {
  const d = item.radius * 0.7;
  const offset = { right: [d, 0], left: [-d, 0], top: [0, -d], bottom: [0, d] }[side];
  item.marker.unbindTooltip();
  item.marker.bindTooltip(item.text, { permanent: true, direction: side, className: "map-label", offset });
  item.marker.openTooltip();
  return item.marker.getTooltip().getElement().getBoundingClientRect();
}

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function placeLabels() {
  const placed = [];
  // the first fitBounds fires zoomend before Leaflet adds the markers to the map: nothing to place yet
  for (const item of labelled.filter((x) => map.hasLayer(x.marker))) {
    const side = SIDES.find((s) => !placed.some((r) => overlaps(r, labelOn(item, s)))) || SIDES[0];
    placed.push(labelOn(item, side));
    item.marker.getTooltip().getElement().dataset.side = side;
  }
}

/** Per region: attacks, hits and casualties over the window (total series of each region). */
export function regionTotals(rows) {
  const out = new Map();
  for (const r of rows) {
    if (!r.oblast || r.weapon_class !== "total") continue;
    const t = out.get(r.oblast) || { attacks: 0, hit: 0, casualties: 0 };
    t.attacks += r.attacks; t.hit += r.hit; t.casualties += r.killed + r.injured;
    out.set(r.oblast, t);
  }
  return out;
}

const MEASURE_LABEL = { attacks: "attacks", hit: "hits", casualties: "killed + injured" };

export function drawMap(rows, places, events, attacker, measure) {
  if (!map) setup();
  layer.clearLayers();
  const totals = regionTotals(rows);
  const regions = places.filter((p) => p.kind === "region");
  const towns = new Map(places.filter((p) => p.kind === "city").map((p) => [p.name, p]));
  const max = Math.max(1, ...[...totals.values()].map((t) => t[measure]));
  for (const p of regions) {  // every known region as a faint dot: the outline of the theatre
    L.circleMarker([p.lat, p.lon], { radius: 2, color: "#9aa5b5", weight: 1, fillOpacity: 0.6 }).addTo(layer);
  }
  const shown = [];
  labelled = [];
  for (const p of regions) {
    const t = totals.get(p.name);
    if (!t || !t[measure]) continue;
    const radius = 5 + 15 * Math.sqrt(t[measure] / max);
    const marker = L.circleMarker([p.lat, p.lon], { radius, color: "#8e1b1b", weight: 1, fillColor: "#c62828", fillOpacity: 0.45 });
    marker.bindPopup(`${p.name}: ${num(t.attacks)} attacks, ${num(t.hit)} hits, ${num(t.casualties)} killed or injured`);
    marker.addTo(layer);
    labelled.push({ marker, radius, value: t[measure], text: `${p.name.replace(/ Oblast$/, "")} ${num(t[measure])}` });
    shown.push(p.name);
  }
  labelled.sort((a, b) => b.value - a.value);
  const named = new Set(events.flatMap((e) => e.locations || []));
  let townCount = 0;
  for (const name of named) {
    const town = towns.get(name);
    if (!town) continue;
    L.circleMarker([town.lat, town.lon], { radius: 3, color: "#1d2330", weight: 1, fillColor: "#1d2330", fillOpacity: 0.9 })
      .bindTooltip(`${town.name} (${town.region})`).addTo(layer);
    townCount += 1;
  }
  const bounds = L.latLngBounds(VIEW[attacker]);
  for (const name of shown) { const p = regions.find((r) => r.name === name); bounds.extend([p.lat, p.lon]); }
  map.fitBounds(bounds, { paddingTopLeft: [10, 10], paddingBottomRight: [120, 10], animate: false });
  placeLabels();
  const box = document.getElementById("map-legend");
  box.replaceChildren(
    el("div", {}, el("b", {}, `circle: ${MEASURE_LABEL[measure]} per region`)),
    el("div", {}, el("i", { style: "width:10px;height:10px" }), "1  ", el("i", { style: "width:40px;height:40px" }), num(max)),
    el("div", {}, `${shown.length} regions with figures · ${townCount} towns named`),
  );
  document.getElementById("map").dataset.regions = JSON.stringify(shown);
  return shown;
}
