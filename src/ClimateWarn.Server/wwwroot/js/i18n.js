// Texts shared by every page, zh-CN first; pages add their own with addText(). The language is remembered per browser.
export const text = {
  zh: {
    city: "气候灾害预警", lang: "English", times: "时间均为北京时间", home: "首页", emergency: "应急管理",
    agriculture: "农业", health: "卫生健康", ops: "运维控制台", farmer: "农户", map: "灾害分布图", allHazards: "全部灾种",
    active: "生效中的预警", none: "当前没有生效的预警信号。", valid: "影响时段", issued: "发布时间", guidance: "防御指南",
    lost: "连接中断，数据截至 ", stale: "（可能已过时）", live: "实时连接正常", connecting: "正在连接…",
    freshness: "数据时效", lastOk: "最近成功", never: "从未成功", failing: "失败", ago: "前", sourceStale: "已过时",
    replay: "回放模拟时间：", notAvailable: "此功能在本服务器上尚未启用。", district: "区县", hazard: "灾种", level: "级别",
    observedVsForecast: "观测与预报对比", probability: "未来72小时各灾种发生概率", ensembleShort: "集合", calibratedShort: "校准", modelShort: "模型", verifiedSkill: "已检验技巧", pairsWord: "对样本", fromCard: "说明卡独立检验", fromArchive: "实况检验", skillUnknown: "技巧尚未检验（存档样本不足）", noSynthetic: "合成数据训练的模型不在此显示。", noProbability: "暂无集合或模型概率", tObs: "观测气温 ℃", tFc: "预报气温 ℃",
    pObs: "观测降水 mm", pFc: "预报降水 mm", noData: "暂无数据", lead: "预报时效", hours: "小时", model: "模型估计概率", modelSourceNote: "来源：站点观测训练的机器学习模型，未校准",
    modelNote: "（供参考，不改变预警级别）", signIn: "登录", signOut: "退出", user: "用户名", password: "密码",
    signedInAs: "已登录：", signInFailed: "登录失败", cap: "CAP 文件", noRisk: "尚未评估", levelNone: "无",
    emptyStale: "注意：有数据源异常，此结果可能不完整。",
    adviceNote: "以上建议为本系统编写的通俗用语，参照官方防御指南和常见做法，并非官方文本；气象局可在 config/advice 中修改，服务器启动时会检查。",
    watches: "模型关注提示", noWatches: "目前没有模型关注提示。", syntheticModel: "合成数据训练", reanalysisModel: "ERA5再分析训练",
    watchNote: "规则未达预警标准、但模型概率较高之处（≥60%，48小时内）；仅供关注，不是预警信号。",
  },
  en: {
    city: "Climate-hazard warnings", lang: "中文", times: "All times are Beijing time", home: "Home", emergency: "Emergency",
    agriculture: "Agriculture", health: "Health", ops: "Operator console", farmer: "Farmers", map: "Hazard map", allHazards: "All hazards",
    active: "Warnings in force", none: "No warning signal is in force.", valid: "Valid", issued: "Issued", guidance: "Guidance",
    lost: "Connection lost; data as of ", stale: " (may be stale)", live: "Live", connecting: "Connecting…",
    freshness: "Data freshness", lastOk: "last success", never: "never succeeded", failing: "failing", ago: " ago", sourceStale: "stale",
    replay: "Replay simulated time: ", notAvailable: "This feature is not enabled on this server yet.", district: "District",
    hazard: "Hazard", level: "Level", observedVsForecast: "Observed vs forecast", probability: "Hazard probability, next 72 hours", ensembleShort: "ensemble", calibratedShort: "calibrated", modelShort: "model", verifiedSkill: "verified skill", pairsWord: "pairs", fromCard: "card's held-out test", fromArchive: "verified against observations", skillUnknown: "skill not verified yet (too few archived pairs)", noSynthetic: "Models trained on synthetic data are not shown here.", noProbability: "No ensemble or model probability yet",
    tObs: "Observed temperature °C", tFc: "Forecast temperature °C", pObs: "Observed precipitation mm", pFc: "Forecast precipitation mm",
    noData: "No data yet", lead: "Lead time", hours: "h", model: "Model probability", modelSourceNote: "source: machine-learning model trained on station records, not calibrated", modelNote: " (for reference; it does not change the colour)",
    signIn: "Sign in", signOut: "Sign out", user: "User name", password: "Password", signedInAs: "Signed in: ",
    signInFailed: "Sign-in failed", cap: "CAP document", noRisk: "Not assessed yet", levelNone: "None",
    emptyStale: "Note: a data source is failing, so this may be incomplete.",
    adviceNote: "This advice is the project's own plain wording, after the official guidance and common practice; not an official text. The bureau may edit it in config/advice; the server checks it at start-up.",
    watches: "Model watches", noWatches: "No model watch at present.", syntheticModel: "trained on synthetic data", reanalysisModel: "trained on ERA5 reanalysis",
    watchNote: "Where the rule gives no signal but a model is confident (≥60% within 48 h): for attention only, not a warning signal.",
  },
};

