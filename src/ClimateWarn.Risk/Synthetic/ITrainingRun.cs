namespace ClimateWarn.Risk.Synthetic;

/// <summary>
/// What a hazard model is trained on: each district's daily series (truth and the forecasts issued on it) with one
/// time-ordered split, and the words its card uses for them. Two kinds exist: <see cref="SyntheticRun"/> (the weather
/// generator: made-up truth) and <see cref="Reanalysis.ReanalysisRun"/> (ERA5 days from the archive: real truth, the
/// forecasts still drawn with an assumed error). Whatever the kind, the card says it in its data block and caveats.
/// </summary>
public interface ITrainingRun
{
    IReadOnlyList<SyntheticDistrict> Districts { get; }

    DateOnly FirstDay { get; }

    DateOnly LastDay { get; }

    /// <summary>The first held-out day: training cases end before it, test cases are issued on or after it.</summary>
    DateOnly TestFrom { get; }

    /// <summary>The truth is made up (the card's data.synthetic flag).</summary>
    bool Synthetic { get; }

    /// <summary>The truth is reanalysis (the card's data.reanalysis flag): real weather, not a station's observations.</summary>
    bool Reanalysis { get; }

    /// <summary>The card's data.source sentence.</summary>
    string Source { get; }

    /// <summary>The card's data.files: what exactly was read or generated.</summary>
    IReadOnlyList<string> Files { get; }

    /// <summary>How the held-out span reads in the split sentence, e.g. "the last 25 synthetic years".</summary>
    string HeldOutWords { get; }

    /// <summary>The caveats that open the card, before the event rates and the hazard's own.</summary>
    IReadOnlyList<string> Caveats { get; }

    /// <summary>Whether <paramref name="district"/>'s cases count for <paramref name="hazard"/> (flood needs a configured catchment).</summary>
    bool Takes(string hazard, SyntheticDistrict district);
}
