using System.Xml.Linq;
using System.Xml.Schema;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>Validation against the official OASIS CAP 1.2 schema copied into data/cap.</summary>
public static class CapSchema
{
    private static readonly XmlSchemaSet Schemas = Load();

    public static IReadOnlyList<string> Errors(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<string>();
        document.Validate(Schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet();
        set.Add("urn:oasis:names:tc:emergency:cap:1.2", Path.Combine(Repo.Root, "data", "cap", "CAP-v1.2.xsd"));
        set.Compile();
        return set;
    }
}
