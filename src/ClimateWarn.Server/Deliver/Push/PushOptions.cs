using System.Security.Cryptography;
using System.Text.Json;
using ClimateWarn.Server.Configuration;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver.Push;

/// <summary>Web Push to farmers' phones (RFC 8030 delivery, RFC 8291 encryption, RFC 8292 VAPID).</summary>
public sealed class PushOptions
{
    public const string Section = "Push";

    public bool Enabled { get; set; } = true;

    /// <summary>The VAPID key pair, base64url (public: the uncompressed P-256 point, 65 bytes; private: 32 bytes). Unset: generated on first start into &lt;data&gt;/push/vapid.json.</summary>
    public string? PublicKey { get; set; }

    public string? PrivateKey { get; set; }

    /// <summary>Who push services may contact about abuse (mailto: or https:); unset: the server's public address when it is https.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^(mailto:|https://).+", ErrorMessage = "a VAPID subject is a mailto: or https: URI (RFC 8292)")]
    public string? Subject { get; set; }
}

/// <summary>
/// The server's VAPID key pair: from configuration (the environment, Push__PrivateKey), else the one kept in
/// &lt;data&gt;/push/vapid.json, else a new one generated and kept there (owner-only file), never in the repo.
/// </summary>
public sealed class VapidKeys
{
    public VapidKeys(IOptions<PushOptions> options, ResolvedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        var o = options.Value;
        if (o.PublicKey is { Length: > 0 } configuredPublic && o.PrivateKey is { Length: > 0 } configuredPrivate)
        {
            (PublicKey, PrivateKey) = (configuredPublic, configuredPrivate);
            return;
        }

        var file = Path.Combine(paths.Data, "push", "vapid.json");
        if (File.Exists(file) && JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) is { } kept
            && kept.TryGetValue("publicKey", out var keptPublic) && kept.TryGetValue("privateKey", out var keptPrivate))
        {
            (PublicKey, PrivateKey) = (keptPublic, keptPrivate);
            return;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        PublicKey = Base64Url([0x04, .. p.Q.X!, .. p.Q.Y!]);
        PrivateKey = Base64Url(p.D!);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonSerializer.Serialize(new Dictionary<string, string> { ["publicKey"] = PublicKey, ["privateKey"] = PrivateKey }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public string PublicKey { get; }

    public string PrivateKey { get; }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
