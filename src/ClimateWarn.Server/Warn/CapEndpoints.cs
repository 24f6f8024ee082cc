using System.ComponentModel.DataAnnotations;
using System.Xml.Linq;
using ClimateWarn.Core;
using ClimateWarn.Core.Cap;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Warn;

public sealed class CapOptions
{
    public const string Section = "Cap";

    /// <summary>
    /// CAP sender: no spaces, commas or '&lt;' / '&amp;' (CAP 1.2 §3.2.1). Unset: the bureau's own (config/districts.json
    /// city.capSender), else its administrative code + 416 (meteorology).
    /// </summary>
    [RegularExpression("^[^\\s,<&]+$", ErrorMessage = "a CAP sender has no spaces, commas, '<' or '&' (CAP 1.2 §3.2.1)")]
    public string? Sender { get; set; }
}

/// <summary>CAP 1.2 documents for published messages and an Atom feed of the active ones (DOMAIN §5).</summary>
public static class CapEndpoints
{
    public const string CapMediaType = "application/cap+xml";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapCap(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/warnings/{id}/cap", async (string id, long? seq, WarningLog log, PlaceCatalog places, HazardRegistry hazards, IOptions<CapOptions> cap, CancellationToken ct) =>
        {
            var messages = await log.ForWarningAsync(id, ct);
            var index = seq is null ? messages.Count - 1 : messages.ToList().FindIndex(m => m.Sequence == seq);
            if (messages.Count == 0 || index < 0)
            {
                return Results.Problem(statusCode: 404, title: "未知预警 Unknown warning", detail: $"No published message {(seq is null ? string.Empty : $"#{seq} ")}for warning '{id}'.");
            }

            var doc = Build(messages, index, places, hazards, Sender(cap.Value, places));
            return Results.Text(doc.Declaration + "\n" + doc.Root, CapMediaType, System.Text.Encoding.UTF8);
        })
            .WithSummary("CAP 文档 / CAP document")
            .WithDescription("The CAP 1.2 document (application/cap+xml) of a warning's latest message, or of message ?seq=N; its references list the earlier messages. 404 for an unknown warning or message.")
            .WithTags("cap")
            .Produces(200, contentType: "application/cap+xml")
            .ProducesProblem(404);

        app.MapGet("/api/cap/feed.atom", (IOptions<ServerOptions> server, Microsoft.AspNetCore.Hosting.Server.IServer kestrel, WarningBoard board, PlaceCatalog places, HazardRegistry hazards, PipelineClock clock) =>
        {
            var active = board.Active;
            var self = PublicAddress.BaseUrl(server.Value, kestrel);   // never the request's Host header
            var feed = new XElement(Atom + "feed",
                new XElement(Atom + "id", $"urn:climatewarn:{places.City.Code}:cap-feed"),
                new XElement(Atom + "title", $"{places.City.ObservatoryZh} 预警信号 / {places.City.ObservatoryEn} warning signals"),
                new XElement(Atom + "updated", CapDocument.Time(active.Count == 0 ? clock.Now : active.Max(w => w.UpdatedAt), TimeZones.Shanghai)),
                new XElement(Atom + "author", new XElement(Atom + "name", places.City.ObservatoryZh)),
                new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{self}/api/cap/feed.atom")),
                active.Select(w => new XElement(Atom + "entry",
                    new XElement(Atom + "id", $"urn:climatewarn:{CapDocument.Identifier(w, hazards, TimeZones.Shanghai)}"),
                    new XElement(Atom + "title", w.HeadlineZh),
                    new XElement(Atom + "updated", CapDocument.Time(w.UpdatedAt, TimeZones.Shanghai)),
                    new XElement(Atom + "summary", w.DescriptionZh),
                    new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", CapMediaType),
                        new XAttribute("href", $"{self}/api/warnings/{Uri.EscapeDataString(w.Id)}/cap?seq={w.Sequence}")))));
            return Results.Text(XmlSafe.Clean(new XDocument(new XDeclaration("1.0", "UTF-8", null), feed)).ToString(), "application/atom+xml", System.Text.Encoding.UTF8);
        })
            .WithSummary("CAP Atom 订阅 / CAP Atom feed")
            .WithDescription("An Atom feed (application/atom+xml) of the messages in force, each linking to its CAP document, for aggregators.")
            .WithTags("cap")
            .Produces(200, contentType: "application/atom+xml");
        return app;
    }

    /// <summary>The message at <paramref name="index"/>, referencing every earlier message of the same warning.</summary>
    public static XDocument Build(IReadOnlyList<Warning> messages, int index, PlaceCatalog places, HazardRegistry hazards, CapSender sender)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var earlier = messages.Take(index)
            .Select(m => new CapReference(sender.Sender, CapDocument.Identifier(m, hazards, TimeZones.Shanghai), CapDocument.Time(m.UpdatedAt, TimeZones.Shanghai)))
            .ToList();
        return CapDocument.Build(messages[index], earlier, places, hazards, sender, TimeZones.Shanghai);
    }

    public static CapSender Sender(CapOptions options, PlaceCatalog places)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(places);
        var sender = options.Sender ?? places.City.CapSender ?? places.City.Code + "416";
        return new CapSender(sender, places.City.ObservatoryZh, places.City.ObservatoryEn);
    }
}
