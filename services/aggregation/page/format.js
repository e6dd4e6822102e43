// Small DOM and number helpers: text goes in as text (news sentences are never HTML).

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : String(c));
  return node;
}

export const num = (v) => (v === undefined || v === null ? "" : Number(v).toLocaleString("en-US"));

export const CLASSES = [
  { key: "drones", label: "drones", color: "#1f5fbf", scale: "drones" },
  { key: "missiles", label: "missiles (all)", color: "#6d4c41", scale: "missiles" },
  { key: "cruise_missiles", label: "cruise", color: "#e65100", scale: "missiles" },
  { key: "ballistic_missiles", label: "ballistic", color: "#8e24aa", scale: "missiles" },
  { key: "aeroballistic_missiles", label: "aeroballistic", color: "#c2185b", scale: "missiles" },
  { key: "guided_air_missiles", label: "guided", color: "#00897b", scale: "missiles" },
];

export const classLabel = (key) => (CLASSES.find((c) => c.key === key) || { label: key.replaceAll("_", " ") }).label;

/** "drones 734, cruise 43" from a counts object (total last). */
export function counts(obj) {
  const keys = Object.keys(obj || {}).sort((a, b) => (a === "total") - (b === "total") || a.localeCompare(b));
  return keys.map((k) => `${classLabel(k)} ${num(obj[k])}`).join(", ");
}

export function setTable(table, headers, rows) {
  table.tHead.replaceChildren(el("tr", {}, headers.map((h) => el("th", { class: h.num ? "num" : null }, h.label))));
  table.tBodies[0].replaceChildren(...rows);
}
