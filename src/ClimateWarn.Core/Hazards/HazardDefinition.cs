using System.Globalization;

namespace ClimateWarn.Core.Hazards;

/// <summary>Which way the hazard's quantity moves as it eases: frost's ground minimum rises, rain and wind fall.</summary>
public enum MilderWhen
{
    Lower,
    Higher,
}

/// <summary>A hazard's thresholds as read from config/hazards/&lt;slug&gt;.json: the levels it configures and its own checks.</summary>
public interface IHazardThresholds
{
    /// <summary>The levels this table configures, mildest first.</summary>
    IEnumerable<SignalLevel> ConfiguredLevels { get; }

    /// <summary>Every problem with the numbers, each naming the field (under <paramref name="path"/>), the limit and the value.</summary>
    IEnumerable<string> Validate(string path);
}

/// <summary>
/// A table with parts for named districts (a bureau's own thresholds per catchment): the server refuses start-up when one
/// names a district the bureau does not have.
/// </summary>
public interface IDistrictScoped
{
    /// <summary>The field of the table that names them ("districts", "signalDistricts").</summary>
    string DistrictsField { get; }

    IEnumerable<string> Districts { get; }
}

/// <summary>
/// Everything the system asks of one hazard, in one place: its CMA signal type code and slug, its names, the levels it
/// has, its thresholds record (config/hazards/&lt;slug&gt;.json) and guidance file (config/guidance/&lt;slug&gt;.json), its
/// rule, which direction eases (for the downgrade margin), the words that say what is coming, and the audiences it
/// concerns by default. The rest of the system iterates the registered definitions (<see cref="HazardRegistry"/>).
/// </summary>
public abstract class HazardDefinition
{
    /// <summary>The config, API and JSON name: "frost", "cold-wave"…</summary>
    public abstract string Slug { get; }

    /// <summary>The CMA warning-signal type code (01–14, DOMAIN §2); CAP's CMA_WARNING_TYPE and the warning identifier use it.</summary>
    public abstract string Code { get; }

    public abstract string NameZh { get; }

    public abstract string NameEn { get; }

    /// <summary>The levels the hazard has in the national table (frost has no red, heat no blue), mildest first.</summary>
    public abstract IReadOnlyList<SignalLevel> Levels { get; }

    /// <summary>The quantity's direction of easing; the downgrade margin is measured this way.</summary>
    public virtual MilderWhen Eases => MilderWhen.Lower;

    /// <summary>
    /// Why the stored observations cannot verify this hazard's warnings (null when they can): a signal issued by hand.
    /// Verification then says so instead of reading "not reached". (Drought is verified on the stored daily MCI.)
    /// </summary>
    public virtual string? NotVerifiableFromHourlyObservations => null;

    /// <summary>
    /// The hourly variables the rule cannot do without (others it reads are optional: frost prefers soil temperature but
    /// falls back to 2 m air). A member of an ensemble or a model that lacks one is not scored for this hazard, never read
    /// as "no hazard". Empty for a hazard not judged on a place's hourly weather (drought, fire danger, signals by hand).
    /// </summary>
    public virtual IReadOnlyList<string> Inputs => [];

    /// <summary>
    /// The OASIS Event Terms List code for this hazard (CAP eventCode valueName "OET:v1.2", e.g. "OET-064"), so aggregators
    /// match hazards across countries; null where no term fits.
    /// </summary>
    public virtual string? OetCode => null;

    /// <summary>The unit of the quantity behind a level (°C, mm, m/s), as margins and the basis are written.</summary>
    public abstract string Unit { get; }

    /// <summary>The type config/hazards/&lt;slug&gt;.json's table deserialises into.</summary>
    public abstract Type ThresholdsType { get; }

    public string ConfigFile => Path.Combine("hazards", Slug + ".json");

    public string GuidanceFile => Path.Combine("guidance", Slug + ".json");

    /// <summary>What is coming, in the bureau's words, for a signal of this hazard with <paramref name="value"/> behind it.</summary>
    public abstract string CauseZh(double value);

    /// <summary>The cause of a signal composed by hand (no rule value behind it), in Chinese; weather hazards "可能出现…天气".</summary>
    public virtual string ByHandCauseZh => $"可能出现{NameZh}天气";

    /// <summary>The cause of a signal composed by hand, in English.</summary>
    public virtual string ByHandCauseEn => $"may see {NameEn}";

    public abstract string CauseEn(double value);

    /// <summary>
    /// The cause a bulletin gives for a signal at <paramref name="level"/>: the rule's value (<see cref="CauseZh(double)"/>),
    /// or <see cref="ByHandCauseZh"/> when composed by hand (value not finite). A product whose levels are likelihoods
    /// (flash-flood risk: 可能发生 … 可能性很大) says the level's word here.
    /// </summary>
    public virtual string CauseZh(double value, SignalLevel level) => double.IsFinite(value) ? CauseZh(value) : ByHandCauseZh;

    /// <summary>The cause at <paramref name="level"/>, in English.</summary>
    public virtual string CauseEn(double value, SignalLevel level) => double.IsFinite(value) ? CauseEn(value) : ByHandCauseEn;

    /// <summary>
    /// What the product is called after its colour: "预警信号" for the signals of CMA Order No. 16; a joint risk product is a
    /// "预警" ("发布山洪灾害气象风险黄色预警").
    /// </summary>
    public virtual string ProductZh => "预警信号";

    public virtual string ProductEn => "warning signal";

    /// <summary>What a lifted warning says has ended: "霜冻天气已减弱或结束".</summary>
    public virtual string EndedZh => $"{NameZh}天气已减弱或结束";

    public virtual string EndedEn => $"the {NameEn} has weakened or ended";

    /// <summary>The rule with these thresholds; <paramref name="thresholds"/> must be of <see cref="ThresholdsType"/>.</summary>
    public abstract HazardRule Bind(IHazardThresholds thresholds, string version);

    /// <summary>The levels check every hazard shares, then the hazard's own checks.</summary>
    public IEnumerable<string> Validate(IHazardThresholds thresholds, string path)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var configured = thresholds.ConfiguredLevels.ToList();
        if (configured.Count == 0)
        {
            yield return $"{path}.levels: no level is configured";
        }

        foreach (var level in configured.Where(l => !Levels.Contains(l)))
        {
            yield return $"{path}.levels.{SignalLevels.En(level)}: this hazard has no {SignalLevels.En(level)} level (it has {string.Join(", ", Levels.Select(SignalLevels.En))})";
        }

        foreach (var problem in thresholds.Validate(path))
        {
            yield return problem;
        }
    }

    public override string ToString() => Slug;

    protected static string Zh(FormattableString text) => text.ToString(CultureInfo.GetCultureInfo("zh-CN"));

    protected static string En(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A hazard whose thresholds are a <typeparamref name="TThresholds"/> and whose rule is <see cref="Assess"/>.</summary>
public abstract class HazardDefinition<TThresholds> : HazardDefinition
    where TThresholds : class, IHazardThresholds
{
    public override Type ThresholdsType => typeof(TThresholds);

    /// <summary>The rule: the highest level the window reaches, or null.</summary>
    public abstract HazardSignal? Assess(AssessmentWindow window, TThresholds thresholds);

    public override HazardRule Bind(IHazardThresholds thresholds, string version) =>
        thresholds is TThresholds t
            ? new HazardRule<TThresholds>(this, t, version)
            : throw new ArgumentException($"{Slug} needs {typeof(TThresholds).Name} thresholds, not {thresholds?.GetType().Name}", nameof(thresholds));
}
