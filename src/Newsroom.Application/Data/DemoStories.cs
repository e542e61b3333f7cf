using Microsoft.EntityFrameworkCore;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Comments;
using Newsroom.Domain.Dashboard;
using Newsroom.Domain.Publishing;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;

namespace Newsroom.Application.Data;

/// <summary>
/// A newsroom's day for a development machine: stories in every state on several desks, in Arabic and English,
/// written, edited, argued over, approved and published by the demo staff in the hours before the moment of seeding,
/// so the board, the review queue, the readers' site, the feeds, the charts and reader moderation all have something
/// to show on the first start. Every step goes through the story's own workflow methods, so every rule holds; each
/// step leaves the audit row the pipeline would have written.
/// </summary>
public static class DemoStories
{
    /// <summary>The demo wall screen's token: public on purpose, like the demo passwords, and only in Development.</summary>
    public const string WallToken = "demo-newsroom-wall";

    public const string WallName = "Demo newsroom wall";

    /// <summary>The story whose presence means the demo newsroom was seeded: it is seeded once.</summary>
    public const string MarkerSlug = "harbour-cranes-record-month";

    public static string WallPath => $"/wall/{WallToken}";

    public static async Task SeedAsync(NewsroomDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Stories.AnyAsync(s => s.Slug == MarkerSlug, cancellationToken))
        {
            return;
        }

