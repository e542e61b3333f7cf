using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Newsroom.Application.Data;
using Newsroom.Application;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Resilience;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Web.Components;
using Newsroom.Web.Endpoints;
using Newsroom.Web.Hosting;
using Newsroom.Web.Hubs;
using Newsroom.Web.Localization;
using Newsroom.Web.Realtime;
using Newsroom.Web.Security;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

// The database has to be known before services are built; with none configured we start our own and stop it on exit.
using var startupLogging = LoggerFactory.Create(logging => logging
    .AddConfiguration(builder.Configuration.GetSection("Logging"))
    .AddConsole());
var (connectionString, localCluster) = await NewsroomDatabase.ResolveAsync(
    builder.Configuration, builder.Environment, startupLogging.CreateLogger("Newsroom.Database"));
await using var stopLocalClusterOnExit = localCluster;

builder.Services.AddNewsroomApplication(connectionString, typeof(Program).Assembly)
    .AddDefaultTokenProviders()
    .AddApiEndpoints()
    // After AddApiEndpoints, which registers the plain SignInManager itself.
    .AddSignInManager<EvenTimedSignInManager>();
builder.Services.AddNewsroomSecurity(secureCookies: !builder.Environment.IsDevelopment(), builder.Configuration);
builder.Services.AddHostedService<DatabaseInitialization>();
builder.Services.AddHostedService<SystemTasks>();
builder.Services.AddSingleton<NewsroomEvents>();
builder.Services.AddSingleton<PresenceRegistry>();
builder.Services.AddSingleton<IPresenceStore, InMemoryPresenceStore>();
builder.Services.AddHostedService<PresenceHeartbeat>();
builder.Services.Configure<PresenceRegistry.Options>(builder.Configuration.GetSection("Presence"));
builder.Services.AddSingleton<ConnectionCap>();
builder.Services.AddSingleton<PushRateCap>();
builder.Services.AddSingleton<PushPacing>();
builder.Services.AddServerDiagnostics();
builder.Services.AddSingleton<PreviewLinks>();
builder.Services.AddSingleton<PublicBaseUrl>();
builder.Services.AddAddressLimits(builder.Configuration);
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddOpenApi();

// Pages are UTF-8: Arabic (and every other script) is written as itself, not as &#x627; character references that
// quadruple its bytes. The encoder still escapes what HTML needs escaped (<, >, &, quotes).
builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// RefusalsAsHubErrors logs a hub method's failure; SignalR would log every refusal as an error with a stack trace too.
builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
var signalR = builder.Services.AddSignalR(options =>
    {
        options.AddFilter<RefusalsAsHubErrors>();
        options.AddFilter<PushRefusals>();
        options.AddFilter<ConnectionCap>();
        options.AddFilter<PushRateCap>();
    })
    // A whole body pasted at once must fit in one push: 200,000 characters of Arabic is about 400 KB of JSON. Only
    // the live editor's hub needs that; every other hub, Blazor's circuits included, keeps SignalR's 32 KB.
    .AddHubOptions<CollabHub>(options => options.MaximumReceiveMessageSize = 1024 * 1024)
    .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
{
    // With several app instances behind a load balancer, a hub message must reach clients on every instance.
    signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal("newsroom"));
    // And what changed must reach every instance's caches and open pages, not only the one where it happened.
    builder.Services.AddRedisInstances(redis);
}

builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
if (builder.Configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keysDirectory)
{
    // Sign-in cookies and bearer tokens are sealed with these keys: every instance must share them, and they must
    // outlive a restart, or everyone is signed out.
    builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
}

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddHealthChecks().AddDbContextCheck<NewsroomDbContext>("database")
    .AddCheck<DatabaseOutageCheck>("saving");
builder.Services.Configure<CompactLiveTexts.Options>(options =>
{
    options.ForgetAfter = TimeSpan.FromSeconds(builder.Configuration.GetValue("LiveEditing:ForgetAfterSeconds", 600.0));
    options.KeepUpdates = builder.Configuration.GetValue("LiveEditing:KeepUpdates", options.KeepUpdates);
    options.CompactEvery = builder.Configuration.GetValue("LiveEditing:CompactEvery", options.CompactEvery);
});
// A busy text commits (and broadcasts) at most once per window: one message per batch instead of per push (ADR-025).
builder.Services.Configure<GroupCommit.Options>(options =>
    options.CommitWindow = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("LiveEditing:CommitWindowMs", 15.0)));
// How long a live edit waits for an unreachable database before it is refused as saving paused (kept in the browser).
builder.Services.Configure<DatabaseOutage.Options>(options =>
    options.RetryFor = TimeSpan.FromSeconds(builder.Configuration.GetValue("Database:RetrySeconds", 10.0)));
builder.Services.AddNewsroomLocalization();

var app = builder.Build();

app.UseTrustedProxies(builder.Configuration);
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseHeadAsGet();
app.UseRouting();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseMiddleware<WithdrawnAccessMiddleware>();
app.UseMiddleware<BrowserOriginsMiddleware>();
app.UseAuthorization();
app.UseMiddleware<CurrentUserMiddleware>();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseMiddleware<WallLinkGate>();

app.MapStaticAssets();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportText.WriteAsync });
app.MapOpenApi();
app.MapNewsroomIdentity();
app.MapInterfaceCulture();
app.MapNewsroomApi();
app.MapServerDiagnostics();
app.MapNewsroomFeeds();
app.MapHub<NewsroomHub>(NewsroomHub.Path);
app.MapHub<CollabHub>(CollabHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Exposed so the web tests can host the app in-process.</summary>
public partial class Program;
