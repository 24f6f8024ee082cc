// Operator console: drafts to approve, edit or reject (lifecycle contract), source health, the ingest ledger,
// dead letters, model versions with their cards, and the verification of past warnings against observations.
import { layout, LiveWarnings, renderList, api, el, $, t, pick, shown, addText, onLanguage, hazardName, levelName, levelOf, slugOf, actionName, districts, districtName, signInBox, hazards } from "./common.js";
import { hazardMap } from "./map.js";
import { skillPanel, agreementPanel, agreementFor } from "./skill.js";

addText({
  zh: { page: "运维控制台", modelUsed: "服务器使用此模型", modelNotUsed: "服务器不使用此模型", skillTitle: "预报技巧（存档预报与实况对比）", drafts: "待审核预警草稿", sources: "数据源状态", models: "模型版本与说明卡", verification: "预警检验（过往预警与实况对比）",
        ledger: "入库记录", deadLetters: "死信（被拒数据）", approve: "批准发布", edit: "保存修改", reject: "驳回", reason: "驳回理由",
        noDrafts: "没有待审核的草稿。", signInOperator: "请以值班预报员（Operator）身份登录后审核草稿。", conflict: "草稿已被他人修改，已刷新。",
        synthetic: "⚠ 此模型用合成数据训练，不可用于业务决策", syntheticUnknown: "说明卡未标明训练数据是否为合成数据", realData: "真实观测数据训练", reanalysisData: "ERA5再分析资料训练（不是站点观测；预报误差为假设）",
        version: "版本", trainedOn: "训练数据", skill: "独立检验技巧", caveats: "局限", reached: "实况出现该灾害（达蓝色标准）", notReached: "实况未出现该灾害", noObs: "无观测",
        observed: "实况级别", hours: "观测小时数", window: "时段", empty: "暂无记录。", source: "数据源", points: "写入点数", error: "错误",
        status: "状态", healthy: "正常", outcome: "检验结果", trials: "再训练试验", recorded: "记录时间", kind: "类型", measurement: "数据类别",
        places: "站点/格点", rejectedCol: "拒收", reasonCol: "原因", line: "原始数据", audit: "审计日志", at: "时间", action: "操作",
        target: "对象", detail: "说明", signInOps: "运维记录仅限值班预报员（Operator）或管理员（Admin）：请登录后查看。",
        compose: "人工发布预警信号", signInCompose: "请以值班预报员（Operator）身份登录后发布。", validFrom: "开始（北京时间）", validTo: "结束（北京时间）",
        descZh: "中文正文（可不填，按模板生成）", descEn: "英文正文（可不填）", why: "依据（会商意见）", preview: "预览", publish: "发布",
        published: "已发布：", capDoc: "CAP 文件预览",
        deliveryLog: "投递日志", allStates: "全部", pending: "投递中", parked: "已放弃", delivered: "已送达", message: "消息", channel: "渠道/对象",
        attempts: "尝试次数", result: "结果", resend: "重新发送", resent: "已重新排队：", resendConfirm: "重新发送这条投递？接收方按幂等键去重。",
        signInResend: "仅值班预报员（Operator）可重新发送。" },
  en: { page: "Operator console", modelUsed: "Used by the server", modelNotUsed: "NOT used by the server", skillTitle: "Forecast skill (archived forecasts against observations)", drafts: "Drafts awaiting approval", sources: "Data sources", models: "Model versions and cards",
        verification: "Verification: past warnings against observations", ledger: "Ingest ledger", deadLetters: "Dead letters (refused data)",
        approve: "Approve and publish", edit: "Save edits", reject: "Reject", reason: "Reason for rejection", noDrafts: "No draft is waiting.",
        signInOperator: "Sign in as an Operator to review drafts.", conflict: "Someone else changed the draft; reloaded.",
        synthetic: "⚠ Trained on synthetic data: not for operational decisions", syntheticUnknown: "The card does not say whether its training data is synthetic",
        realData: "Trained on real observations", reanalysisData: "Trained on ERA5 reanalysis (not station observations; forecast error assumed)", version: "Version", trainedOn: "Training data", skill: "Held-out skill", caveats: "Caveats",
        reached: "hazard observed (blue criteria met)", notReached: "hazard not observed", noObs: "no observations", observed: "Observed level", hours: "Observed hours",
        window: "Window", empty: "Nothing recorded.", source: "Source", points: "Points", error: "Error",
        status: "Status", healthy: "healthy", outcome: "Outcome", trials: "Retraining trials", recorded: "Recorded", kind: "Kind", measurement: "Measurement",
        places: "Places", rejectedCol: "Rejected", reasonCol: "Reason", line: "Line", audit: "Audit log", at: "Time", action: "Action",
        target: "Target", detail: "Detail", signInOps: "Operators' records are for Operators and Admins: sign in to see them.",
        compose: "Issue a signal by hand", signInCompose: "Sign in as an Operator to issue signals.", validFrom: "From (Beijing time)", validTo: "To (Beijing time)",
        descZh: "Chinese text (optional: from the template)", descEn: "English text (optional)", why: "Basis (consultation)", preview: "Preview", publish: "Publish",
        published: "Published: ", capDoc: "CAP document preview",
        deliveryLog: "Delivery log", allStates: "All", pending: "Being tried", parked: "Given up", delivered: "Delivered", message: "Message", channel: "Channel / target",
        attempts: "Attempts", result: "Result", resend: "Send again", resent: "Queued again: ", resendConfirm: "Send this delivery again? Receivers drop repeats by idempotency key.",
        signInResend: "Only an Operator can send again." },
});
layout("ops", "page");
const names = await districts();
let user = null;

