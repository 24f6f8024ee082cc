// DOM and HTTP helpers shared by every page (re-exported by common.js).
import { t } from "./i18n.js";

export const $ = id => document.getElementById(id);
export const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v; else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  e.append(...children.filter(c => c !== null && c !== undefined));
  if (props.dataset?.i18n && children.length === 0) e.textContent = t(props.dataset.i18n);   // later toggles: applyLanguage
  return e;
};

/** JSON from the server: {ok, status, body}; 404/405 mean "not on this server yet" (the lifecycle endpoints arrive later). */
export async function api(path, options = {}) {
  const init = { credentials: "same-origin", ...options, headers: { Accept: "application/json", ...(options.body ? { "Content-Type": "application/json" } : {}), ...(options.headers || {}) } };
  if (init.body && typeof init.body !== "string") init.body = JSON.stringify(init.body);
  try {
    const r = await fetch(path, init);
    const body = r.status === 204 ? null : await r.json().catch(() => null);
    // An endpoint this server lacks answers the bare status-code ProblemDetails (no detail); ours always say what was not found.
    return { ok: r.ok, status: r.status, missing: (r.status === 404 && !body?.detail) || r.status === 405, body };
  } catch (e) {
    return { ok: false, status: 0, missing: false, body: null, error: String(e) };
  }
}
