using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Deliver;

/// <summary>
/// The release platform's file drop: each message as a CAP file under the platform's naming, its acknowledgement read
/// back into the delivery log (accepted, rejected with the platform's code, malformed, never arriving), an unknown
/// acknowledgement set aside, and an operator's "send again". The acknowledgement files are CONSTRUCTED here after the
/// shape in ../shared/research/release-platform.md (/msg/data/rows/{status,error_code,note}).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed partial class ReleasePlatformTests
{
    private static string Ack(int status, string code, string note) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><msg><data><rows><status>{status}</status><error_code>{code}</error_code><note>{note}</note></rows></data></msg>";

    [GeneratedRegex(@"^64050041600000_\d{14}0000000_640500-AMP_640500-OTH_\d{17}_AI-1_\d\.xml$")]
    private static partial Regex PlatformName();

    private static async Task<List<JsonElement>> LogAsync(RunningServer server, string state = "all") =>
        [.. (await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>($"/api/ops/delivery-log?state={state}")).EnumerateArray()
            .Where(d => d.GetProperty("channel").GetString() == "platform")];

    /// <summary>Gales issue without approval; no forecast runs; retries every second of the fake clock.</summary>
    private static Dictionary<string, string?> Settings(string drop, string acks) => TestAccounts.Settings(new()
    {
        ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
        ["OpenMeteo:RunAtStartup"] = "false",
        ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        ["Warnings:ApprovalFrom:gale"] = "None",
        ["ReleasePlatform:Enabled"] = "true",
        ["ReleasePlatform:DropDirectory"] = drop,
        ["ReleasePlatform:AckDirectory"] = acks,
        ["Delivery:RetryDelay"] = "00:00:01",
        ["Delivery:MaxRetryDelay"] = "00:00:05",
        ["Delivery:MaxAttempts"] = "1000",
    });

    [Fact]
    public async Task EachMessage_DroppedOnce_AsValidCap_ThenAcceptedRejectedMalformedOrTimedOut_AndSentAgain()
    {
        var drop = Repo.TempDirectory();
        var acks = Repo.TempDirectory();
        var clock = new FakeTimeProvider(BoardDriver.T0);
        await using var server = await RunningServer.StartAsync(replay: false, Settings(drop, acks), s => s.AddSingleton<TimeProvider>(clock));
        var board = server.Service<WarningBoard>();
        foreach (var code in new[] { "640502", "640521", "640522" })
        {
            await board.StepAsync(0, SignalLevel.Blue, value: 12, district: TestPlaces.Catalog.GetDistrict(code), hazard: "gale");
        }

        await Eventually.UntilAsync(() => Task.FromResult(Directory.GetFiles(drop, "*.xml").Length == 3), TimeSpan.FromSeconds(30), "three CAP files dropped");
        var files = Directory.GetFiles(drop, "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.All(files, f => Assert.Matches(PlatformName(), f));
        foreach (var f in files)
        {
            var cap = XDocument.Load(Path.Combine(drop, f!));
            Assert.Empty(CapSchema.Errors(cap));
        }

        // Retries look for the acknowledgement; they never drop a second file.
        for (var s = 0; s < 20; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.Equal(3, Directory.GetFiles(drop, "*.xml").Length);
        await Eventually.UntilAsync(async () => (await LogAsync(server, "pending")) is { Count: 3 } p
            && p.All(d => d.GetProperty("lastError").GetString()?.Contains("awaiting the platform's acknowledgement", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(30), "each row says it awaits the acknowledgement");

        // Which file is whose: the log's rows carry the warning; the drops are matched back by the CAP identifier's district.
        string FileOf(string district) => files.Single(f => XDocument.Load(Path.Combine(drop, f!)).Descendants().Any(e => e.Name.LocalName == "identifier" && e.Value.StartsWith(district, StringComparison.Ordinal)))!;
        var (accepted, rejected, silent) = (FileOf("640502"), FileOf("640521"), FileOf("640522"));
        await File.WriteAllTextAsync(Path.Combine(acks, Path.GetFileNameWithoutExtension(accepted) + "_ack.xml"), Ack(0, "", "CAP文件上传成功！请发布人员确认国突平台信息！"));
        await File.WriteAllTextAsync(Path.Combine(acks, Path.GetFileNameWithoutExtension(rejected) + "_ack.xml"), Ack(1, "E1002", "区域编码错误"));
        await File.WriteAllTextAsync(Path.Combine(acks, "99999941600000_20210320000000_ack.xml"), Ack(0, "", "not ours"));

        await Eventually.UntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return (await LogAsync(server)).Count(d => d.GetProperty("state").GetString() != "pending") == 2;
        }, TimeSpan.FromSeconds(30), "the accepted and the rejected message are settled");

        var log = await LogAsync(server);
        var parked = Assert.Single(log, d => d.GetProperty("state").GetString() == "parked");
        Assert.Contains("rejected by the release platform: status 1, error_code E1002: 区域编码错误", parked.GetProperty("parked").GetString(), StringComparison.Ordinal);
        Assert.Single(log, d => d.GetProperty("state").GetString() == "delivered");
        Assert.True(File.Exists(Path.Combine(acks, "unmatched", "99999941600000_20210320000000_ack.xml")), "an acknowledgement of an unknown message is set aside");
        Assert.Equal(2, Directory.GetFiles(Path.Combine(acks, "processed")).Length);

        // The third never hears back: parked after ReleasePlatform:AckTimeout (15 min).
        await Eventually.UntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            return (await LogAsync(server, "pending")).Count == 0;
        }, TimeSpan.FromSeconds(60), "the unacknowledged message is parked");
        Assert.Contains(await LogAsync(server, "parked"), d => d.GetProperty("parked").GetString()!.Contains($"no acknowledgement from the release platform within 15 min of dropping {silent}", StringComparison.Ordinal));

        // Send the rejected one again: a watch officer may not, an operator may; a new file, audited; a malformed answer parks it with the reason.
        using (var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.Http.PostAsync($"/api/ops/deliveries/{parked.GetProperty("id").GetInt64()}/resend", null)).StatusCode);
        }

        var http = await server.OperatorHttpAsync();
        using (var again = await http.PostAsync($"/api/ops/deliveries/{parked.GetProperty("id").GetInt64()}/resend", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        await Eventually.UntilAsync(() => Task.FromResult(Directory.GetFiles(drop, "*.xml").Length == 4), TimeSpan.FromSeconds(30), "a new file for the message sent again");
        var fourth = Directory.GetFiles(drop, "*.xml").Select(Path.GetFileName).Single(f => !files.Contains(f))!;
        await File.WriteAllTextAsync(Path.Combine(acks, Path.GetFileNameWithoutExtension(fourth) + "_ack.xml"), "<msg><data><rows><status>ok");
        await Eventually.UntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return (await LogAsync(server, "pending")).Count == 0;
        }, TimeSpan.FromSeconds(30), "the malformed acknowledgement settles it");
        var resent = Assert.Single(await LogAsync(server), d => d.GetProperty("id").GetInt64() == parked.GetProperty("id").GetInt64());
        Assert.Contains($"the platform's acknowledgement {Path.GetFileNameWithoutExtension(fourth)}_ack.xml of {fourth} is malformed: not XML", resent.GetProperty("parked").GetString(), StringComparison.Ordinal);
        var audit = await http.GetFromJsonAsync<JsonElement>("/api/audit?limit=20");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "resend" && a.GetProperty("user").GetString() == "test-operator");
        using var bad = await http.GetAsync("/api/ops/delivery-log?state=lost");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>
    /// A data directory from the version that kept drops as JSON files (&lt;data&gt;/release-platform/{key with ':' as '_'}.json):
    /// the drop is taken into the warnings database on first use, so the message is not dropped a second time, and its
    /// acknowledgement still settles it. The legacy file is CONSTRUCTED here in that version's format.
    /// </summary>
    [Fact]
    public async Task DropsKeptAsFilesByTheEarlierVersion_AreImported_NotDroppedAgain()
    {
        var data = Repo.TempDirectory();
        var drop = Repo.TempDirectory();
        var acks = Repo.TempDirectory();
        var clock = new FakeTimeProvider(BoardDriver.T0);
        var key = $"{WarningBoard.NewId("640502", TestPlaces.Hazards.Get("gale"), BoardDriver.T0)}:1";
        Directory.CreateDirectory(Path.Combine(data, "release-platform"));
        await File.WriteAllTextAsync(Path.Combine(data, "release-platform", key.Replace(':', '_') + ".json"),
            $$"""{"file":"64050041600000_legacy_AI-1_0.xml","dropped":"{{BoardDriver.T0:O}}","ack":null}""");
        var settings = Settings(drop, acks);
        settings["Paths:Data"] = data;
        await using var server = await RunningServer.StartAsync(replay: false, settings, s => s.AddSingleton<TimeProvider>(clock));
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue, value: 12, district: TestPlaces.Catalog.GetDistrict("640502"), hazard: "gale");
        Assert.Equal(key, $"{(await server.AllMessagesAsync())[0].Id}:1");

        await Eventually.UntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return (await LogAsync(server, "pending")) is [var row]
                && row.GetProperty("lastError").GetString()?.Contains("awaiting the platform's acknowledgement of 64050041600000_legacy_AI-1_0.xml", StringComparison.Ordinal) == true;
        }, TimeSpan.FromSeconds(30), "the imported drop is awaited");
        Assert.Empty(Directory.GetFiles(drop, "*.xml"));
        Assert.True(Directory.Exists(Path.Combine(data, "release-platform.imported")), "the old folder is kept, renamed");

        await File.WriteAllTextAsync(Path.Combine(acks, "64050041600000_legacy_AI-1_0_ack.xml"), Ack(0, "", "CAP文件上传成功！"));
        await Eventually.UntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return (await LogAsync(server, "delivered")).Count == 1;
        }, TimeSpan.FromSeconds(30), "its acknowledgement settles it");
        Assert.Empty(Directory.GetFiles(drop, "*.xml"));
    }
}
