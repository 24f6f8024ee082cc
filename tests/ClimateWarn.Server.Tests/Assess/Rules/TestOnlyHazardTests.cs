using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using ClimateWarn.Core.Cap;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Assess.Rules;

/// <summary>
/// One place for a hazard: a hazard that exists only in this file (its definition, thresholds and rule), plus its two
/// config files, registered by the test host, is assessed, warned, pushed over SignalR, written as valid CAP and listed
/// by /api/hazards — without any other file of the server knowing it.
/// </summary>
public sealed class TestOnlyHazardTests
{
    /// <summary>Test-only: murk whenever the visibility falls to or below a level's value.</summary>
    public sealed record MurkLevel(double VisibilityAtMostM);

    public sealed record MurkThresholds(LevelTable<MurkLevel> Levels) : IHazardThresholds
    {
        public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

        public IEnumerable<string> Validate(string path) =>
            Levels?.Ascending().Where(l => l.Criteria.VisibilityAtMostM is < 0 or > 50_000)
                .Select(l => $"{path}.levels.{SignalLevels.En(l.Level)}.visibilityAtMostM = {l.Criteria.VisibilityAtMostM} is outside [0, 50000]") ?? [];
    }

    public sealed class MurkHazard : HazardDefinition<MurkThresholds>
    {
        public override string Slug => "test-murk";

        public override string Code => "90";

        public override string NameZh => "测试能见度";

        public override string NameEn => "test murk";

        public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Yellow, SignalLevel.Orange];

        public override MilderWhen Eases => MilderWhen.Higher;

        public override string Unit => "m";

        public override string CauseZh(double value) => $"能见度将降至{value:0}米";

        public override string CauseEn(double value) => $"can expect visibility down to {value:0} m";

        public override HazardSignal? Assess(AssessmentWindow window, MurkThresholds thresholds)
        {
            var visibility = window.Weather[WeatherVariables.Visibility];
            var (from, to) = window.Ahead(24);
            foreach (var (level, c) in thresholds.Levels.Descending())
            {
                for (var i = from; i < to; i++)
                {
                    if (visibility[i] <= c.VisibilityAtMostM)
                    {
                        return new HazardSignal(Slug, level, window.Weather.TimeAt(i), window.Weather.TimeAt(to), visibility[i], "test: murk");
                    }
                }
            }

            return null;
        }
    }

    /// <summary>Zhongning's cells at 150 m visibility for the next day, nothing else.</summary>
    private sealed class MurkySource : IForecastSource
    {
        public string Name => "test-murky";

        public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var points = district.Code != TestPlaces.Zhongning.Code ? [] : district.Cells.SelectMany(c => Enumerable.Range(1, 24).Select(h =>
                new TimeSeriesPoint(Measurements.Forecast, new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = c.Id, [Tags.Source] = Name },
                    new Dictionary<string, double>(StringComparer.Ordinal) { [WeatherVariables.Visibility] = 150, [WeatherVariables.Temperature2m] = 15 },
                    now.AddHours(h)))).ToList();
            return Task.FromResult(new SourceBatch(points, 0, 0, []));
        }
    }

    [Fact]
    public async Task RegisteredByTheHost_IsAssessedWarnedPushedAndWrittenAsValidCap()
    {
        var config = Repo.CopyOfConfig();
        await File.WriteAllTextAsync(Path.Combine(config, "hazards", "test-murk.json"), """
            { "hazard": "test-murk", "version": "test", "source": "a test-only hazard", "audiences": ["agriculture"],
              "tables": { "national": { "levels": { "yellow": { "visibilityAtMostM": 500 }, "orange": { "visibilityAtMostM": 200 } } } } }
            """);
        await File.WriteAllTextAsync(Path.Combine(config, "guidance", "test-murk.json"), """
            { "hazard": "test-murk", "note": "test-only",
              "levels": { "yellow": { "zh": ["谨慎驾驶"], "en": ["Drive with care"] }, "orange": { "zh": ["减少外出"], "en": ["Stay indoors"] } } }
            """);
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Paths:Config"] = config,
            ["Paths:Models"] = Path.Combine(Repo.Root, "models"),
            ["Paths:Replay"] = Path.Combine(Repo.Root, "data", "stations", "isd-lite"),
            ["Replay:Start"] = "Manual",
            ["Warnings:ApprovalFrom:test-murk"] = "None",
        }, s => s.AddHazards(new MurkHazard()));
        await using var listener = await server.ListenAsync("agriculture", TestPlaces.Zhongning.Code);

        await server.Service<Ingestor>().RunAsync(new MurkySource(), server.Service<PipelineClock>().Now, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(await Eventually.HoldsAsync(() => !listener.Events.IsEmpty, TimeSpan.FromSeconds(30)), "no push arrived");
        var (kind, warning) = Assert.Single(listener.Events);
        Assert.Equal(("WarningIssued", "test-murk", SignalLevel.Orange), (kind, warning.Hazard, warning.Level));
        Assert.Contains("测试能见度橙色预警信号", warning.HeadlineZh, StringComparison.Ordinal);
        Assert.Contains("能见度将降至150米", warning.DescriptionZh, StringComparison.Ordinal);
        Assert.StartsWith("640521416" + "90", warning.Id, StringComparison.Ordinal);

        var cap = XDocument.Parse(await server.Http.GetStringAsync($"/api/warnings/{Uri.EscapeDataString(warning.Id)}/cap"));
        Assert.Empty(CapSchema.Errors(cap));
        var info = cap.Root!.Elements(CapDocument.Ns + "info").First();
        Assert.Equal("测试能见度", info.Element(CapDocument.Ns + "event")!.Value);
        Assert.Contains(info.Elements(CapDocument.Ns + "eventCode"), e => e.Element(CapDocument.Ns + "value")!.Value == "90");

        var hazards = await server.Http.GetFromJsonAsync<JsonElement>("/api/hazards");
        var listed = hazards.EnumerateArray().Single(h => h.GetProperty("hazard").GetString() == "test-murk");
        Assert.Equal(["yellow", "orange"], listed.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("higher", listed.GetProperty("milderWhen").GetString());
    }

    [Fact]
    public void WithoutItsConfigFile_TheHostRefusesToStart_NamingTheFile()
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => ClimateWarn.Server.Hosting.ClimateWarnHost.Create([], b =>
        {
            b.Configuration["Paths:Data"] = Repo.TempDirectory();
            b.Services.AddHazards(new MurkHazard());
        }));

        Assert.Contains(Path.Combine("hazards", "test-murk.json") + ": file not found", ex.Message, StringComparison.Ordinal);
    }
}
