using System.Collections;
using System.Globalization;
using System.Resources;
using Microsoft.Playwright;
using Newsroom.Web.Localization;

namespace Newsroom.Browser.Tests.Localization;

/// <summary>
/// What the interface-language tests check on any page: the document's lang and dir, the computed direction of its
/// key elements, that none of them overflows its box, that no English interface string is left, and a screenshot.
/// New surfaces (the board, the wall screen, the article page) call the same helpers with their own selectors.
/// </summary>
public static class Surfaces
{
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    /// <summary>English interface strings whose Arabic differs: none of these may show on an Arabic page.</summary>
    public static IReadOnlySet<string> EnglishOnly { get; } = ReadEnglishOnly();

    public static async Task ExpectDocumentAsync(IPage page, string ui)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", ui);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", ui == "ar" ? "rtl" : "ltr");
    }

    public static Task<string> DirectionAsync(IPage page, string selector) =>
        page.EvaluateAsync<string>("s => getComputedStyle(document.querySelector(s)).direction", selector);

    /// <summary>Selectors of the elements (among those given, all of which must exist) whose content is wider than their box.</summary>
    public static async Task<string[]> OverflowingAsync(IPage page, params string[] selectors) =>
        await page.EvaluateAsync<string[]>(
            """
            selectors => selectors.flatMap(s => {
              const all = [...document.querySelectorAll(s)];
              if (all.length === 0) return [s + " (missing)"];
              return all.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => `${s}: ${e.scrollWidth} > ${e.clientWidth}`);
            })
            """, selectors);

    /// <summary>Every text node, label, placeholder and title on the page that is an English interface string.</summary>
    public static async Task<string[]> EnglishLeftAsync(IPage page)
    {
        var shown = await page.EvaluateAsync<string[]>(
            """
            () => {
              const found = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!["SCRIPT", "STYLE"].includes(n.parentElement?.tagName)) found.push(n.textContent.trim());
              }
              for (const e of document.querySelectorAll("[aria-label],[placeholder],[title]")) {
                for (const a of ["aria-label", "placeholder", "title"]) if (e.hasAttribute(a)) found.push(e.getAttribute(a).trim());
              }
              return found.filter(s => s.length > 0);
            }
            """);
        return shown.Where(EnglishOnly.Contains).Distinct().ToArray();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    private static HashSet<string> ReadEnglishOnly()
    {
        var resources = new ResourceManager(typeof(UiText).FullName!, typeof(UiText).Assembly);
        var english = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return english.Cast<DictionaryEntry>()
            .Where(e => ((string)e.Value!).Any(char.IsAsciiLetter)
                && resources.GetString((string)e.Key, CultureInfo.GetCultureInfo("ar")) != (string)e.Value!)
            .Select(e => (string)e.Value!)
            .ToHashSet();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Newsroom.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Newsroom.sln was not found above the test binaries.");
    }
}
