// ClimateWarn first page: the live warning list for one audience and district.
// Pushes are a doorbell: every warning carries a sequence number; after a gap or a reconnect the page
// fetches /api/warnings?afterSeq=N and subscribes again.
(() => {
"use strict";

const text = {
  zh: { title: "中卫市气候灾害预警", audience: "服务对象", agriculture: "农业", health: "卫生健康", emergency: "应急管理",
        district: "区县", active: "生效中的预警", none: "当前没有生效的预警信号。", times: "时间均为北京时间",
        valid: "影响时段", issued: "发布时间", guidance: "防御指南", lost: "连接中断，数据截至 ", live: "实时连接正常",
        connecting: "正在连接…", replay: "回放模拟时间：", lang: "English",
        model: "模型估计明日发生概率", modelNote: "（供参考，不改变预警级别）", cap: "CAP 文件" },
  en: { title: "Zhongwei climate-hazard warnings", audience: "Audience", agriculture: "Agriculture", health: "Health",
        emergency: "Emergency", district: "District", active: "Warnings in force", none: "No warning signal is in force.",
        times: "All times are Beijing time", valid: "Valid", issued: "Issued", guidance: "Guidance",
        lost: "Connection lost; data as of ", live: "Live", connecting: "Connecting…", replay: "Replay simulated time: ", lang: "中文",
        model: "Model probability for tomorrow", modelNote: " (for reference; it does not change the colour)", cap: "CAP document" },
};
const fmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
const state = { lang: localStorage.getItem("lang") || "zh", districts: [], warnings: new Map(), lastSeq: 0, lastData: null, connection: null };
const $ = id => document.getElementById(id);
const t = key => text[state.lang][key];
const shown = iso => fmt.format(new Date(iso));

function applyLanguage() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  $("lang").textContent = t("lang");
  for (const opt of $("district").options) {
    const d = state.districts.find(x => x.code === opt.value);
    if (d) opt.textContent = state.lang === "zh" ? d.nameZh : d.nameEn;
  }
  if (!$("banner").hidden) banner(state.connected);
  render();
}

function matches(w) {
  return w.audiences.includes($("audience").value) && w.districts.includes($("district").value);
}

function render() {
  const list = $("warnings");
  list.replaceChildren();
  const items = [...state.warnings.values()].filter(matches).sort((a, b) => b.sequence - a.sequence);
  $("empty").hidden = items.length > 0;
  for (const w of items) {
    const li = document.createElement("li");
    li.className = `warning ${w.level}` + (w.fresh ? " flash" : "");
    li.dataset.id = w.id; li.dataset.level = w.level; li.dataset.hazard = w.hazard;
    const h = document.createElement("h3");
    const badge = document.createElement("span");
    badge.className = `badge ${w.level}`;
    badge.textContent = state.lang === "zh" ? { blue: "蓝色", yellow: "黄色", orange: "橙色", red: "红色" }[w.level] : w.level;
    h.append(badge, document.createTextNode(state.lang === "zh" ? w.headlineZh : w.headlineEn));
    const p = document.createElement("p");
    p.textContent = state.lang === "zh" ? w.descriptionZh : w.descriptionEn;
    const meta = document.createElement("p");
    meta.className = "muted";
    meta.textContent = `${t("valid")}: ${shown(w.validFrom)} – ${shown(w.validTo)} · ${t("issued")}: ${shown(w.issuedAt)} · #${w.sequence}`;
    const g = document.createElement("ol");
    for (const line of state.lang === "zh" ? w.guidanceZh : w.guidanceEn) {
      const item = document.createElement("li"); item.textContent = line; g.append(item);
    }
    const gh = document.createElement("strong"); gh.textContent = t("guidance");
    li.append(h, p, meta);
    if (w.riskProbability != null) {
      const m = document.createElement("p");
      m.className = "model";
      const p = w.riskProbability >= 0.995 ? "≥99%" : w.riskProbability < 0.005 ? "<1%" : `${Math.round(w.riskProbability * 100)}%`;
      m.textContent = `${t("model")}: ${p}${t("modelNote")} · ${w.riskModel}`;
      li.append(m);
    }
    const cap = document.createElement("a");
    cap.href = `/api/warnings/${encodeURIComponent(w.id)}/cap?seq=${w.sequence}`;
    cap.textContent = t("cap");
    cap.className = "cap";
    li.append(gh, g, cap);
    list.append(li);
    w.fresh = false;
  }
}

function accept(w, fresh) {
  if (w.sequence <= (state.warnings.get(w.id)?.sequence ?? 0)) return;   // duplicates and stale messages
  if (w.action === "lifted") state.warnings.delete(w.id);
  else state.warnings.set(w.id, { ...w, fresh });
  state.lastSeq = Math.max(state.lastSeq, w.sequence);
}

async function loadActive() {
  const r = await fetch("/api/warnings?active=true");
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const body = await r.json();
  state.warnings.clear();
  body.warnings.forEach(w => accept(w, false));
  state.lastSeq = Math.max(state.lastSeq, body.lastSequence);
  state.lastData = new Date();
  render();
}

async function catchUp() {
  const r = await fetch(`/api/warnings?afterSeq=${state.lastSeq}`);
  if (!r.ok) return;
  const body = await r.json();
  body.warnings.forEach(w => accept(w, true));
  state.lastData = new Date();
  render();
}

function banner(ok) {
  state.connected = ok;
  const b = $("banner");
  b.hidden = false;
  b.className = ok ? "banner ok" : "banner";
  b.textContent = ok ? t("live") : t("lost") + (state.lastData ? shown(state.lastData.toISOString()) : "—");
  if (ok) setTimeout(() => { if (b.classList.contains("ok")) b.hidden = true; }, 2000);
}

async function subscribe() {
  await state.connection.invoke("Subscribe", $("audience").value, [$("district").value]);
}

async function connect() {
  const c = new signalR.HubConnectionBuilder().withUrl("/hubs/warnings")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 1000 * (ctx.previousRetryCount + 1)) }).build();
  const onPush = w => {
    if (w.sequence > state.lastSeq + 1) { catchUp(); return; }   // a gap: fetch what was missed
    accept(w, true); state.lastData = new Date(); render();
  };
  c.on("WarningIssued", onPush); c.on("WarningUpdated", onPush); c.on("WarningLifted", onPush);
  c.onreconnecting(() => banner(false));
  c.onreconnected(async () => { await subscribe(); await catchUp(); banner(true); });
  c.onclose(() => { banner(false); setTimeout(() => start(c), 5000); });
  state.connection = c;
  await start(c);
}

async function start(c) {
  try { await c.start(); await subscribe(); await catchUp(); banner(true); }
  catch { banner(false); setTimeout(() => start(c), 5000); }
}

async function replayClock() {
  const r = await fetch("/api/replay");
  if (!r.ok) return;
  const s = await r.json();
  $("replay").textContent = `${t("replay")}${shown(s.simulatedNow)} (${s.state})`;
  setTimeout(replayClock, 1000);
}

async function main() {
  const r = await fetch("/api/districts");
  state.districts = await r.json();
  const params = new URLSearchParams(location.search);
  for (const d of state.districts) $("district").append(new Option(d.nameZh, d.code));
  $("district").value = params.get("district") || "640521";
  $("audience").value = params.get("audience") || "agriculture";
  $("lang").onclick = () => { state.lang = state.lang === "zh" ? "en" : "zh"; localStorage.setItem("lang", state.lang); applyLanguage(); };
  $("audience").onchange = $("district").onchange = async () => { render(); if (state.connection?.state === "Connected") await subscribe(); };
  applyLanguage();
  await loadActive();
  await connect();
  replayClock();
}

main();
})();
