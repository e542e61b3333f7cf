using System.Net;
using System.Text.RegularExpressions;
using Newsroom.Application.Data;
using Newsroom.Testing;

namespace Newsroom.Web.Tests.Hosting;

/// <summary>
/// What someone trying Newsroom reads in the console: where it is, how to sign in and where the wall screen is,
/// once, and then only what needs attention; the same on the second start over the same data.
/// </summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task First_and_later_starts_print_the_address_the_demo_sign_ins_and_the_wall_link_once_and_no_routine_ticks()
    {
        var data = Directory.CreateTempSubdirectory("newsroom-console-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        try
        {
            foreach (var start in new[] { "first", "second" })
            {
                using var app = AppProcess.Start(new Dictionary<string, string>
                {
                    ["ConnectionStrings__Newsroom"] = "",
                    ["LocalDatabase__Directory"] = data,
                    ["Newsroom__SeedDemoStories"] = "true",
                });
                await app.WaitForAsync("Demo wall screen", TimeSpan.FromSeconds(180));
                var wall = WallLink().Match(app.Output).Groups["url"].Value;
                using (var http = new HttpClient())
                {
                    Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(wall)).StatusCode);
                }

                // Long enough for several of the timer's ticks (every 2 s), which must not reach the console.
                await Task.Delay(TimeSpan.FromSeconds(7));
                var output = app.Output;
                await EmbeddedDatabaseTests.InterruptAsync(app);

                Assert.True(Count(output, "Newsroom is running at " + app.BaseAddress.ToString().TrimEnd('/')) == 1, $"{start} start, address once:\n{output}");
                foreach (var account in DemoData.Accounts)
                {
                    Assert.True(Count(output, $"Demo {account.Role}: {account.Email} / {account.Password}") == 1, $"{start} start, {account.Email} once:\n{output}");
                }

                Assert.True(Count(output, "Demo wall screen (no sign-in): ") == 1, $"{start} start, the wall link once:\n{output}");
                Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
                Assert.DoesNotContain("warn:", output, StringComparison.Ordinal);
                Assert.DoesNotContain("handled in", output, StringComparison.Ordinal);
                Assert.DoesNotContain("Finished saving", output, StringComparison.Ordinal);
            }
        }
        finally
        {
            await EmbeddedDatabaseTests.StopLeftoverClusterAsync(data);
            Directory.Delete(data, recursive: true);
        }
    }

    private static int Count(string text, string line) => Regex.Count(text, Regex.Escape(line));

    [GeneratedRegex(@"Demo wall screen \(no sign-in\): (?<url>\S+)")]
    private static partial Regex WallLink();
}
