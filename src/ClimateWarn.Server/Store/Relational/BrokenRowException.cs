namespace ClimateWarn.Server.Store.Relational;

/// <summary>A stored row whose JSON cannot be read back: names the table and the row so an operator can find it.</summary>
public sealed class BrokenRowException(string table, long row, string reason, Exception? inner = null)
    : Exception($"{table} row {row} holds JSON that cannot be read ({reason})", inner)
{
    public string Table { get; } = table;

    public long Row { get; } = row;

    public string Reason { get; } = reason;
}
