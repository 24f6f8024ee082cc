using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.IsdLite;

namespace ClimateWarn.Server.Ingest.Import;

/// <summary>`import --format &lt;isd-lite|gsod|cma-daily|open-meteo-archive&gt; [--place &lt;grid cell&gt;] &lt;files…&gt;`.</summary>
public static class ImportCommand
{
    public static readonly IReadOnlyList<string> Formats = ["isd-lite", "gsod", "cma-daily", "open-meteo-archive"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var format = Option(args, "--format");
        var place = Option(args, "--place");
        var paths = services.GetRequiredService<ResolvedPaths>();
        var files = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal)))
            .Select(paths.File).ToList();
        if (format is null || !Formats.Contains(format))
        {
            await output.WriteLineAsync($"import: --format must be one of {string.Join(", ", Formats)} (got '{format}')");
            return Commands.Usage;
        }

        if (files.Count == 0 || StationFiles.Missing(files) is not null)
        {
            await output.WriteLineAsync(files.Count == 0 ? "import: name at least one file" : $"import: file not found: {StationFiles.Missing(files)}");
            return Commands.Usage;
        }

        IHistoryParser parser;
        try
        {
            parser = Parser(format, place, services.GetRequiredService<PlaceCatalog>());
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync("import: " + ex.Message);
            return Commands.Usage;
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

        return 0;
    }

    private static IHistoryParser Parser(string format, string? place, PlaceCatalog places) => format switch
    {
        "isd-lite" => new IsdLiteHistoryParser(),
        "gsod" => new GsodParser(),
        "cma-daily" => new CmaDailyParser(),
        _ when place is null => throw new ArgumentException("open-meteo-archive needs --place <grid cell id>, e.g. --place 640521-seat"),
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

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
