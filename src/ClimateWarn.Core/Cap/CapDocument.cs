using System.Globalization;
using System.Xml.Linq;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using NetTopologySuite.Geometries;

namespace ClimateWarn.Core.Cap;

/// <summary>Who publishes: the CAP sender and the names shown in senderName and contact.</summary>
public sealed record CapSender(string Sender, string NameZh, string NameEn)
{
    /// <summary>The public base address the info's web link starts from ("https://warn.example.org"); none: no web element.</summary>
    public string? WebBase { get; init; }
}

/// <summary>A message already published, as a later message references it: "sender,identifier,sent".</summary>
public sealed record CapReference(string Sender, string Identifier, string Sent)
{
    public override string ToString() => $"{Sender},{Identifier},{Sent}";
}

/// <summary>
/// CAP 1.2 for one warning message (DOMAIN §5): a GB/T 35965.1-style identifier, Beijing times with +08:00 and no
/// fractions, Alert / Update / Cancel with references to the earlier messages, a zh-CN and an en-US info, and an area
/// per district with its boundary polygons (lat,lon, closed rings) and its administrative-code geocode.
/// </summary>
public static class CapDocument
{
    public static readonly XNamespace Ns = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>admin code + 416 (meteorology) + hazard type code + 3-digit message serial, then the Beijing send time.</summary>
    public static string Identifier(Warning warning, HazardRegistry hazards, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(warning);
        ArgumentNullException.ThrowIfNull(hazards);
        var serial = (warning.Sequence % 1000).ToString("D3", CultureInfo.InvariantCulture);
        return $"{warning.Districts[0]}416{hazards.Get(warning.Hazard).Code}{serial}_{TimeZoneInfo.ConvertTime(warning.UpdatedAt, zone):yyyyMMddHHmmss}";
    }

