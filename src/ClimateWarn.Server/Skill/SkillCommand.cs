using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Skill;

/// <summary>
/// `verify skill [--days N] [--json]`: the skill table of this data directory's forecast archive against its observations
/// (the same as GET /api/skill), printed for a terminal or as JSON.
/// </summary>
public static class SkillCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(VerbHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var days = new Option<int>("--days")
        {
            Description = "How many days back the archive is read (1–366)",
            DefaultValueFactory = _ => 30,
        };
        days.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 366)
            {
                r.AddError("--days takes a number of days from 1 to 366");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print the table as JSON" };
        var command = new Command("skill", "The forecast archive against the observations: per source, hazard, level and lead day, and each warning issued") { days, json };
        command.SetAction((result, ct) => host(
            async (services, token) =>
            {
                var output = result.InvocationConfiguration.Output;
                // A fresh data directory has no warnings database yet: bring it to the current schema, as the server would.
                await WarningsDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<WarningsDb>>(), token);
                var report = await services.GetRequiredService<SkillTable>().ComputeAsync(result.GetValue(days), token);
                if (result.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
                    return ExitCodes.Success;
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"verify skill: {report.From:yyyy-MM-dd HH:mm} – {report.Now:yyyy-MM-dd HH:mm} UTC, {report.Rows.Count} rows, {report.Warnings.Count} warnings"));
                await output.WriteLineAsync(report.NoteEn);
                if (report.Rows.Count == 0)
                {
                    await output.WriteLineAsync("no archived forecast can be verified yet");
                }
                else
                {
                    await output.WriteLineAsync("source                         | hazard      | level  | lead | pairs | events | hits | f.al | miss | POD   | FAR   | CSI   | Brier | BSS");
                    foreach (var r in report.Rows)
                    {
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"{(r.Kind + " " + r.Model),-30} | {r.Hazard,-11} | {r.Level,-6} | {r.LeadDay,4} | {r.Pairs,5} | {r.Events,6} | {r.Hits,4} | {r.FalseAlarms,4} | {r.Misses,4} | {F(r.Pod)} | {F(r.Far)} | {F(r.Csi)} | {F(r.Brier)} | {F(r.BrierSkill)}"));
                    }
                }

                foreach (var w in report.Warnings)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"warning {w.Id} {w.District} {w.Hazard} {w.Level}: {(w.Verified is null ? "no observations" : w.Verified.Value ? "verified" : "not verified")}{(w.LeadHours is { } h ? $", lead {h} h" : string.Empty)}"));
                }

                return ExitCodes.Success;
            },
            ct));
        return command;
    }

    private static string F(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(5) : "  —  ";
}
