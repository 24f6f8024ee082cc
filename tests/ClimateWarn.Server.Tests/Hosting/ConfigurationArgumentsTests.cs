using ClimateWarn.Server.Hosting;

namespace ClimateWarn.Server.Tests.Hosting;

public sealed class ConfigurationArgumentsTests
{
    [Theory]
    [InlineData("--A:B v import", "--A:B=v", "import")]
    [InlineData("import --A:B v --format x", "--A:B=v", "import --format x")]
    [InlineData("--A:B=v=w --replay", "--A:B=v=w", "--replay")]
    [InlineData("--A:B= --C:D -5", "--A:B= --C:D=-5", "")]
    [InlineData("import --format x --place y", "", "import --format x --place y")]
    [InlineData("--replay -A:B v", "", "--replay -A:B v")]
    [InlineData("--:B v", "", "--:B v")]
    [InlineData("import a -- --A:B v", "", "import a -- --A:B v")]
    public void Split_SettingsInBothForms_AreTakenOut(string line, string settings, string others)
    {
        var split = ConfigurationArguments.Split(Words(line));

        Assert.Null(split.Problem);
        Assert.Equal(Words(settings), split.Settings);
        Assert.Equal(Words(others), split.Others);
    }

    [Theory]
    [InlineData("import --Storage:Provider")]
    [InlineData("--Storage:Provider --replay")]
    public void Split_SettingWithoutAValue_IsAProblemNamingIt(string line)
    {
        var split = ConfigurationArguments.Split(Words(line));

        Assert.Equal("configuration --Storage:Provider needs a value: --Storage:Provider value or --Storage:Provider=value", split.Problem);
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
