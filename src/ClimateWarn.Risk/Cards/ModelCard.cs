using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClimateWarn.Risk.Cards;

public sealed record CardData(
    string Source,
    bool Synthetic,
    IReadOnlyList<string> Stations,
    IReadOnlyList<string> Files,
    DateOnly From,
    DateOnly To,
    DateOnly TestFrom,
    int TrainingCases,
    int TrainingEvents,
    int TestCases,
    int TestEvents)
{
    /// <summary>The truth is reanalysis (ERA5 from the archive API): real weather, not a station's observations. Absent when false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Reanalysis { get; init; }
}

/// <summary>What a model was trained on, how, and what it is worth against the baselines on held-out data.</summary>
public sealed record ModelCard(
    string Hazard,
    string Version,
    string Event,
    CardData Data,
    IReadOnlyList<string> Features,
    string Trainer,
    IReadOnlyDictionary<string, string> Parameters,
    string Split,
    string Combination,
    IReadOnlyList<ForecastSkill> HeldOut,
    IReadOnlyList<string> Caveats,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SplitSkill>? Splits = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ModelUse? Use = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ModelCard FromJson(string json) => JsonSerializer.Deserialize<ModelCard>(json, Json)
        ?? throw new InvalidDataException("empty model card");
}
