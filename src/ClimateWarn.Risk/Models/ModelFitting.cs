using System.Globalization;
using ClimateWarn.Risk.Cards;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace ClimateWarn.Risk.Models;

/// <summary>The FastTree settings of one model: what the card lists and what the trainer gets, from one place.</summary>
public sealed record FastTreeSettings(int Trees, int Leaves, int MinimumExampleCountPerLeaf, double LearningRate, int Seed)
{
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NumberOfTrees"] = Trees.ToString(CultureInfo.InvariantCulture), ["NumberOfLeaves"] = Leaves.ToString(CultureInfo.InvariantCulture),
        ["MinimumExampleCountPerLeaf"] = MinimumExampleCountPerLeaf.ToString(CultureInfo.InvariantCulture),
        ["LearningRate"] = LearningRate.ToString(CultureInfo.InvariantCulture), ["NumberOfThreads"] = "1", ["Seed"] = Seed.ToString(CultureInfo.InvariantCulture),
    };

    public const string Trainer = "ML.NET FastTree binary classifier (boosted trees, Platt-calibrated probability)";
}

/// <summary>A trained model file and its card.</summary>
public sealed record TrainedModel(byte[] ModelZip, ModelCard Card);

public sealed record FittedModel<TInput>(byte[] ModelZip, Func<TInput, double> Predict)
    where TInput : class, IRiskInput;

/// <summary>
/// Fits any hazard's model the one way: concatenate the named features, FastTree on one thread with a fixed seed, save
/// and normalise the zip. The same cases in the same order give the same bytes.
/// </summary>
public static class ModelFitting
{
    public static FittedModel<TInput> Fit<TInput>(IEnumerable<TInput> training, IReadOnlyList<string> features, FastTreeSettings settings)
        where TInput : class, IRiskInput
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(settings);
        var ml = new MLContext(seed: settings.Seed);
        var pipeline = ml.Transforms.Concatenate("Features", [.. features])
            .Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = settings.Trees, NumberOfLeaves = settings.Leaves, MinimumExampleCountPerLeaf = settings.MinimumExampleCountPerLeaf,
                LearningRate = settings.LearningRate, NumberOfThreads = 1, Seed = settings.Seed, FeatureSelectionSeed = settings.Seed,
            }));
        var data = ml.Data.LoadFromEnumerable(training);
        var model = pipeline.Fit(data);
        using var zip = new MemoryStream();
        ml.Model.Save(model, data.Schema, zip);
        var engine = ml.Model.CreatePredictionEngine<TInput, RiskPrediction>(model);
        return new FittedModel<TInput>(ModelZip.Normalize(zip.ToArray()), i => engine.Predict(i).Probability);
    }
}
