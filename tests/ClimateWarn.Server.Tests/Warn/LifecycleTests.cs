using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClimateWarn.Core.Cap;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using ClimateWarn.Core.Hazards.Gale;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>The engine's lifecycle, step by step, each message stored, versioned, referencing the one before, and its CAP valid.</summary>
public sealed partial class LifecycleTests
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")]
    private static partial Regex CapTime();

    private static Task<RunningServer> StartAsync(params (string Key, string Value)[] more)
    {
        // The lifecycle's mechanics on the rule's own hours: widening to whole nights and the minimum validity are tested in ValidityPeriodTests.
        var settings = new Dictionary<string, string?>
        {
            ["Replay:Start"] = "Manual", ["Warnings:ApprovalFrom:frost"] = "None", ["Warnings:ContinueEvery"] = "06:00:00",
            ["Warnings:Overnight"] = "", ["Warnings:MinimumValidity"] = "00:00:00",
        };
        foreach (var (k, v) in more)
        {
            settings[k] = v;
        }

        return RunningServer.StartAsync(replay: true, settings);
    }

    [Fact]
    public async Task IssueContinueUpgradeExtendDowngradeLift_EachAStoredMessageReferencingTheOneBefore()
    {
        await using var server = await StartAsync();
        var board = server.Service<WarningBoard>();
        await board.StepAsync(0, SignalLevel.Blue);                         // issued
        await board.StepAsync(180, SignalLevel.Blue);                       // unchanged: nothing
        await board.StepAsync(360, SignalLevel.Blue);                       // 6 h since the last message: continued
        await board.StepAsync(420, SignalLevel.Yellow);                     // upgraded at once
        await board.StepAsync(480, SignalLevel.Yellow, validHours: 21);     // the frost lasts longer: extended
        await board.StepAsync(540, SignalLevel.Blue, validHours: 21);       // lower: held
        await board.StepAsync(720, SignalLevel.Blue, validHours: 21);       // held 3 h: downgraded
        await board.StepAsync(780, null);                                   // gone: held
        await board.StepAsync(960, null);                                   // held 3 h, still inside the validity: lifted

        var messages = await server.AllMessagesAsync();
        Assert.True(messages.Count == 6, string.Join(" | ", messages.Select(m => $"{m.Action} {m.Level} {m.UpdatedAt:HH:mm} to {m.ValidTo:dd HH:mm}")));
        Assert.Equal(
            [(WarningAction.Issued, SignalLevel.Blue), (WarningAction.Continued, SignalLevel.Blue), (WarningAction.Upgraded, SignalLevel.Yellow),
             (WarningAction.Extended, SignalLevel.Yellow), (WarningAction.Downgraded, SignalLevel.Blue), (WarningAction.Lifted, SignalLevel.Blue)],
            messages.Select(m => (m.Action, m.Level)));
        Assert.Single(messages.Select(m => m.Id).Distinct());
        Assert.Equal([1, 2, 3, 4, 5, 6], messages.Select(m => m.Version));
        Assert.Null(messages[0].References);
        for (var i = 1; i < messages.Count; i++)
        {
            Assert.Equal(messages[i - 1].MessageId, messages[i].References);
        }

        Assert.Equal(BoardDriver.T0.AddHours(21), messages[3].ValidTo);
        Assert.Empty(board.Active);

        // Every CAP document validates; msgType and references follow the chain (each message names all before it).
        var capTypes = new List<string>();
        foreach (var m in messages)
        {
            var xml = XDocument.Parse(await server.Http.GetStringAsync($"/api/warnings/{m.Id}/cap?seq={m.Sequence}"));
            Assert.Empty(CapSchema.Errors(xml));
            var root = xml.Root!;
            Assert.Equal(m.MessageId, root.Element(CapDocument.Ns + "identifier")!.Value);
            Assert.Matches(CapTime(), root.Element(CapDocument.Ns + "sent")!.Value);
            Assert.All(root.Descendants().Where(e => e.Name.LocalName is "effective" or "onset" or "expires"), e => Assert.Matches(CapTime(), e.Value));
            capTypes.Add(root.Element(CapDocument.Ns + "msgType")!.Value);
            var references = root.Element(CapDocument.Ns + "references")?.Value.Split(' ') ?? [];
            Assert.Equal(m.Version - 1, references.Length);
            if (m.References is not null)
            {
                Assert.Contains(references, r => r.Split(',')[1] == m.References);
            }
        }

        Assert.Equal(["Alert", "Update", "Update", "Update", "Update", "Cancel"], capTypes);
    }

    [Fact]
    public async Task SignalGoneAfterTheValidityEnded_Expires()
    {
        await using var server = await StartAsync();
        var board = server.Service<WarningBoard>();
        await board.StepAsync(0, SignalLevel.Yellow);          // valid until T0 + 14 h
        await board.StepAsync(15 * 60, null);                 // validity over, no signal: expires at once

        var messages = await server.AllMessagesAsync();
        Assert.Equal([WarningAction.Issued, WarningAction.Expired], messages.Select(m => m.Action));
        Assert.Contains("到期", messages[1].HeadlineZh, StringComparison.Ordinal);
        var cap = XDocument.Parse(await server.Http.GetStringAsync($"/api/warnings/{messages[1].Id}/cap"));
        Assert.Equal("Cancel", cap.Root!.Element(CapDocument.Ns + "msgType")!.Value);
        Assert.Empty(CapSchema.Errors(cap));
    }

    [Fact]
    public async Task ValueWobblingWithinTheMargin_IsNotDowngraded_EvenAfterTheHoldTime()
    {
        await using var server = await StartAsync(("Warnings:Margins:frost", "1.0"));
        var board = server.Service<WarningBoard>();
        await board.StepAsync(0, SignalLevel.Yellow, value: -3.2);
        for (var m = 60; m <= 600; m += 60)
        {
            await board.StepAsync(m, SignalLevel.Blue, value: -2.8);   // blue, but only 0.4 °C milder: inside the margin
        }

        Assert.Equal([WarningAction.Issued], (await server.AllMessagesAsync()).Select(m => m.Action));

        await board.StepAsync(660, SignalLevel.Blue, value: -2.0);     // 1.2 °C milder: the hold time starts
        await board.StepAsync(840, SignalLevel.Blue, value: -2.0);     // held 3 h: downgraded

        Assert.Equal([WarningAction.Issued, WarningAction.Downgraded], (await server.AllMessagesAsync()).Select(m => m.Action));
    }

    [Fact]
    public async Task SeveralHazards_ForOneDistrict_CombineIntoOneBulletin()
    {
        await using var server = await StartAsync(("Warnings:ApprovalFrom:gale", "None"));
        var board = server.Service<WarningBoard>();
        await board.StepAsync(0, SignalLevel.Yellow);
        await board.StepAsync(1, SignalLevel.Blue, value: 12, hazard: GaleHazard.Id);
        await board.StepAsync(2, SignalLevel.Blue, district: TestPlaces.Catalog.GetDistrict("640522"));

        var bulletins = await server.Http.GetFromJsonAsync<List<Bulletin>>("/api/bulletins", WarningJson.Options);

        Assert.Equal(2, bulletins!.Count);
        var zhongning = Assert.Single(bulletins, b => b.Districts.SequenceEqual(["640521"]));
        Assert.Equal(2, zhongning.WarningIds.Count);
        Assert.Contains("中宁县", zhongning.TextZh, StringComparison.Ordinal);
        Assert.Contains("霜冻黄色、大风蓝色预警信号正在生效", zhongning.TextZh, StringComparison.Ordinal);
        Assert.Contains("Zhongning", zhongning.TextEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_KeepsTheSequenceAndTheWarningsInForce()
    {
        string data;
        await using (var first = await StartAsync())
        {
            await first.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue);
            await first.Service<WarningBoard>().StepAsync(60, SignalLevel.Yellow);
            data = first.DataDirectory;
        }

        await using var second = await StartAsync(("Paths:Data", data));
        var board = second.Service<WarningBoard>();
        Assert.Equal(2, board.LastSequence);
        var active = Assert.Single(board.Active);
        Assert.Equal(SignalLevel.Yellow, active.Level);

        await board.StepAsync(120, SignalLevel.Orange);
        var last = (await second.AllMessagesAsync())[^1];
        Assert.Equal((3L, 3, WarningAction.Upgraded, active.MessageId), (last.Sequence, last.Version, last.Action, last.References));
    }
}
