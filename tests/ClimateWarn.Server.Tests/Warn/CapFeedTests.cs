using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using ClimateWarn.Core.Cap;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>The replay stopped in the night of 20–21 March 2021, while the orange frost warning is active.</summary>
public sealed class CapFeedTests
{
    [Fact]
    public async Task Feed_ListsTheActiveMessage_AndItsCapDocumentValidates()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Replay:StartDelay"] = "00:00:00",
            ["Warnings:ApprovalFrom:frost"] = "None",
            ["Replay:Speed"] = "1000000000",
            ["Replay:From"] = "2021-03-15T00:00:00Z",
            ["Replay:To"] = "2021-03-20T21:00:00Z",
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await server.ReplayFinishedAsync(TimeSpan.FromMinutes(2));

        var feed = XDocument.Parse(await server.Http.GetStringAsync("/api/cap/feed.atom", cts.Token));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
        var link = entry.Element(atom + "link")!.Attribute("href")!.Value;
        Assert.Equal("application/cap+xml", entry.Element(atom + "link")!.Attribute("type")!.Value);

        using var response = await server.Http.GetAsync(new Uri(link).PathAndQuery, cts.Token);
        Assert.Equal("application/cap+xml", response.Content.Headers.ContentType!.MediaType);
        var cap = XDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
        Assert.Empty(CapSchema.Errors(cap));
        Assert.Equal("Update", cap.Root!.Element(CapDocument.Ns + "msgType")!.Value);
        Assert.True(cap.Root.Element(CapDocument.Ns + "references")!.Value.Split(' ').Length >= 2);
        Assert.Equal("Severe", cap.Root.Element(CapDocument.Ns + "info")!.Element(CapDocument.Ns + "severity")!.Value);

        using var unknown = await server.Http.GetAsync("/api/warnings/640521416110000_20990101000000/cap", cts.Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }
}
