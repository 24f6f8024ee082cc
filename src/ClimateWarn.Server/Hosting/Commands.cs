using System.CommandLine;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.Import;
using ClimateWarn.Server.Skill;
using ClimateWarn.Server.Store.Ops;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// The command line: `dotnet run --project src/ClimateWarn.Server -- [--replay] [verb …] [--Section:Key value | --Section:Key=value]…`.
/// Without a verb it serves; each verb's command (options, validation, action) is defined in its own folder and
/// composed here. Configuration settings are taken out first and reach the server and every verb alike.
/// </summary>
public static class Commands
{
    private const string Replay = "--replay";

    /// <summary>The programmatic entry: Program.cs, the tests and the benchmarks all come in here.</summary>
    public static async Task<int> RunAsync(string[] args, Action<IConfigurationBuilder>? configure = null, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        var (settings, rest, problem) = ConfigurationArguments.Split(args);
        if (problem is not null)
        {
            await error.WriteLineAsync($"{CommandLineErrors.Program}: {problem}");
            return ExitCodes.Usage;
        }

        var root = Root(
            (work, ct) => VerbsHost.RunAsync(settings, configure, error, work, ct),
            (replay, _) => ClimateWarnHost.RunAsync([.. settings, .. replay ? [Replay] : Array.Empty<string>()], b => configure?.Invoke(b.Configuration), error),
            (writer, _) => CheckConfig.RunAsync(settings, configure, writer, error));
        var result = root.Parse([.. rest]);
        if (CommandLineErrors.Describe(result) is { } message)
        {
            await error.WriteLineAsync(message);
            return ExitCodes.Usage;
        }

        return await result.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // An exception is a bug to see with its stack trace, as before, not a line and exit code 1.
            EnableDefaultExceptionHandler = false,
            // The host's own console lifetime answers Ctrl+C and SIGTERM, draining the store and deliveries first.
            ProcessTerminationTimeout = null,
        });
    }

    internal static RootCommand Root(VerbHost verbs, Func<bool, CancellationToken, Task<int>> serve, Func<TextWriter, CancellationToken, Task<int>> checkConfig)
    {
        var replay = new Option<bool>(Replay)
        {
            Description = "Replay the station records in Paths:Replay (real ISD-Lite observations) through the pipeline instead of live forecasts",
        };
        var root = new RootCommand(
            "ClimateWarn, climate-hazard early warnings. Without a command it serves the dashboards and the API. "
            + "Configuration for the server and every command: --Section:Key value or --Section:Key=value, anywhere on the line "
            + "(e.g. --Storage:Provider Influx, --Replay:Speed=86400).")
        {
            replay,
            ImportCommand.Create(verbs),
            ReconcileCommand.Create(verbs),
            TrainCommand.Create(verbs),
            WithSkill(VerifyCommand.Create(verbs), verbs),
            UsersCommand.Create(verbs),
            CheckConfig.Create(checkConfig),
        };
        root.SetAction((result, ct) => serve(result.GetValue(replay), ct));
        return root;
    }

    /// <summary>`verify skill`: the archive's skill table, a subcommand of verify (Skill comes after Assess, so it is joined here).</summary>
    private static Command WithSkill(Command verify, VerbHost verbs)
    {
        verify.Subcommands.Add(SkillCommand.Create(verbs));
        return verify;
    }
}
