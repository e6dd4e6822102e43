// The nights chart (uPlot): launched (solid) and intercepted (dashed) per weapon class, drones on
// the left axis and missiles on the right, alert nights marked in red.
/* global uPlot */
import { addDays, daysBetween, getJSON } from "./api.js";
import { CLASSES, el, num } from "./format.js";


let plot = null;
let current = null;  // { nights, byClass, events, alerts }
const userHidden = new Set();  // classes the analyst unticked
let hidden = new Set();  // those, and the classes without figures in the window

/** Per class, launched and intercepted per night (null: no figure that night). */
export function nightSeries(rows, from, to) {
  const nights = [];
  for (let d = from; d <= to; d = addDays(d, 1)) nights.push(d);
  const index = new Map(nights.map((d, i) => [d, i]));
  const byClass = {};
  for (const c of CLASSES) byClass[c.key] = { launched: nights.map(() => null), intercepted: nights.map(() => null) };
  for (const r of rows) {
    const series = byClass[r.weapon_class];
    const i = index.get(r.start);
    if (!series || i === undefined || r.oblast) continue;
    if (r.launched) series.launched[i] = r.launched;
    if (r.intercepted) series.intercepted[i] = r.intercepted;
  }
  return { nights, byClass };
}

function hasData(s) { return s.launched.some((v) => v !== null) || s.intercepted.some((v) => v !== null); }

function alertMarkers(u) {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  for (const night of current.alerts.keys()) {
    const i = current.nights.indexOf(night);
    if (i < 0) continue;
    const x = Math.round(u.valToPos(u.data[0][i], "x", true));
    ctx.strokeStyle = "rgba(198,40,40,.35)";
    ctx.lineWidth = 6 * devicePixelRatio;
    ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
    ctx.fillStyle = "#c62828";
    const s = 7 * devicePixelRatio;
    ctx.beginPath(); ctx.moveTo(x - s, top); ctx.lineTo(x + s, top); ctx.lineTo(x, top + 1.6 * s); ctx.fill();
  }
  ctx.restore();
}

const details = new Map();  // event id -> promise of the event with its sources

/** "drones 734: 2 of 3 sources agree" for each nationwide figure of the shown classes. */
export function agreement(event, classes) {
  const out = [];
  for (const measure of ["launched", "intercepted"]) {
    for (const key of classes) {
      const value = event[measure][key];
      if (value === undefined) continue;
      const stated = event.sources.filter((s) => !s.superseded && s.measure === measure && s.weapon_class === key
        && !s.weapon_model && !s.location);
      if (!stated.length) continue;
      const agree = stated.filter((s) => s.value === value).length;
      out.push(`${key.replaceAll("_", " ")} ${measure} ${num(value)}: ${agree} of ${stated.length} source${stated.length === 1 ? "" : "s"} agree`);
    }
  }
  return out;
}

async function showAgreement(box, night, event) {
  if (!details.has(event.event_id)) details.set(event.event_id, getJSON(`/api/events/${encodeURIComponent(event.event_id)}`));
  const full = await details.get(event.event_id).catch(() => null);
  if (!full || box.dataset.night !== night) return;
  const lines = agreement(full, CLASSES.filter((c) => !hidden.has(c.key)).map((c) => c.key));
  if (lines.length) box.append(el("div", { class: "agree" }, lines.join(" · ")));
}

function showHover(u) {
  const box = document.getElementById("hover");
  const i = u.cursor.idx;
  if (i === null || i === undefined || !current) return;
  const night = current.nights[i];
  const parts = [];
  for (const c of CLASSES) {
    const s = current.byClass[c.key];
    if (hidden.has(c.key) || (s.launched[i] === null && s.intercepted[i] === null)) continue;
    parts.push(el("span", {}, el("b", {}, c.label), ` ${num(s.launched[i]) || "–"} launched / ${num(s.intercepted[i]) || "–"} intercepted`));
  }
  const event = current.events.get(night);
  const alerts = current.alerts.get(night) || [];
  box.replaceChildren(
    el("b", {}, night), " · ",
    ...(parts.length ? parts.flatMap((p, k) => (k ? ["; ", p] : [p])) : ["no figures"]),
    event ? ` · backed by ${event.source_count} source${event.source_count === 1 ? "" : "s"} (best: ${event.tier || "?"})` : "",
    ...alerts.map((a) => el("span", { class: "alert" }, ` · alert ${a.rule} (${a.status})`)),
  );
  box.dataset.night = night;
  if (event) showAgreement(box, night, event);
}

