// Farmers: pick townships (or, where the bureau lists none, districts) and crops; warnings for those districts arrive
// live, in large type, with the crop advice in plain words. The last known warnings and their time stay in localStorage
// for when the connection drops.
import { layout, LiveWarnings, api, el, $, t, pick, shown, addText, onLanguage, applyLanguage, hazardName, levelName, levelOf, slugOf, districts, hazardsFor, bureau } from "./common.js";
import { hazardMap } from "./map.js";
import { advice, adviceFor } from "./advice.js";

addText({
  zh: { page: "农户气象预警", yourAlerts: "您的预警", noneForYou: "您关注的乡镇目前没有预警。", choose: "选择乡镇和作物", townships: "乡镇",
        crops: "作物", save: "保存", saved: "已保存", asOf: "最后接收：", offline: "（离线，显示上次收到的预警）", what: "怎么办",
        pickFirst: "请先选择您所在的乡镇。", until: "至", districts: "区县", chooseDistricts: "选择区县和作物",
        noneForYourDistricts: "您关注的区县目前没有预警。", pickDistrictFirst: "请先选择您所在的区县。",
        pushOn: "在手机上接收推送", pushDone: "已开启：新预警会推送到这部手机。", pushDenied: "未允许通知：请在浏览器设置中允许本站通知。",
        pushUnsupported: "此浏览器不支持推送；打开本页时仍会显示预警。", pushSaveFirst: "请先保存乡镇和作物。" },
  en: { page: "Warnings for farmers", yourAlerts: "Your warnings", noneForYou: "No warning for your townships now.", choose: "Choose townships and crops",
        townships: "Townships", crops: "Crops", save: "Save", saved: "Saved", asOf: "Last received: ", offline: " (offline: the last warnings received)",
        what: "What to do", pickFirst: "Choose your township first.", until: "to", districts: "Districts", chooseDistricts: "Choose districts and crops",
        noneForYourDistricts: "No warning for your districts now.", pickDistrictFirst: "Choose your district first.",
        pushOn: "Get pushes on this phone", pushDone: "On: new warnings are pushed to this phone.", pushDenied: "Notifications not allowed: allow them for this site in the browser's settings.",
        pushUnsupported: "This browser cannot receive pushes; warnings still show when the page is open.", pushSaveFirst: "Save your townships and crops first." },
});
layout("farmer", "page");
// A bureau without a township list: farmers choose districts.
const byDistrict = bureau?.subscribeBy === "district";

const store = {
  get sub() { return JSON.parse(localStorage.getItem("farmer.subscription") || "null"); },
  set sub(v) { localStorage.setItem("farmer.subscription", JSON.stringify(v)); },
  get last() { return JSON.parse(localStorage.getItem("farmer.last") || "null"); },
  set last(v) { localStorage.setItem("farmer.last", JSON.stringify(v)); },
};
const params = new URLSearchParams(location.search);
const listed = key => (params.get(key) || "").split(",").filter(Boolean);
if (params.get("townships") || params.get("districts")) store.sub = { townships: listed("townships"), districts: listed("districts"), crops: listed("crops"), token: null };

const names = await districts();
const book = await advice();
const sub = () => ({ townships: [], districts: [], crops: [], token: null, ...(store.sub ?? {}) });
const townshipDistricts = townships => names.filter(d => d.townships.some(x => townships.includes(x.code))).map(d => d.code);
/** The districts a choice covers: its townships' districts, or the districts chosen directly. */
const districtsOf = s => (byDistrict ? names.map(d => d.code).filter(c => s.districts.includes(c)) : townshipDistricts(s.townships));
const chosenAny = s => (byDistrict ? s.districts.length : s.townships.length) > 0;

function card(w) {
  const lv = levelOf(w.level);
  const lines = sub().crops.map(c => [book.crops.items[c], adviceFor(book.crops.items[c], w)]).filter(([, a]) => a);
  return el("li", { class: `warning big ${lv}`, dataset: { id: w.id, level: lv, hazard: slugOf(w.hazard), districts: w.districts.join(" ") } },
    // Plain words first ("暴雨黄色预警"); the observatory's formal headline below it, small.
    el("h3", {}, el("span", { class: `badge ${lv}` }, levelName(lv)),
      pick(`${hazardName(slugOf(w.hazard))}${levelName(lv)}预警`, `${levelName(lv)} ${hazardName(slugOf(w.hazard)).toLowerCase()} warning`)),
    el("p", { class: "when" }, `${shown(w.validFrom)} ${t("until")} ${shown(w.validTo)}`),
    el("p", { class: "muted formal" }, pick(w.headlineZh, w.headlineEn)),
    lines.length ? el("div", { class: "what" }, el("strong", {}, t("what")),
      ...lines.map(([c, a]) => el("p", {}, el("b", {}, pick(c.nameZh, c.nameEn) + pick("：", ": ")), a)))
      : el("ol", {}, ...(pick(w.guidanceZh, w.guidanceEn) || []).slice(0, 3).map(g => el("li", {}, g))));
}

/** A district the forecaster narrowed to some of its townships is mine only if I chose one of them. */
function forMyTownships(w, district, s) {
  if (byDistrict || !w.townships?.length) return true;
  const inDistrict = (names.find(d => d.code === district)?.townships ?? []).map(x => x.code).filter(c => w.townships.includes(c));
  return inDistrict.length === 0 || inDistrict.some(c => s.townships.includes(c));
}

