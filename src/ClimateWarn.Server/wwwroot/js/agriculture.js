// Agriculture: frost, drought and heavy rain; advice per crop and level beside each warning; SPI/MCI per district.
import { layout, LiveWarnings, renderList, api, el, $, t, pick, addText, onLanguage, districts, districtName, watchList, hazardsFor } from "./common.js";
import { hazardMap, seriesChart, probabilityChart, districtChart } from "./map.js";
import { advice, adviceFor, adviceTable } from "./advice.js";
import { fireDangerPanel } from "./firedanger.js";

addText({
  zh: { page: "农业气象灾害预警", crop: "作物", drought: "干旱监测（SPI / MCI）", adviceTable: "分作物防御建议", cropAdvice: "防御建议：",
        index: "指数", value: "数值", klass: "等级", noIndices: "暂无指数：", noDaily: "暂无指数：尚无逐日降水资料（导入该站 GSOD 或 CMA 日值，或等待 ERA5 历史存档回填）。", season: "本季干旱指数（GB/T 20481-2017 等级）",
        light: "轻旱", moderate: "中旱", severe: "重旱", extreme: "特旱", noSeason: "尚无逐日指数：请先导入该站的日降水资料",
        basis: "资料：", reanalysis: "（含再分析资料，非台站观测）" },
  en: { page: "Agricultural hazard warnings", crop: "Crop", drought: "Drought monitoring (SPI / MCI)", adviceTable: "Advice by crop",
        cropAdvice: " advice: ", index: "Index", value: "Value", klass: "Class", noIndices: "No indices: ", noDaily: "No indices: no daily precipitation yet (import the station's GSOD or CMA daily history, or wait for the ERA5 archive backfill).", season: "Drought indices this season (GB/T 20481-2017 classes)",
        light: "Light", moderate: "Moderate", severe: "Severe", extreme: "Extreme", noSeason: "No daily indices yet: import the station's daily precipitation first",
        basis: "Data: ", reanalysis: " (includes reanalysis, not station observation)" },
});
layout("agriculture", "page");

const names = await districts();
const book = await advice();
const crop = $("crop");
const cropKey = () => [crop.value, localStorage.getItem("crop")].find(k => k && book.crops.items[k]) ?? Object.keys(book.crops.items)[0];
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
    if (!r.ok || !r.body.values?.length) {
      const why = String(r.body?.status ?? r.status);
      // The server's reason is for operators; farmers and extension staff read what to do, in their language.
      return el("div", { class: "indices", dataset: { status: why } }, title, el("p", { class: "muted", title: why }, why.startsWith("no daily precipitation") ? t("noDaily") : t("noIndices") + why));
    }
    const basis = r.body.basis ? el("p", { class: "muted", dataset: { reanalysis: String(!!r.body.reanalysis) } },
      t("basis") + pick(r.body.basisZh, r.body.basis) + (r.body.reanalysis ? t("reanalysis") : "")) : null;
    return el("div", { class: "indices" }, title, el("p", { class: "muted" }, r.body.day ?? ""), basis,
      el("table", {}, el("tr", {}, el("th", {}, t("index")), el("th", {}, t("value")), el("th", {}, t("klass"))),
        ...r.body.values.map(v => el("tr", {}, el("td", {}, v.index), el("td", {}, v.value == null ? "—" : v.value.toFixed(2)), el("td", {}, pick(v.classZh, v.classEn))))));
  }));
}

// SPI and SPIW over the season against the class bands of the standard (MI has its own scale: in the table above).
districtChart($("season-panel"), "season", "season-chart", code => `/api/dashboards/indices?district=${code}`, (chart, data) => {
  const names = ["spi30", "spi60", "spi90", "spi150", "spiw60"];
  const bands = [[-0.5, -1, "light", "#fff3c4"], [-1, -1.5, "moderate", "#ffd89a"], [-1.5, -2, "severe", "#ffb27a"], [-2, -3.5, "extreme", "#ff8a7a"]];
  const any = names.some(n => data.series[n]?.length);
  chart.setOption({
    animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 40, right: 20, top: chart.getWidth() < 700 ? 60 : 40, bottom: 30 },
    xAxis: { type: "time" }, yAxis: { type: "value", min: -3.5, max: 3 },
    series: names.map((n, k) => ({ name: n.toUpperCase(), type: "line", showSymbol: false, data: (data.series[n] || []).map(p => [p.at, p.value]),
      ...(k === 0 ? { markArea: { silent: true, data: bands.map(([hi, lo, key, colour]) => [{ yAxis: hi, name: t(key), itemStyle: { color: colour, opacity: 0.6 }, label: { position: "insideRight", fontSize: 11 } }, { yAxis: lo }]) } } : {}) })),
    graphic: any ? [] : [{ type: "text", left: "center", top: 45, style: { text: t("noSeason"), fontSize: 14, width: 280, overflow: "break", backgroundColor: "#fff", padding: 4 } }],
  }, true);
});

fireDangerPanel($("fire-panel"));
const map = await hazardMap($("map-panel"), { focus: hazardsFor("agriculture") });
const live = new LiveWarnings({ audience: "agriculture", districts: names.map(d => d.code), onChange: l => { list = l; render(); map.update(l); } });
seriesChart($("series-panel"));
probabilityChart($("probability-panel"));
watchList($("probability-panel"));
await live.start();
window.climateWarn = { live, districtName: c => districtName(names, c) };
