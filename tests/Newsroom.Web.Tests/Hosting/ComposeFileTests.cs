using System.Text.Json;
using Newsroom.Web.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Newsroom.Web.Tests.Hosting;

/// <summary>No Docker engine runs here, so the compose file is checked against the settings the app reads.</summary>
public sealed class ComposeFileTests
{
    // Read by ASP.NET Core itself rather than through appsettings.json.
    private static readonly string[] FrameworkVariables =
        ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED"];

    [Fact]
    public void Every_variable_the_compose_file_gives_the_app_is_one_the_app_reads()
    {
        var settings = AppSettingKeys();
        var variables = AppEnvironment().Keys.ToList();

        Assert.Contains("ConnectionStrings__Newsroom", variables);
        Assert.Contains("ConnectionStrings__Redis", variables);
        Assert.All(variables, variable => Assert.True(
            FrameworkVariables.Contains(variable) || settings.Contains(variable.Replace("__", ":", StringComparison.Ordinal)),
            $"docker-compose.yml sets {variable}, which the app does not read"));
    }

    [Fact]
    public void The_app_port_is_published_on_loopback_only_and_forwarded_headers_are_believed_only_from_the_proxy()
    {
        var app = AppService();
        var ports = ((YamlSequenceNode)app["ports"]).Children.Select(p => ((YamlScalarNode)p).Value!).ToList();
        var environment = AppEnvironment();

        Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
        Assert.DoesNotContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED", environment.Keys);
        Assert.Contains("ForwardedHeaders__KnownNetworks", environment.Keys);
        Assert.Contains("Newsroom__PublicBaseUrl", environment.Keys);
    }

    [Fact]
    public void The_compose_file_holds_no_secret_only_references_to_them()
    {
        var environment = AppEnvironment();

        Assert.Contains("${POSTGRES_PASSWORD}", environment["ConnectionStrings__Newsroom"], StringComparison.Ordinal);
        Assert.StartsWith("${NEWSROOM_ADMIN_PASSWORD", environment["Newsroom__BootstrapAdmin__Password"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_configuration_table_lists_every_setting_the_app_reads()
    {
        var documented = Readme.Table("Setting | Environment variable | Default").Select(row => row[1]).ToHashSet();

        Assert.All(AppSettingKeys().Where(k => !k.StartsWith("Logging:LogLevel", StringComparison.Ordinal) && k != "AllowedHosts"),
            key => Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), documented));
    }

    private static Dictionary<string, string> AppEnvironment() =>
        ((YamlMappingNode)AppService()["environment"]).Children
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");

    private static YamlMappingNode AppService()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Readme.RepositoryRoot, "docker-compose.yml")))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        return (YamlMappingNode)services["app"];
    }

    private static HashSet<string> AppSettingKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(Readme.RepositoryRoot, "src", "Newsroom.Web", "appsettings.json")));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Flatten(json.RootElement, "", keys);
        return keys;
    }

    private static void Flatten(JsonElement element, string prefix, HashSet<string> keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            keys.Add(prefix);
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", keys);
        }
    }
}
