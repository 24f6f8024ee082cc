// Agriculture: frost, drought and heavy rain; advice per crop and level beside each warning; SPI/MCI per district.
import { layout, LiveWarnings, renderList, api, el, $, t, pick, addText, onLanguage, districts, districtName } from "./common.js";
import { hazardMap, seriesChart, probabilityChart } from "./map.js";
import { advice, adviceFor, adviceTable } from "./advice.js";

addText({
  zh: { page: "农业气象灾害预警", crop: "作物", drought: "干旱监测（SPI / MCI）", adviceTable: "分作物防御建议", cropAdvice: "防御建议：",
        index: "指数", value: "数值", klass: "等级", noIndices: "暂无指数：" },
  en: { page: "Agricultural hazard warnings", crop: "Crop", drought: "Drought monitoring (SPI / MCI)", adviceTable: "Advice by crop",
        cropAdvice: " advice: ", index: "Index", value: "Value", klass: "Class", noIndices: "No indices: " },
});
layout("agriculture", "page");

const names = await districts();
const book = await advice();
const crop = $("crop");
const cropKey = () => crop.value || localStorage.getItem("crop") || "goji";
let list = [];
const extra = w => {
  const c = book.crops.items[cropKey()], a = adviceFor(c, w);
  return a ? el("p", { class: "advice-line" }, el("strong", {}, `${pick(c.nameZh, c.nameEn)}${t("cropAdvice")}`), a) : null;
};
const render = () => renderList($("warnings"), $("empty"), list, extra);

onLanguage(() => {
  const v = cropKey();
  crop.replaceChildren(...Object.entries(book.crops.items).map(([k, c]) => new Option(pick(c.nameZh, c.nameEn), k)));
  crop.value = v;
  adviceTable($("advice"), $("advice-note"), book.crops);
  render();
  indices();
});
crop.onchange = () => { localStorage.setItem("crop", crop.value); render(); };

async function indices() {
  const rows = await Promise.all(names.map(async d => [d, await api(`/api/indices?district=${d.code}`)]));
  $("indices").replaceChildren(...rows.map(([d, r]) => {
    const title = el("h3", {}, pick(d.nameZh, d.nameEn));
    if (!r.ok || !r.body.values?.length) return el("div", { class: "indices" }, title, el("p", { class: "muted" }, t("noIndices") + (r.body?.status ?? r.status)));
    return el("div", { class: "indices" }, title, el("p", { class: "muted" }, r.body.day ?? ""),
      el("table", {}, el("tr", {}, el("th", {}, t("index")), el("th", {}, t("value")), el("th", {}, t("klass"))),
        ...r.body.values.map(v => el("tr", {}, el("td", {}, v.index), el("td", {}, v.value == null ? "—" : v.value.toFixed(2)), el("td", {}, pick(v.classZh, v.classEn))))));
  }));
}

const map = await hazardMap($("map-panel"), { focus: ["frost", "rainstorm", "cold-wave", "gale", "heat"] });
const live = new LiveWarnings({ audience: "agriculture", districts: names.map(d => d.code), onChange: l => { list = l; render(); map.update(l); } });
seriesChart($("series-panel"));
probabilityChart($("probability-panel"));
await live.start();
window.climateWarn = { live, districtName: c => districtName(names, c) };
