namespace ClimateWarn.Server.Store;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Sqlite (embedded, the default) or Influx (settings under Storage:Influx).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>File name of the embedded time-series store inside the data directory.</summary>
    public string SqliteFile { get; set; } = "timeseries.db";

    /// <summary>File name of the warnings database inside the data directory.</summary>
    public string WarningsFile { get; set; } = "warnings.sqlite";

    /// <summary>File name of the operators' database (ingest ledger, dead letters) inside the data directory.</summary>
    public string OpsFile { get; set; } = "ops.db";
}
