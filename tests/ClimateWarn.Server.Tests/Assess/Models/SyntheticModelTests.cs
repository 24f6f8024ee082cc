using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Assess.Models;

/// <summary>
/// The heavy-rain, flood and drought models as the `train` verb makes them: the committed models are reproducible from
/// the generator. Their features, split, scoring and cards are tested in ClimateWarn.Risk.Tests.
/// </summary>
public sealed class SyntheticModelTests
{
    public static readonly TheoryData<string> Hazards = ["heavy-rain", "flood", "drought"];

    private static string ModelPath(string hazard) => Path.Combine(Repo.Root, "models", hazard, "model.zip");

    private static async Task<(int Code, string Output)> TrainAsync(string models, params string[] args)
    {
        // One writer for both streams, as a terminal shows them: usage errors go to standard error.
        var output = new StringWriter();
        var settings = new Dictionary<string, string?> { ["Paths:Models"] = models, ["Paths:Data"] = Repo.TempDirectory() };
        var code = await Commands.RunAsync(["train", .. args], c => c.AddInMemoryCollection(settings), output, output);
        return (code, output.ToString());
    }

    [Theory]
    [MemberData(nameof(Hazards))]
    public async Task CommittedModel_IsWhatTheTrainCommandMakes(string hazard)
    {
        var models = Repo.TempDirectory();

        var (code, output) = await TrainAsync(models, "--hazard", hazard);

        Assert.Equal(0, code);
        Assert.Contains("SYNTHETIC", output, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(ModelPath(hazard)), await File.ReadAllBytesAsync(Path.Combine(models, hazard, "model.zip")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "models", hazard, "card.json")), await File.ReadAllTextAsync(Path.Combine(models, hazard, "card.json")));
    }

    [Fact]
    public async Task Train_AnotherSeed_GivesAnotherModel_AndBadArgumentsAreRefused()
    {
        var models = Repo.TempDirectory();

        // Both forms of an option's value, on one line.
        var (code, output) = await TrainAsync(models, "--hazard=heavy-rain", "--seed=9", "--years", "12");
        Assert.Equal(0, code);
        Assert.Contains("seed 9, 12 years per district", output, StringComparison.Ordinal);
        Assert.NotEqual(await File.ReadAllBytesAsync(ModelPath("heavy-rain")), await File.ReadAllBytesAsync(Path.Combine(models, "heavy-rain", "model.zip")));
        var (unknown, message) = await TrainAsync(models, "--hazard", "tornado");
        Assert.Equal(ExitCodes.Usage, unknown);
        Assert.Contains("unknown hazard 'tornado'", message, StringComparison.Ordinal);
        Assert.Contains("heavy-rain, flood, drought", message, StringComparison.Ordinal);
        var (years, why) = await TrainAsync(models, "--hazard", "flood", "--years", "3");
        Assert.Equal(ExitCodes.Usage, years);
        Assert.Contains("--years takes an integer from 8 to 1000 (got '3')", why, StringComparison.Ordinal);
    }
}
