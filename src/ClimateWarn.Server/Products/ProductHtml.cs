using System.Globalization;
using System.Net;
using System.Text;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using NetTopologySuite.Geometries;

namespace ClimateWarn.Server.Products;

/// <summary>
/// The shareable products as HTML for Chromium to render, all in Chinese with the English headline beneath: a square
/// card for WeChat and Weibo (signal colour, hazard and level, headline, the city's districts with the warned ones
/// filled, validity in Beijing time, three lines of guidance) and an A4 bulletin (the whole message in both languages).
/// Every text is HTML-encoded; no script, no external resource.
/// </summary>
public static class ProductHtml
{
    public const int CardSize = 1080;

    public static string Colour(SignalLevel level) => level switch
    {
        SignalLevel.Blue => "#1e63d6",
        SignalLevel.Yellow => "#c79f00",
        SignalLevel.Orange => "#f07c00",
        SignalLevel.Red => "#d11f1f",
        _ => "#8a96a3",
    };

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);

    private static string Time(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, TimeZones.Shanghai).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);

    public static string Card(Warning w, PlaceCatalog places, HazardDefinition hazard)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(hazard);
        var colour = Colour(w.Level);
        var names = string.Join("、", w.Districts.Select(c => places.TryGetDistrict(c, out var d) ? d.NameZh : c));
        var lifted = !w.IsActive;
        return $$"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
            * { box-sizing: border-box; margin: 0; }
            body { width: {{CardSize}}px; height: {{CardSize}}px; font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; background: #fff; color: #1b1f24; }
            .bar { background: {{colour}}; color: #fff; padding: 44px 56px; }
            .signal { font-size: 64px; font-weight: 700; }
            .by { font-size: 30px; opacity: .92; margin-top: 8px; }
            .body { padding: 36px 56px; display: grid; grid-template-columns: 1fr 380px; gap: 32px; }
            h1 { font-size: 40px; line-height: 1.35; }
            .en { font-size: 24px; color: #5c6773; margin-top: 10px; }
            .when, .where { font-size: 28px; margin-top: 22px; }
            ul { margin-top: 22px; padding-left: 1.2em; font-size: 26px; line-height: 1.5; }
            svg { width: 380px; height: 380px; }
            .foot { position: absolute; bottom: 36px; left: 56px; right: 56px; font-size: 22px; color: #5c6773; border-top: 2px solid #e3e7eb; padding-top: 14px; }
            </style></head><body>
            <div class="bar"><div class="signal">{{E(hazard.NameZh)}}{{E(SignalLevels.Zh(w.Level))}}预警{{(lifted ? "（已解除）" : string.Empty)}}</div>
            <div class="by">{{E(places.City.ObservatoryZh)}} 发布</div></div>
            <div class="body"><div>
            <h1>{{E(w.HeadlineZh)}}</h1><p class="en">{{E(w.HeadlineEn)}}</p>
            <p class="where">区域：{{E(names)}}</p>
            <p class="when">有效：{{E(Time(w.ValidFrom))}} 至 {{E(Time(w.ValidTo))}}（北京时间）</p>
            {{(lifted ? string.Empty : "<ul>" + string.Concat(w.GuidanceZh.Take(3).Select(g => $"<li>{E(g)}</li>")) + "</ul>")}}
            </div>{{Map(places, w.Districts, colour)}}</div>
            <div class="foot">{{E(places.City.TitleZh)}} · 发布时间 {{E(Time(w.UpdatedAt))}} · 编号 {{E(w.Id)}} #{{w.Sequence}}</div>
            </body></html>
            """;
    }

    public static string Bulletin(Warning w, PlaceCatalog places, HazardDefinition hazard)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(hazard);
        var colour = Colour(w.Level);
        var zh = string.Join("、", w.Districts.Select(c => places.TryGetDistrict(c, out var d) ? d.NameZh : c));
        var en = string.Join(", ", w.Districts.Select(c => places.TryGetDistrict(c, out var d) ? d.NameEn : c));
        var guidanceZh = string.Concat(w.GuidanceZh.Select(g => $"<li>{E(g)}</li>"));
        var guidanceEn = string.Concat(w.GuidanceEn.Select(g => $"<li>{E(g)}</li>"));
        return $$"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
            @page { size: A4; margin: 18mm 16mm; }
            body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; color: #1b1f24; font-size: 12pt; line-height: 1.6; }
            .head { border-bottom: 3px solid {{colour}}; padding-bottom: 8pt; margin-bottom: 12pt; }
            .org { font-size: 20pt; font-weight: 700; text-align: center; color: #b3261e; letter-spacing: 2pt; }
            .kind { text-align: center; font-size: 14pt; margin-top: 4pt; }
            .signal { display: inline-block; background: {{colour}}; color: #fff; padding: 2pt 10pt; border-radius: 3pt; font-weight: 700; }
            h1 { font-size: 16pt; margin: 12pt 0 6pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; color: #5c6773; }
            .meta { color: #5c6773; font-size: 10.5pt; }
            </style></head><body>
            <div class="head"><div class="org">{{E(places.City.ObservatoryZh)}}</div><div class="kind">气象灾害预警信号 · 第 {{w.Sequence}} 号</div></div>
            <p><span class="signal">{{E(hazard.NameZh)}}{{E(SignalLevels.Zh(w.Level))}}预警</span></p>
            <h1>{{E(w.HeadlineZh)}}</h1>
            <p>{{E(w.DescriptionZh)}}</p>
            <p>区域：{{E(zh)}}<br>有效时间（北京时间）：{{E(Time(w.ValidFrom))}} 至 {{E(Time(w.ValidTo))}}</p>
            {{(guidanceZh.Length > 0 ? "<h2>防御指南</h2><ol>" + guidanceZh + "</ol>" : string.Empty)}}
            <h2>English</h2>
            <p><strong>{{E(w.HeadlineEn)}}</strong></p><p>{{E(w.DescriptionEn)}}</p><p>Area: {{E(en)}}</p>
            {{(guidanceEn.Length > 0 ? "<ol>" + guidanceEn + "</ol>" : string.Empty)}}
            <p class="meta">发布：{{E(places.City.ObservatoryZh)}} · {{E(Time(w.UpdatedAt))}} · 编号 {{E(w.Id)}} #{{w.Sequence}}</p>
            </body></html>
            """;
    }

    /// <summary>The city's districts as an SVG (equirectangular with the latitude's cosine), the warned ones filled with the signal colour.</summary>
    private static string Map(PlaceCatalog places, IReadOnlyList<string> warned, string colour)
    {
        var all = places.Districts.Select(d => d.Boundary).ToList();
        var box = new Envelope();
        foreach (var g in all)
        {
            box.ExpandToInclude(g.EnvelopeInternal);
        }

        var k = Math.Cos(box.Centre.Y * Math.PI / 180);
        var (w, h) = (box.Width * k, box.Height);
        var scale = 360 / Math.Max(w, h);
        string Point(Coordinate c) => string.Create(CultureInfo.InvariantCulture, $"{10 + ((c.X - box.MinX) * k * scale):0.#},{10 + ((box.MaxY - c.Y) * scale):0.#}");
        var sb = new StringBuilder("<svg viewBox=\"0 0 380 380\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">");
        foreach (var d in places.Districts)
        {
            var fill = warned.Contains(d.Code) ? colour : "#eef1f4";
            for (var i = 0; i < d.Boundary.NumGeometries; i++)
            {
                if (d.Boundary.GetGeometryN(i) is Polygon p)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{string.Join(' ', p.Shell.Coordinates.Where((_, j) => j % Math.Max(1, p.Shell.NumPoints / 400) == 0).Select(Point))}\" fill=\"{fill}\" stroke=\"#5c6773\" stroke-width=\"2\"/>");
                }
            }
        }

        foreach (var d in places.Districts)
        {
            var c = d.Boundary.InteriorPoint.Coordinate;
            var xy = Point(c).Split(',');
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{xy[0]}\" y=\"{xy[1]}\" font-size=\"22\" text-anchor=\"middle\" fill=\"#1b1f24\">{E(d.NameZh)}</text>");
        }

        return sb.Append("</svg>").ToString();
    }
}
