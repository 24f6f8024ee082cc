// The one module every page imports: layout (header, navigation, language toggle, freshness, replay clock), warning
// cards and the sign-in box, and, re-exported, the texts (i18n.js), DOM/HTTP helpers (dom.js) and the live warning list
// with its connection banner (live.js). Map and charts are in map.js.
import { t, pick, shown, applyLanguage, toggleLanguage, onLanguage, levelName, hazardName, slugOf, levelOf, duration, learnHazardNames, addText, offerLanguages, languagesOffered } from "./i18n.js";
import { $, el, api } from "./dom.js";
export * from "./i18n.js";
export * from "./dom.js";
export * from "./live.js";

const pages = ["", "emergency", "agriculture", "health", "farmer", "ops"];

/** Who this server is (GET /api/bureau): names and title, default district, languages, how farmers subscribe, crops, groups. */
export const bureau = await api("/api/bureau").then(r => (r.ok ? r.body : null));
if (bureau) {
  addText({ zh: { city: bureau.titleZh, observatory: bureau.observatoryZh }, en: { city: bureau.titleEn, observatory: bureau.observatoryEn } });
  offerLanguages(bureau.languages);
}
/** The district a page shows first: the bureau's default, else the first one. */
export const defaultDistrict = list => bureau?.defaultDistrict ?? list?.[0]?.code ?? "";

/** The registered hazards in force, in the server's order: slug, names, levels, audiences (GET /api/hazards; disabled ones left out). */
export const hazards = await api("/api/hazards").then(r => (r.ok ? r.body.filter(h => h.inForce !== false) : []));
learnHazardNames(hazards);
/** The hazards that concern an audience (all of them when none is given), in the server's order. */
export const hazardsFor = audience => hazards.filter(h => !audience || h.audiences.includes(audience)).map(h => h.hazard);

/** Header with title, navigation and language toggle, the connection banner and the footer; page content stays in <main>. */
export function layout(page, titleKey) {
  const nav = el("nav", { "aria-label": "dashboards" }, ...pages.map(p => el("a", { href: "/" + p, dataset: { i18n: p || "home" }, ...(p === page ? { "aria-current": "page" } : {}) })));
  const header = el("header", { class: "top" },
    el("div", { class: "titles" }, el("h1", { id: "headline", dataset: { i18n: titleKey } }), el("p", { class: "city", dataset: { i18n: "city" } })),
    el("button", { id: "lang", type: "button", "aria-label": "English / 中文", onclick: toggleLanguage, ...(languagesOffered().length < 2 ? { hidden: "" } : {}) }));
  const banner = el("div", { id: "banner", class: "banner", role: "status", hidden: "" });
  const fresh = el("div", { id: "freshness", class: "freshness muted" });
  document.body.prepend(header, nav, banner, fresh);
  document.body.append(el("footer", { class: "muted" }, el("span", { dataset: { i18n: "times" } }), el("span", { id: "replay" })));
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
const showReplay = () => { if (replayStatus) $("replay").textContent = ` · ${t("replay")}${shown(replayStatus.simulatedNow)} (${replayStatus.state})`; };
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
  // "No warning" while a source is failing may only mean "no data": say so beside every empty list.
  const anyStale = r?.ok && r.body.sources.some(s => s.failing || !s.lastSuccess || new Date(r.body.now) - new Date(s.lastSuccess) > 2 * 3600e3);
  document.querySelectorAll(".empty-note").forEach(e => { e.dataset.stale = anyStale ? t("emptyStale") : ""; });
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

/** One warning as a card; extra(w) may add page-specific parts (acknowledge, timeline, advice). */
export function warningCard(w, extra) {
  const lv = levelOf(w.level), hz = slugOf(w.hazard);
  const card = el("li", { class: `warning ${lv}${w.fresh ? " flash" : ""}`, dataset: { id: w.id, level: lv, hazard: hz, districts: w.districts.join(" ") } },
    el("h3", {}, el("span", { class: `badge ${lv}` }, levelName(lv)), pick(w.headlineZh, w.headlineEn)),
    el("p", {}, pick(w.descriptionZh, w.descriptionEn)),
    el("p", { class: "muted" }, `${t("valid")}: ${shown(w.validFrom)} – ${shown(w.validTo)} · ${t("issued")}: ${shown(w.issuedAt)} · #${w.sequence}`));
  if (w.riskProbability != null) {
    const p = w.riskProbability >= 0.995 ? "≥99%" : w.riskProbability < 0.005 ? "<1%" : `${Math.round(w.riskProbability * 100)}%`;
    card.append(el("p", { class: "model", dataset: { source: `model:${hz}` } }, `${t("model")}: ${p}${t("modelNote")} · ${t("modelSourceNote")} · ${hazardName(hz)} ${w.riskModel}`));
  }
  const guidance = pick(w.guidanceZh, w.guidanceEn) || [];
  if (guidance.length) card.append(el("details", {}, el("summary", {}, t("guidance")), el("ol", {}, ...guidance.map(g => el("li", {}, g)))));
  if (extra) card.append(...[extra(w)].flat().filter(Boolean));
  card.append(el("a", { class: "cap", href: `/api/warnings/${encodeURIComponent(w.id)}/cap?seq=${w.sequence}` }, t("cap")));
  w.fresh = false;
  return card;
}

/** Model watches (关注): a confident model where the rule is silent; not a warning (GET /api/watches). */
export async function watchList(container) {
  const box = el("div", { class: "watches", id: "watches" });
  container.append(box);
  const names = await districts();
  const draw = async () => {
    const r = await api("/api/watches");
    const list = r.ok ? r.body : [];
    box.replaceChildren(el("h3", {}, t("watches")), list.length
      ? el("ul", {}, ...list.map(w => el("li", { class: "watch", dataset: { model: w.model, district: w.district } },
          `${districtName(names, w.district)} · ${hazardName(w.hazard ?? w.model)} · ${Math.round(w.probability * 100)}% · ${t("lead")} ${w.leadHours} ${t("hours")} · ${w.modelVersion}${w.synthetic ? " · " + t("syntheticModel") : w.reanalysis ? " · " + t("reanalysisModel") : ""}`)))
      : el("p", { class: "muted" }, t("noWatches")), el("p", { class: "muted" }, t("watchNote")));
  };
  onLanguage(draw);
  setInterval(draw, 60_000);
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
    // 429: too many failures; the server's words say how long to wait.
    if (r.ok) show(r.body); else { status.textContent = r.missing ? t("notAvailable") : r.status === 429 && r.body?.detail ? r.body.detail : t("signInFailed"); onUser(null); }
  });
  out.addEventListener("click", async () => { await api("/api/auth/logout", { method: "POST" }); show(null); });
  applyLanguage();
  api("/api/auth/me").then(r => show(r.ok ? r.body : null));
}