/** What to show instead of operators' records the server refused or could not give. */
const unavailable = r => el("p", { class: "muted sign-in-hint" }, r.status === 401 || r.status === 403 ? t("signInOps") : r.missing ? t("notAvailable") : `HTTP ${r.status}`);

/** A table from rows and [header key, cell(row)] columns; "empty" when there are none. */
function table(rows, columns, rowData) {
  if (!rows?.length) return el("p", { class: "muted" }, t("empty"));
  return el("div", { class: "scroll" }, el("table", {}, el("thead", {}, el("tr", {}, ...columns.map(([h]) => el("th", {}, t(h) ?? h)))),
    el("tbody", {}, ...rows.map(r => el("tr", rowData ? { dataset: rowData(r) } : {}, ...columns.map(([, f]) => el("td", {}, f(r) ?? "—")))))));
}

async function drafts() {
  const box = $("drafts");
  if (!user?.roles?.includes("Operator")) { box.replaceChildren(el("p", { class: "muted" }, t("signInOperator"))); return; }
  const r = await api("/api/drafts");
  if (!r.ok) { box.replaceChildren(el("p", { class: "muted" }, r.missing ? t("notAvailable") : `HTTP ${r.status}`)); return; }
  const pending = r.body.filter(d => String(d.state).toLowerCase() === "pending");
  box.replaceChildren(...(pending.length ? pending.map(draftCard) : [el("p", { class: "muted", id: "no-drafts" }, t("noDrafts"))]));
}

