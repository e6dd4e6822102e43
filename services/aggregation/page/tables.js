// The tables: events (click one for its sources and evidence), set-aside claims, alerts.
import { getJSON } from "./api.js";
import { counts, el, num, setTable } from "./format.js";

export function drawEvents(events, onOpen) {
  const rows = [...events].reverse().map((e) => el("tr", { dataset: { eventId: e.event_id }, onclick: () => onOpen(e.event_id) },
    el("td", {}, e.date || "–"), el("td", {}, e.attacker),
    el("td", {}, counts(e.launched)), el("td", {}, counts(e.intercepted)), el("td", {}, counts(e.hit)),
    el("td", { class: "num" }, num(e.killed)), el("td", { class: "num" }, num(e.injured)),
    el("td", {}, e.tier || ""), el("td", { class: "num" }, e.source_count),
    el("td", { class: "note" }, e.notes.length ? e.notes.join(" · ") : ""),
  ));
  setTable(document.getElementById("events-table"), [
    { label: "night" }, { label: "attacker" }, { label: "launched" }, { label: "intercepted" }, { label: "hit" },
    { label: "killed", num: true }, { label: "injured", num: true }, { label: "best tier" }, { label: "sources", num: true },
    { label: "disagreements (notes)" }], rows);
  document.getElementById("n-events").textContent = events.length;
}

const WHY = { undated: "no date in the text: not guessed into a night", reference: "cites an earlier attack for comparison" };

export function drawSetAside(claims) {
  const rows = claims.map(({ route, claim: m }) => {
    const c = m.claim;
    const when = c.date || (c.period ? `${c.period.start || "?"} – ${c.period.end || "?"}` : "–");
    return el("tr", { dataset: { claimId: m.claim_id } },
      el("td", {}, el("span", { class: "badge" }, route)), el("td", {}, WHY[route]), el("td", {}, when),
      el("td", {}, c.attacker), el("td", {}, c.measure), el("td", {}, c.weapon_class || c.weapon_model || ""),
      el("td", { class: "num" }, num(c.value)),
      el("td", {}, m.url ? el("a", { href: m.url, target: "_blank", rel: "noopener" }, m.outlet || m.url) : m.outlet || ""),
      el("td", { class: "evidence" }, c.evidence.text));
  });
  setTable(document.getElementById("set-aside-table"), [
    { label: "route" }, { label: "why not counted" }, { label: "date" }, { label: "attacker" }, { label: "measure" },
    { label: "class" }, { label: "value", num: true }, { label: "source" }, { label: "evidence" }], rows);
  document.getElementById("n-set-aside").textContent = claims.length;
}

export function drawAlerts(alerts, onNight) {
  const rows = alerts.map((a) => el("tr", { dataset: { fingerprint: a.fingerprint } },
    el("td", {}, a.fired_at.replace("T", " ").slice(0, 16)), el("td", {}, a.rule),
    el("td", {}, el("span", { class: `badge ${a.severity}` }, a.severity)), el("td", {}, a.series),
    el("td", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); onNight(a); } }, a.date)),
    el("td", { class: "num" }, num(a.value)), el("td", { class: "num" }, a.baseline === null ? "–" : num(Math.round(a.baseline * 10) / 10)),
    el("td", {}, el("span", { class: `badge ${a.status}` }, a.status)), el("td", {}, a.summary)));
  setTable(document.getElementById("alerts-table"), [
    { label: "fired" }, { label: "rule" }, { label: "severity" }, { label: "series" }, { label: "night" },
    { label: "value", num: true }, { label: "baseline", num: true }, { label: "status" }, { label: "summary" }], rows);
  document.getElementById("n-alerts").textContent = alerts.length;
}

function figureLine(label, value) {
  return value && (typeof value !== "object" || Object.keys(value).length)
    ? el("span", {}, el("b", {}, `${label}: `), typeof value === "object" ? counts(value) : num(value)) : null;
}

/** The event's panel: figures, notes, and every source with its evidence sentence. */
export async function openEvent(eventId) {
  const e = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  const panel = document.getElementById("event-detail");
  document.getElementById("detail-title").textContent = `${e.event_id} · ${e.scope.replace("_", " ")}`;
  document.getElementById("detail-figures").replaceChildren(el("div", { class: "figures" },
    figureLine("launched", e.launched), figureLine("intercepted", e.intercepted), figureLine("lost", e.lost),
    figureLine("hit", e.hit), figureLine("killed", e.killed), figureLine("injured", e.injured),
    e.locations.length ? el("span", {}, el("b", {}, "places: "), e.locations.join(", ")) : null));
  document.getElementById("detail-notes").replaceChildren(...e.notes.map((n) => el("div", { class: "note" }, n)));
  const sources = [...e.sources].sort((a, b) => (a.published_at || "").localeCompare(b.published_at || ""));
  setTable(document.getElementById("sources-table"), [
    { label: "outlet" }, { label: "published" }, { label: "figure" }, { label: "value", num: true }, { label: "where" },
    { label: "tier" }, { label: "status" }, { label: "evidence" }],
  sources.map((s) => el("tr", { class: s.superseded ? "superseded" : null, dataset: { article: s.article_id } },
    el("td", {}, s.url ? el("a", { href: s.url, target: "_blank", rel: "noopener" }, s.outlet || s.url)
      : s.outlet || el("span", { class: "muted", title: s.article_id }, `article ${s.article_id.slice(0, 8)}…`)),
    el("td", {}, (s.published_at || "").replace("T", " ").slice(0, 16)),
    el("td", {}, `${s.measure} ${s.weapon_model || s.weapon_class || ""}`), el("td", { class: "num" }, num(s.value)),
    el("td", {}, s.location || "nationwide"), el("td", {}, s.tier),
    el("td", {}, s.superseded ? "superseded" : "current"), el("td", { class: "evidence" }, s.text))));
  panel.hidden = false;
  panel.dataset.eventId = e.event_id;
  document.querySelectorAll("#events-table tr.selected").forEach((r) => r.classList.remove("selected"));
  document.querySelector(`#events-table tr[data-event-id="${CSS.escape(e.event_id)}"]`)?.classList.add("selected");
  panel.scrollIntoView({ behavior: "smooth", block: "nearest" });
  return e;
}
