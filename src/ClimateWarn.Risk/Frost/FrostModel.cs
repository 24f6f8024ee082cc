using ClimateWarn.Risk.Models;
using Microsoft.ML;

namespace ClimateWarn.Risk.Frost;

/// <summary>A loaded frost model: the shared pooled <see cref="RiskModel{TInput}"/> on the frost input schema.</summary>
public sealed class FrostModel : RiskModel<FrostRiskInput>
{
    private FrostModel(ITransformer model, string version)
        : base(model, version)
    {
    }

    public static FrostModel Load(string path)
    {
        var (model, version) = LoadChecked(path, "frost", FrostRiskInput.FeatureNames);
        return new FrostModel(model, version);
    }
}
