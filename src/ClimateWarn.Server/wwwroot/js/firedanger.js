// Forest and grassland fire danger (森林草原火险气象等级): each district's grade 1–5 for today and the next two days, from
// GET /api/fire-danger; the colours are QX/T 77's (green, blue, yellow, orange, red). Shared by the emergency and
// agriculture pages; hidden when the bureau has no forest-fire hazard in force.
import { api, el, t, pick, addText, onLanguage } from "./common.js";

addText({
  zh: { fireTitle: "森林草原火险气象等级", fireDay: "日期", fireSignals: "发布预警信号的区县", fireBasis: "依据", fireNotRated: "尚未评定", fireBasisNote: "依据：各区县代表站逐时天气（最高气温、最小相对湿度、最大风速、降水）与逐日降水记录（站点优先，其次为ERA5再分析）推算连续无降水日数；指数表为按国家森林火险天气等级结构重建，可由本局替换。",
        fireLegend: "一级低 · 二级较低 · 三级较高 · 四级高 · 五级极高" },
  en: { fireTitle: "Forest and grassland fire danger", fireDay: "Date", fireSignals: "districts where it is signalled", fireBasis: "Basis", fireNotRated: "not rated yet", fireBasisNote: "",
        fireLegend: "1 low · 2 fairly low · 3 fairly high · 4 high · 5 extremely high" },
});

const gradeClass = g => ["", "fire-1", "fire-2", "fire-3", "fire-4", "fire-5"][g] ?? "fire-none";

/** Draws the panel into box and refreshes it every ten minutes (the ratings change with each hourly assessment). */
export async function fireDangerPanel(box) {
  let r = await api("/api/fire-danger");
  if (!r.ok || !r.body.inForce) { box.hidden = true; return; }
  setInterval(async () => { const next = await api("/api/fire-danger"); if (next.ok) { r = next; draw(); } }, 600_000);
  const draw = () => {
    const ds = r.body.districts;
    const dates = ds.find(d => d.days.length)?.days.map(x => x.date) ?? [];
    box.replaceChildren(el("h2", {}, t("fireTitle")),
      el("table", { class: "fire-danger" },
        el("thead", {}, el("tr", {}, el("th", {}, ""), ...dates.map(d => el("th", {}, d.slice(5))))),
        el("tbody", {}, ...ds.map(d => el("tr", { dataset: { district: d.district } },
          el("th", {}, pick(d.nameZh, d.nameEn) + (d.signals ? " ⚑" : "")),
          ...(d.days.length ? d.days.map(x => el("td", { class: gradeClass(x.grade), dataset: { grade: x.grade ?? "" }, title: x.grade ? `${x.index}` : "" },
            x.grade ? pick(x.gradeZh, x.gradeEn) : "—")) : [el("td", { colspan: String(Math.max(1, dates.length)) }, t("fireNotRated"))]))))),
      el("p", { class: "muted" }, `⚑ ${t("fireSignals")} · ${t("fireLegend")}`),
      el("p", { class: "muted small fire-basis" }, pick(t("fireBasisNote"), `${t("fireBasis")}: ${ds.map(d => `${d.nameEn} ${d.basis}`).join("; ")}`)));
  };
  onLanguage(draw);
}
