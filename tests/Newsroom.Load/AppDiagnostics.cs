using System.Net.Http.Json;

namespace Newsroom.Load;

/// <summary>What the app says it holds (<c>/api/diagnostics</c>, an admin's token): circuits, live texts and memory.</summary>
internal sealed record AppDiagnostics(int OpenCircuits, long ManagedBytes, long WorkingSetBytes, int LiveTexts)
{
    /// <param name="admin">A client of the app with an admin's bearer token.</param>
    /// <param name="collect">A full collection first, so the managed figure is what is live.</param>
    public static async Task<AppDiagnostics> ReadAsync(HttpClient admin, bool collect) =>
        (await admin.GetFromJsonAsync<AppDiagnostics>($"/api/diagnostics?collect={(collect ? "true" : "false")}"))!;
}
