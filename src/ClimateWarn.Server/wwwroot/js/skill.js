// Forecast skill (GET /api/skill) and model agreement (GET /api/agreement) for the operator console: per source, hazard,
// level and lead day the contingency table and scores of the archive's runs against what was observed; the weekly trend;
// each warning issued, verified or not, with its lead time; and for a chosen district what each model and ensemble says now.
import { api, el, t, pick, addText, onLanguage, hazardName, levelName, districtName, districts } from "./common.js";

addText({
  zh: { skillSource: "来源", skillLead: "预报日", skillPairs: "样本", skillEvents: "实况发生", skillHits: "命中", skillFa: "空报", skillMiss: "漏报",
        skillNone: "存档中尚无可检验的预报（集合与多模式运行后，需等预报日结束并有实况）。", skillEnsemble: "集合（成员比例）", skillModel: "模式规则", skillMl: "机器学习模型概率",
        skillTrend: "逐周趋势（全部灾种合并）", skillWeek: "周", skillWarnings: "已发布预警的检验", skillVerified: "已验证", skillNotVerified: "未验证",
        skillPending: "无实况", skillObserved: "实况", skillNothing: "未出现", skillLeadHours: "提前量（小时）", agreeTitle: "多模式一致性（最新运行）", agreeNone: "最近一天没有多模式或集合运行。" },
  en: { skillSource: "Source", skillLead: "Lead day", skillPairs: "Pairs", skillEvents: "Events", skillHits: "Hits", skillFa: "False alarms", skillMiss: "Misses",
        skillNone: "No archived forecast can be verified yet (after ensemble and model runs, a lead day must end and be observed).", skillEnsemble: "ensemble (share of members)",
        skillModel: "model rule", skillMl: "ML model probability", skillTrend: "Weekly trend (all hazards pooled)", skillWeek: "Week", skillWarnings: "Warnings issued, verified",
        skillVerified: "verified", skillNotVerified: "not verified", skillPending: "no observations", skillObserved: "observed", skillNothing: "nothing", skillLeadHours: "Lead (h)",
        agreeTitle: "Model agreement (latest runs)", agreeNone: "No model or ensemble run in the last day." },
});

const num = v => v === null || v === undefined ? "—" : (Math.round(v * 100) / 100).toString();

/** The skill table, its trend and the warnings' outcomes, into box. */
export async function skillPanel(box) {
  const [r, names] = await Promise.all([api("/api/skill?days=30"), districts()]);
  const draw = () => {
    if (!r.ok) { box.replaceChildren(el("p", { class: "muted" }, `HTTP ${r.status}`)); return; }
    const { rows, trend, warnings } = r.body;
    const source = x => `${x.kind === "ensemble" ? t("skillEnsemble") : x.kind === "ml" ? t("skillMl") : t("skillModel")} · ${x.model}`;
    box.replaceChildren(
      el("p", { class: "muted small" }, pick(r.body.noteZh, r.body.noteEn)),
      rows.length === 0 ? el("p", { class: "muted skill-none" }, t("skillNone")) :
      el("table", { class: "skill" },
        el("thead", {}, el("tr", {}, ...[t("skillSource"), "", "", t("skillLead"), t("skillPairs"), t("skillEvents"), t("skillHits"), t("skillFa"), t("skillMiss"),
          "POD", "FAR", "CSI", "Bias", "Brier", "BSS", "ROC"].map(h => el("th", {}, h)))),
        el("tbody", {}, ...rows.map(x => el("tr", { dataset: { kind: x.kind, model: x.model, hazard: x.hazard, level: x.level } },
          el("td", {}, source(x)), el("td", {}, hazardName(x.hazard)), el("td", {}, levelName(x.level)), el("td", {}, String(x.leadDay)),
          ...[x.pairs, x.events, x.hits, x.falseAlarms, x.misses].map(v => el("td", {}, String(v))),
          ...[x.pod, x.far, x.csi, x.bias, x.brier, x.brierSkill, x.rocArea].map(v => el("td", {}, num(v))))))),
      trend.length === 0 ? "" : el("div", {}, el("h3", {}, t("skillTrend")),
        el("table", { class: "skill-trend" }, el("thead", {}, el("tr", {}, ...[t("skillSource"), t("skillWeek"), t("skillPairs"), "Brier", "CSI"].map(h => el("th", {}, h)))),
          el("tbody", {}, ...trend.map(x => el("tr", {}, el("td", {}, source(x)), el("td", {}, x.week), el("td", {}, String(x.pairs)), el("td", {}, num(x.brier)), el("td", {}, num(x.csi))))))),
      warnings.length === 0 ? "" : el("div", {}, el("h3", {}, t("skillWarnings")),
        el("ul", { class: "skill-warnings" }, ...warnings.map(w => el("li", {},
          `${districtName(names, w.district)} ${hazardName(w.hazard)}${levelName(w.level)} · ${w.verified === true ? t("skillVerified") : w.verified === false ? t("skillNotVerified") : t("skillPending")}`
          + (w.verified === false ? ` (${t("skillObserved")} ${w.observedLevel ? levelName(w.observedLevel) : t("skillNothing")})` : "")
          + (w.leadHours === null ? "" : ` · ${t("skillLeadHours")} ${w.leadHours}`))))));
  };
  draw();
  onLanguage(draw);
}

/** What each model's rule and each ensemble says now for one district. */
export async function agreementPanel(box, district) {
  const [r, names] = await Promise.all([api(`/api/agreement?district=${encodeURIComponent(district)}`), districts()]);
  const draw = () => {
    const items = r.ok ? r.body.agreement.filter(a => a.models.some(m => m.level !== "none") || a.ensembles.some(e => e.probability > 0)) : [];
    box.replaceChildren(el("h3", {}, `${t("agreeTitle")} · ${districtName(names, district)}`),
      items.length === 0 ? el("p", { class: "muted" }, t("agreeNone")) :
      el("ul", { class: "agreement" }, ...items.map(a => el("li", { dataset: { hazard: a.hazard, lead: a.leadDay } },
        `${hazardName(a.hazard)} · ${t("skillLead")} ${a.leadDay} · ${pick(a.summaryZh, a.summaryEn)}`
        + a.ensembles.filter(e => e.probability > 0).map(e => ` · ${e.model} ${levelName(e.level)} ${Math.round(e.probability * 100)}% (${e.members})`).join("")))));
  };
  draw();
  onLanguage(draw);
}

/**
 * One line beside a warning or draft: for its hazard on lead day 0, each district's model agreement and ensemble shares
 * from the latest runs ("中宁县：4个模式中3个达到霜冻黄色 · ecmwf_ifs025 黄色 39%"); filled when /api/agreement answers.
 */
export function agreementFor(hazard, codes) {
  const line = el("p", { class: "agreement-line muted small", dataset: { hazard } });
  Promise.all([districts(), ...codes.map(c => api(`/api/agreement?district=${encodeURIComponent(c)}`))]).then(([names, ...answers]) => {
    const parts = answers.flatMap((r, i) => {
      const a = r.ok ? r.body.agreement.find(x => x.hazard === hazard && x.leadDay === 0) : null;
      if (!a) return [];
      const shares = a.ensembles.filter(e => e.probability > 0).map(e => `${e.model} ${levelName(e.level)} ${Math.round(e.probability * 100)}%`);
      return [`${districtName(names, codes[i])}：${pick(a.summaryZh, a.summaryEn)}${shares.length ? " · " + shares.join(" · ") : ""}`];
    });
    line.textContent = parts.length ? `${t("agreeTitle")} — ${parts.join("；")}` : "";
    line.hidden = parts.length === 0;
  });
  return line;
}
