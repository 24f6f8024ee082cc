namespace ClimateWarn.Core.Hazards;

/// <summary>The registered hazards, in registration order: everything that iterates hazards iterates these.</summary>
public sealed class HazardRegistry
{
    private readonly Dictionary<string, HazardDefinition> _bySlug = new(StringComparer.Ordinal);

    public HazardRegistry(IEnumerable<HazardDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var d in definitions)
        {
            if (!_bySlug.TryAdd(d.Slug, d))
            {
                throw new ArgumentException($"hazard '{d.Slug}' is registered twice", nameof(definitions));
            }

            // The code makes the warning identifier and CAP's CMA_WARNING_TYPE: two hazards sharing one would share ids.
            if (_all.FirstOrDefault(o => o.Code == d.Code) is { } other)
            {
                throw new ArgumentException($"hazard '{d.Slug}' has type code {d.Code}, which '{other.Slug}' already has", nameof(definitions));
            }

            _all.Add(d);
        }
    }

    private readonly List<HazardDefinition> _all = [];

    public IReadOnlyList<HazardDefinition> All => _all;

    public HazardDefinition Get(string slug) =>
        _bySlug.TryGetValue(slug, out var d) ? d : throw new KeyNotFoundException($"no hazard '{slug}' is registered");

    public bool TryGet(string? slug, out HazardDefinition definition)
    {
        definition = null!;
        return slug is not null && _bySlug.TryGetValue(slug, out definition!);
    }

    public string NameZh(string slug) => TryGet(slug, out var d) ? d.NameZh : slug;

    public string NameEn(string slug) => TryGet(slug, out var d) ? d.NameEn : slug;
}

/// <summary>The rules in force: one per registered hazard, each with its thresholds and the version they came from.</summary>
public sealed class HazardTable(IReadOnlyList<HazardRule> rules)
{
    public IReadOnlyList<HazardRule> Rules { get; } = rules;

    public HazardRule Rule(string slug) => Rules.FirstOrDefault(r => r.Slug == slug) ?? throw new KeyNotFoundException($"no rule for hazard '{slug}'");

    /// <summary>The thresholds of one hazard, typed (the frost model reads the frost table, say).</summary>
    public TThresholds Thresholds<TThresholds>(string slug)
        where TThresholds : class, IHazardThresholds =>
        Rule(slug).Thresholds as TThresholds ?? throw new InvalidCastException($"hazard '{slug}' has no {typeof(TThresholds).Name} thresholds");

    public IReadOnlyDictionary<string, string> Versions => Rules.ToDictionary(r => r.Slug, r => r.Version, StringComparer.Ordinal);

    /// <summary>Every rule on one window; only hazards that reach a level are returned.</summary>
    public IReadOnlyList<HazardSignal> AssessAll(AssessmentWindow window) =>
        [.. Rules.Select(r => r.Assess(window)).OfType<HazardSignal>()];

    /// <summary>Every problem with the table, each naming the hazard, the field, the limit and the value.</summary>
    public IReadOnlyList<string> Validate() => [.. Rules.SelectMany(r => r.Validate())];
}

/// <summary>Signal colours in words.</summary>
public static class SignalLevels
{
    public static string Zh(SignalLevel level) => level switch
    {
        SignalLevel.Blue => "蓝色",
        SignalLevel.Yellow => "黄色",
        SignalLevel.Orange => "橙色",
        SignalLevel.Red => "红色",
        _ => "无",
    };

    public static string En(SignalLevel level) => level switch
    {
        SignalLevel.Blue => "blue",
        SignalLevel.Yellow => "yellow",
        SignalLevel.Orange => "orange",
        SignalLevel.Red => "red",
        _ => "none",
    };
}
