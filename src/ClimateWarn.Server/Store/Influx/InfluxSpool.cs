using System.Globalization;

namespace ClimateWarn.Server.Store.Influx;

/// <summary>
/// Batches that could not be sent, one file each, named in arrival order so they drain in order. Bounded: when full,
/// <see cref="AppendAsync"/> waits for the drain (back-pressure reaches the writers; nothing is dropped).
/// </summary>
public sealed class InfluxSpool
{
    private readonly string _directory;
    private readonly long _maxBytes;
    private long _sequence;

    public InfluxSpool(string directory, long maxBytes)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        Directory.CreateDirectory(directory);
        _sequence = Files().Select(f => long.Parse(Path.GetFileName(f).Split('.')[0], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
    }

    public bool IsEmpty => Files().Count == 0;

    public int Count => Files().Count;

    public long Bytes => Files().Sum(f => new FileInfo(f).Length);

    public async Task AppendAsync(string retentionPolicy, IReadOnlyList<string> lines, TimeSpan waitWhenFull, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var size = lines.Sum(l => (long)l.Length + 1);
        while (Bytes + size > _maxBytes && !IsEmpty)
        {
            await Task.Delay(waitWhenFull, cancellationToken);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Increment(ref _sequence):D12}.{retentionPolicy}.lp");
        var temp = Path.Combine(_directory, name + ".tmp");
        await File.WriteAllLinesAsync(temp, lines, cancellationToken);
        File.Move(temp, Path.Combine(_directory, name));
    }

    /// <summary>The oldest spooled batch, or null.</summary>
    public (string File, string RetentionPolicy)? Oldest()
    {
        var file = Files().FirstOrDefault();
        return file is null ? null : (file, Path.GetFileName(file).Split('.')[1]);
    }

    public static void Remove(string file) => File.Delete(file);

    private List<string> Files() => [.. Directory.GetFiles(_directory, "*.lp").Order(StringComparer.Ordinal)];
}
