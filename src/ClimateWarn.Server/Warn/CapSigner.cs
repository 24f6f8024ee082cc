using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using ClimateWarn.Server.Configuration;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Warn;

/// <summary>
/// The optional XML signature of CAP documents (XML-DSig, enveloped, RSA-SHA256, exclusive canonicalisation, the
/// certificate in KeyInfo), as aggregators verify it (research/release-platform.md: optional over HTTPS). The
/// certificate is a PKCS#12 file named by Cap:SigningCertificatePath, its password from Cap:SigningCertificatePassword
/// (the environment: Cap__SigningCertificatePassword); never in the repo. A file that cannot be read, or holds no RSA
/// private key, refuses start-up with one line. Unset: documents go out unsigned.
/// </summary>
public sealed class CapSigner : IDisposable
{
    private readonly X509Certificate2? _certificate;

    public CapSigner(IOptions<CapOptions> options, ResolvedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        if (options.Value.SigningCertificatePath is not { Length: > 0 } path)
        {
            return;
        }

        var file = paths.File(path);
        try
        {
            _certificate = X509CertificateLoader.LoadPkcs12FromFile(file, options.Value.SigningCertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException([$"Cap:SigningCertificatePath = '{path}': cannot read it as a PKCS#12 certificate ({ex.Message})"]);
        }

        if (_certificate.GetRSAPrivateKey() is null)
        {
            _certificate.Dispose();
            throw new StartupConfigurationException([$"Cap:SigningCertificatePath = '{path}': the certificate has no RSA private key to sign with"]);
        }
    }

    public bool Signs => _certificate is not null;

    public void Dispose() => _certificate?.Dispose();

    /// <summary>The document as text, with its enveloped signature as the last child of alert when a certificate is configured.</summary>
    public string Text(XDocument cap)
    {
        ArgumentNullException.ThrowIfNull(cap);
        if (_certificate is null)
        {
            return cap.Declaration + "\n" + cap.Root;
        }

        var xml = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = cap.CreateReader())
        {
            xml.Load(reader);
        }

        using var key = _certificate.GetRSAPrivateKey()!;
        var signed = new SignedXml(xml) { SigningKey = key };
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        var reference = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        var info = new KeyInfo();
        info.AddClause(new KeyInfoX509Data(_certificate));
        signed.KeyInfo = info;
        signed.ComputeSignature();
        xml.DocumentElement!.AppendChild(xml.ImportNode(signed.GetXml(), deep: true));
        return cap.Declaration + "\n" + xml.DocumentElement.OuterXml;
    }
}