function draftCard(d) {
  const w = d.warning, lv = levelOf(w.level);
  const zh = el("input", { value: w.headlineZh, "aria-label": "headline zh", class: "headline-zh" });
  const en = el("input", { value: w.headlineEn, "aria-label": "headline en", class: "headline-en" });
  const dzh = el("textarea", { "aria-label": "description zh", class: "description-zh", rows: "3" }, w.descriptionZh);
  const den = el("textarea", { "aria-label": "description en", class: "description-en", rows: "3" }, w.descriptionEn);
  const reason = el("input", { "aria-label": "reason", class: "reason", dataset: { i18nPlaceholder: "reason" }, placeholder: t("reason") });
  const act = async (verb, body) => {
    const r = await api(`/api/drafts/${d.id}/${verb}`, { method: "POST", body: { rowVersion: d.rowVersion, ...body } });
    if (r.status === 409) alert(t("conflict"));
    else if (!r.ok) alert(r.missing ? t("notAvailable") : `HTTP ${r.status}: ${r.body?.title ?? ""}`);
    drafts();
  };
  return el("div", { class: `draft warning ${lv}`, dataset: { draft: d.id } },
    el("h3", {}, el("span", { class: `badge ${lv}` }, levelName(lv)), `${hazardName(slugOf(w.hazard))} · ${w.districts.map(c => districtName(names, c)).join("、")}`),
    el("p", { class: "muted" }, `${t("window")}: ${shown(w.validFrom)} – ${shown(w.validTo)} · ${shown(d.createdAt)}`),
    agreementFor(slugOf(w.hazard), w.districts),
    el("label", {}, "中文标题", zh), el("label", {}, "English headline", en),
    el("label", {}, "中文正文", dzh), el("label", {}, "English description", den),
    el("div", { class: "actions" },
      el("button", { type: "button", class: "approve", onclick: () => act("approve", {}) }, t("approve")),
      el("button", { type: "button", class: "edit", onclick: () => act("edit", { headlineZh: zh.value, headlineEn: en.value, descriptionZh: dzh.value, descriptionEn: den.value }) }, t("edit")),
      reason, el("button", { type: "button", class: "reject", onclick: () => act("reject", { reason: reason.value }) }, t("reject"))));
}

/** The forecaster's hand: any signal in force, for districts and a validity (Beijing time), previewed, then published. */
async function compose() {
  const box = $("compose");
  if (!user?.roles?.includes("Operator")) { box.replaceChildren(el("p", { class: "muted" }, t("signInCompose"))); return; }
  // Validity is entered in Beijing time; during a replay "now" is the simulated time.
  const replay = await api("/api/replay");
  const now = new Date(replay.ok ? replay.body.simulatedNow : Date.now());
  const bjt = d => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(0, 16);
  const start = new Date(Math.ceil(now.getTime() / 3600e3) * 3600e3);
  const hazard = el("select", { id: "compose-hazard", "aria-label": "hazard" }, ...hazards.map(h => new Option(hazardName(h.hazard), h.hazard)));
  const level = el("select", { id: "compose-level", "aria-label": "level" });
  const levels = () => level.replaceChildren(...(hazards.find(h => h.hazard === hazard.value)?.levels ?? []).map(l => new Option(levelName(levelOf(l)), levelOf(l))));
  hazard.onchange = levels; levels();
  // A district may be narrowed to some of its townships: they show once the district is ticked; none ticked = all of it.
  const places = el("div", { class: "checks" }, ...names.map(d => {
    const towns = el("div", { class: "checks townships", hidden: "" }, ...(d.townships ?? []).map(x =>
      el("label", { class: "check" }, el("input", { type: "checkbox", name: "compose-township", value: x.code }), x.name)));
    const box = el("input", { type: "checkbox", name: "compose-district", value: d.code });
    box.onchange = () => { towns.hidden = !box.checked || !(d.townships ?? []).length; if (!box.checked) towns.querySelectorAll("input").forEach(x => { x.checked = false; }); };
    return el("div", { class: "district-choice" }, el("label", { class: "check" }, box, pick(d.nameZh, d.nameEn)), towns);
  }));
  const from = el("input", { id: "compose-from", type: "datetime-local", value: bjt(start) });
  const to = el("input", { id: "compose-to", type: "datetime-local", value: bjt(new Date(start.getTime() + 12 * 3600e3)) });
  const dzh = el("textarea", { id: "compose-zh", rows: "3", "aria-label": "description zh" });
  const den = el("textarea", { id: "compose-en", rows: "3", "aria-label": "description en" });
  const reason = el("input", { id: "compose-reason", "aria-label": "reason" });
  const out = el("div", { id: "compose-result" });
  const body = () => ({
    hazard: hazard.value, level: level.value, districts: [...places.querySelectorAll("input[name=compose-district]:checked")].map(x => x.value),
    townships: [...places.querySelectorAll("input[name=compose-township]:checked")].map(x => x.value),
    validFrom: from.value + ":00+08:00", validTo: to.value + ":00+08:00",
    descriptionZh: dzh.value.trim() || null, descriptionEn: den.value.trim() || null, reason: reason.value.trim() || null,
  });
  const problem = r => el("p", { class: "bad problem" }, r.body?.detail ?? r.body?.title ?? `HTTP ${r.status}`);
  const preview = async () => {
    const r = await api("/api/warnings/preview", { method: "POST", body: body() });
    out.replaceChildren(r.ok ? el("div", { class: "preview" }, warningCardLite(r.body.warning), el("details", {}, el("summary", {}, t("capDoc")), el("pre", { class: "cap" }, r.body.cap))) : problem(r));
  };
  const publish = async () => {
    const r = await api("/api/warnings", { method: "POST", body: body() });
    out.replaceChildren(r.ok ? el("p", { class: "good published", dataset: { id: r.body.id } }, t("published") + pick(r.body.headlineZh, r.body.headlineEn)) : problem(r));
    audit();
  };
  box.replaceChildren(el("form", { class: "compose", onsubmit: e => e.preventDefault() },
    el("label", {}, t("hazard"), hazard), el("label", {}, t("level"), level), el("fieldset", {}, el("legend", {}, t("district")), places),
    el("label", {}, t("validFrom"), from), el("label", {}, t("validTo"), to), el("label", {}, t("descZh"), dzh), el("label", {}, t("descEn"), den),
    el("label", {}, t("why"), reason),
    el("div", { class: "actions" }, el("button", { type: "button", id: "compose-preview", onclick: preview }, t("preview")),
      el("button", { type: "button", id: "compose-publish", onclick: publish }, t("publish")))), out);
}

