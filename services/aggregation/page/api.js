// Reads the aggregation API (same origin): every list is followed through its cursors.

export const MAX_DAYS = 400;  // the API's limit per /api/days request

export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function getJSON(path, params) {
  const answer = await fetch(url(path, params), { headers: { Accept: "application/json" } });
  const body = await answer.json();
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${body.error || ""}`);
  return body;
}

/** Every item of a paginated list (`key` names the list in the body). */
export async function getAll(path, params, key) {
  const out = [];
  let cursor;
  do {
    const body = await getJSON(path, { ...params, cursor });
    out.push(...body[key]);
    cursor = body.next_cursor;
  } while (cursor);
  return out;
}

export const isoDay = (d) => d.toISOString().slice(0, 10);
export const addDays = (iso, n) => { const d = new Date(iso + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return isoDay(d); };
export const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400000);

/** Day rows of [from, to] in chunks the API accepts. */
export async function getDays(from, to, params) {
  const rows = [];
  for (let start = from; start <= to; start = addDays(start, MAX_DAYS)) {
    const end = [addDays(start, MAX_DAYS - 1), to].sort()[0];
    rows.push(...await getAll("/api/days", { ...params, from: start, to: end, limit: 5000 }, "rows"));
  }
  return rows;
}
