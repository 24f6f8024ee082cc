// Health: heat, cold wave and sandstorm, with advice for older people, children and respiratory patients.
import { layout, LiveWarnings, renderList, el, $, t, pick, addText, onLanguage, districts, hazardsFor } from "./common.js";
import { hazardMap, seriesChart, probabilityChart } from "./map.js";
import { advice, adviceFor, adviceTable } from "./advice.js";

addText({
  zh: { page: "卫生健康气象预警", group: "人群", adviceTable: "分人群健康建议", groupAdvice: "健康建议",
        sandNote: "沙尘暴尚无自动评估规则，本页的沙尘暴建议供人工发布预警时参考。" },
  en: { page: "Health weather warnings", group: "People", adviceTable: "Advice by group", groupAdvice: "Health advice",
        sandNote: "Sandstorms have no automatic rule yet; the sandstorm advice here is for warnings issued by hand." },
});
layout("health", "page");

const names = await districts();
const book = await advice();
const group = $("group");
const groupKey = () => [group.value, localStorage.getItem("group")].find(k => k && book.health.items[k]) ?? Object.keys(book.health.items)[0];
let list = [];
// Every group's line, the chosen one first: a carer reads for the people in their care.
const extra = w => Object.entries(book.health.items).sort(([a], [b]) => (b === groupKey()) - (a === groupKey())).map(([, g]) => {
  const a = adviceFor(g, w);
  return a ? el("p", { class: "advice-line" }, el("strong", {}, `${pick(g.nameZh, g.nameEn)}：`), a) : null;
});
const render = () => renderList($("warnings"), $("empty"), list, extra);

onLanguage(() => {
  const v = groupKey();
  group.replaceChildren(...Object.entries(book.health.items).map(([k, g]) => new Option(pick(g.nameZh, g.nameEn), k)));
  group.value = v;
  adviceTable($("advice"), $("advice-note"), book.health);
  render();
});
group.onchange = () => { localStorage.setItem("group", group.value); render(); };

const map = await hazardMap($("map-panel"), { focus: hazardsFor("health") });
const live = new LiveWarnings({ audience: "health", districts: names.map(d => d.code), onChange: l => { list = l; render(); map.update(l); } });
seriesChart($("series-panel"));
probabilityChart($("probability-panel"));
await live.start();
window.climateWarn = { live };
