using System.Text;
using System.Xml;
using System.Xml.Linq;
using Newsroom.Application.Features.Publishing;

namespace Newsroom.Web.Endpoints;

/// <summary>
/// Writes a feed as Atom (RFC 4287). .NET's System.ServiceModel.Syndication is not part of ASP.NET Core and not in
/// our package source, and Atom is small: the elements the RFC requires are written here, and a test checks them.
/// </summary>
public static class AtomFeed
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static XDocument Build(GetFeed.Feed feed, Uri site, Uri self, DateTimeOffset now)
    {
        var root = new XElement(Atom + "feed",
            new XElement(Atom + "id", self.AbsoluteUri),
            new XElement(Atom + "title", XmlText(feed.Title)),
            new XElement(Atom + "updated", Timestamp(feed.Updated ?? now)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", self.AbsoluteUri)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", new Uri(site, "articles").AbsoluteUri)),
            // The feed's author covers entries whose byline is empty, as RFC 4287 section 4.1.1 requires one or the other.
            new XElement(Atom + "author", new XElement(Atom + "name", "Newsroom")),
            new XElement(Atom + "generator", "Newsroom"));
        foreach (var entry in feed.Entries)
        {
            var element = new XElement(Atom + "entry",
                new XAttribute(XNamespace.Xml + "lang", entry.Language),
                new XElement(Atom + "id", $"urn:uuid:{entry.Id}"),
                new XElement(Atom + "title", new XAttribute("type", "text"), XmlText(entry.Headline)),
                new XElement(Atom + "updated", Timestamp(entry.Updated)),
                new XElement(Atom + "published", Timestamp(entry.Published)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"),
                    new XAttribute("href", new Uri(site, $"articles/{entry.Slug}").AbsoluteUri)),
                new XElement(Atom + "category", new XAttribute("term", XmlText(entry.Desk))));
            foreach (var author in entry.Authors)
            {
                element.Add(new XElement(Atom + "author", new XElement(Atom + "name", XmlText(author))));
            }

            if (entry.Standfirst.Length > 0)
            {
                element.Add(new XElement(Atom + "summary", new XAttribute("type", "text"), XmlText(entry.Standfirst)));
            }

            root.Add(element);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public static IResult Result(XDocument document)
    {
        using var writer = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(writer, new XmlWriterSettings { Indent = true, Async = false }))
        {
            document.Save(xml);
        }

        return Results.Text(writer.ToString(), "application/atom+xml; charset=utf-8");
    }

    // RFC 3339, UTC: what Atom's date constructs require.
    /// <summary>
    /// Text as XML can hold it: stories saved before control characters were refused may still hold one, and one
    /// character XML cannot carry must not make the whole feed fail. It is left out.
    /// </summary>
    public static string XmlText(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