/** A composed message as the public would read it. */
const warningCardLite = w => el("div", { class: `warning ${levelOf(w.level)}` },
  el("h3", {}, el("span", { class: `badge ${levelOf(w.level)}` }, levelName(levelOf(w.level))), pick(w.headlineZh, w.headlineEn)),
  el("p", {}, pick(w.descriptionZh, w.descriptionEn)), el("p", { class: "muted" }, `${t("window")}: ${shown(w.validFrom)} – ${shown(w.validTo)}`));

async function sources() {
  const [ready, fresh] = await Promise.all([api("/health/ready"), api("/api/dashboards/sources")]);
  $("sources").replaceChildren(
    table(fresh.body?.sources, [["source", s => s.source], ["lastOk", s => shown(s.lastSuccess)], ["status", s => el("span", { class: s.failing ? "bad" : "good" }, s.failing ? `${t("failing")} ${shown(s.lastFailure)}` : t("healthy"))],
      ["points", s => String(s.pointsWritten)], ["error", s => s.lastError]], s => ({ source: s.source })),
    el("p", { class: "muted" }, `/health/ready: ${ready.body?.status ?? ready.status}`));
}

async function models() {
  const r = await api("/api/ops/models");
  if (!r.ok) { $("models").replaceChildren(unavailable(r)); return; }
  $("models").replaceChildren(...r.body.models.map(m => {
    const data = m.card?.data ?? {};
    const flag = data.synthetic === true ? el("p", { class: "synthetic", dataset: { synthetic: "true" } }, t("synthetic"))
      : data.synthetic === false && data.reanalysis === true ? el("p", { class: "reanalysis", dataset: { reanalysis: "true" } }, t("reanalysisData"))
      : data.synthetic === false ? el("p", { class: "real" }, t("realData")) : el("p", { class: "synthetic unknown" }, t("syntheticUnknown"));
    return el("div", { class: "model-card", dataset: { hazard: m.hazard } },
      el("h3", {}, `${hazardName(m.hazard)} · ${t("version")} ${m.version}`), flag,
      el("p", { class: m.used ? "good model-use" : "bad model-use", dataset: { used: String(m.used) } },
        (m.used ? `${t("modelUsed")} (${(m.usedLeads || []).map(l => l + " h").join(", ")})` : t("modelNotUsed")) + ` · ${pick(m.useReasonZh, m.useReasonEn) ?? ""}`),
      el("p", {}, `${t("trainedOn")}: ${data.source ?? "—"} · ${(data.stations || []).join(", ")} · ${data.from ?? ""} – ${data.to ?? ""}`),
      table(m.card?.heldOut, [["skill", s => s.forecaster], ["lead", s => `${s.leadHours} h`], ["Brier", s => fmt(s.brier)], ["BSS", s => fmt(s.brierSkillVsClimatology)],
        ["POD", s => fmt(s.pod)], ["FAR", s => fmt(s.far)], ["CSI", s => fmt(s.csi)]]),
      el("details", {}, el("summary", {}, t("caveats")), el("ul", {}, ...(m.card?.caveats || []).map(c => el("li", {}, c)))));
  }), el("h3", {}, t("trials")), table(r.body.trials, Object.keys(r.body.trials?.[0] ?? {}).slice(0, 7).map(k => [k, x => String(x[k] ?? "")])));
}
const fmt = v => (typeof v === "number" ? v.toFixed(3) : v ?? "—");

