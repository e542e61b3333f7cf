using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Newsroom.Web.Tests.Infrastructure;

/// <summary>A page's HTML parsed as a browser parses it, and its forms submitted the way a browser would.</summary>
public sealed class HtmlPage(string html, IHtmlDocument document)
{
    public string Html { get; } = html;

    public IHtmlDocument Document { get; } = document;

    public static async Task<HtmlPage> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await ReadAsync(response);
    }

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new HtmlPage(html, new HtmlParser().ParseDocument(html));
    }

    public IElement One(string selector) =>
        Document.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"No element matches '{selector}'.");

    /// <summary>Fills the form's fields by their element ids, keeps its hidden fields (antiforgery, handler), and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string formSelector, IReadOnlyDictionary<string, string> byId, string action)
    {
        var form = (IHtmlFormElement)One(formSelector);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var field in form.QuerySelectorAll("input[name], textarea[name]"))
        {
            var name = field.GetAttribute("name")!;
            var value = field.Id is { } id && byId.TryGetValue(id, out var given) ? given : field.GetAttribute("value") ?? "";
            fields.Add(new(name, value));
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }
}
