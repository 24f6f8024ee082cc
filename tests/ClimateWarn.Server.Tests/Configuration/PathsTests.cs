using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Configuration;

/// <summary>A bureau's own config folder given as an absolute path still finds the repository's models and records.</summary>
public sealed class PathsTests
{
    [Fact]
    public void AbsoluteConfigElsewhere_RelativeModelsAndReplay_AreFoundFromTheContentRootUpward()
    {
        var config = Repo.CopyOfConfig();   // a copy outside the repository, given absolute
        var contentRoot = Path.Combine(Repo.Root, "src", "ClimateWarn.Server");

        var paths = new ResolvedPaths(new PathOptions { Config = config }, contentRoot);

        Assert.Equal(config, paths.Config);
        Assert.Equal(Path.Combine(Repo.Root, "models"), paths.Models);
        Assert.Equal(Path.Combine(Repo.Root, "data", "stations", "isd-lite"), paths.Replay);
    }

    [Fact]
    public void ExampleConfigInTheRepository_KeepsDataAndModelsAtTheRepositoryRoot()
    {
        var contentRoot = Path.Combine(Repo.Root, "src", "ClimateWarn.Server");

        var paths = new ResolvedPaths(new PathOptions { Config = "config-examples/baiyin" }, contentRoot);

        Assert.Equal(Path.Combine(Repo.Root, "config-examples", "baiyin"), paths.Config);
        Assert.Equal(Repo.Root, paths.Root);
        Assert.Equal(Path.Combine(Repo.Root, "data", "runtime"), paths.Data);   // not config-examples/data/runtime
        Assert.Equal(Path.Combine(Repo.Root, "models"), paths.Models);
    }

    [Fact]
    public async Task ModelsFolderWithoutTheModels_RefusesStartUp_NamingPathsModels()
    {
        var error = new StringWriter();
        var empty = Repo.TempDirectory();
        var code = await ClimateWarnHost.RunAsync(["--replay"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Paths:Data"] = Repo.TempDirectory(),
                ["Paths:Models"] = empty,
            });
            b.Logging.ClearProviders();
        }, error);

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains($"Paths:Models = '{empty}'", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}
