// The one module every page uses: layout (header, navigation, language toggle), the live warning list over SignalR
// with catch-up by sequence, the connection banner, data freshness, warning cards and JSON helpers.
// Map and charts are in map.js; texts in i18n.js.
import { t, pick, shown, applyLanguage, toggleLanguage, onLanguage, hazardName, levelName, slugOf, levelOf, actionOf, duration } from "./i18n.js";
export * from "./i18n.js";

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

const pages = ["", "emergency", "agriculture", "health", "farmer", "ops"];

/** Header with title, navigation and language toggle, the connection banner and the footer; page content stays in <main>. */
export function layout(page, titleKey) {
  const nav = el("nav", { "aria-label": "dashboards" }, ...pages.map(p => el("a", { href: "/" + p, dataset: { i18n: p || "home" }, ...(p === page ? { "aria-current": "page" } : {}) })));
  const header = el("header", { class: "top" },
    el("div", { class: "titles" }, el("h1", { id: "headline", dataset: { i18n: titleKey } }), el("p", { class: "city", dataset: { i18n: "city" } })),
    el("button", { id: "lang", type: "button", "aria-label": "English / 中文", onclick: toggleLanguage }));
  const banner = el("div", { id: "banner", class: "banner", role: "status", hidden: "" });
  const fresh = el("div", { id: "freshness", class: "freshness muted" });
  document.body.prepend(header, nav, banner, fresh);
  document.body.append(el("footer", { class: "muted" }, el("span", { dataset: { i18n: "times" } }), " · ", el("span", { id: "replay" })));
  document.title = `${t(titleKey)} · ClimateWarn`;
  onLanguage(() => {
    $("lang").textContent = t("lang");
    document.title = `${t(titleKey)} · ClimateWarn`;
    header.querySelector(".city").hidden = t(titleKey) === t("city");   // the first page's title is the city's
  });
  onLanguage(showFreshness);
  onLanguage(showReplay);
  applyLanguage();
  freshness();
  replayClock();
}

let replayStatus = null;
const showReplay = () => { if (replayStatus) $("replay").textContent = `${t("replay")}${shown(replayStatus.simulatedNow)} (${replayStatus.state})`; };
async function replayClock() {
  const r = await api("/api/replay");
  if (!r.ok) return;   // live mode: no simulated clock to show
  replayStatus = r.body;
  showReplay();
  setTimeout(replayClock, 2000);
}

/** Per source: last success against the server's clock; a source older than two hours or failing is marked stale. */
let lastSources = null;
async function freshness() {
  lastSources = await api("/api/dashboards/sources");
  showFreshness();
  setTimeout(freshness, 30000);
}

function showFreshness() {
  const r = lastSources, box = $("freshness");
  if (r?.ok) {
    const now = new Date(r.body.now);
    box.replaceChildren(el("strong", {}, t("freshness") + ": "), ...r.body.sources.map(s => {
      const age = s.lastSuccess ? now - new Date(s.lastSuccess) : null;
      const stale = s.failing || age === null || age > 2 * 3600e3;
      const what = s.lastSuccess ? `${t("lastOk")} ${shown(s.lastSuccess)} (${duration(age)}${t("ago")})` : t("never");
      return el("span", { class: stale ? "source stale" : "source ok", dataset: { source: s.source }, title: s.lastError || "" },
        `${s.source}: ${what}${s.failing ? " · " + t("failing") : stale ? " · " + t("sourceStale") : ""}`);
    }));
  }
}

/** Shows "connection lost, data as of …" until the connection is back and caught up; "live" briefly after. */
export function banner(ok, lastData) {
  const b = $("banner");
  b.hidden = false;
  b.className = ok ? "banner ok" : "banner lost";
  b.dataset.state = ok ? "live" : "lost";
  b.textContent = ok ? t("live") : t("lost") + (lastData ? shown(lastData.toISOString()) : "—") + t("stale");
  if (ok) setTimeout(() => { if (b.dataset.state === "live") b.hidden = true; }, 2500);
}

/**
 * Active warnings kept in step with the server: load, subscribe, then every push is checked against the last sequence;
 * a gap or a reconnect fetches /api/warnings?afterSeq=N (pushes are a doorbell). onChange(warnings) after each change.
 */
export class LiveWarnings {
  constructor({ audience, districts, onChange, subscribe }) {
    Object.assign(this, { audience, districts, onChange, customSubscribe: subscribe });
    this.warnings = new Map(); this.lastSeq = 0; this.lastData = null; this.connected = false;
    onLanguage(() => { if (!$("banner").hidden) banner(this.connected, this.lastData); });
  }

  /** The warnings for this page's audience and districts, newest first (the server's catch-up lists every audience). */
  get list() {
    return [...this.warnings.values()]
      .filter(w => !this.audience || !w.audiences || w.audiences.includes(this.audience))
      .filter(w => !this.districts || w.districts.some(d => this.districts.includes(d)))
      .sort((a, b) => b.sequence - a.sequence);
  }

  accept(w, fresh) {
    if (w.sequence <= (this.warnings.get(w.id)?.sequence ?? 0)) return;   // duplicates and stale messages
    if (["lifted", "expired"].includes(actionOf(w.action))) this.warnings.delete(w.id);
    else this.warnings.set(w.id, { ...w, fresh });
    this.lastSeq = Math.max(this.lastSeq, w.sequence);
  }

