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

    /// <summary>The Atom feed's size cap: entries past it are left out, newest kept (Google's limit is 900 KB; under 100 KB is better).</summary>
    [Range(2_000, 10_000_000)]
    public int MaxFeedBytes { get; set; } = 900_000;

    /// <summary>A PKCS#12 certificate to sign CAP documents with (<see cref="CapSigner"/>); unset: unsigned.</summary>
    public string? SigningCertificatePath { get; set; }

    /// <summary>Its password, from the environment (Cap__SigningCertificatePassword), never the repo.</summary>
    public string? SigningCertificatePassword { get; set; }
}

/// <summary>CAP 1.2 documents for published messages and an Atom feed of the active ones (DOMAIN §5).</summary>
public static class CapEndpoints
{
    public const string CapMediaType = "application/cap+xml";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapCap(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/warnings/{id}/cap", async (string id, long? seq, WarningLog log, PlaceCatalog places, HazardRegistry hazards, IOptions<CapOptions> cap,
            IOptions<ServerOptions> server, Microsoft.AspNetCore.Hosting.Server.IServer kestrel, CapSigner signer, CancellationToken ct) =>
        {
            var messages = await log.ForWarningAsync(id, ct);
            var index = seq is null ? messages.Count - 1 : messages.ToList().FindIndex(m => m.Sequence == seq);
            if (messages.Count == 0 || index < 0)
            {
                return Results.Problem(statusCode: 404, title: "未知预警 Unknown warning", detail: $"No published message {(seq is null ? string.Empty : $"#{seq} ")}for warning '{id}'.");
            }

            var doc = Build(messages, index, places, hazards, Sender(cap.Value, places) with { WebBase = PublicAddress.BaseUrl(server.Value, kestrel) });
            return Results.Text(signer.Text(doc), CapMediaType, System.Text.Encoding.UTF8);
        })
            .WithSummary("CAP 文档 / CAP document")
            .WithDescription("The CAP 1.2 document (application/cap+xml) of a warning's latest message, or of message ?seq=N; its references list the earlier messages; signed (XML-DSig, enveloped) when Cap:SigningCertificatePath is set. 404 for an unknown warning or message.")
            .WithTags("cap")
            .Produces(200, contentType: "application/cap+xml")
            .ProducesProblem(404);

        app.MapGet("/api/cap/feed.atom", (IOptions<ServerOptions> server, Microsoft.AspNetCore.Hosting.Server.IServer kestrel, WarningBoard board, PlaceCatalog places,
            HazardRegistry hazards, PipelineClock clock, IOptions<CapOptions> cap) =>
            Results.Text(Feed(board.Active, clock.Now, PublicAddress.BaseUrl(server.Value, kestrel), places, hazards, cap.Value.MaxFeedBytes), "application/atom+xml", System.Text.Encoding.UTF8))
            .WithSummary("CAP Atom 订阅 / CAP Atom feed")
            .WithDescription("An Atom feed (application/atom+xml) of the messages in force and not expired (all Actual, Public), newest first, each linking to its CAP document, for aggregators; capped at Cap:MaxFeedBytes (900 KB), the oldest entries left out past it.")
            .WithTags("cap")
            .Produces(200, contentType: "application/atom+xml");
        return app;
    }

    /// <summary>
    /// The feed: only messages still in force and not expired at <paramref name="now"/> (every message ClimateWarn publishes
    /// is Actual and Public), newest first, entries added while the whole stays under <paramref name="maxBytes"/> (UTF-8).
    /// </summary>
    public static string Feed(IReadOnlyList<Warning> active, DateTimeOffset now, string self, PlaceCatalog places, HazardRegistry hazards, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(places);
        var live = active.Where(w => w.IsActive && w.ValidTo > now).OrderByDescending(w => w.UpdatedAt).ThenByDescending(w => w.Sequence).ToList();
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"urn:climatewarn:{places.City.Code}:cap-feed"),
            new XElement(Atom + "title", $"{places.City.ObservatoryZh} 预警信号 / {places.City.ObservatoryEn} warning signals"),
            new XElement(Atom + "updated", CapDocument.Time(live.Count == 0 ? now : live.Max(w => w.UpdatedAt), TimeZones.Shanghai)),
            new XElement(Atom + "author", new XElement(Atom + "name", places.City.ObservatoryZh)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{self}/api/cap/feed.atom")));
        string Text() => XmlSafe.Clean(new XDocument(new XDeclaration("1.0", "UTF-8", null), feed)).ToString();
        var size = System.Text.Encoding.UTF8.GetByteCount(Text());
        foreach (var w in live)
        {
            var entry = new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:climatewarn:{CapDocument.Identifier(w, hazards, TimeZones.Shanghai)}"),
                new XElement(Atom + "title", XmlSafe.Clean(w.HeadlineZh)),
                new XElement(Atom + "updated", CapDocument.Time(w.UpdatedAt, TimeZones.Shanghai)),
                new XElement(Atom + "summary", XmlSafe.Clean(w.DescriptionZh)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", CapMediaType),
                    new XAttribute("href", $"{self}/api/warnings/{Uri.EscapeDataString(w.Id)}/cap?seq={w.Sequence}")));
            var bytes = System.Text.Encoding.UTF8.GetByteCount(entry.ToString()) + 8;
            if (size + bytes > maxBytes)
            {
                break;
            }

            feed.Add(entry);
            size += bytes;
        }

        return Text();
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
