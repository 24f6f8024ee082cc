using ClimateWarn.Risk.Models;
using Microsoft.ML;

namespace ClimateWarn.Risk.Synthetic;

/// <summary>A loaded model of a defined hazard: pooled engines, the file's version, its input schema checked.</summary>
public sealed class HazardModel<TInput> : RiskModel<TInput>
    where TInput : class, IRiskInput, new()
{
    internal HazardModel(ITransformer model, string version)
        : base(model, version)
    {
    }

    internal static (ITransformer Model, string Version) Read(string path, string hazard, IReadOnlyList<string> features) => LoadChecked(path, hazard, features);
}

public static class HazardModel
{
    public static HazardModel<TInput> Load<TInput>(string path, IHazardDefinition<TInput> hazard)
        where TInput : class, IRiskInput, new()
    {
        ArgumentNullException.ThrowIfNull(hazard);
        var (model, version) = HazardModel<TInput>.Read(path, hazard.Hazard, hazard.FeatureNames);
        return new HazardModel<TInput>(model, version);
    }
}