// Hazard names come from the server (GET /api/hazards for the registered hazards, /api/advice for hazards that only
// have advice), never from a list here: a hazard a bureau adds is named on every page without touching this file.
export const hazardNames = { zh: {}, en: {} };
const capitalised = s => (s ? s[0].toUpperCase() + s.slice(1) : s);
/** Learns names: [{ hazard, nameZh, nameEn }]. */
export function learnHazardNames(list) {
  for (const h of list || []) { hazardNames.zh[h.hazard] = h.nameZh; hazardNames.en[h.hazard] = capitalised(h.nameEn); }
}
export const levelNames = {
  zh: { blue: "蓝色", yellow: "黄色", orange: "橙色", red: "红色", none: "无", unknown: "无数据" },
  en: { blue: "Blue", yellow: "Yellow", orange: "Orange", red: "Red", none: "None", unknown: "No data" },
};
export const actionNames = {
  zh: { issued: "发布", continued: "继续发布", upgraded: "升级", downgraded: "降级", extended: "延长", lifted: "解除", expired: "到期解除",
        delivered: "已送达", acknowledged: "已确认", escalated: "已升级催办", approved: "已批准", edited: "已修改", rejected: "已驳回", draft: "草稿", deliveryparked: "投递失败" },
  en: { issued: "Issued", continued: "Continued", upgraded: "Upgraded", downgraded: "Downgraded", extended: "Extended", lifted: "Lifted", expired: "Expired",
        delivered: "Delivered", acknowledged: "Acknowledged", escalated: "Escalated", approved: "Approved", edited: "Edited", rejected: "Rejected", draft: "Draft", deliveryparked: "Delivery parked" },
};
export const levelRank = { unknown: -1, none: 0, blue: 1, yellow: 2, orange: 3, red: 4 };
export const levelColour = { unknown: "#ffffff", none: "#e3e8ee", blue: "#1e63d6", yellow: "#e6b800", orange: "#f07c00", red: "#d11f1f" };

let lang = localStorage.getItem("lang") || "zh";
let offered = ["zh", "en"];
const listeners = [];

/** The bureau's languages (GET /api/bureau), its default first: a remembered choice it does not offer falls back to the default. */
export function offerLanguages(list) {
  if (!list?.length) return;
  offered = list;
  if (!offered.includes(localStorage.getItem("lang") || "")) lang = offered[0];
}
export const languagesOffered = () => offered;

export const currentLang = () => lang;
export const t = key => text[lang][key] ?? text.zh[key] ?? key;
export const pick = (zh, en) => (lang === "zh" ? zh : en);
export const hazardName = slug => hazardNames[lang][slug] ?? slug;
export const levelName = lv => levelNames[lang][lv] ?? lv;
/** A message's action or a timeline entry's kind, in the reader's language. */
export const actionName = a => actionNames[lang][String(a ?? "").toLowerCase()] ?? a;

/** Pages add their own keys for both languages. */
export function addText(more) {
  for (const l of ["zh", "en"]) Object.assign(text[l], more[l]);
}

/** Calls fn now and after every language change. */
export function onLanguage(fn) { listeners.push(fn); fn(); }

export function applyLanguage() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  listeners.forEach(fn => fn());
}

export function toggleLanguage() {
  if (offered.length < 2) return;
  lang = lang === "zh" ? "en" : "zh";
  localStorage.setItem("lang", lang);
  applyLanguage();
}

const fmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
const fmtShort = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
/** Beijing time, whatever the browser's zone. */
export const shown = iso => (iso ? fmt.format(new Date(iso)) : "—");
export const shownShort = iso => (iso ? fmtShort.format(new Date(iso)) : "—");

/** Wire values to one spelling: hazards travel as their slugs ("cold-wave"); levels may come capitalised. */
export const slugOf = hazard => String(hazard ?? "").toLowerCase();
export const levelOf = level => String(level ?? "none").toLowerCase();
export const actionOf = action => String(action ?? "").toLowerCase();

export function duration(ms) {
  const m = Math.max(0, Math.round(ms / 60000));
  if (m < 60) return lang === "zh" ? `${m} 分钟` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return lang === "zh" ? `${h} 小时 ${m % 60} 分` : `${h} h ${m % 60} min`;
  return lang === "zh" ? `${Math.floor(h / 24)} 天` : `${Math.floor(h / 24)} d`;
}
