using Microsoft.Extensions.Localization;

namespace Newsroom.Web.Localization;

/// <summary>
/// Spans of time as the board and wall screens say them ("Due in 3 h 10 min", "5 min ago"), in the interface
/// language and its digits: one sentence key per phrase, the number passed in, never words glued together.
/// </summary>
public static class RelativeTime
{
    public static string Countdown(IStringLocalizer<UiText> l, DisplayFormat format, DateTimeOffset deadline, DateTimeOffset now)
    {
        var left = deadline - now;
        return left >= TimeSpan.Zero ? l["Due in {0}", Span(l, format, left)] : l["Overdue by {0}", Span(l, format, -left)];
    }

    public static string Ago(IStringLocalizer<UiText> l, DisplayFormat format, DateTimeOffset at, DateTimeOffset now)
    {
        var since = now - at;
        return since < TimeSpan.FromMinutes(1) ? l["Just now"] : l["{0} ago", Span(l, format, since)];
    }

    public static string Span(IStringLocalizer<UiText> l, DisplayFormat format, TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => l["under a minute"],
        { TotalHours: < 1 } => l["{0} min", format.Number((int)span.TotalMinutes)],
        { TotalDays: < 1 } => l["{0} h {1} min", format.Number((int)span.TotalHours), format.Number(span.Minutes)],
        _ => l["{0} d {1} h", format.Number((int)span.TotalDays), format.Number(span.Hours)],
    };

    /// <summary>A duration rounded to the minute, never "0 min" (the median time in review).</summary>
    public static string Duration(IStringLocalizer<UiText> l, DisplayFormat format, TimeSpan span) =>
        span.TotalHours >= 1
            ? l["{0} h {1} min", format.Number((int)span.TotalHours), format.Number(span.Minutes)]
            : l["{0} min", format.Number(Math.Max(1, (int)Math.Round(span.TotalMinutes)))];
}
