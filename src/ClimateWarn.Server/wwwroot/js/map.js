// The district map (boundary GeoJSON from /api/boundaries, coloured by the highest current level of the chosen hazard,
// from the warnings in force; "unknown" where /api/risk has no data) with the grid cells as a heat layer, and the two charts every page shows.
import { api, el, $, districts, hazardsFor, defaultDistrict } from "./common.js";
import { t, pick, onLanguage, hazardName, levelName, levelOf, slugOf, levelRank, levelColour, shownShort } from "./i18n.js";

const charts = [];
window.addEventListener("resize", () => charts.forEach(c => c.resize()));
const chartOf = node => { const c = echarts.init(node, null, { renderer: "svg" }); charts.push(c); return c; };

/** A map panel in container; update(warnings) recolours it. Returns { update }. */
export async function hazardMap(container, { focus = hazardsFor() } = {}) {
  const select = el("select", { id: "map-hazard", "aria-label": "hazard" });
  const node = el("div", { id: "map", class: "map" });
  const legend = el("p", { class: "muted legend" });
  container.append(el("h2", { dataset: { i18n: "map" } }), select, node, legend);
  const [geo, list] = await Promise.all([fetch("/api/boundaries").then(r => r.json()), districts()]);
  echarts.registerMap("zhongwei", geo);
  const risks = Object.fromEntries(await Promise.all(list.map(async d => [d.code, (await api(`/api/risk?district=${d.code}`)).body])));
  const chart = chartOf(node);
  let warnings = [];

  // A district without assessed data is "unknown", never "none": missing data must not read as an all-clear.
  const levelFor = (code, hazard) => {
    const fromWarnings = warnings.filter(w => w.districts.includes(code) && (hazard === "all" || slugOf(w.hazard) === hazard)).map(w => levelOf(w.level));
    // Districts show the official warnings in force (a draft waiting for an operator is not one); the rules' own
    // assessment shows in the grid-cell heat layer.
    const floor = risks[code]?.status === "ok" ? "none" : "unknown";
    return fromWarnings.reduce((a, b) => (levelRank[b] > levelRank[a] ? b : a), floor);
  };
  const cellValue = (c, hazard) => Math.max(0, ...Object.entries(c.levels || {}).filter(([h]) => hazard === "all" || h === hazard).map(([, lv]) => levelRank[levelOf(lv)]));

  const draw = () => {
    const hazard = select.value || "all";
    const byName = Object.fromEntries(geo.features.map(f => [f.properties.name, String(f.properties.adcode)]));
    const regions = Object.entries(byName).map(([name, code]) => {
      const lv = levelFor(code, hazard);
      return { name, itemStyle: { areaColor: levelColour[lv], ...(lv === "unknown" ? { decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -0.8, color: "#b8c2cc" } } : {}) }, label: { formatter: `${pick(name, (list.find(d => d.code === code)?.nameEn ?? name).replace(/ (District|County)$/, ""))}\n${levelName(lv)}` } };
    });
    const cells = list.flatMap(d => (risks[d.code]?.cells || []).filter(c => c.hasData).map(c => [c.lon, c.lat, cellValue(c, hazard)]));
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item" },
      geo: { map: "zhongwei", roam: false, label: { show: true, fontSize: 12, color: "#1d2733", backgroundColor: "rgba(255,255,255,.75)", padding: [1, 3], borderRadius: 3 }, itemStyle: { borderColor: "#37474f", borderWidth: 1.2 }, regions, emphasis: { disabled: true } },
      visualMap: { show: false, min: 0, max: 4, seriesIndex: 0, inRange: { color: ["rgba(255,255,255,0)", "#1e63d6", "#e6b800", "#f07c00", "#d11f1f"] } },
      series: [{ type: "heatmap", coordinateSystem: "geo", data: cells, pointSize: 10, blurSize: 12 }],
    }, true);
    node.dataset.regions = geo.features.map(f => f.properties.name).join(",");
    node.dataset.levels = Object.values(byName).map(code => `${code}:${levelFor(code, hazard)}`).join(",");
    legend.replaceChildren(...["unknown", "none", "blue", "yellow", "orange", "red"].map(lv => el("span", { class: "key" }, el("i", { style: `background:${levelColour[lv]}` }), levelName(lv))),
      cells.length ? "" : ` · ${t("noRisk")}`);
  };
  onLanguage(() => {
    const keep = select.value || (focus.length === 1 ? focus[0] : "all");
    select.replaceChildren(new Option(t("allHazards"), "all"), ...focus.map(h => new Option(hazardName(h), h)));
    select.value = keep;
    draw();
  });
  select.onchange = draw;
  return { update: w => { warnings = w; draw(); } };
}

/** A chart panel with a district picker: load(code) fetches, draw(data) renders; both again on a change of district or language. */
export function districtChart(container, titleKey, id, url, draw) {
  const pickD = el("select", { "aria-label": "district" });
  const node = el("div", { class: "chart", id });
  container.append(el("h2", { dataset: { i18n: titleKey } }), pickD, node);
  const chart = chartOf(node);
  let data = null;
  const redraw = () => { if (data) draw(chart, data); };
  const load = async () => { const r = await api(url(pickD.value)); data = r.ok ? r.body : null; redraw(); };
  districts().then(list => {
    onLanguage(() => { const v = pickD.value || defaultDistrict(list); pickD.replaceChildren(...list.map(d => new Option(pick(d.nameZh, d.nameEn), d.code))); pickD.value = v; redraw(); });
    pickD.onchange = load; load(); setInterval(load, 60000);
  });
}

