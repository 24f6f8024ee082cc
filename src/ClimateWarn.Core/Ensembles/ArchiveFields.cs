using System.Globalization;
using ClimateWarn.Core.Hazards;

namespace ClimateWarn.Core.Ensembles;

/// <summary>
/// How the forecast archive names what each run said (docs/ensembles.md). A run is one point per place and source, stamped
/// with the run's hour, so every run is kept beside the others (two runs for the same valid day differ in their stamp and
/// lead) and the tags stay bounded (place and source; never the run time). Field names carry the model, hazard, level and
/// lead day: <c>ecmwf_ifs025.frost.yellow.d1</c> the share of members meeting frost yellow on lead day 1,
/// <c>ecmwf_ifs025.frost.n.d1</c> how many members could be judged; <c>cma_grapes_global.frost.d1</c> the level a
/// deterministic model reached (0 none … 4 red).
/// </summary>
public static class ArchiveFields
{
    /// <summary>Ensemble probabilities: measurement of the runs of every ensemble model.</summary>
    public const string Ensemble = "ensemble";

    /// <summary>Levels each deterministic model reached: measurement of the runs of the several-models source.</summary>
    public const string Models = "model_signal";

    /// <summary>
    /// The ML models' probabilities (frost, and any model trained on real data with a rule event): measurement of every
    /// assessment run, per district (its highest cell), field <see cref="MlProbability"/>.
    /// </summary>
    public const string MlModels = "ml_probability";

    /// <summary><c>frost.frost.blue.t1</c>: the frost model's probability of the frost-blue event on the day after the run's (Beijing) date.</summary>
    public static string MlProbability(string model, string hazard, SignalLevel level, int dayOffset) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}.{hazard}.{SignalLevels.En(level)}.t{dayOffset}");

    public static string Probability(string model, string hazard, SignalLevel level, int lead) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}.{hazard}.{SignalLevels.En(level)}.d{lead}");

    public static string Judged(string model, string hazard, int lead) => string.Create(CultureInfo.InvariantCulture, $"{model}.{hazard}.n.d{lead}");

    public static string Level(string model, string hazard, int lead) => string.Create(CultureInfo.InvariantCulture, $"{model}.{hazard}.d{lead}");

    /// <summary>Members present in the answer (ensemble) or 1/0 whether the model was in it (several models).</summary>
    public static string Members(string model) => model + ".members";

    /// <summary>Members the configuration expects of the model.</summary>
    public static string Expected(string model) => model + ".expected";
}