function options(width) {
  const series = [{}];
  for (const c of CLASSES) {
    series.push({ label: `${c.label} launched`, stroke: c.color, width: 2, scale: c.scale, spanGaps: false,
      points: { show: true, size: 5 }, show: !hidden.has(c.key) });
    series.push({ label: `${c.label} intercepted`, stroke: c.color, width: 1.5, dash: [6, 4], scale: c.scale,
      points: { show: true, size: 4, fill: "#fff" }, show: !hidden.has(c.key) });
  }
  return {
    width, height: 320, series, legend: { show: false },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
    scales: { x: { time: true }, drones: { auto: true, range: (u, lo, hi) => [0, Math.max(10, hi * 1.08)] },
      missiles: { auto: true, range: (u, lo, hi) => [0, Math.max(5, hi * 1.08)] } },
    axes: [{}, { scale: "drones", label: "drones", size: 56 },
      { scale: "missiles", side: 1, label: "missiles", grid: { show: false }, size: 50 }],
    cursor: { drag: { x: false, y: false }, y: false, points: { size: 7 } },
    hooks: { draw: [alertMarkers], setCursor: [showHover] },
  };
}

function classToggles(byClass) {
  const box = document.getElementById("classes");
  box.replaceChildren(...CLASSES.map((c) => {
    const empty = !hasData(byClass[c.key]);
    const input = el("input", { type: "checkbox", checked: !hidden.has(c.key) && !empty, disabled: empty,
      dataset: { class: c.key }, onchange: (e) => toggle(c.key, e.target.checked) });
    return el("label", { title: empty ? "no figures in this window" : "show/hide" }, input,
      el("span", { class: "swatch", style: `background:${c.color}` }), c.label);
  }));
  box.append(el("span", { class: "muted" }, "solid: launched · dashed: intercepted · red: alert night"));
}

function toggle(key, show) {
  if (show) { hidden.delete(key); userHidden.delete(key); } else { hidden.add(key); userHidden.add(key); }
  const k = CLASSES.findIndex((c) => c.key === key);
  plot.setSeries(1 + 2 * k, { show }); plot.setSeries(2 + 2 * k, { show });
}

/** Draw (or redraw) the chart for the window's rows, events (by night) and alerts (by night). */
export function drawChart(rows, from, to, events, alerts) {
  details.clear();  // figures may have changed since the last draw
  const { nights, byClass } = nightSeries(rows, from, to);
  hidden = new Set([...userHidden, ...CLASSES.filter((c) => !hasData(byClass[c.key])).map((c) => c.key)]);
  current = { nights, byClass, events, alerts };
  const xs = nights.map((d) => Date.parse(d + "T00:00:00Z") / 1000);
  const data = [xs];
  for (const c of CLASSES) data.push(byClass[c.key].launched, byClass[c.key].intercepted);
  const target = document.getElementById("chart");
  const width = Math.max(320, target.clientWidth);
  if (plot) plot.destroy();
  plot = new uPlot(options(width), data, target);
  classToggles(byClass);
  document.getElementById("range").textContent = `${from} – ${to} (${daysBetween(from, to) + 1} nights)`;
}

/** What the chart shows, for checks (tests) and the console. */
export function chartData() {
  if (!current) return null;
  return { nights: current.nights, byClass: current.byClass, alertNights: [...current.alerts.keys()],
    shown: plot.series.slice(1).filter((s) => s.show).map((s) => s.label) };
}

/** Hover a night as a mouse would (the hover box then shows its figures). */
export function hoverNight(night) {
  const i = current.nights.indexOf(night);
  if (i < 0) return false;
  const left = plot.valToPos(plot.data[0][i], "x");
  plot.setCursor({ left, top: 20 });
  return true;
}

window.addEventListener("resize", () => { if (plot) plot.setSize({ width: document.getElementById("chart").clientWidth, height: 320 }); });