    /// <summary>CAP's time form: yyyy-MM-ddThh:mm:ss+08:00.</summary>
    public static string Time(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static XDocument Build(Warning warning, IReadOnlyList<CapReference> earlier, PlaceCatalog places, HazardRegistry hazards, CapSender sender, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(warning);
        ArgumentNullException.ThrowIfNull(hazards);
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(sender);
        var sent = Time(warning.UpdatedAt, zone);
        var msgType = warning.Action switch
        {
            WarningAction.Issued => "Alert",
            WarningAction.Lifted or WarningAction.Expired => "Cancel",
            _ => "Update",
        };
        var alert = new XElement(Ns + "alert",
            new XElement(Ns + "identifier", Identifier(warning, hazards, zone)),
            new XElement(Ns + "sender", sender.Sender),
            new XElement(Ns + "sent", sent),
            new XElement(Ns + "status", "Actual"),
            new XElement(Ns + "msgType", msgType),
            new XElement(Ns + "scope", "Public"));
        if (earlier.Count > 0 && msgType != "Alert")
        {
            alert.Add(new XElement(Ns + "references", string.Join(' ', earlier)));
        }

        var districts = warning.Districts.Select(places.GetDistrict).ToList();
        var hazard = hazards.Get(warning.Hazard);
        alert.Add(Info(warning, hazard, "zh-CN", sender.NameZh, hazard.NameZh, warning.HeadlineZh, warning.DescriptionZh, warning.GuidanceZh, districts, d => d.NameZh, sent, zone, sender.WebBase));
        alert.Add(Info(warning, hazard, "en-US", sender.NameEn, Capitalised(hazard.NameEn), warning.HeadlineEn, warning.DescriptionEn, warning.GuidanceEn, districts, d => d.NameEn, sent, zone, sender.WebBase));
        return XmlSafe.Clean(new XDocument(new XDeclaration("1.0", "UTF-8", null), alert));
    }

    /// <summary>Signal colour to CAP severity (a convention, DOMAIN §5): blue Minor, yellow Moderate, orange Severe, red Extreme.</summary>
    public static string Severity(SignalLevel level) => level switch
    {
        SignalLevel.Blue => "Minor",
        SignalLevel.Yellow => "Moderate",
        SignalLevel.Orange => "Severe",
        SignalLevel.Red => "Extreme",
        _ => "Unknown",
    };

    private static XElement Info(Warning w, HazardDefinition hazard, string language, string senderName, string @event, string headline, string description,
        IReadOnlyList<string> guidance, IReadOnlyList<District> districts, Func<District, string> name, string sent, TimeZoneInfo zone, string? web)
    {
        var cancelled = !w.IsActive;
        var info = new XElement(Ns + "info",
            new XElement(Ns + "language", language),
            new XElement(Ns + "category", "Met"),
            new XElement(Ns + "event", @event),
            new XElement(Ns + "responseType", cancelled ? "AllClear" : "Prepare"),
            new XElement(Ns + "urgency", cancelled ? "Past" : w.ValidFrom <= w.UpdatedAt.AddHours(1) ? "Immediate" : "Expected"),
            new XElement(Ns + "severity", Severity(w.Level)),
            new XElement(Ns + "certainty", cancelled ? "Observed" : "Likely"),
            new XElement(Ns + "eventCode", new XElement(Ns + "valueName", "CMA_WARNING_TYPE"), new XElement(Ns + "value", hazard.Code)),
            new XElement(Ns + "eventCode", new XElement(Ns + "valueName", "CMA_WARNING_LEVEL"), new XElement(Ns + "value", ((int)w.Level).ToString("D2", CultureInfo.InvariantCulture))),
            hazard.OetCode is { } oet ? new XElement(Ns + "eventCode", new XElement(Ns + "valueName", "OET:v1.2"), new XElement(Ns + "value", oet)) : null,
            new XElement(Ns + "effective", sent),
            new XElement(Ns + "onset", Time(w.ValidFrom, zone)),
            new XElement(Ns + "expires", cancelled ? sent : Time(w.ValidTo > w.UpdatedAt ? w.ValidTo : w.UpdatedAt.AddHours(1), zone)),
            new XElement(Ns + "senderName", senderName),
            new XElement(Ns + "headline", headline),
            new XElement(Ns + "description", description));
        if (!cancelled && guidance.Count > 0)
        {
            info.Add(new XElement(Ns + "instruction", string.Join("\n", guidance.Select((g, i) => $"{i + 1}. {g}"))));
        }

        if (web is not null)
        {
            info.Add(new XElement(Ns + "web", $"{web}/?warning={Uri.EscapeDataString(w.Id)}"));
        }

        info.Add(new XElement(Ns + "contact", senderName));

        foreach (var d in districts)
        {
            // Narrowed to townships: they are named and coded (GB/T 10114 codes), but the public data has no township
            // boundaries, so the polygon stays the district's: a consumer that only reads shapes warns a little wide.
            var townships = w.Townships is { Count: > 0 } chosen ? d.Townships.Where(t => chosen.Contains(t.Code)).ToList() : [];
            var area = new XElement(Ns + "area", new XElement(Ns + "areaDesc",
                townships.Count > 0 ? $"{name(d)}: {string.Join(", ", townships.Select(t => t.Name))}" : name(d)));
            foreach (var ring in CapPolygons.For(d.Boundary).Rings)
            {
                area.Add(new XElement(Ns + "polygon", ring));
            }

            area.Add(new XElement(Ns + "geocode", new XElement(Ns + "valueName", "GB/T 2260"), new XElement(Ns + "value", d.Code)));
            // The release platform's 12-digit area code: the administrative code followed by 000000 (research/release-platform.md).
            area.Add(new XElement(Ns + "geocode", new XElement(Ns + "valueName", "CPEAS Geographic Code"), new XElement(Ns + "value", d.Code + "000000")));
            foreach (var t in townships)
            {
                area.Add(new XElement(Ns + "geocode", new XElement(Ns + "valueName", "GB/T 10114"), new XElement(Ns + "value", t.Code)));
            }

            info.Add(area);
        }

        return info;
    }

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