async function verification() {
  const r = await api("/api/dashboards/verification?limit=100");
  $("verification").replaceChildren(table(r.body?.rows, [
    ["hazard", v => hazardName(v.hazard)], ["level", v => el("span", { class: `badge ${v.level}` }, levelName(v.level))],
    ["district", v => districtName(names, v.district)], ["window", v => `${shown(v.validFrom)} – ${shown(v.validTo)}`],
    ["hours", v => String(v.observedHours)], ["observed", v => (v.observedLevel ? levelName(v.observedLevel) : "—")],
    ["outcome", v => el("span", { class: v.reached === true ? "good" : v.reached === false ? "bad" : "muted", title: v.basis ?? "" }, v.reached === true ? t("reached") : v.reached === false ? t("notReached") : t("noObs"))],
  ], v => ({ reached: String(v.reached) })));
}

async function ledger() {
  const [l, d] = await Promise.all([api("/api/ops/ingest?limit=50"), api("/api/ops/dead-letters?limit=50")]);
  if (!l.ok || !d.ok) { $("ledger").replaceChildren(unavailable(l.ok ? d : l)); $("dead-letters").replaceChildren(unavailable(l.ok ? d : l)); return; }
  $("ledger").replaceChildren(table(l.body, [["recorded", x => shown(x.recorded)], ["source", x => x.source], ["kind", x => x.kind],
    ["measurement", x => x.measurement], ["places", x => (x.places || []).join(", ")], ["window", x => `${shown(x.rangeFrom)} – ${shown(x.rangeTo)}`],
    ["points", x => `${x.pointsWritten}/${x.pointsProduced}`], ["rejectedCol", x => String(x.rejected)],
    ["status", x => el("span", { class: x.status === "ok" ? "good" : "bad", title: x.error ?? "" }, x.status)]], x => ({ status: x.status })));
  $("dead-letters").replaceChildren(table(d.body, [["recorded", x => shown(x.time)], ["reasonCol", x => x.reason], ["line", x => el("code", {}, x.line)]]));
}

/**
 * The delivery log: every message × channel × target with its attempts and result, filtered by state; an Operator can
 * send one again (audited; the receiver still drops a repeat by its idempotency key).
 */
