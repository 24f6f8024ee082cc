using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ClimateWarn.Core.Cap;

/// <summary>
/// The last guard before XML is written: characters XML 1.0 cannot carry (controls other than tab, CR and LF, U+FFFE/U+FFFF,
/// lone surrogates) become U+FFFD, so one bad stored text can never make a CAP document or the feed unwritable. Inputs are
/// refused before they are stored; this only catches what got in before that check existed.
/// </summary>
public static class XmlSafe
{
    /// <summary>The first character of <paramref name="text"/> XML 1.0 cannot carry, or null when there is none.</summary>
    public static int? FirstForbidden(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return c;
            }
        }

        return null;
    }

    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
                continue;
            }

            clean ??= new StringBuilder(text, 0, i, text.Length);
            clean.Append('\uFFFD');
        }

        return clean?.ToString() ?? text;
    }

    /// <summary>Cleans every text node and attribute value of <paramref name="document"/> in place; returns it.</summary>
    public static XDocument Clean(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var text in document.DescendantNodes().OfType<XText>())
        {
            text.Value = Clean(text.Value);
        }

        foreach (var attribute in document.Descendants().Attributes())
        {
            attribute.Value = Clean(attribute.Value);
        }

        return document;
    }
}