        var emails = DemoData.Accounts.Concat(DemoData.Colleagues).Select(a => a.Email).ToList();
        var users = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!)).ToListAsync(cancellationToken);
        var editors = DemoData.Accounts.Concat(DemoData.Colleagues)
            .Where(a => a.Role is Domain.Users.Roles.Editor or Domain.Users.Roles.Admin).Select(a => a.Email).ToHashSet();
        var people = users.ToDictionary(
            u => u.Email!.Split('.', '@')[0],
            u => new Actor(u.Id, u.DisplayName, editors.Contains(u.Email!)));
        var day = new Day(db, people, now);
        day.Write();

        if (!await db.DisplayLinks.AnyAsync(l => l.TokenHash == DisplayLink.Hash(WallToken), cancellationToken))
        {
            db.DisplayLinks.Add(DisplayLink.ForPublicToken(WallName, WallToken, people["admin"].UserId, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The day's events, each at a time relative to the moment of seeding.</summary>
    private sealed class Day(NewsroomDbContext db, IReadOnlyDictionary<string, Actor> people, DateTimeOffset now)
    {
        private NewsroomDbContext Db => db;
        private IReadOnlyDictionary<Guid, string> Names => people.Values.ToDictionary(a => a.UserId, a => a.Name);

        private Actor Layla => people["layla"];
        private Actor Tom => people["tom"];
        private Actor Samira => people["samira"];
        private Actor Nadia => people["nadia"];
        private Actor James => people["james"];
        private Actor Omar => people["omar"];

        private DateTimeOffset Ago(double hours) => now.AddHours(-hours);

        private DateTimeOffset In(double hours) => now.AddHours(hours);

        public void Write()
        {
            Published();
            Scheduled();
            Approved();
            InReview();
            ChangesRequested();
            Drafts();
            OffTheBoard();
        }

        private void Published()
        {
            var cranes = Open(Nadia, 9, new NewStory(
                MarkerSlug, StoryLanguage.Arabic, "Economy",
                "رافعات الميناء تسجّل أعلى شهر في تاريخها مع عودة خطوط الشحن",
                "أكثر من ٩٠ ألف حاوية مرّت عبر الأرصفة الجديدة في تشرين الأول، والنقابة تطالب بنوبات إضافية",
                """
                سجّل ميناء المدينة الشهر الماضي أعلى حركة مناولة في تاريخه، إذ مرّت عبر أرصفته أكثر من ٩٠ ألف حاوية، بزيادة تقارب الثلث على الشهر نفسه من العام الماضي.

                وقالت إدارة الميناء إن عودة ثلاثة خطوط شحن آسيوية بعد توقف دام عامين، وتشغيل الرافعتين الجديدتين على الرصيف الرابع، كانا وراء هذا الارتفاع.

                في المقابل، قالت نقابة عمال الميناء إن الفرق الحالية تعمل فوق طاقتها، وطالبت بنوبة ليلية إضافية قبل موسم الأعياد.
                """,
                Image("port-cranes", "رافعات الرصيف الرابع عند الغروب", "رسم توضيحي: غرفة الأخبار"),
                ["الميناء", "اقتصاد"], 450, Ago(3)));
            cranes.Edit(Nadia, 8, f => f with { Body = f.Body + "\n\nوتتوقع الإدارة أن يتجاوز عدد الحاويات مليون حاوية للمرة الأولى هذا العام." });
            cranes.Submit(Nadia, 7.5);
            cranes.Comment(Omar, 7.2, "هل لدينا رقم العام الماضي من مصدر رسمي؟", "body", resolvedBy: (Nadia, 6.9));
            cranes.Approve(Omar, 6.5);
            cranes.Publish(Omar, 6.2);
            cranes.Reader("سامر", "samer@example.org", "خبر ممتاز، لكن ماذا عن ازدحام الشاحنات على طريق الميناء؟", 5, approvedBy: Samira);
            cranes.Reader("Lina", "lina@example.org", "Will the night shift be paid at the overtime rate?", 1.1);

            var market = Open(Tom, 10, new NewStory(
                "farmers-market-moves-indoors", StoryLanguage.English, "Local",
                "Farmers' market moves into the old tram depot for the winter",
                "Forty stalls, a bigger car park and late opening on Thursdays from next week",
                """
                The Saturday farmers' market will move into the restored tram depot on Mill Road from next week, the council said on Monday.

                Forty stallholders have signed up for the winter season, and the market will stay open until 8pm on Thursdays.

                "We lose half our customers when it rains," said Maria Costa, who sells cheese from her family's farm. "A roof changes everything."
                """,
                Image("market-depot", "Stalls set out under the roof of the old tram depot", "Illustration: Newsroom"),
                ["markets", "council"], 500, Ago(4)));
            market.Submit(Tom, 8);
            market.Approve(Samira, 7);
            market.Publish(Samira, 5.5);
            market.Reader("Priya", "priya@example.org", "Finally! Is there step-free access from the Mill Road entrance?", 4, approvedBy: Samira);
            market.Reader("Dan", "dan@example.org", "Parking there is already impossible on weekdays.", 0.8);

            var derby = Open(James, 6, new NewStory(
                "city-win-derby-late-goal", StoryLanguage.English, "Sport",
                "City snatch the derby with a goal in the 94th minute",
                "Okoro's header settles a scrappy game and lifts City to third",
                """
                City beat United 2-1 on Sunday night, with substitute Sam Okoro heading in a corner deep into stoppage time.

                United had levelled through a penalty on the hour after City's captain was sent off, and looked the likelier winners until the final minute.

                The win lifts City to third, two points behind the leaders with a game in hand.
                """,
                Image("stadium-night", "The stadium under floodlights after the final whistle", "Illustration: Newsroom"),
                ["football", "derby"], 600, Ago(2)));
            derby.Edit(Samira, 5.5, f => f with { Standfirst = "Okoro's header settles a scrappy game and lifts City to third in the table" });
            derby.Submit(James, 5);
            derby.Approve(Omar, 4.5);
            derby.Publish(Samira, 4.2);
            derby.Reader("Ahmed", "ahmed@example.org", "What a finish. Best derby in years.", 3, approvedBy: Samira);
            derby.Reader("Kim", "kim@example.org", "The red card was never a red card.", 0.5);

            var library = Open(Layla, 30, new NewStory(
                "city-library-night-hours", StoryLanguage.Arabic, "Culture",
                "مكتبة المدينة تفتح أبوابها حتى منتصف الليل طوال فترة الامتحانات",
                "الطلاب يملؤون القاعات الثلاث، والمكتبة تضيف مقاعد في الحديقة الداخلية",
                """
                مدّدت مكتبة المدينة ساعات عملها حتى منتصف الليل طوال شهر الامتحانات، استجابة لعريضة وقّعها أكثر من ألفي طالب.

                وقالت مديرة المكتبة إن القاعات الثلاث امتلأت منذ الليلة الأولى، وإن المكتبة ستضيف مقاعد في الحديقة الداخلية إذا بقي الطقس معتدلاً.
                """,
                Image("library-night", "قاعة المطالعة الكبرى في مكتبة المدينة ليلاً", "رسم توضيحي: غرفة الأخبار"),
                ["المكتبة", "التعليم"], 350, Ago(26)));
            library.Submit(Layla, 28);
            library.Approve(Samira, 27);
            library.Publish(Samira, 26.5);
            library.Reader("ريم", "reem@example.org", "شكراً للمكتبة! هل القاعة الصغرى مفتوحة أيضاً؟", 20, approvedBy: Omar);
            library.Reader("خالد", "khaled@example.org", "نتمنى أن يستمر هذا بعد الامتحانات.", 2);

            var bridge = Open(Tom, 31, new NewStory(
                "north-bridge-reopens-cyclists", StoryLanguage.English, "Transport",
                "North Bridge reopens with a protected lane for cyclists",
                "Eight months of works end a week early; buses return to the bridge on Monday",
                """
                The North Bridge reopened to traffic on Friday morning, a week ahead of schedule, with a kerbed cycle lane in both directions.

                Buses on routes 4 and 12 will return to the bridge on Monday, ending an eight-month diversion through the old town.

                The council said the works came in under their £6.2m budget.
                """,
                Image("north-bridge", "The North Bridge with its new cycle lanes", "Illustration: Newsroom"),
                ["transport", "cycling"], 450, Ago(28)));
            bridge.Submit(Tom, 29);
            bridge.Approve(Samira, 28.5);
            bridge.Publish(Samira, 28);
            bridge.Correct(Samira, 2, "An earlier version said the works cost £6.2m; that was the budget. They cost £5.8m.",
                f => f with { Body = f.Body.Replace("The council said the works came in under their £6.2m budget.", "The council said the works cost £5.8m, under their £6.2m budget.", StringComparison.Ordinal) });
        }

        private void Scheduled()
        {
            var budget = Open(Nadia, 7, new NewStory(
                "city-budget-embargo", StoryLanguage.Arabic, "Economy",
                "موازنة المدينة للعام المقبل: زيادة ١٢٪ للنقل العام وتجميد الرسوم",
                "البلدية تعرض الأرقام على المجلس عند الظهر، والنشر بعد انتهاء الجلسة",
                """
                تخصّص موازنة المدينة للعام المقبل زيادة بنسبة ١٢٪ للنقل العام، مع تجميد رسوم النفايات والمياه للسنة الثانية على التوالي.

                وتتضمن الموازنة تمويل خطين جديدين للحافلات الكهربائية وصيانة ثلاثين كيلومتراً من الأرصفة.
                """,
                Tags: ["الموازنة", "البلدية"], WordBudget: 400, Deadline: In(1)));
            budget.Submit(Nadia, 5);
            budget.Approve(Omar, 4);
            budget.Embargo(Omar, 3.9, In(0.75));
            budget.Publish(Omar, 3.8);

            var festival = Open(James, 5, new NewStory(
                "film-festival-lineup", StoryLanguage.English, "Culture",
                "Film festival opens with a debut from a local director",
                "Twelve days, 90 films and a free outdoor screening in Harbour Square",
                """
                The city film festival will open with "Salt Roads", the first feature by local director Hana Yousef, organisers announced.

                The programme runs to 90 films over twelve days, with a free outdoor screening in Harbour Square on the closing night.
                """,
                Tags: ["film", "festival"], WordBudget: 400, Deadline: In(3)));
            festival.Submit(James, 4);
            festival.Approve(Samira, 2.5);
            festival.Embargo(Samira, 2.4, In(3));
            festival.Publish(Samira, 2.3);
        }

        private void Approved()
        {
            var water = Open(Layla, 5, new NewStory(
                "water-cuts-eastern-districts", StoryLanguage.Arabic, "Local",
                "انقطاع المياه عن الأحياء الشرقية يومي الخميس والجمعة لصيانة الخط الرئيسي",
                "البلدية توزّع صهاريج في الساحات الثلاث، وتنصح السكان بتخزين ما يكفي ليومين",
                """
                تنقطع المياه عن الأحياء الشرقية يومي الخميس والجمعة، لاستبدال جزء من الخط الرئيسي يعود إلى ستينيات القرن الماضي.

                وستوزّع البلدية صهاريج في الساحات الثلاث، على أن تعود المياه مساء الجمعة.
                """,
                Tags: ["المياه", "البلدية"], WordBudget: 300, Deadline: In(0.5)));
            water.Submit(Layla, 3);
            water.Approve(Omar, 1.5);

            var lawsuit = Open(Tom, 8, new NewStory(
                "developer-sues-council-quay", StoryLanguage.English, "Local",
                "Developer sues council over cancelled Quay Street towers",
                "The claim seeks £14m; the council says the permit lapsed",
                """
                A developer is suing the council for £14m over its decision to cancel planning permission for two towers on Quay Street.

                The council says the permit lapsed when work did not begin within three years. The developer disputes the dates.
                """,
                Tags: ["planning", "courts"], WordBudget: 500, Deadline: In(2)));
            lawsuit.Submit(Tom, 6);
            lawsuit.Approve(Samira, 4);
            lawsuit.Hold(Samira, 3.5, "Lawyers are reading the claim before any director is named.");
            lawsuit.Comment(Samira, 3.4, "Held until the lawyers have read the claim: no names of directors until then.");

            var hospital = Open(Nadia, 6, new NewStory(
                "new-hospital-wing-opens", StoryLanguage.Arabic, "Local",
                "جناح الطوارئ الجديد في المستشفى العام يستقبل أول مرضاه",
                "٤٠ سريراً إضافياً وقسم خاص للأطفال، ووزارة الصحة تعد بتقليص الانتظار إلى النصف",
                """
                استقبل جناح الطوارئ الجديد في المستشفى العام أول مرضاه صباح اليوم، بعد ثلاث سنوات من العمل.

                ويضم الجناح ٤٠ سريراً إضافياً وقسماً خاصاً للأطفال، وتقول وزارة الصحة إنه سيقلّص وقت الانتظار إلى النصف.
                """,
                Tags: ["الصحة"], WordBudget: 350, Deadline: In(1.5)));
            hospital.Submit(Nadia, 4);
            hospital.Approve(Omar, 2);
        }

        private void InReview()
        {
            var rents = Open(Tom, 6, new NewStory(
                "student-rents-rise", StoryLanguage.English, "Local",
                "Student rents rise by a fifth in two years, survey finds",
                "Union says a third of first-years now commute more than an hour",
                """
                Rents for student rooms in the city have risen by 21% in two years, according to a survey by the students' union.

                A third of first-year students now commute for more than an hour each way, the union said.
                """,
                Tags: ["housing", "students"], WordBudget: 500, Deadline: In(1)));
            rents.Edit(Tom, 4, f => f with { Body = f.Body + "\n\nThe university said it would open 400 new rooms next September." });
            rents.Submit(Tom, 2);
            rents.Comment(Samira, 1.5, "Which survey? Give the sample size and the dates.", "body");

            var olives = Open(Layla, 5, new NewStory(
                "olive-harvest-early", StoryLanguage.Arabic, "Economy",
                "موسم الزيتون يبدأ مبكراً بسبب الحر، والمعاصر تعمل على مدار الساعة",
                "المزارعون يتوقعون محصولاً أقل بالربع من العام الماضي",
                """
                بدأ موسم قطاف الزيتون هذا العام قبل موعده بأسبوعين، بعد صيف هو الأشد حراً منذ عقد.

                وتعمل معاصر المنطقة على مدار الساعة، فيما يتوقع المزارعون محصولاً أقل بالربع من العام الماضي.
                """,
                Tags: ["الزراعة"], WordBudget: 400, Deadline: In(2.5)));
            olives.SetByline(Layla, 4.5, Layla, Nadia);
            olives.Edit(Nadia, 4, f => f with { Body = f.Body + "\n\nوقالت جمعية المزارعين إن سعر الصفيحة قد يرتفع إلى مستوى قياسي." });
            olives.Submit(Layla, 1);
            olives.Comment(Omar, 0.7, "من قال إن المحصول أقل بالربع؟ نحتاج اسم المصدر.", "body");

            var marathon = Open(James, 4, new NewStory(
                "marathon-route-changes", StoryLanguage.English, "Sport",
                "Marathon route changes to avoid the bridge works",
                "Runners will cross the river twice; road closures start at 6am",
                """
                Sunday's marathon will take a new route through the old town to avoid the works on the South Bridge.

                Roads along the course will close from 6am until 3pm.
                """,
                Tags: ["running"], WordBudget: 300, Deadline: In(4)));
            marathon.Submit(James, 0.6);

            var cafes = Open(Nadia, 3, new NewStory(
                "old-town-cafes-terraces", StoryLanguage.Arabic, "Culture",
                "مقاهي البلدة القديمة تستعيد شرفاتها بعد قرار البلدية",
                "القرار يسمح بالطاولات على الأرصفة حتى العاشرة ليلاً",
                """
                سمحت البلدية لمقاهي البلدة القديمة بإعادة طاولاتها إلى الأرصفة حتى العاشرة ليلاً، بعد عامين من المنع.

                ورحّب أصحاب المقاهي بالقرار، فيما طالب السكان بمراقبة مستوى الضجيج.
                """,
                Tags: ["البلدة القديمة"], WordBudget: 300, Deadline: In(5)));
            cafes.Submit(Nadia, 0.3);
        }

        private void ChangesRequested()
        {
            var schools = Open(Layla, 7, new NewStory(
                "schools-heating-repairs", StoryLanguage.Arabic, "Local",
                "ست مدارس بلا تدفئة مع بداية الشتاء، والأهالي يعتصمون أمام البلدية",
                "مديرية التربية تقول إن قطع الغيار ستصل خلال أسبوع",
                """
                اعتصم عشرات الأهالي صباح اليوم أمام مبنى البلدية، احتجاجاً على تعطل التدفئة في ست مدارس ابتدائية.

                وقالت مديرية التربية إن قطع الغيار ستصل خلال أسبوع.
                """,
                Tags: ["التعليم", "المدارس"], WordBudget: 400, Deadline: Ago(1)));
            schools.Submit(Layla, 5);
            schools.RequestChanges(Omar, 4, "نحتاج رد المديرية كاملاً وأسماء المدارس الست.");
            schools.Comment(Omar, 3.9, "أسماء المدارس؟", "body");

            var airport = Open(Tom, 8, new NewStory(
                "airport-night-flights", StoryLanguage.English, "Transport",
                "Airport asks to double night flights",
                "Residents under the flight path have until Friday to object",
                """
                The airport has applied to raise its limit on night flights from 8 to 16 a night.

                Residents under the flight path have until Friday to object.
                """,
                Tags: ["airport", "planning"], WordBudget: 500, Deadline: In(3)));
            airport.Assign(Samira, 7.5, [Tom, James], Samira);
            airport.Edit(James, 6, f => f with { Body = f.Body + "\n\nThe last increase, in 2019, drew 3,000 objections." });
            airport.Submit(Tom, 4.5);
            airport.RequestChanges(Samira, 3, "Get the airport's noise figures and a resident under the flight path.");

            var tram = Open(James, 6, new NewStory(
                "tram-line-consultation", StoryLanguage.English, "Transport",
                "Tram line consultation draws 5,000 replies",
                "Most back the eastern route; shopkeepers on Station Road fear two years of works",
                """
                A public consultation on the new tram line drew more than 5,000 replies, the council said.

                Most backed the eastern route through the university.
                """,
                Tags: ["tram"], WordBudget: 450, Deadline: In(6)));
            tram.Submit(James, 3);
            tram.RequestChanges(Samira, 2, "Too thin: what do the shopkeepers say?");
        }

        private void Drafts()
        {
            var fire = Open(Tom, 1.5, new NewStory(
                "warehouse-fire-docks", StoryLanguage.English, "Local",
                "Fire at a dockside warehouse: roads closed around Pier 3",
                "Crews have been at the scene since the early hours",
                """
                Firefighters have been tackling a blaze at a warehouse near Pier 3 since the early hours.

                Police have closed Dock Road and asked people to keep windows shut.
                """,
                Tags: ["breaking", "fire"], WordBudget: 300, Deadline: Ago(0.5)));
            fire.Edit(Samira, 1, f => f with { Headline = "Fire at a dockside warehouse: roads closed around Pier 3 as crews fight the blaze" });

            var rain = Open(Layla, 2, new NewStory(
                "first-rain-of-autumn", StoryLanguage.Arabic, "Local",
                "أول أمطار الخريف تغمر شوارع وسط المدينة",
                "الدفاع المدني يتلقى عشرات البلاغات، وتحذير من السيول في الوديان",
                """
                غمرت أمطار غزيرة شوارع وسط المدينة مساء اليوم، في أول منخفض جوي هذا الخريف.
                """,
                Tags: ["الطقس"], WordBudget: 250, Deadline: In(2)));
            rain.Comment(Samira, 1.2, "@layla.haddad can we get photos from the civil defence?", "headline");

            var chess = Open(James, 3, new NewStory(
                "chess-prodigy-twelve", StoryLanguage.English, "Culture",
                "Twelve-year-old becomes the city's youngest chess master",
                "",
                "Aya Mansour, 12, earned her master title at the weekend.",
                Tags: ["chess"], WordBudget: 350, Deadline: In(7)));
            chess.Edit(James, 2.5, f => f with { Standfirst = "Aya Mansour learned the game from her grandfather in a café on Market Street" });

            var souk = Open(Nadia, 1, new NewStory(
                "spice-prices-souk", StoryLanguage.Arabic, "Economy",
                "أسعار البهارات في السوق ترتفع قبل رمضان",
                "",
                "",
                Tags: ["الأسعار"], WordBudget: 300, Deadline: In(9)));
            souk.Assign(Omar, 0.8, [Nadia, Layla], Omar);
        }

        private void OffTheBoard()
        {
            var pool = Open(James, 50, new NewStory(
                "pool-closure-reversed", StoryLanguage.English, "Local",
                "Council reverses decision to close the Eastside pool",
                "",
                "The Eastside pool will stay open after a petition signed by 6,000 people.",
                Tags: ["council"], WordBudget: 300));
            pool.Submit(James, 49);
            pool.Approve(Samira, 48.5);
            pool.Publish(Samira, 48);
            pool.Unpublish(Samira, 30, "The decision was deferred; we will rewrite it after the vote.");

            var rumour = Open(Tom, 12, new NewStory(
                "stadium-sale-rumour", StoryLanguage.English, "Sport",
                "Stadium to be sold, sources say",
                "",
                "Nobody would go on the record.",
                Tags: ["football"], WordBudget: 300));
            rumour.Spike(Samira, 10, "One anonymous source is not a story.");
        }

        private Scene Open(Actor author, double hoursAgo, NewStory draft)
        {
            var at = Ago(hoursAgo);
            var (story, revision) = Story.Create(draft, author.UserId, author.Name, at);
            db.Stories.Add(story);
            db.Revisions.Add(revision);
            var scene = new Scene(this, story);
            scene.Audit(author, at, "CreateStory", before: null);
            return scene;
        }

        private static LeadImage Image(string name, string caption, string credit) =>
            new($"/images/demo/{name}.svg", caption, credit);

        /// <summary>One story through its day.</summary>
        private sealed class Scene(Day day, Story story)
        {
            private readonly List<EditorialComment> _openThreads = [];

            private StoryContext At(DateTimeOffset at) => new(_openThreads.Count, at);

            public void Edit(Actor who, double hoursAgo, Func<StoryFields, StoryFields> change) =>
                Step(who, hoursAgo, "UpdateStory", at => story.Edit(change(Fields()), who, At(at)));

            public void Submit(Actor who, double hoursAgo) =>
                Step(who, hoursAgo, "SubmitForReview", at => story.SubmitForReview(who, At(at)));

            public void RequestChanges(Actor who, double hoursAgo, string note) =>
                Step(who, hoursAgo, "RequestChanges", at => story.RequestChanges(note, who, At(at)));

            public void Approve(Actor who, double hoursAgo) =>
                Step(who, hoursAgo, "Approve", at => story.Approve(who, At(at)));

            public void Publish(Actor who, double hoursAgo) =>
                Step(who, hoursAgo, "Publish", at => story.Publish(who, At(at)));

            public void Unpublish(Actor who, double hoursAgo, string note) =>
                Step(who, hoursAgo, "Unpublish", at => story.Unpublish(note, who, At(at)));

            public void Spike(Actor who, double hoursAgo, string note) =>
                Step(who, hoursAgo, "Spike", at => story.Spike(note, who, At(at)));

            public void Correct(Actor who, double hoursAgo, string note, Func<StoryFields, StoryFields> change) =>
                Step(who, hoursAgo, "Correct", at => story.Correct(note, change(Fields()), who, At(at)));

            public void Embargo(Actor who, double hoursAgo, DateTimeOffset until) =>
                Step(who, hoursAgo, "SetEmbargo", at => story.SetEmbargo(until, who, At(at)));

            public void Hold(Actor who, double hoursAgo, string reason) =>
                Step(who, hoursAgo, "SetLegalHold", at => story.SetLegalHold(true, reason, who, At(at)));

            public void Assign(Actor who, double hoursAgo, IReadOnlyCollection<Actor> reporters, Actor? reviewer) =>
                Step(who, hoursAgo, "AssignStory",
                    at => story.Assign(reporters.Select(r => r.UserId).ToList(), reviewer?.UserId, who, At(at)));

            public void SetByline(Actor who, double hoursAgo, params Actor[] authors) =>
                Step(who, hoursAgo, "SetByline", at =>
                {
                    if (story.SetByline(authors.Select(a => a.UserId).ToList(), day.Names, who, At(at)) is { } revision)
                    {
                        day.Db.Revisions.Add(revision);
                    }
                });

            /// <summary>A thread, on a field's first words when <paramref name="field"/> is given; resolved when asked.</summary>
            public void Comment(Actor who, double hoursAgo, string body, string? field = null, (Actor Who, double HoursAgo)? resolvedBy = null)
            {
                var at = day.Ago(hoursAgo);
                var anchor = field is null
                    ? null
                    : new CommentAnchor(field, 0, Math.Min(story.LiveField(field).Length, 24), story.LatestRevisionNumber);
                var comment = EditorialComment.Start(story.Id, who.UserId, body, anchor, [], at);
                day.Db.Comments.Add(comment);
                Audit(who, at, "AddComment", Snapshot());
                if (resolvedBy is { } resolution)
                {
                    comment.Resolve(resolution.Who.UserId, day.Ago(resolution.HoursAgo));
                    Audit(resolution.Who, day.Ago(resolution.HoursAgo), "SettleThread", Snapshot());
                }
                else
                {
                    _openThreads.Add(comment);
                }
            }

            /// <summary>A reader's comment, waiting for moderation unless an editor approved it.</summary>
            public void Reader(string name, string email, string body, double hoursAgo, Actor? approvedBy = null)
            {
                var comment = ReaderComment.Hold(story.Id, name, email, body, day.Ago(hoursAgo));
                if (approvedBy is not null)
                {
                    comment.Moderate(ReaderCommentStatus.Approved, approvedBy.UserId, day.Ago(hoursAgo - 0.2));
                }

                day.Db.ReaderComments.Add(comment);
            }

            private StoryFields Fields() => new(story.Desk, story.Headline, story.Standfirst, story.Body,
                story.LeadImage, story.Tags, story.WordBudget, story.Deadline);

            private void Step(Actor who, double hoursAgo, string command, Func<DateTimeOffset, Revision> act) =>
                Step(who, hoursAgo, command, at => day.Db.Revisions.Add(act(at)));

            private void Step(Actor who, double hoursAgo, string command, Action<DateTimeOffset> act)
            {
                var at = day.Ago(hoursAgo);
                var before = Snapshot();
                act(at);
                Audit(who, at, command, before);
            }

            private StorySnapshot Snapshot() => new(story.Id, story.State, story.LatestRevisionNumber);

            public void Audit(Actor who, DateTimeOffset at, string command, StorySnapshot? before) =>
                day.Db.AuditLog.Add(AuditEntry.Record(
                    at, who.UserId, who.Name, command, AuditOutcome.Succeeded, before: before, after: Snapshot()));
        }
    }
}