let deliveryState = "all";
let resendNote = "";   // kept across re-renders: the log is redrawn right after a resend and must not wipe its outcome
async function deliveryLog() {
  const r = await api(`/api/ops/delivery-log?state=${deliveryState}&limit=200`);
  if (!r.ok) { $("delivery-log").replaceChildren(unavailable(r)); return; }
  const filter = el("div", { class: "filters", role: "group", "aria-label": t("deliveryLog") }, ...["all", "pending", "parked", "delivered"].map(s =>
    el("button", { type: "button", class: s === deliveryState ? "filter active" : "filter", dataset: { state: s }, "aria-pressed": String(s === deliveryState),
      onclick: () => { deliveryState = s; deliveryLog(); } }, t(s === "all" ? "allStates" : s))));
  const canResend = user?.roles?.includes("Operator");
  const resend = async x => {
    if (!window.confirm(t("resendConfirm"))) return;
    const a = await api(`/api/ops/deliveries/${x.id}/resend`, { method: "POST" });
    resendNote = a.ok ? `${t("resent")}${x.channel} #${x.sequence}` : `HTTP ${a.status} ${a.body?.detail ?? ""}`;
    note.textContent = resendNote;
    deliveryLog();
  };
  const note = el("p", { class: "muted", id: "resend-note", "aria-live": "polite" }, canResend ? resendNote : t("signInResend"));
  $("delivery-log").replaceChildren(filter, note, table(r.body, [
    ["message", x => `#${x.sequence} · ${x.warningId} · ${actionName(x.action)}`], ["channel", x => x.channel],
    ["status", x => el("span", { class: x.state === "delivered" ? "good" : x.state === "parked" ? "bad" : "muted" }, t(x.state))],
    ["attempts", x => String(x.attempts)], ["result", x => x.state === "delivered" ? shown(x.delivered) : (x.parked ?? x.lastError ?? "—")],
    ["action", x => x.state === "pending" || !canResend ? "—" : el("button", { type: "button", class: "resend", onclick: () => resend(x) }, t("resend"))],
  ], x => ({ state: x.state, channel: x.channel, id: String(x.id) })));
}

/** The audit trail (issue 5): who approved, edited, rejected, acknowledged or lifted what. */
async function audit() {
  const r = await api("/api/audit?limit=100");
  $("audit").replaceChildren(r.ok ? table(r.body, [["at", x => shown(x.at)], ["user", x => x.user], ["action", x => x.action], ["target", x => x.target], ["detail", x => x.detail]])
    : unavailable(r));
}

async function skill() {
  await skillPanel($("skill"));
  $("agreement").replaceChildren(...names.map(d => { const box = el("div", { class: "agreement-district" }); agreementPanel(box, d.code); return box; }));
}

const refresh = () => { drafts(); sources(); models(); verification(); deliveryLog(); ledger(); audit(); };
skill();
setInterval(skill, 600_000);
signInBox($("account"), u => { user = u; drafts(); compose(); models(); deliveryLog(); ledger(); audit(); });
onLanguage(refresh);
onLanguage(() => compose());   // not on the 30-second refresh: it would clear what the forecaster is typing
const map = await hazardMap($("map-panel"));
// Operators see every audience's warnings: audience "all" where the hub has it (issue 5), else emergency pushes plus a
// periodic catch-up, which lists every audience.
const codes = names.map(d => d.code);
const live = new LiveWarnings({ audience: null, districts: codes, onChange: list => { renderList($("warnings"), $("empty"), list, w => agreementFor(slugOf(w.hazard), w.districts)); map.update(list); },
  subscribe: c => c.invoke("Subscribe", "all", codes).catch(() => c.invoke("Subscribe", "emergency", codes)) });
setInterval(() => live.catchUp(), 60000);
live.on("DraftsChanged", () => drafts());
await live.start();
setInterval(refresh, 30000);
window.climateWarn = { live };
