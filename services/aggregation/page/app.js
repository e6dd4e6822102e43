// The analyst's page: controls, loading, and live updates (polls /api/status, reloads on change).
import { addDays, getAll, getDays, getJSON, url } from "./api.js";
import { chartData, drawChart, hoverNight } from "./chart.js";
import { drawMap } from "./map.js";
import { drawAlerts, drawEvents, drawSetAside, openEvent } from "./tables.js";

const state = { attacker: "RU", days: "30", measure: "attacks", tab: "events", places: null, signature: null,
  refreshSeconds: 5, loading: null, window: null };

function windowOf(status) {
  const marks = Object.values(status.watermark).sort();
  const to = status.watermark[state.attacker] || marks[marks.length - 1] || new Date().toISOString().slice(0, 10);
  const from = state.days === "all" ? (status.first_date || to) : addDays(to, 1 - Number(state.days));
  return { from: from > to ? to : from, to };
}

const signature = (s) => JSON.stringify([s.changed_at, s.events, s.alerts, s.set_aside, s.watermark]);

function setExports({ from, to }) {
  const days = { from, to, attacker: state.attacker, window: "1d", limit: 5000 };
  document.getElementById("nights-csv").href = url("/api/days", { ...days, format: "csv" });
  document.getElementById("nights-json").href = url("/api/days", days);
  document.getElementById("map-csv").href = url("/api/days", { ...days, oblast: "all", weapon_class: "total", format: "csv" });
  const table = {
    events: ["/api/events", { from, to, attacker: state.attacker, limit: 1000 }],
    "set-aside": ["/api/set-aside", { limit: 1000 }],
    alerts: ["/api/alerts", { limit: 1000 }],
  }[state.tab];
  document.getElementById("table-csv").href = url(table[0], { ...table[1], format: "csv" });
  document.getElementById("table-json").href = url(table[0], table[1]);
}

function showFreshness(status) {
  const loaded = new Date();
  document.getElementById("updated").textContent = `last updated ${loaded.toLocaleTimeString("en-GB")}`;
  document.getElementById("updated").title = `data last changed on the server: ${status.changed_at || "never"}`;
  const marks = Object.entries(status.watermark).map(([a, d]) => `${a} ${d}`).join(", ");
  document.getElementById("watermark").textContent = `watermark ${marks || "none yet"}`;
}

async function load() {
  const started = performance.now();
  const status = await getJSON("/api/status");
  state.refreshSeconds = status.refresh_seconds;
  const w = windowOf(status);
  state.window = w;
  state.places ??= (await getJSON("/api/places")).places;
  const [rows, regionRows, events, alerts, setAside] = await Promise.all([
    getDays(w.from, w.to, { attacker: state.attacker, window: "1d" }),
    getDays(w.from, w.to, { attacker: state.attacker, window: "1d", oblast: "all", weapon_class: "total" }),
    getAll("/api/events", { from: w.from, to: w.to, attacker: state.attacker, limit: 1000 }, "events"),
    getAll("/api/alerts", { limit: 1000 }, "alerts"),
    getAll("/api/set-aside", { limit: 1000 }, "claims"),
  ]);
  const byNight = new Map(events.map((e) => [e.date, e]));
  const alertNights = new Map();
  for (const a of alerts.filter((x) => x.attacker === state.attacker)) {
    alertNights.set(a.date, [...(alertNights.get(a.date) || []), a]);
  }
  drawChart(rows, w.from, w.to, byNight, alertNights);
  drawMap(regionRows, state.places, events, state.attacker, state.measure);
  drawEvents(events, openEvent);
  drawSetAside(setAside);
  drawAlerts(alerts, (a) => openEvent(`${a.attacker}-${a.date}`));
  setExports(w);
  showFreshness(status);
  state.signature = signature(status);
  state.regionRows = regionRows; state.events = events;
  document.body.dataset.state = "ready";
  document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
  document.body.dataset.loadMs = String(Math.round(performance.now() - started));
  document.body.dataset.firstLoadMs ??= String(Math.round(performance.now()));
}

function reload() {
  document.body.dataset.state = "loading";
  state.loading = load().catch((err) => {
    document.body.dataset.state = "error";
    document.getElementById("updated").textContent = `failed: ${err.message}`;
  });
  return state.loading;
}

async function poll() {
  try {
    const status = await getJSON("/api/status");
    document.getElementById("live").classList.remove("stale");
    if (signature(status) !== state.signature && document.body.dataset.state !== "loading") await reload();
  } catch {
    document.getElementById("live").classList.add("stale");
  }
  setTimeout(poll, state.refreshSeconds * 1000);
}

function switchGroup(id, attr, onPick) {
  const group = document.getElementById(id);
  group.addEventListener("click", (ev) => {
    const button = ev.target.closest("button");
    if (!button) return;
    group.querySelectorAll("button").forEach((b) => b.classList.toggle("on", b === button));
    onPick(button.dataset[attr]);
  });
}

switchGroup("attacker", "attacker", (v) => { state.attacker = v; reload(); });
switchGroup("window", "days", (v) => { state.days = v; reload(); });
document.getElementById("map-measure").addEventListener("change", (ev) => {
  state.measure = ev.target.value;
  drawMap(state.regionRows, state.places, state.events, state.attacker, state.measure);
});
document.querySelector(".tabs").addEventListener("click", (ev) => {
  const button = ev.target.closest("button[data-tab]");
  if (!button) return;
  state.tab = button.dataset.tab;
  document.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("on", b === button));
  document.querySelectorAll(".tab").forEach((t) => t.classList.toggle("on", t.id === `tab-${state.tab}`));
  if (state.window) setExports(state.window);
});
document.getElementById("detail-close").addEventListener("click", () => { document.getElementById("event-detail").hidden = true; });

window.strikewatch = { chartData, hoverNight, openEvent, reload, state };
reload().then(() => setTimeout(poll, state.refreshSeconds * 1000));
