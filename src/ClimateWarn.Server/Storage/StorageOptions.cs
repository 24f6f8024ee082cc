namespace ClimateWarn.Server.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Sqlite (embedded, the default) or Influx (its own issue).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>File name of the embedded time-series store inside the data directory.</summary>
    public string SqliteFile { get; set; } = "timeseries.db";

    /// <summary>File name of the warnings database inside the data directory.</summary>
    public string WarningsFile { get; set; } = "warnings.db";
}
