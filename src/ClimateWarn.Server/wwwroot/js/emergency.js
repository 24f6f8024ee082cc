// Emergency management: orange and red warnings per district with acknowledgement, escalation countdowns and each
// warning's timeline (lifecycle endpoints; handled when absent), flash-flood and rainstorm first.
import { layout, LiveWarnings, renderList, api, el, $, t, pick, shown, duration, addText, onLanguage, levelOf, slugOf, levelName, levelRank, actionName, hazardName, districts, districtName, signInBox, watchList, hazardsFor } from "./common.js";
import { hazardMap, seriesChart, probabilityChart } from "./map.js";
import { fireDangerPanel } from "./firedanger.js";

addText({
  zh: { page: "应急管理 · 预警值班", actionNeeded: "橙色、红色预警（需值班确认）", noneSevere: "当前没有橙色或红色预警。",
        acknowledge: "确认收到", acknowledged: "已确认", by: "确认人", deadline: "确认时限", escalated: "已升级上报", overdue: "已超时",
        remaining: "剩余", timeline: "处置时间线", signInToAck: "值班人员登录后可确认", ackFailed: "确认失败",
        rainFocus: "暴雨与山洪关注", floodNote: "暴雨预警生效时，请重点关注沟道、河滩、低洼地和淤地坝下游的山洪风险。",
        rainLevel: "暴雨级别", past24: "过去24小时观测降水", next24: "未来24小时预报降水", mm: "毫米" },
  en: { page: "Emergency · watch desk", actionNeeded: "Orange and red warnings (watch officers acknowledge)", noneSevere: "No orange or red warning is in force.",
        acknowledge: "Acknowledge", acknowledged: "Acknowledged", by: "by", deadline: "Deadline", escalated: "Escalated", overdue: "overdue",
        remaining: "left", timeline: "Timeline", signInToAck: "Watch officers sign in to acknowledge", ackFailed: "Acknowledgement failed",
        rainFocus: "Rainstorm and flash-flood watch", floodNote: "While a rainstorm warning is in force, watch gullies, riverbeds, low ground and land below check dams for flash floods.",
        rainLevel: "Rainstorm level", past24: "Observed rain, past 24 h", next24: "Forecast rain, next 24 h", mm: "mm" },
});
layout("emergency", "page");

const state = { user: null, acks: [], list: [], names: [] };
const severe = w => ["orange", "red"].includes(levelOf(w.level));
// Flash floods come with rainstorms: rainstorm first, then by level and sequence.
const order = (a, b) => (slugOf(b.hazard) === "rainstorm") - (slugOf(a.hazard) === "rainstorm") || b.sequence - a.sequence;

function ackPart(w) {
  if (!severe(w) && !w.needsAck) return null;
  return el("div", { class: "acks" }, ...w.districts.map(code => {
    const ack = state.acks.find(a => a.warningId === w.id && a.district === code);
    const row = el("div", { class: "ack", dataset: { district: code } }, el("strong", {}, districtName(state.names, code) + " "));
    if (ack?.acknowledgedAt) {
      row.append(el("span", { class: "good" }, `✔ ${t("acknowledged")} ${shown(ack.acknowledgedAt)} · ${t("by")} ${ack.acknowledgedBy}`));
    } else {
      if (ack?.deadline) {
        const left = new Date(ack.deadline) - Date.now();
        row.append(el("span", { class: left < 0 ? "countdown overdue" : "countdown", dataset: { deadline: ack.deadline } },
          `${t("deadline")} ${shown(ack.deadline)} · ${left < 0 ? t("overdue") : duration(left) + " " + t("remaining")}`));
      }
      if (ack?.escalatedAt) row.append(el("span", { class: "escalated" }, ` ${t("escalated")} ${shown(ack.escalatedAt)}`));
      const canAck = state.user?.roles?.includes("WatchOfficer") && (state.user.districts || []).includes(code);
      row.append(canAck
        ? el("button", { type: "button", class: "ack-button", dataset: { warning: w.id, district: code }, onclick: () => acknowledge(w.id, code) }, t("acknowledge"))
        : el("span", { class: "muted" }, ` ${t("signInToAck")}`));
    }
    return row;
  }), timelinePart(w));
}

function timelinePart(w) {
  const d = el("details", { class: "timeline" }, el("summary", {}, t("timeline")));
  d.addEventListener("toggle", async () => {
    if (!d.open || d.dataset.loaded) return;
    const r = await api(`/api/warnings/${encodeURIComponent(w.id)}`);
    d.dataset.loaded = "1";
    if (r.ok) {
      d.append(el("ol", {}, ...(r.body.timeline || []).map(e => el("li", {}, `${shown(e.at)} · ${actionName(e.kind)}${e.district ? " · " + districtName(state.names, e.district) : ""}${e.actor ? " · " + e.actor : ""}${e.detail ? " · " + e.detail : ""}`))));
      return;
    }
    // Without the lifecycle's timeline: the warning's published messages from the log, oldest first.
    const all = await api("/api/warnings?afterSeq=0&limit=500");
    const mine = (all.body?.warnings || []).filter(m => m.id === w.id);
    d.append(mine.length ? el("ol", { class: "messages" }, ...mine.map(m => el("li", {}, `${shown(m.updatedAt)} · #${m.sequence} · ${actionName(m.action)} · ${levelName(levelOf(m.level))}`)))
      : el("p", { class: "muted" }, t("notAvailable")));
  });
  return d;
}

