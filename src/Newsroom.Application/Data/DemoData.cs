using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Data;

/// <summary>
/// Demo accounts and stories for a development machine. Production seeds none of this: its accounts are made by an
/// administrator. The passwords are public on purpose (they are in the README) and only exist in Development.
/// </summary>
public static class DemoData
{
    public sealed record DemoAccount(string Email, string Password, string Role, string DisplayName, string Bio);

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("layla.haddad@newsroom.test", "Reporter-demo-1", Roles.Reporter, "Layla Haddad",
            "Layla Haddad covers city hall and the old town for the Arabic desk."),
        new("tom.becker@newsroom.test", "Reporter-demo-2", Roles.Reporter, "Tom Becker",
            "Tom Becker reports on transport and housing."),
        new("samira.nasser@newsroom.test", "Editor-demo-1", Roles.Editor, "Samira Nasser",
            "Samira Nasser is the news editor."),
        new("admin@newsroom.test", "Admin-demo-1", Roles.Admin, "Newsroom Admin",
            "Looks after accounts and wall screens."),
    ];

    /// <summary>
    /// The rest of the demo newsroom's staff, seeded with <see cref="DemoStories"/> so its stories are written by
    /// more than the four people above. Their passwords follow the same public pattern.
    /// </summary>
    public static IReadOnlyList<DemoAccount> Colleagues { get; } =
    [
        new("nadia.saleh@newsroom.test", "Reporter-demo-3", Roles.Reporter, "Nadia Saleh",
            "Nadia Saleh writes about the economy and the port for the Arabic desk."),
        new("james.okafor@newsroom.test", "Reporter-demo-4", Roles.Reporter, "James Okafor",
            "James Okafor covers sport and the city's culture scene."),
        new("omar.khalil@newsroom.test", "Editor-demo-2", Roles.Editor, "Omar Khalil",
            "Omar Khalil edits the Arabic desk."),
    ];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> PasswordHashes = new();

    /// <returns>
    /// False, seeding nothing, when the database holds accounts and none of them is a demo account: a Development
    /// run pointed at a real database must not plant an admin whose password is in the README. A demo database
    /// someone has since added people to stays a demo database, and is topped up.
    /// </returns>
    public static async Task<bool> SeedAsync(
        UserManager<NewsroomUser> users, NewsroomDbContext db, TimeProvider clock, bool stories,
        CancellationToken cancellationToken)
    {
        var demoEmails = Accounts.Concat(Colleagues).Select(a => a.Email.ToUpperInvariant()).ToList();
        if (await db.Users.AnyAsync(cancellationToken)
            && !await db.Users.AnyAsync(u => demoEmails.Contains(u.NormalizedEmail!), cancellationToken))
        {
            return false;
        }

        foreach (var account in stories ? Accounts.Concat(Colleagues) : Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new NewsroomUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                Bio = account.Bio,
            };
            // Hashing is slow on purpose (PBKDF2); a demo password is hashed once a process, however often it is seeded.
            user.PasswordHash = PasswordHashes.GetOrAdd(account.Password, password => users.PasswordHasher.HashPassword(user, password));
            ThrowIfFailed(await users.CreateAsync(user), account.Email);
            ThrowIfFailed(await users.AddToRoleAsync(user, account.Role), account.Email);
        }

        var layla = await users.FindByEmailAsync(Accounts[0].Email);
        var tom = await users.FindByEmailAsync(Accounts[1].Email);
        var now = clock.GetUtcNow();
        foreach (var (draft, author) in new[] { (Arabic(now), layla!), (English(now), tom!) })
        {
            if (await db.Stories.AnyAsync(s => s.Slug == draft.Slug, cancellationToken))
            {
                continue;
            }

            var (story, revision) = Story.Create(draft, author.Id, author.DisplayName, now);
            db.Stories.Add(story);
            db.Revisions.Add(revision);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (stories)
        {
            await DemoStories.SeedAsync(db, clock.GetUtcNow(), cancellationToken);
        }

        return true;
    }

    private static void ThrowIfFailed(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not seed {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static NewStory Arabic(DateTimeOffset now) => new(
        Slug: "old-souk-reopens",
        Language: StoryLanguage.Arabic,
        Desk: "Local",
        Headline: "ترميم السوق القديم يعيد الحياة إلى قلب المدينة بعد عامين من الإغلاق",
        Standfirst: "التجار يعودون إلى محالّهم، والبلدية تعد بتنظيم حركة السير في الشوارع المحيطة قبل موسم الأعياد",
        Body: """
            أعادت البلدية صباح اليوم افتتاح السوق القديم بعد أعمال ترميم استمرت عامين، شملت الأسقف الخشبية والممرات الحجرية وشبكة الكهرباء.

            وقال رئيس البلدية في مؤتمر صحفي إن كلفة المشروع بلغت ١٢ مليون دينار، وإن ٣٤٠ محلاً عادت إلى أصحابها بالعقود نفسها التي كانت سارية قبل الإغلاق.

            وعبّر عدد من التجار عن ارتياحهم للعودة، فيما طالب آخرون بتخفيض الرسوم خلال الأشهر الأولى حتى يستعيد السوق زبائنه.

            ومن المقرر أن تطلق البلدية صفحة على العنوان souk.example.org لاستقبال ملاحظات الزوار.
            """,
        LeadImage: new LeadImage(
            "https://images.example.org/souk-main-hall.jpg",
            "متسوقون في الممر الرئيسي للسوق القديم بعد إعادة افتتاحه",
            "NewsroomPhoto 40213"),
        Tags: ["السوق القديم", "البلدية"],
        WordBudget: 400,
        Deadline: now.AddHours(6));

    private static NewStory English(DateTimeOffset now) => new(
        Slug: "night-bus-pilot-harbour",
        Language: StoryLanguage.English,
        Desk: "Transport",
        Headline: "Council backs night bus pilot for the harbour district",
        Standfirst: "Three routes will run until 4am from March, with fares capped at the daytime price",
        Body: """
            The city council voted 31 to 9 on Tuesday to fund a six-month night bus pilot for the harbour district.

            Three routes will run every 20 minutes between midnight and 4am, linking the ferry terminal, the hospital and the university halls.

            Shift workers at the port, who have campaigned for the service for two years, welcomed the vote but asked for the pilot to include weekends from the start.
            """,
        LeadImage: new LeadImage(
            "https://images.example.org/harbour-bus-stop.jpg",
            "A bus stop on Quay Street at dusk",
            "NewsroomPhoto 40877"),
        Tags: ["transport", "council"],
        WordBudget: 600,
        Deadline: now.AddHours(3));
}
