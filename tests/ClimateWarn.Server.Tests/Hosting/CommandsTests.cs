using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Hosting;

/// <summary>
/// The command line as a user types it: help, both forms of every value, one clear line for a line that cannot run.
/// Every line here that should be refused also names a configuration that refuses start-up, so a parser that wrongly
/// accepted it would exit 78, not 2, and never start a server or write outside the test's folders.
/// </summary>
public sealed class CommandsTests
{
    private const string NoSuchConfig = "--Paths:Config=/nonexistent/climatewarn-config";

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var settings = new Dictionary<string, string?> { ["Paths:Data"] = Repo.TempDirectory(), ["Paths:Models"] = Repo.TempDirectory() };
        var code = await Commands.RunAsync(args, c => c.AddInMemoryCollection(settings), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_OnTheRoot_ListsTheVerbsReplayAndConfiguration()
    {
        var (code, output, error) = await RunAsync("--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error);
        foreach (var expected in new[] { "import", "reconcile", "train", "verify", "users", "--replay", "--Section:Key value", "--Section:Key=value" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("import", "--format", "--place", "<files>")]
    [InlineData("reconcile", "ledger", "--help", "--help")]
    [InlineData("train", "--hazard", "--isd-lite", "--years")]
    [InlineData("verify", "--hazard", "--isd-lite", "--json")]
    [InlineData("users", "add", "accounts", "--help")]
    [InlineData("users add", "--user", "--role", "--district")]
    public async Task Help_OnEveryVerb_DescribesIt(string verb, string first, string second, string third)
    {
        var (code, output, error) = await RunAsync([.. verb.Split(' '), "--help"]);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error);
        Assert.Contains($"Usage:{Environment.NewLine}", output, StringComparison.Ordinal);
        Assert.Contains(" " + verb, output, StringComparison.Ordinal);
        Assert.All(new[] { first, second, third }, e => Assert.Contains(e, output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--bogus", "import", "--format", "isd-lite", "x.txt")]
    [InlineData("import", "--format", "isd-lite", "--bogus", "x.txt")]
    [InlineData("import", "--format", "isd-lite", "x.txt", "--bogus=1")]
    [InlineData("reconcile", "--bogus")]
    [InlineData("train", "--hazard", "frost", "--bogus")]
    [InlineData("train", "--hazard", "frost", "--isd-lite", "a.txt", "--bogus")]
    [InlineData("verify", "--hazard", "frost", "--isd-lite", "a.txt", "--bogus")]
    [InlineData("users", "add", "--user", "u", "--bogus")]
    public async Task UnknownOption_ExitsWithUsage_NamingIt_InOneLine(params string[] args)
    {
        var (code, output, error) = await RunAsync([.. args, NoSuchConfig]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("'--bogus", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.TrimEnd());
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("'--format'", "import", "x.txt", "--format")]
    [InlineData("<files>", "import", "--format", "isd-lite")]
    [InlineData("'--format' is required", "import", "x.txt")]
    [InlineData("'--hazard'", "train", "--hazard")]
    [InlineData("'--seed'", "train", "--hazard", "flood", "--seed")]
    [InlineData("'--isd-lite'", "verify", "--hazard", "frost", "--isd-lite")]
    [InlineData("'--user' is required", "users", "add", "--role", "Admin")]
    [InlineData("Required command", "users")]
    [InlineData("--Storage:Provider needs a value", "reconcile", "--Storage:Provider")]
    [InlineData("--Storage:Provider needs a value", "--Storage:Provider", "--replay")]
    [InlineData("--years takes an integer from 8 to 1000 (got '8.5')", "train", "--hazard", "flood", "--years=8.5")]
    [InlineData("--test-from takes a date, yyyy-MM-dd (got '2021-02-30')", "train", "--hazard", "frost", "--test-from", "2021-02-30")]
    public async Task MissingOrImpossibleValue_ExitsWithUsage_NamingIt_InOneLine(string message, params string[] args)
    {
        var (code, output, error) = await RunAsync([NoSuchConfig, .. args]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.TrimEnd());
        Assert.Empty(output);
    }

    public static readonly TheoryData<string[]> EveryVerb =
    [
        ["reconcile"],
        ["import", "--format", "isd-lite", "x.txt"],
        ["train", "--hazard", "frost"],
        ["verify", "--hazard", "frost", "--isd-lite", "x.txt"],
        ["users", "add", "--user", "someone", "--role", "Admin"],
    ];

    /// <summary>A provider no store has refuses the configuration: the cheapest proof the verb's host saw the setting.</summary>
    [Theory]
    [MemberData(nameof(EveryVerb))]
    public async Task ConfigurationSetting_InBothForms_ReachesEveryVerb(string[] verb)
    {
        foreach (var line in new string[][] { [.. verb, "--Storage:Provider", "Bogus"], ["--Storage:Provider=Bogus", .. verb] })
        {
            var (code, output, error) = await RunAsync(line);

            Assert.Equal(ExitCodes.ConfigurationError, code);
            Assert.Contains("Storage:Provider = 'Bogus' is not one of Sqlite, Influx", error, StringComparison.Ordinal);
            Assert.Empty(output);
        }
    }

    [Theory]
    [InlineData("--Storage:Provider", "Bogus")]
    [InlineData("--Storage:Provider=Bogus")]
    [InlineData("--replay", "--Storage:Provider", "Bogus")]
    public void ConfigurationSetting_InBothForms_ReachesTheServer(params string[] args)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => ClimateWarnHost.Create(args, b => b.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Paths:Data"] = Repo.TempDirectory() })));

        Assert.Contains("Storage:Provider = 'Bogus'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_TakesNothingButReplayAndSettings()
    {
        var ex = Assert.Throws<ArgumentException>(() => ClimateWarnHost.Create(["--replay", "import"]));

        Assert.Contains("'import'", ex.Message, StringComparison.Ordinal);
    }
}
