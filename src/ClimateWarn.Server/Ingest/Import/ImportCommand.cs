using System.CommandLine;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.IsdLite;

namespace ClimateWarn.Server.Ingest.Import;

/// <summary>`import --format &lt;isd-lite|gsod|cma-daily|open-meteo-archive&gt; [--place &lt;grid cell&gt;] &lt;files…&gt;`.</summary>
public static class ImportCommand
{
    public static readonly IReadOnlyList<string> Formats = ["isd-lite", "gsod", "cma-daily", "open-meteo-archive"];

    public static Command Create(VerbHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var format = new Option<string>("--format")
        {
            Description = "The files' format",
            HelpName = string.Join('|', Formats),
            Required = true,
        };
        format.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (!Formats.Contains(value))
            {
                r.AddError($"--format must be one of {string.Join(", ", Formats)} (got '{value}')");
            }
        });
        var place = new Option<string>("--place")
        {
            Description = "The grid cell an open-meteo-archive file belongs to, e.g. <district code>-seat (GET /api/districts lists them)",
            HelpName = "grid cell",
        };
        var files = new Argument<string[]>("files")
        {
            Description = "The files to import (relative paths also from the repository root)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("import", "Load station or archive history into the store; every batch is written to the ledger")
        {
            format, place, files,
        };
        // Command validators run before the options' own checks, so they read tokens: a value may not have parsed.
        command.Validators.Add(r =>
        {
            if (r.GetResult(format)?.Tokens is [{ Value: "open-meteo-archive" }] && r.GetResult(place) is null)
            {
                r.AddError("open-meteo-archive needs --place <grid cell id>, e.g. --place <district code>-seat (GET /api/districts lists the districts)");
            }
        });
        command.SetAction((result, ct) => host(
            (services, token) => RunAsync(services, result.GetRequiredValue(format), result.GetValue(place), result.GetRequiredValue(files),
                result.InvocationConfiguration.Output, token),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string format, string? place, string[] names, TextWriter output,
        CancellationToken cancellationToken)
    {
        var paths = services.GetRequiredService<ResolvedPaths>();
        var files = names.Select(paths.File).ToList();
        if (StationFiles.Missing(files) is { } missing)
        {
            await output.WriteLineAsync($"import: file not found: {missing}");
            return ExitCodes.Usage;
        }

        IHistoryParser parser;
        try
        {
            parser = Parser(format, place, services.GetRequiredService<PlaceCatalog>());
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync("import: " + ex.Message);
            return ExitCodes.Usage;
        }

        var importer = services.GetRequiredService<HistoryImporter>();
        foreach (var file in files)
        {
            var report = await importer.ImportAsync(parser, file, cancellationToken);
            await output.WriteLineAsync($"{file}: {report.Written} points imported, {report.Rejected} rows rejected");
            foreach (var problem in report.Problems.Take(50))
            {
                await output.WriteLineAsync("  " + problem);
            }

            if (report.Problems.Count > 50)
            {
                await output.WriteLineAsync($"  … and {report.Rejected - 50} more");
            }
        }

        return ExitCodes.Success;
    }

    private static IHistoryParser Parser(string format, string? place, PlaceCatalog places) => format switch
    {
        "isd-lite" => new IsdLiteHistoryParser(),
        "gsod" => new GsodParser(),
        "cma-daily" => new CmaDailyParser(),
        _ when place is null => throw new ArgumentException("open-meteo-archive needs --place <grid cell id>, e.g. --place <district code>-seat (GET /api/districts lists the districts)"),
        _ => new OpenMeteoArchiveParser(Cell(places, place)),
    };

    private static GridCell Cell(PlaceCatalog places, string id)
    {
        try
        {
            return places.GetCell(id);
        }
        catch (UnknownPlaceException ex)
        {
            throw new ArgumentException(ex.Message, nameof(id), ex);
        }
    }
}
