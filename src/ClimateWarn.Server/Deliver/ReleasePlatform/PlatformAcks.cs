using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace ClimateWarn.Server.Deliver.ReleasePlatform;

/// <summary>What the platform answered about one dropped file: status 0 accepted, anything else rejected with its code and note.</summary>
public sealed record PlatformAck(int? Status, string? ErrorCode, string? Note, string File, string? Malformed)
{
    public bool Accepted => Malformed is null && Status == 0;

    /// <summary>Reads /msg/data/rows/{status,error_code,note}; a file that is not that is kept as malformed with the reason.</summary>
    public static PlatformAck Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        XDocument doc;
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            doc = XDocument.Load(XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1_000_000 }));
        }
        catch (XmlException ex)
        {
            return new PlatformAck(null, null, null, name, $"not XML ({ex.Message})");
        }

        var row = doc.Root?.Name.LocalName == "msg" ? doc.Root.Element("data")?.Element("rows") : null;
        if (row is null)
        {
            return new PlatformAck(null, null, null, name, "no /msg/data/rows element");
        }

        var status = row.Element("status")?.Value.Trim();
        return int.TryParse(status, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? new PlatformAck(code, Text(row.Element("error_code")), Text(row.Element("note")), name, null)
            : new PlatformAck(null, Text(row.Element("error_code")), Text(row.Element("note")), name, $"status '{status}' is not a number");
    }

    private static string? Text(XElement? e) => e is null || string.IsNullOrWhiteSpace(e.Value) ? null : e.Value.Trim();
}

/// <summary>One message's file on its way: which file was dropped when, and the acknowledgement once read.</summary>
public sealed record PlatformDrop(string File, DateTimeOffset Dropped, PlatformAck? Ack);

/// <summary>
/// The channel's own ledger, a small JSON file per delivery key under &lt;data&gt;/release-platform/: the drop is made once per
/// key (a retry never drops a second file), and the acknowledgement, once matched, stays with it. Acknowledgement files
/// are matched by name (an ACK file's name begins with the dropped file's name without ".xml" — inferred: confirm with
/// the provincial node), then moved to processed/; one that matches no dropped file goes to unmatched/ with a log line.
/// </summary>
public sealed partial class PlatformLedger(string directory, ILogger logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();

    public PlatformDrop? Get(string key)
    {
        var path = PathOf(key);
        return System.IO.File.Exists(path) ? JsonSerializer.Deserialize<PlatformDrop>(System.IO.File.ReadAllText(path), Json) : null;
    }

    public void Put(string key, PlatformDrop drop)
    {
        Directory.CreateDirectory(directory);
        var path = PathOf(key);
        System.IO.File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(drop, Json));
        System.IO.File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Forgets a key's drop, so a republish drops a new file.</summary>
    public void Forget(string key) => System.IO.File.Delete(PathOf(key));

    /// <summary>Reads every acknowledgement file waiting in <paramref name="ackDirectory"/> into the ledger.</summary>
    public void Scan(string ackDirectory)
    {
        if (!Directory.Exists(ackDirectory))
        {
            return;
        }

        lock (_gate)
        {
            var acks = Directory.GetFiles(ackDirectory, "*.xml").Order(StringComparer.Ordinal).ToList();
            if (acks.Count == 0)
            {
                return;   // the usual case on every attempt: nothing to match, so the drops are not read
            }

            var drops = Directory.Exists(directory)
                ? Directory.GetFiles(directory, "*.json").Select(p => (Key: p, Drop: JsonSerializer.Deserialize<PlatformDrop>(System.IO.File.ReadAllText(p), Json)!)).ToList()
                : [];
            foreach (var file in acks)
            {
                var name = Path.GetFileName(file);
                var match = drops.FirstOrDefault(d => name.StartsWith(Path.GetFileNameWithoutExtension(d.Drop.File), StringComparison.Ordinal));
                if (match.Drop is null)
                {
                    LogUnmatched(logger, name);
                    MoveTo(ackDirectory, "unmatched", file);
                    continue;
                }

                var ack = PlatformAck.Read(file);
                if (ack.Malformed is not null)
                {
                    LogMalformed(logger, name, ack.Malformed);
                }

                System.IO.File.WriteAllText(match.Key + ".tmp", JsonSerializer.Serialize(match.Drop with { Ack = ack }, Json));
                System.IO.File.Move(match.Key + ".tmp", match.Key, overwrite: true);
                MoveTo(ackDirectory, "processed", file);
            }
        }
    }

    private static void MoveTo(string ackDirectory, string folder, string file)
    {
        var target = Path.Combine(ackDirectory, folder);
        Directory.CreateDirectory(target);
        System.IO.File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(directory, string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".json");

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Release platform: acknowledgement file {File} names no message this server dropped; moved to unmatched/")]
    private static partial void LogUnmatched(ILogger logger, string file);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Release platform: acknowledgement file {File} is malformed: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string file, string reason);
}
