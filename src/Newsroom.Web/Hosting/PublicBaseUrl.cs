namespace Newsroom.Web.Hosting;

/// <summary>
/// The address people reach Newsroom at, for every absolute link the app hands out (feeds, preview and reset
/// links). Configured as <c>Newsroom:PublicBaseUrl</c>, so a forged Host header cannot put another site into
/// them; without it (development) the request's own address is used.
/// </summary>
internal sealed class PublicBaseUrl(IConfiguration configuration)
{
    private readonly Uri? _configured = configuration["Newsroom:PublicBaseUrl"] is { Length: > 0 } url
        ? new Uri(url.TrimEnd('/') + "/", UriKind.Absolute)
        : null;

    public Uri For(HttpRequest request) =>
        _configured ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>For interactive pages, which have the circuit's base address instead of a request.</summary>
    public Uri For(string pageBaseUri) => _configured ?? new Uri(pageBaseUri);

    public Uri Link(HttpRequest request, string pathAndQuery) => new(For(request), pathAndQuery.TrimStart('/'));

    public Uri Link(string pageBaseUri, string pathAndQuery) => new(For(pageBaseUri), pathAndQuery.TrimStart('/'));
}
