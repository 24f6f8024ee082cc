using System.Text.Json;
using ClimateWarn.Core.Indices;
using ClimateWarn.Risk.Synthetic;

namespace ClimateWarn.Risk.Tests.Support;

/// <summary>
/// The drought-index settings of the committed config/indices.json, the ones the committed models were trained with.
/// Read here with System.Text.Json: the Server's validating loader is a layer above what these tests may reference.
/// </summary>
public static class CommittedConfig
{
    private static readonly Lazy<DroughtIndexSettings> Settings = new(Read);

    public static DroughtIndexSettings DroughtSettings => Settings.Value;

    private static DroughtIndexSettings Read()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Config, "indices.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = json.RootElement;
        var w = root.GetProperty("weights");
        return new DroughtIndexSettings(
            new MciWeights(w.GetProperty("a").GetDouble(), w.GetProperty("b").GetDouble(), w.GetProperty("c").GetDouble(), w.GetProperty("d").GetDouble()),
            [.. root.GetProperty("ka").EnumerateArray().Select(k => k.GetDouble())],
            root.GetProperty("minimumNonZeroSums").GetInt32());
    }
}
