using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Assess.Models;

/// <summary>A server refuses to start without every model: tests that bring their own frost model copy the committed others.</summary>
internal static class CommittedModels
{
    private static readonly Lazy<IndicesConfig> Indices = new(() => IndicesConfig.Load(Repo.Config));

    /// <summary>The drought-index settings of the committed configuration, the ones the committed models were trained with.</summary>
    public static DroughtIndexSettings DroughtSettings => new(Indices.Value.MciWeights, Indices.Value.Ka, Indices.Value.MinimumNonZeroSums);

    public static void CopySynthetic(string models)
    {
        foreach (var hazard in SyntheticHazards.Names)
        {
            Directory.CreateDirectory(Path.Combine(models, hazard));
            foreach (var file in new[] { "model.zip", "card.json" })
            {
                File.Copy(Path.Combine(Repo.Root, "models", hazard, file), Path.Combine(models, hazard, file), overwrite: true);
            }
        }
    }
}

/// <summary>The reload contract every scorer keeps, asserted once.</summary>
internal static class ModelReload
{
    /// <summary>Moves a replacement over the model file and waits for the scorer to take it; then an invalid file must be refused.</summary>
    public static async Task AssertPickedUpAndInvalidRefusedAsync(string file, byte[] replacement, string replacementVersion, Func<string> version, Func<bool> reload)
    {
        var before = version();
        Assert.NotEqual(before, replacementVersion);

        await File.WriteAllBytesAsync(file + ".tmp", replacement);
        File.Move(file + ".tmp", file, overwrite: true);
        await Eventually.UntilAsync(() => version() != before, TimeSpan.FromSeconds(30), "the scorer takes the replacement model");

        Assert.Equal(replacementVersion, version());

        await File.WriteAllTextAsync(file, "not a model");
        Assert.False(reload());
        Assert.Equal(replacementVersion, version());
    }
}
