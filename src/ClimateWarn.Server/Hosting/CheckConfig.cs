using System.CommandLine;
using System.Globalization;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteo;
using ClimateWarn.Server.Ingest.Replay;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// `check-config [--Paths:Config=…]`: loads everything the server loads at start-up, through the same composition root
/// (so it refuses exactly what the server refuses, with exit 78), without opening a port or starting a job, and prints
/// what a bureau configured: the city, its districts with their grid cells and stations, townships, hazards and their
/// tables, crops, health groups, models, the station records a replay would use, and what is missing and what that means.
/// </summary>
public static class CheckConfig
{
    public static Command Create(Func<TextWriter, CancellationToken, Task<int>> check)
    {
        var command = new Command("check-config", "Load the bureau's configuration as the server would and print a summary of it, and what is missing");
        command.SetAction((result, ct) => check(result.InvocationConfiguration.Output, ct));
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> settings, Action<IConfigurationBuilder>? configure, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        WebApplication app;
        try
        {
            app = ClimateWarnHost.Create([.. settings], b =>
            {
                configure?.Invoke(b.Configuration);
                b.Logging.SetMinimumLevel(LogLevel.Error);   // what start-up would warn about is in the summary's "Missing"
            });
        }
        catch (Exception ex) when (ex is StartupConfigurationException || StartupDataException.Find(ex) is not null)
        {
            await error.WriteLineAsync(StartupDataException.Find(ex)?.Message ?? ex.Message);
            await error.WriteLineAsync("配置有误，服务器不会启动 The server would refuse to start with this configuration (exit 78).");
            return ExitCodes.ConfigurationError;
        }

        await using (app)
        {
            await output.WriteAsync(Describe(app.Services));
        }

        return ExitCodes.Success;
    }

