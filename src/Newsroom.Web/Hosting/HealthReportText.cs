using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Newsroom.Web.Hosting;

/// <summary>
/// <c>/health</c> as plain text: the overall status alone while all is well (what load balancers and scripts read),
/// and below it a line for each check that is not, with its description.
/// </summary>
internal static class HealthReportText
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = new List<string> { report.Status.ToString() };
        lines.AddRange(report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Status}: {e.Value.Description ?? e.Value.Exception?.Message}"));
        return context.Response.WriteAsync(string.Join('\n', lines));
    }
}
