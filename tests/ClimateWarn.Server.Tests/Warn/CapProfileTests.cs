using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using ClimateWarn.Core.Cap;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetTopologySuite.Geometries;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>
/// CAP that aggregators accept: the rules of Google's CAP profile and the WMO Alert Hub's feedback
/// (../shared/research/release-platform.md) as tests over real documents of a running server; the feed's filter and
/// size cap; and the optional XML signature, verified by Debian's xmlsec1 and refused after one byte is changed.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CapProfileTests
{
    private static readonly XNamespace Cap = CapDocument.Ns;

    private static Task<RunningServer> StartAsync(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["Warnings:ApprovalFrom:gale"] = "None",
            ["Server:PublicBaseUrl"] = "https://warn.zhongwei.example",
        };
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return RunningServer.StartAsync(replay: false, settings, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(BoardDriver.T0)));
    }

    /// <summary>A gale warning in two districts' turns: issued blue in Haiyuan, then upgraded to yellow (an Update).</summary>
    private static async Task<(string Id, string Issued, string Upgraded)> IssueAndUpgradeAsync(RunningServer server)
    {
        var board = server.Service<WarningBoard>();
        var haiyuan = TestPlaces.Catalog.GetDistrict("640522");
        await board.StepAsync(0, SignalLevel.Blue, value: 12, district: haiyuan, hazard: "gale");
        await board.StepAsync(60, SignalLevel.Yellow, value: 18, district: haiyuan, hazard: "gale");
        var messages = await server.AllMessagesAsync();
        var id = messages[0].Id;
        return (id, await server.Http.GetStringAsync($"/api/warnings/{Uri.EscapeDataString(id)}/cap?seq={messages[0].Sequence}"),
            await server.Http.GetStringAsync($"/api/warnings/{Uri.EscapeDataString(id)}/cap"));
    }

    [Fact]
    public async Task EveryDocument_ValidatesAndPassesTheAggregatorProfile()
    {
        await using var server = await StartAsync();
        var (_, issued, upgraded) = await IssueAndUpgradeAsync(server);
        var area = TestPlaces.Catalog.Districts.Select(d => d.Boundary).Aggregate((a, b) => a.Union(b)).Buffer(0.01);

        foreach (var text in new[] { issued, upgraded })
        {
            var doc = XDocument.Parse(text);
            Assert.Empty(CapSchema.Errors(doc));
            var alert = doc.Root!;
            Assert.Equal(("Actual", "Public"), (alert.Element(Cap + "status")!.Value, alert.Element(Cap + "scope")!.Value));
            Assert.Matches(@"[+-]\d\d:\d\d$", alert.Element(Cap + "sent")!.Value);
            var infos = alert.Elements(Cap + "info").ToList();
            Assert.Equal(["zh-CN", "en-US"], infos.Select(i => i.Element(Cap + "language")!.Value));
            // Every info shares category and event codes, among them an OASIS event term beside the CMA type.
            Assert.Single(infos.Select(i => i.Element(Cap + "category")!.Value).Distinct());
            Assert.Single(infos.Select(i => string.Join("|", i.Elements(Cap + "eventCode").Select(e => e.Value))).Distinct());
            foreach (var info in infos)
            {
                foreach (var required in new[] { "description", "web", "expires", "urgency", "severity", "certainty", "senderName", "responseType", "instruction", "contact", "headline" })
                {
                    Assert.False(string.IsNullOrWhiteSpace(info.Element(Cap + required)?.Value), $"{required} missing in {info.Element(Cap + "language")!.Value}");
                }

                Assert.DoesNotContain("Unknown", new[] { "urgency", "severity", "certainty" }.Select(e => info.Element(Cap + e)!.Value));
                var headline = info.Element(Cap + "headline")!.Value;
                Assert.True(headline.Length < 140, headline);
                Assert.NotEqual(headline, info.Element(Cap + "description")!.Value);
                Assert.True(DateTimeOffset.Parse(info.Element(Cap + "effective")!.Value, CultureInfo.InvariantCulture)
                    <= DateTimeOffset.Parse(info.Element(Cap + "expires")!.Value, CultureInfo.InvariantCulture));
                Assert.StartsWith("https://warn.zhongwei.example/?warning=", info.Element(Cap + "web")!.Value, StringComparison.Ordinal);
                foreach (var a in info.Elements(Cap + "area"))
                {
                    Assert.True(a.Element(Cap + "areaDesc")!.Value.Length <= 100);
                    Assert.Contains(a.Elements(Cap + "geocode"), g => g.Element(Cap + "valueName")!.Value == "CPEAS Geographic Code" && g.Element(Cap + "value")!.Value == "640522000000");
                    var polygons = a.Elements(Cap + "polygon").Select(p => p.Value).ToList();
                    Assert.NotEmpty(polygons);
                    foreach (var polygon in polygons)
                    {
                        var points = polygon.Split(' ');
                        Assert.Equal(points[0], points[^1]);
                        Assert.InRange(points.Length, 4, CapPolygons.MaxVertices);
                        Assert.All(points.SelectMany(p => p.Split(',')), v => Assert.True(v.Split('.').ElementAtOrDefault(1) is not { Length: > 6 }, v));
                        var coordinates = points.Select(p => p.Split(',')).Select(p => new Coordinate(double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[0], CultureInfo.InvariantCulture))).ToArray();
                        var shape = new GeometryFactory().CreatePolygon(coordinates);
                        Assert.True(shape.IsValid, "a CAP polygon must not self-intersect");
                        Assert.True(area.Contains(shape), "a CAP polygon lies within the bureau's area");
                    }
                }
            }
        }

        // The Update references the message it updates.
        var update = XDocument.Parse(upgraded).Root!;
        Assert.Equal("Update", update.Element(Cap + "msgType")!.Value);
        var first = XDocument.Parse(issued).Root!;
        Assert.Contains($"{first.Element(Cap + "sender")!.Value},{first.Element(Cap + "identifier")!.Value},{first.Element(Cap + "sent")!.Value}",
            update.Element(Cap + "references")!.Value, StringComparison.Ordinal);
        var oet = update.Element(Cap + "info")!.Elements(Cap + "eventCode").Single(e => e.Element(Cap + "valueName")!.Value == "OET:v1.2");
        Assert.Matches(@"^OET-\d{3}$", oet.Element(Cap + "value")!.Value);
    }

    [Fact]
    public async Task TheFeed_ListsOnlyUnexpiredMessagesInForce_NewestFirst_UnderItsSizeCap()
    {
        await using var server = await StartAsync();
        var board = server.Service<WarningBoard>();
        foreach (var code in new[] { "640502", "640521", "640522" })
        {
            await board.StepAsync(0, SignalLevel.Blue, value: 12, district: TestPlaces.Catalog.GetDistrict(code), hazard: "gale");
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var full = await server.Http.GetStringAsync("/api/cap/feed.atom");
        Assert.Equal(3, XDocument.Parse(full).Root!.Elements(atom + "entry").Count());

        // The same warnings with a cap one byte under the full feed: the oldest entry is left out, the newest kept.
        var now = server.Service<PipelineClock>().Now;
        var cap = System.Text.Encoding.UTF8.GetByteCount(full) - 1;
        var capped = CapEndpoints.Feed(board.Active, now, "https://warn.zhongwei.example", server.Service<Core.Places.PlaceCatalog>(), server.Service<HazardRegistry>(), cap);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(capped) <= cap);
        var entries = XDocument.Parse(capped).Root!.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        var newest = (await server.AllMessagesAsync()).MaxBy(m => m.Sequence)!;
        Assert.EndsWith($"/cap?seq={newest.Sequence}", entries[0].Element(atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);

        // Past their validity they leave the feed, even before the engine lifts them.
        Assert.Empty(XDocument.Parse(CapEndpoints.Feed(board.Active, now.AddDays(2), "https://warn.zhongwei.example", server.Service<Core.Places.PlaceCatalog>(),
            server.Service<HazardRegistry>(), 900_000)).Root!.Elements(atom + "entry"));
    }

    [Fact]
    public async Task ASignedDocument_VerifiesWithXmlsec1_AndFailsAfterOneByteIsChanged()
    {
        var dir = Repo.TempDirectory();
        var (pfx, pem) = (Path.Combine(dir, "signer.p12"), Path.Combine(dir, "signer.pem"));
        var password = Guid.NewGuid().ToString("N");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ClimateWarn test CAP signer", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, password));
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
        }

        await using var server = await StartAsync(new() { ["Cap:SigningCertificatePath"] = pfx, ["Cap:SigningCertificatePassword"] = password });
        var (_, _, upgraded) = await IssueAndUpgradeAsync(server);
        var signed = Path.Combine(dir, "signed.xml");
        await File.WriteAllTextAsync(signed, upgraded);
        Assert.Empty(CapSchema.Errors(XDocument.Parse(upgraded)));

        var (ok, output) = await Xmlsec1Async(pem, signed);
        Assert.True(ok, output);

        // One byte of the headline changed: the digest no longer matches.
        var tampered = Path.Combine(dir, "tampered.xml");
        var bytes = await File.ReadAllBytesAsync(signed);
        var at = upgraded.IndexOf("<description>", StringComparison.Ordinal) + "<description>".Length;
        var offset = System.Text.Encoding.UTF8.GetByteCount(upgraded[..at]);
        bytes[offset] = (byte)(bytes[offset] == (byte)'X' ? 'Y' : 'X');
        await File.WriteAllBytesAsync(tampered, bytes);
        var (bad, why) = await Xmlsec1Async(pem, tampered);
        Assert.False(bad, why);
    }

    [Fact]
    public async Task AnUnreadableSigningCertificate_RefusesStartUp_WithOneLine()
    {
        var missing = Path.Combine(Repo.TempDirectory(), "none.p12");
        await File.WriteAllTextAsync(missing, "not a certificate");
        var error = new StringWriter();

        var code = await Commands.RunAsync(["--Cap:SigningCertificatePath", missing, "--Paths:Data", Repo.TempDirectory(), "--OpenMeteo:RunAtStartup", "false",
            "--OpenMeteoArchive:Enabled", "false"], output: new StringWriter(), error: error);

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains($"Cap:SigningCertificatePath = '{missing}': cannot read it as a PKCS#12 certificate", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(bool Ok, string Output)> Xmlsec1Async(string trustedPem, string file)
    {
        if (!File.Exists("/usr/bin/xmlsec1"))
        {
            throw new InvalidOperationException("xmlsec1 is not installed: run `sudo apt-get install xmlsec1` (tests/run.sh installs it).");
        }

        using var process = Process.Start(new ProcessStartInfo("/usr/bin/xmlsec1", ["--verify", "--trusted-pem", trustedPem, file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode == 0, await stdout + await stderr);
    }
}
