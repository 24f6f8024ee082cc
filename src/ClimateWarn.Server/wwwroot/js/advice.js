// Advice texts from config/advice (GET /api/advice), per crop or group, hazard and level: shown beside warnings and as a table.
import { api, el, t, pick, hazardName, levelName, levelOf, slugOf, learnHazardNames } from "./common.js";

let advicePromise;
export const advice = () => (advicePromise ??= api("/api/advice").then(r => {
  if (!r.ok) return { crops: { items: {} }, health: { items: {} } };
  learnHazardNames(r.body.hazardNames);   // hazards advised on before they have a rule
  return r.body;
}));

/** The advice line for one subject and warning, or null when the file has none for that hazard and level. */
export function adviceFor(subject, w) {
  const text = subject?.advice?.[slugOf(w.hazard)]?.[levelOf(w.level)];
  return text ? pick(text.zh, text.en) : null;
}

/** A table: one row per subject, one column per hazard and level of the file. */
export function adviceTable(container, noteEl, section) {
  const items = Object.entries(section.items);
  const columns = [...new Set(items.flatMap(([, s]) => Object.entries(s.advice).flatMap(([h, lv]) => Object.keys(lv).map(l => `${h}|${l}`))))];
  const hazards = [...new Set(columns.map(c => c.split("|")[0]))];
  container.replaceChildren(...hazards.map(h => el("details", { class: "advice-block", ...(h === hazards[0] ? { open: "" } : {}) },
    el("summary", {}, hazardName(h)),
    el("table", { class: "advice" },
      el("thead", {}, el("tr", {}, el("th", {}, ""), ...columns.filter(c => c.startsWith(h + "|")).map(c => el("th", { class: `lv ${c.split("|")[1]}` }, levelName(c.split("|")[1]))))),
      el("tbody", {}, ...items.map(([key, s]) => el("tr", { dataset: { subject: key } }, el("th", {}, pick(s.nameZh, s.nameEn)),
        ...columns.filter(c => c.startsWith(h + "|")).map(c => { const x = s.advice[h]?.[c.split("|")[1]]; return el("td", {}, x ? pick(x.zh, x.en) : "—"); }))))))));
  // The file's own note (in English, for its editors) stays in its title; readers get it in their language.
  noteEl.textContent = t("adviceNote");
  noteEl.title = section.note;
}
