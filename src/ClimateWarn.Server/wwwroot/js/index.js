// The first page: warnings for one audience and district (?audience=…&district=…), with links to every dashboard.
import { layout, LiveWarnings, renderList, $, pick, addText, onLanguage, districts, defaultDistrict } from "./common.js";
import { hazardMap, probabilityChart } from "./map.js";

addText({ zh: { audience: "服务对象" }, en: { audience: "Audience" } });
layout("", "city");
const names = await districts();
const params = new URLSearchParams(location.search);
onLanguage(() => {
  const v = $("district").value || params.get("district") || defaultDistrict(names);
  $("district").replaceChildren(...names.map(d => new Option(pick(d.nameZh, d.nameEn), d.code)));
  $("district").value = v;
});
$("audience").value = params.get("audience") || "agriculture";
const map = await hazardMap($("map-panel"));
const live = new LiveWarnings({ audience: $("audience").value, districts: [$("district").value], onChange: list => { renderList($("warnings"), $("empty"), list); map.update(list); } });
$("audience").onchange = $("district").onchange = async () => { live.audience = $("audience").value; await live.resubscribe([$("district").value]); };
onLanguage(() => live.changed());
probabilityChart($("probability-panel"));
await live.start();
window.climateWarn = { live };
