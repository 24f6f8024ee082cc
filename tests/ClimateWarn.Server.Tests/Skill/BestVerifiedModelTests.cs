using ClimateWarn.Server.Skill;

namespace ClimateWarn.Server.Tests.Skill;

/// <summary>OpenMeteo:Model = auto picks the model the skill table verifies best, by hand-made rows.</summary>
public sealed class BestVerifiedModelTests
{
    private static SkillRow Row(string model, int lead, int hits, int falseAlarms, int misses, int correct, string kind = "model") =>
        new(kind, model, "gale", "blue", lead, hits + falseAlarms + misses + correct, hits + misses, hits, falseAlarms, misses, correct,
            null, null, null, null, null, null, null, []);

    [Fact]
    public void TheHighestPooledCsiAtLeadDayZero_Wins()
    {
        // GRAPES: 30/(30+10+20) = 0.5; GFS: 20/(20+20+20) = 0.333; ECMWF has a better CSI but too few pairs; lead 1 and ensembles do not count.
        var (model, why) = BestVerifiedModel.Choose([
            Row("cma_grapes_global", 0, 30, 10, 20, 60), Row("gfs_seamless", 0, 20, 20, 20, 60), Row("ecmwf_ifs025", 0, 9, 0, 0, 40),
            Row("gfs_seamless", 1, 90, 0, 0, 60), Row("ecmwf_ifs025", 0, 99, 0, 0, 99, kind: "ensemble"),
        ]);

        Assert.Equal("cma_grapes_global", model);
        Assert.Contains("CSI 0.500 over 120 pairs", why, StringComparison.Ordinal);
    }

    [Fact]
    public void NoModelWithEnoughVerifiedPairs_IsBestMatch()
    {
        var (model, why) = BestVerifiedModel.Choose([Row("cma_grapes_global", 0, 5, 1, 1, 20), Row("gfs_seamless", 0, 0, 0, 0, 500)]);

        Assert.Equal("best_match", model);
        Assert.Contains("no model has 100", why, StringComparison.Ordinal);
    }
}