function render(list, at, offline) {
  const s = sub(), ds = districtsOf(s);
  const mine = list.filter(w => w.districts.some(d => ds.includes(d) && forMyTownships(w, d, s)));
  $("warnings").replaceChildren(...mine.map(card));
  $("empty").hidden = mine.length > 0;
  $("empty").textContent = chosenAny(s) ? t(byDistrict ? "noneForYourDistricts" : "noneForYou") : t(byDistrict ? "pickDistrictFirst" : "pickFirst");
  const towns = byDistrict ? names.filter(d => ds.includes(d.code)).map(d => pick(d.nameZh, d.nameEn))
    : names.flatMap(d => d.townships).filter(x => s.townships.includes(x.code)).map(x => x.name);
  const crops = sub().crops.map(c => book.crops.items[c]).filter(Boolean).map(c => pick(c.nameZh, c.nameEn));
  $("chosen").textContent = [towns.join("、"), crops.join(pick("、", ", "))].filter(Boolean).join(" · ");
  $("as-of").textContent = at ? t("asOf") + shown(at) + (offline ? t("offline") : "") : "";
  $("as-of").dataset.offline = offline ? "true" : "false";
}

function form() {
  const s = sub();
  $("setup-title").textContent = t(byDistrict ? "chooseDistricts" : "choose");
  $("places-legend").textContent = t(byDistrict ? "districts" : "townships");
  $("townships").replaceChildren(...(byDistrict
    ? names.map(d => el("label", { class: "check" }, el("input", { type: "checkbox", name: "district", value: d.code, ...(s.districts.includes(d.code) ? { checked: "" } : {}) }), pick(d.nameZh, d.nameEn)))
    : names.map(d => el("div", { class: "group" }, el("strong", {}, pick(d.nameZh, d.nameEn)),
      ...d.townships.map(x => el("label", { class: "check" }, el("input", { type: "checkbox", name: "township", value: x.code, ...(s.townships.includes(x.code) ? { checked: "" } : {}) }), x.name))))));
  $("crops").replaceChildren(...Object.entries(book.crops.items).map(([k, c]) =>
    el("label", { class: "check" }, el("input", { type: "checkbox", name: "crop", value: k, ...(s.crops.includes(k) ? { checked: "" } : {}) }), pick(c.nameZh, c.nameEn))));
  $("setup").open = !chosenAny(s);
}

// The installable app: the service worker keeps the page and the last answers for offline reloads, and shows pushes.
const worker = "serviceWorker" in navigator ? navigator.serviceWorker.register("/sw.js", { scope: "/farmer" }).catch(() => null) : Promise.resolve(null);
const fromBase64Url = s => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(s.length / 4) * 4, "=")), c => c.charCodeAt(0));
$("push").addEventListener("click", async () => {
  const state = $("push-state");
  const s = sub();
  if (!s.token) { state.textContent = t("pushSaveFirst"); return; }
  const registration = await worker;
  if (!registration || !("PushManager" in window)) { state.textContent = t("pushUnsupported"); return; }
  if (await Notification.requestPermission() !== "granted") { state.textContent = t("pushDenied"); return; }
  const key = await api("/api/push/key");
  const ready = await navigator.serviceWorker.ready;
  const subscription = await ready.pushManager.getSubscription()
    ?? await ready.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(key.body.publicKey) });
  const r = await api(`/api/subscriptions/${encodeURIComponent(s.token)}/push`, { method: "PUT", body: subscription.toJSON() });
  state.textContent = r.ok ? t("pushDone") : r.body?.detail ?? `HTTP ${r.status}`;
});

let live;
const cached = store.last;
if (cached) render(cached.warnings, cached.at, true);

$("subscription").addEventListener("submit", async e => {
  e.preventDefault();
  const checked = name => [...document.querySelectorAll(`input[name=${name}]:checked`)].map(x => x.value);
  const townships = checked("township"), districtsChosen = checked("district"), crops = checked("crop");
  // The lifecycle's device subscriptions when the server has them; otherwise this browser keeps the choice itself.
  const r = await api("/api/subscriptions", { method: "POST", body: byDistrict ? { districts: districtsChosen, crops } : { townships, crops } });
  store.sub = { townships, districts: districtsChosen, crops, token: r.ok ? r.body.token : null };
  // A choice the server refuses (nothing chosen, over the limit) is said in the reader's words, not the server's.
  $("saved").textContent = r.ok || r.missing ? t("saved") : r.status === 400 ? t(byDistrict ? "pickDistrictFirst" : "pickFirst") : r.body?.detail ?? `HTTP ${r.status}`;
  const ds = districtsOf(sub());
  await live.resubscribe(ds.length ? ds : names.map(d => d.code));
});

onLanguage(() => { form(); if (live) live.changed(); else if (cached) render(cached.warnings, cached.at, true); });
applyLanguage();
const subscribe = async c => {
  const s = sub();
  if (s.token) { try { return await c.invoke("SubscribeDevice", s.token); } catch { /* not on this server: by districts */ } }
  const ds = districtsOf(s);
  return c.invoke("Subscribe", "agriculture", ds.length ? ds : names.map(d => d.code));
};
live = new LiveWarnings({ audience: "agriculture", districts: null, subscribe, onChange: list => {
  if (live?.lastData) { store.last = { warnings: list, at: live.lastData.toISOString() }; render(list, live.lastData.toISOString(), !live.connected); }
} });
hazardMap($("map-panel"), { focus: hazardsFor("agriculture") }).then(m => { live.onChange = (f => l => { f(l); m.update(l); })(live.onChange); });
await live.start();
window.climateWarn = { live };
