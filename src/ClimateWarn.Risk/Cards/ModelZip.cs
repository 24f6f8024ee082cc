using System.IO.Compression;
using System.Security.Cryptography;

namespace ClimateWarn.Risk.Cards;

/// <summary>
/// ML.NET stamps each zip entry with the time of saving, so the same model saved twice differs byte for byte. The
/// zip is rewritten with entries in name order and one fixed timestamp: same data and seed, same file, same version.
/// </summary>
public static class ModelZip
{
    private static readonly DateTimeOffset Fixed = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalize(byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var output = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = Fixed;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>First 12 hex digits of the SHA-256 of the (normalised) model file.</summary>
    public static string Version(ReadOnlySpan<byte> zip) => Convert.ToHexStringLower(SHA256.HashData(zip))[..12];
}