async function acknowledge(id, district) {
  const r = await api(`/api/warnings/${encodeURIComponent(id)}/acknowledge`, { method: "POST", body: { district } });
  if (r.ok) { state.acks = state.acks.filter(a => !(a.warningId === r.body.warningId && a.district === r.body.district)).concat(r.body); render(); }
  else alert(r.missing ? t("notAvailable") : `${t("ackFailed")} (${r.status})`);
}

async function loadAcks() {
  const r = await api("/api/acks?pending=true");
  if (r.ok) {
    const done = state.acks.filter(a => a.acknowledgedAt);
    state.acks = r.body.concat(done.filter(a => !r.body.some(b => b.warningId === a.warningId && b.district === a.district)));
  }
  render();
}

/** Per district: the rainstorm level (warnings in force, then the rules' assessment) and rain totals around now. */
async function loadRain() {
  state.rain = await Promise.all(state.names.map(async d => {
    const [risk, series] = await Promise.all([api(`/api/risk?district=${d.code}`), api(`/api/dashboards/series?district=${d.code}&pastHours=24&aheadHours=24`)]);
    const now = series.ok ? new Date(series.body.now) : new Date();
    const sum = (pts, after) => (pts || []).filter(([at]) => (new Date(at) > now) === after).reduce((a, [, v]) => a + v, 0);
    return { code: d.code, risk: (risk.body?.hazards || []).find(h => h.hazard === "rainstorm")?.level ?? "none",
      past: series.ok ? sum(series.body.observed.precipitation, false) : null, next: series.ok ? sum(series.body.forecast.precipitation, true) : null };
  }));
  renderRain();
}

function renderRain() {
  const warned = code => state.list.filter(w => slugOf(w.hazard) === "rainstorm" && w.districts.includes(code)).map(w => levelOf(w.level));
  $("rain").replaceChildren(el("table", {}, el("tr", {}, el("th", {}, t("district")), el("th", {}, t("rainLevel")), el("th", {}, t("past24")), el("th", {}, t("next24"))),
    ...(state.rain || []).map(r => {
      const lv = [...warned(r.code), levelOf(r.risk)].reduce((a, b) => (levelRank[b] > levelRank[a] ? b : a), "none");
      const mm = v => (v == null ? "—" : `${v.toFixed(1)} ${t("mm")}`);
      return el("tr", { dataset: { district: r.code, level: lv } }, el("td", {}, districtName(state.names, r.code)),
        el("td", {}, el("span", { class: `badge ${lv}` }, levelName(lv))), el("td", {}, mm(r.past)), el("td", {}, mm(r.next)));
    })));
}

/** One line per district: its orange and red warnings, or none, so a watch officer sees their district at a glance. */
function renderSummary(severeList) {
  $("by-district").replaceChildren(...state.names.map(d => {
    const mine = severeList.filter(w => w.districts.includes(d.code));
    return el("li", { dataset: { district: d.code, count: String(mine.length) } }, el("strong", {}, pick(d.nameZh, d.nameEn) + pick("：", ": ")),
      ...(mine.length ? mine.map(w => el("span", { class: `badge ${levelOf(w.level)}` }, `${levelName(levelOf(w.level))} ${hazardName(slugOf(w.hazard))}`)) : [t("levelNone")]));
  }));
}

function render() {
  renderRain();
  renderSummary(state.list.filter(severe));
  const list = [...state.list].sort(order);
  renderList($("severe"), $("empty-severe"), list.filter(severe), ackPart);
  renderList($("warnings"), $("empty"), list.filter(w => !severe(w)));
}

state.names = await districts();
fireDangerPanel($("fire-panel"));
const map = await hazardMap($("map-panel"), { focus: hazardsFor() });
const live = new LiveWarnings({ audience: "emergency", districts: state.names.map(d => d.code), onChange: list => { state.list = list; render(); map.update(list); } });
live.on("AckChanged", ack => { state.acks = state.acks.filter(a => !(a.warningId === ack.warningId && a.district === ack.district)).concat(ack); render(); });
// Acknowledgement states are for signed-in staff: loaded again on sign-in, cleared on sign-out.
signInBox($("account"), user => { state.user = user; if (!user) state.acks = []; loadAcks(); });
onLanguage(render);
seriesChart($("series-panel"));
probabilityChart($("probability-panel"));
watchList($("probability-panel"));
await live.start();
loadAcks();
loadRain();
setInterval(loadAcks, 30000);
setInterval(loadRain, 60000);
setInterval(render, 60000);   // countdowns
window.climateWarn = { live };
