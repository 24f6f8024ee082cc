using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.Replay;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Ingest.Replay;

/// <summary>
/// A replay restarted on the same data directory resumes from its stored simulated time instead of replaying from its
/// first day (which withdrew drafts, published downgrades dated before the messages they referenced and repeated the
/// upgrades); a directory holding later messages but no position is refused; a finished replay stays finished.
/// </summary>
public sealed class ReplayRestartTests
{
    private static Dictionary<string, string?> Settings(string data, string? to) => new()
    {
        ["Paths:Data"] = data,
        ["Replay:Start"] = "Auto",
        ["Replay:StartDelay"] = "00:00:00",
        ["Replay:Speed"] = "1000000000",
        ["Replay:From"] = "2021-03-15T00:00:00Z",
        ["Replay:To"] = to,
        ["Warnings:ApprovalFrom:frost"] = "None",
    };

    private static async Task<IReadOnlyList<Warning>> RunAsync(string data, string? to)
    {
        await using var server = await RunningServer.StartAsync(replay: true, Settings(data, to));
        await server.ReplayFinishedAsync(TimeSpan.FromMinutes(2));
        return await server.AllMessagesAsync();
    }

    [Fact]
    public async Task RestartedReplay_ResumesWhereItStopped_AndAFinishedReplayAddsNothing()
    {
        var data = Repo.TempDirectory();
        var first = await RunAsync(data, "2021-03-23T00:00:00Z");
        Assert.NotEmpty(first);
        Assert.True(File.Exists(Path.Combine(data, ReplayPosition.FileName)), "the replay stores its simulated position in the data directory");

        var second = await RunAsync(data, to: null);
        Assert.True(second.Count > first.Count, $"the rest of March publishes more messages ({first.Count} before the restart, {second.Count} after)");
        Assert.Equal(first.Select(m => m.Sequence), second.Take(first.Count).Select(m => m.Sequence));

        var byMessageId = second.Where(m => m.MessageId is not null).ToDictionary(m => m.MessageId!);
        for (var i = 1; i < second.Count; i++)
        {
            Assert.True(second[i].Sequence > second[i - 1].Sequence, "the sequence only grows");
            Assert.True(second[i].UpdatedAt >= second[i - 1].UpdatedAt,
                $"#{second[i].Sequence} {second[i].Action} is dated {second[i].UpdatedAt:u}, before #{second[i - 1].Sequence} ({second[i - 1].UpdatedAt:u})");
        }

        foreach (var m in second.Where(m => m.References is not null))
        {
            var referenced = byMessageId[m.References!];
            Assert.True(m.UpdatedAt >= referenced.UpdatedAt, $"#{m.Sequence} {m.Action} ({m.UpdatedAt:u}) is dated before the message it references ({referenced.UpdatedAt:u})");
        }

        var issues = second.Where(m => m.Action is WarningAction.Issued or WarningAction.Upgraded)
            .GroupBy(m => (m.Hazard, District: m.Districts[0], m.Level, m.ValidFrom, m.ValidTo)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(issues);

        var third = await RunAsync(data, to: null);
        Assert.Equal(second.Select(m => $"{m.Sequence}:{m.Id}:{m.Action}"), third.Select(m => $"{m.Sequence}:{m.Id}:{m.Action}"));
    }

    [Fact]
    public async Task DirectoryWithLaterMessagesButNoPosition_IsRefusedWithExit78NamingTheDirectory()
    {
        var data = Repo.TempDirectory();
        var first = await RunAsync(data, "2021-03-23T00:00:00Z");
        Assert.NotEmpty(first);
        File.Delete(Path.Combine(data, ReplayPosition.FileName));

        var all = Settings(data, to: null);
        all["Urls"] = "http://127.0.0.1:0";
        using var error = new StringWriter();
        var code = await ClimateWarnHost.RunAsync(["--replay"], b =>
        {
            b.Configuration.AddInMemoryCollection(all);
            b.Logging.ClearProviders();
        }, error).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains(data, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Paths:Data", error.ToString(), StringComparison.Ordinal);
    }
}