    /// <summary>The summary of a composed (not started) server.</summary>
    public static string Describe(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var paths = services.GetRequiredService<ResolvedPaths>();
        var places = services.GetRequiredService<PlaceCatalog>();
        var hazards = services.GetRequiredService<HazardConfiguration>();
        var guidance = services.GetRequiredService<GuidanceCatalog>();
        var advice = services.GetRequiredService<AdviceCatalog>();
        var cap = services.GetRequiredService<IOptions<CapOptions>>().Value;
        var scorers = services.GetServices<IRiskScorer>().ToList();
        var c = places.City;
        var missing = new List<string>();
        var o = new StringWriter(CultureInfo.InvariantCulture);

        o.WriteLine($"Configuration 配置: {paths.Config}");
        o.WriteLine($"  Data 数据: {paths.Data} · Models 模型: {paths.Models} · Replay records 回放记录: {paths.Replay}");
        if (DataDirectoryOwner.Read(paths.Data) is { } owner && owner != places.City.Code)
        {
            missing.Add($"the data directory {paths.Data} belongs to bureau {owner}: the server would refuse to start on it; give this bureau its own (--Paths:Data=<folder>)");
        }
        o.WriteLine();
        o.WriteLine($"Bureau 气象局: {c.Code} {c.NameZh} / {c.NameEn} · {c.ObservatoryZh} / {c.ObservatoryEn}");
        o.WriteLine($"  Page title 页面标题: {c.TitleZh} / {c.TitleEn} · languages 语言: {string.Join(", ", c.Languages)} · default district 默认区县: {c.DefaultDistrict}");
        var sender = CapEndpoints.Sender(cap, places).Sender;
        o.WriteLine($"  CAP sender: {sender}{(cap.Sender is not null ? " (Cap:Sender)" : c.CapSender is not null ? " (city.capSender)" : " (city code + 416)")}");
        if (cap.Sender is null && c.CapSender is null)
        {
            missing.Add($"city.capSender is not set: CAP documents are sent as {sender} (the city code + 416); set the bureau's registered sender in districts.json or Cap:Sender");
        }

        o.WriteLine();
        o.WriteLine($"Districts 区县 ({places.Districts.Count}):");
        foreach (var d in places.Districts)
        {
            var isd = d.Station.IsdId is { } id ? $", ISD-Lite {id}" : ", no ISD-Lite record (isdId)";
            var catchment = d.Catchment is { } k ? string.Create(CultureInfo.InvariantCulture, $"catchment {k.Name} ({k.FloodThresholdM3s} m³/s)") : "no catchment";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {d.Code} {d.NameZh} / {d.NameEn}: seat {d.Seat.Lon:0.####}, {d.Seat.Lat:0.####}; {d.Cells.Count} grid cells; station {d.Station.Id} {d.Station.NameZh}{isd}; {d.Townships.Count} townships; {catchment}"));
        }

        var townships = places.Districts.Sum(d => d.Townships.Count);
        o.WriteLine(townships > 0
            ? $"Townships 乡镇: {townships}; farmers subscribe by township"
            : "Townships 乡镇: none; farmers subscribe by district");
        if (townships == 0)
        {
            missing.Add("no township list (townshipFile): farmers choose their district, not their township; add a township CSV to let them choose finer");
        }

        foreach (var d in places.Districts.Where(d => d.Catchment is null))
        {
            missing.Add($"{d.Code} {d.NameZh} has no catchment: no flood probabilities there (heavy rain and drought are still scored)");
        }

        o.WriteLine();
        o.WriteLine($"Hazards 灾种 ({hazards.Table.Rules.Count}), table 阈值表 '{Table(services)}':");
        foreach (var rule in hazards.Table.Rules)
        {
            var levels = Enum.GetValues<SignalLevel>().Where(l => l != SignalLevel.None && guidance.Has(rule.Slug, l)).Select(SignalLevels.En);
            o.WriteLine($"  {rule.Slug} {rule.Definition.NameZh}: {rule.Version}; levels with guidance {string.Join(", ", levels)}; audiences {string.Join(", ", hazards.Audiences.GetValueOrDefault(rule.Slug) ?? [])}");
        }

        if (hazards.Disabled.Count > 0)
        {
            o.WriteLine($"  disabled by configuration 停用: {string.Join(", ", hazards.Disabled)}");
        }

        o.WriteLine();
        o.WriteLine($"Crops 作物 ({advice.Crops.Count}): {string.Join(", ", advice.Crops.Select(x => $"{x.Key} {x.Value.NameZh}"))}");
        o.WriteLine($"Health groups 人群 ({advice.Groups.Count}): {string.Join(", ", advice.Groups.Select(x => $"{x.Key} {x.Value.NameZh}"))}");
        o.WriteLine($"Models 模型 ({scorers.Count}): {string.Join(", ", scorers.Select(s => $"{s.Model} {s.Version}"))}");
        o.WriteLine();
        Replay(o, paths, places, missing);
        Live(o, services);
        o.WriteLine();
        o.WriteLine("Drought indices 干旱指数 need each station's daily precipitation: import it with `import` (GSOD or CMA daily) before SPI/MCI appear.");
        o.WriteLine();
        if (missing.Count == 0)
        {
            o.WriteLine("Missing 缺少: nothing.");
        }
        else
        {
            o.WriteLine($"Missing 缺少 ({missing.Count}), and what it means:");
            foreach (var m in missing)
            {
                o.WriteLine($"  - {m}");
            }
        }

        o.WriteLine();
        o.WriteLine("OK: the server would start with this configuration. 配置可用。");
        return o.ToString();
    }

    private static string Table(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetSection(HazardOptions.Section).Get<HazardOptions>()?.Table ?? new HazardOptions().Table;

    /// <summary>Which record each district would replay from; a replay that could not start is reported, not fatal (live needs no records).</summary>
    private static void Replay(StringWriter o, ResolvedPaths paths, PlaceCatalog places, List<string> missing)
    {
        try
        {
            var records = new ReplayRecords(paths.Replay, places);
            o.WriteLine($"Replay 回放 ({records.First:yyyy-MM-dd} – {records.Last:yyyy-MM-dd}):");
            foreach (var s in records.Stations)
            {
                o.WriteLine($"  record {s.Usaf}: {(s.IsNeighbour ? "neighbour (training and verification only)" : $"stands for {string.Join(", ", s.Districts)}")}");
            }

            foreach (var use in records.Uses.Where(u => u.Record is null))
            {
                missing.Add($"{use.Code} {use.NameZh}: no station record in {paths.Replay} serves it (isdId {use.IsdId ?? "not set"}), so a replay warns nothing there");
            }
        }
        catch (StartupConfigurationException ex)
        {
            o.WriteLine($"Replay 回放: could not run: {ex.Message}");
            missing.Add("no usable station records for a replay (--replay); the live server is unaffected");
        }
    }

    private static void Live(StringWriter o, IServiceProvider services)
    {
        if (services.GetService<IOptions<OpenMeteoOptions>>()?.Value is { } live)
        {
            o.WriteLine($"Live source 实况/预报来源: Open-Meteo {live.BaseUrl}, cron '{live.Cron}', {live.PastDays} past days, {live.ForecastDays} forecast days");
        }
    }
}