/** Observed against forecast temperature and precipitation for a district, from /api/dashboards/series. */
export function seriesChart(container) {
  districtChart(container, "observedVsForecast", "series-chart", code => `/api/dashboards/series?district=${code}`, (chart, data) => {
    const line = (name, pts, dashed) => ({ name, type: "line", showSymbol: false, data: pts, lineStyle: dashed ? { type: "dashed" } : {} });
    const bar = (name, pts) => ({ name, type: "bar", yAxisIndex: 1, data: pts, barMaxWidth: 6 });
    chart.setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 45, right: 45, top: chart.getWidth() < 700 ? 72 : 45, bottom: 30 },
      xAxis: { type: "time", axisLabel: { formatter: v => shownShort(new Date(v).toISOString()).slice(0, 5) } },
      yAxis: [{ type: "value", name: "℃" }, { type: "value", name: "mm", min: 0 }],
      series: [line(t("tObs"), data.observed.temperature), line(t("tFc"), data.forecast.temperature, true),
        bar(t("pObs"), data.observed.precipitation), bar(t("pFc"), data.forecast.precipitation)],
      graphic: data.observed.temperature.length + data.forecast.temperature.length ? [] : [{ type: "text", left: "center", top: "middle", style: { text: t("noData"), fontSize: 16 } }],
    }, true);
  });
}

/**
 * Each hazard's probability for the next three days, from /api/probabilities: every series names its source (an
 * ensemble's raw share of members, or a model trained on real records) and the caption says what each source is and what
 * its verified skill is where known. Models trained on synthetic weather are never plotted here.
 */
export function probabilityChart(container) {
  const caption = el("div", { class: "muted small probability-sources" });
  districtChart(container, "probability", "probability-chart", code => `/api/probabilities?district=${code}`, (chart, data) => {
    const sourceOf = id => data.sources.find(s => s.id === id);
    const short = id => { const s = sourceOf(id); return !s ? id : s.kind === "ensemble" ? `${id.slice(9)} ${t("ensembleShort")}` : s.kind === "calibrated" ? `${t("calibratedShort")} ${t("ensembleShort")}` : `${id.slice(6)} ${t("modelShort")}`; };
    // Per hazard its mildest level's probability (at least that level), per source and lead day; only what is above zero somewhere.
    const lowest = {};
    for (const x of data.items) { const rank = levelRank[x.level]; if (!(x.hazard in lowest) || rank < lowest[x.hazard]) lowest[x.hazard] = rank; }
    const series = {};
    for (const x of data.items.filter(i => levelRank[i.level] === lowest[i.hazard])) {
      const k = `${x.hazard}|${x.level}|${x.source}`;
      (series[k] ??= { hazard: x.hazard, level: x.level, source: x.source, days: {}, skill: {} }).days[x.leadDay] = x.probability;
      series[k].skill[x.leadDay] = x.skill;
    }
    const shown = Object.values(series).filter(s => Object.values(s.days).some(p => p > 0));
    const days = [0, 1, 2];
    chart.setOption({
      animation: false, tooltip: { trigger: "axis", valueFormatter: v => (v === null || v === undefined ? "—" : `${Math.round(v * 100)}%`) }, legend: { top: 0, type: "scroll" },
      grid: { left: 45, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: days.map(d => `${d * 24}–${(d + 1) * 24} ${t("hours")}`) },
      yAxis: { type: "value", min: 0, max: 1, axisLabel: { formatter: v => `${v * 100}%` } },
      series: shown.map(s => ({ name: `${hazardName(s.hazard)}${levelName(s.level)}+ · ${short(s.source)}`, type: "bar", data: days.map(d => s.days[d] ?? null) })),
      graphic: shown.length ? [] : [{ type: "text", left: "center", top: "middle", style: { text: t("noProbability"), fontSize: 14 } }],
    }, true);
    const used = [...new Set(shown.map(s => s.source))];
    caption.replaceChildren(...used.map(id => {
      const s = sourceOf(id);
      const skills = shown.filter(x => x.source === id).flatMap(x => Object.values(x.skill)).filter(Boolean);
      const verified = skills.length ? skills.reduce((a, b) => (b.pairs > a.pairs ? b : a)) : null;
      return el("p", { class: "probability-source", dataset: { source: id, kind: s.kind } },
        `${short(id)}: ${pick(s.nameZh, s.nameEn)} · ${pick(s.noteZh, s.noteEn)} · ` +
        (verified ? `${t("verifiedSkill")} BSS ${verified.brierSkill ?? "—"} (${verified.pairs} ${t("pairsWord")}, ${verified.from === "card" ? t("fromCard") : t("fromArchive")})` : t("skillUnknown")));
    }), el("p", {}, t("noSynthetic")));
  });
  container.append(caption);
}

