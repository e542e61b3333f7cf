using System.Globalization;
using System.Text;

namespace Newsroom.Load;

/// <summary>
/// The curve: p99 keystroke-to-peer latency (left axis), and pushes and keystrokes confirmed a second (right axis)
/// against editors, three lines per setting (stories, pacing), as plain SVG. Editors go on a doubling scale when the
/// sizes span one.
/// </summary>
public static class LatencyChart
{
    private const int Width = 720, Height = 400, Left = 70, Right = 70, Top = 40, Bottom = 60;
    private const string LatencyColour = "#c0392b", PushesColour = "#2b7bb9", KeystrokesColour = "#1e8449";

    public static string Svg(IReadOnlyList<EditorsResult> runs)
    {
        var minEditors = runs.Min(r => r.Editors);
        var maxEditors = runs.Max(r => r.Editors);
        var doubling = minEditors > 0 && maxEditors >= minEditors * 4;
        var maxMs = Math.Max(10, runs.Max(r => r.Latency.P99)) * 1.1;
        var maxPushes = Math.Max(10, runs.Max(r => Math.Max(r.PushesPerSecond, r.KeystrokesPerSecond))) * 1.1;
        double X(int editors) => maxEditors == minEditors
            ? (Left + Width - Right) / 2.0
            : doubling
                ? Left + (Math.Log2(editors / (double)minEditors) / Math.Log2(maxEditors / (double)minEditors) * (Width - Left - Right))
                : Left + ((editors - minEditors) / (double)(maxEditors - minEditors) * (Width - Left - Right));
        double Y(double value, double max) => Height - Bottom - (value / max * (Height - Top - Bottom));

        var svg = new StringBuilder();
        void Line(FormattableString text) => svg.AppendLine(FormattableString.Invariant(text));
        Line($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Line($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        Line($"<text x=\"{Left}\" y=\"20\" font-weight=\"bold\">Keystroke-to-peer p99 latency, pushes and keystrokes a second against editors</text>");
        Line($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        Line($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"{LatencyColour}\"/>");
        Line($"<line x1=\"{Width - Right}\" y1=\"{Top}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"{PushesColour}\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var y = Y(maxMs * i / 4, maxMs);
            Line($"<line x1=\"{Left}\" y1=\"{y:F0}\" x2=\"{Width - Right}\" y2=\"{y:F0}\" stroke=\"#ddd\"/>");
            Line($"<text x=\"{Left - 6}\" y=\"{y + 4:F0}\" text-anchor=\"end\" fill=\"{LatencyColour}\">{maxMs * i / 4:N0}</text>");
            Line($"<text x=\"{Width - Right + 6}\" y=\"{y + 4:F0}\" fill=\"{PushesColour}\">{maxPushes * i / 4:N0}</text>");
        }

        foreach (var editors in runs.Select(r => r.Editors).Distinct())
        {
            Line($"<text x=\"{X(editors):F0}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{editors:N0}</text>");
        }

        Line($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - Bottom + 36}\" text-anchor=\"middle\">editors{(doubling ? " (doubling scale)" : "")}</text>");
        Line($"<text x=\"16\" y=\"{(Top + Height - Bottom) / 2}\" fill=\"{LatencyColour}\" transform=\"rotate(-90 16 {(Top + Height - Bottom) / 2})\" text-anchor=\"middle\">p99 ms</text>");
        Line($"<text x=\"{Width - 16}\" y=\"{(Top + Height - Bottom) / 2}\" fill=\"{PushesColour}\" transform=\"rotate(90 {Width - 16} {(Top + Height - Bottom) / 2})\" text-anchor=\"middle\">per second</text>");

        var settings = runs.GroupBy(r => (r.Stories, r.Pacing)).ToList();
        foreach (var (setting, index) in settings.Select((g, i) => (g, i)))
        {
            var dashes = index == 0 ? "" : $" stroke-dasharray=\"{2 + (index * 3)} 3\"";
            var name = Name(setting.Key.Stories, setting.Key.Pacing);
            var ordered = setting.OrderBy(r => r.Editors).ToList();
            foreach (var (label, colour, value, max) in new (string, string, Func<EditorsResult, double>, double)[]
                     {
                         ("p99", LatencyColour, r => r.Latency.P99, maxMs), ("pushes/s", PushesColour, r => r.PushesPerSecond, maxPushes),
                         ("keystrokes confirmed/s", KeystrokesColour, r => r.KeystrokesPerSecond, maxPushes),
                     })
            {
                var points = string.Join(' ', ordered.Select(r => string.Create(CultureInfo.InvariantCulture, $"{X(r.Editors):F0},{Y(value(r), max):F0}")));
                Line($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dashes}/>");
                foreach (var r in ordered)
                {
                    Line($"<circle cx=\"{X(r.Editors):F0}\" cy=\"{Y(value(r), max):F0}\" r=\"3\" fill=\"{colour}\"><title>{label} {value(r):N0} at {r.Editors:N0} editors, {name}</title></circle>");
                }
            }

            Line($"<line x1=\"{Left + 10}\" y1=\"{Top + 6 + (index * 16)}\" x2=\"{Left + 40}\" y2=\"{Top + 6 + (index * 16)}\" stroke=\"#555\" stroke-width=\"2\"{dashes}/>");
            Line($"<text x=\"{Left + 46}\" y=\"{Top + 10 + (index * 16)}\">{name}</text>");
        }

        Line($"<text x=\"{Width - Right - 150}\" y=\"{Top + 10}\" fill=\"{LatencyColour}\">— p99 (left)</text>");
        Line($"<text x=\"{Width - Right - 150}\" y=\"{Top + 26}\" fill=\"{PushesColour}\">— pushes/s (right)</text>");
        Line($"<text x=\"{Width - Right - 150}\" y=\"{Top + 42}\" fill=\"{KeystrokesColour}\">— keystrokes confirmed/s (right)</text>");
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Name(int stories, string pacing) =>
        $"{(stories == 1 ? "one story" : $"{stories:N0} stories")}, pacing {pacing}";
}