  async start() {
    const r = await api("/api/warnings?active=true");
    if (r.ok) {
      r.body.warnings.forEach(w => this.accept(w, false));
      this.lastSeq = Math.max(this.lastSeq, r.body.lastSequence);
      this.lastData = new Date();
    }
    this.changed();
    const c = new signalR.HubConnectionBuilder().withUrl("/hubs/warnings")
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(5000, 1000 * (ctx.previousRetryCount + 1)) }).build();
    const onPush = w => {
      if (w.sequence > this.lastSeq + 1) { this.catchUp(); return; }   // a gap: fetch what was missed
      this.accept(w, true); this.lastData = new Date(); this.changed();
    };
    ["WarningIssued", "WarningUpdated", "WarningLifted"].forEach(e => c.on(e, onPush));
    this.handlers?.forEach(([e, fn]) => c.on(e, fn));
    c.onreconnecting(() => this.lost());
    c.onreconnected(async () => { await this.subscribe(); await this.catchUp(); this.back(); });
    c.onclose(() => { this.lost(); setTimeout(() => this.connect(), 3000); });
    this.connection = c;
    await this.connect();
  }

  /** Extra hub events (AckChanged, DraftsChanged); register before start(). */
  on(event, fn) { (this.handlers ??= []).push([event, fn]); }

  async connect() {
    try { await this.connection.start(); await this.subscribe(); await this.catchUp(); this.back(); }
    catch { this.lost(); setTimeout(() => this.connect(), 3000); }
  }

  async subscribe() {
    if (this.customSubscribe) return this.customSubscribe(this.connection);
    return this.connection.invoke("Subscribe", this.audience, this.districts);
  }

  async resubscribe(districts) {
    this.districts = districts;
    if (this.connection?.state === "Connected") await this.subscribe();
    this.changed();
  }

  async catchUp() {
    for (;;) {
      const r = await api(`/api/warnings?afterSeq=${this.lastSeq}`);
      if (!r.ok) return;
      r.body.warnings.forEach(w => this.accept(w, true));
      this.lastData = new Date();
      if (r.body.warnings.length < 500) break;
    }
    this.changed();
  }

  lost() { this.connected = false; document.body.dataset.connection = "lost"; banner(false, this.lastData); this.changed(); }

  back() { this.connected = true; document.body.dataset.connection = "live"; banner(true); this.changed(); }

  changed() { this.onChange?.(this.list); }
}

/** One warning as a card; extra(w) may add page-specific parts (acknowledge, timeline, advice). */
export function warningCard(w, extra) {
  const lv = levelOf(w.level), hz = slugOf(w.hazard);
  const card = el("li", { class: `warning ${lv}${w.fresh ? " flash" : ""}`, dataset: { id: w.id, level: lv, hazard: hz, districts: w.districts.join(" ") } },
    el("h3", {}, el("span", { class: `badge ${lv}` }, levelName(lv)), pick(w.headlineZh, w.headlineEn)),
    el("p", {}, pick(w.descriptionZh, w.descriptionEn)),
    el("p", { class: "muted" }, `${t("valid")}: ${shown(w.validFrom)} – ${shown(w.validTo)} · ${t("issued")}: ${shown(w.issuedAt)} · #${w.sequence}`));
  if (w.riskProbability != null) {
    const p = w.riskProbability >= 0.995 ? "≥99%" : w.riskProbability < 0.005 ? "<1%" : `${Math.round(w.riskProbability * 100)}%`;
    card.append(el("p", { class: "model" }, `${t("model")}: ${p}${t("modelNote")} · ${w.riskModel}`));
  }
  const guidance = pick(w.guidanceZh, w.guidanceEn) || [];
  if (guidance.length) card.append(el("details", {}, el("summary", {}, t("guidance")), el("ol", {}, ...guidance.map(g => el("li", {}, g)))));
  if (extra) card.append(...[extra(w)].flat().filter(Boolean));
  card.append(el("a", { class: "cap", href: `/api/warnings/${encodeURIComponent(w.id)}/cap?seq=${w.sequence}` }, t("cap")));
  w.fresh = false;
  return card;
}

/** Renders a list of warnings, or the "none" line. */
export function renderList(listEl, emptyEl, warnings, extra) {
  listEl.replaceChildren(...warnings.map(w => warningCard(w, extra)));
  emptyEl.hidden = warnings.length > 0;
}

/** The districts, fetched once. */
let districtsPromise;
export const districts = () => (districtsPromise ??= api("/api/districts").then(r => (r.ok ? r.body : [])));
export const districtName = (list, code) => { const d = list.find(x => x.code === code); return d ? pick(d.nameZh, d.nameEn) : code; };

/** Sign-in box for the lifecycle's cookie accounts (POST /api/auth/login); calls onUser(user|null). */
export function signInBox(container, onUser) {
  const status = el("span", { class: "muted", id: "who" });
  const form = el("form", { id: "signin", class: "signin" },
    el("input", { id: "user", name: "user", autocomplete: "username", dataset: { i18nPlaceholder: "user" } }),
    el("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", dataset: { i18nPlaceholder: "password" } }),
    el("button", { type: "submit", dataset: { i18n: "signIn" } }));
  const out = el("button", { type: "button", id: "signout", hidden: "", dataset: { i18n: "signOut" } });
  container.append(form, out, status);
  const show = user => {
    form.hidden = !!user; out.hidden = !user;
    status.textContent = user ? t("signedInAs") + user.userName + ` (${user.roles.join(", ")})` : "";
    onUser(user);
  };
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const r = await api("/api/auth/login", { method: "POST", body: { userName: $("user").value, password: $("password").value } });
    if (r.ok) show(r.body); else { status.textContent = r.missing ? t("notAvailable") : t("signInFailed"); onUser(null); }
  });
  out.addEventListener("click", async () => { await api("/api/auth/logout", { method: "POST" }); show(null); });
  applyLanguage();
  api("/api/auth/me").then(r => show(r.ok ? r.body : null));
}
