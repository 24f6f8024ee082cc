using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Risk.Tests.Support;
using Microsoft.ML;

namespace ClimateWarn.Risk.Tests.Frost;

/// <summary>
/// The committed frost model's card and its schema check. The tests that need the real station record read through the
/// Server's ISD-Lite reader and the `train` verb, so they are in ClimateWarn.Server.Tests (Assess/Models).
/// </summary>
public sealed class FrostModelTests
{
    [Fact]
    public void Card_StatesDataSkillAndBaselines()
    {
        var card = ModelCard.FromJson(File.ReadAllText(Repo.Model("frost", "card.json")));

        Assert.False(card.Data.Synthetic);
        Assert.Equal(["52983", "53614", "53705", "53723"], card.Data.Stations);
        Assert.Contains(card.Caveats, c => c.Contains("retrain", StringComparison.Ordinal));
        foreach (var lead in new[] { 24, 48 })
        {
            var model = card.HeldOut.Single(s => s.Forecaster == "model" && s.LeadHours == lead);
            Assert.InRange(model.RocAuc, 0, 1);
            Assert.Equal(10, model.Reliability!.Count);
            Assert.False(double.IsNaN(model.BrierSkillVsClimatology));
            Assert.Contains(card.HeldOut, s => s.Forecaster == "climatology" && s.LeadHours == lead);
            Assert.Contains(card.HeldOut, s => s.Forecaster == "rule on persistence" && s.LeadHours == lead);
        }
    }

    [Fact]
    public void Load_ModelWithAnotherInputSchema_FailsWithAClearMessage()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Other { X = 1, Label = true }, new Other { X = 0, Label = false } });
        var other = ml.Transforms.Concatenate("Features", nameof(Other.X)).Fit(data);
        var path = Path.Combine(Repo.TempDirectory(), "other.zip");
        ml.Model.Save(other, data.Schema, path);

        var ex = Assert.Throws<InvalidDataException>(() => FrostModel.Load(path));

        Assert.Contains("lacks LeadHours", ex.Message, StringComparison.Ordinal);
    }

    public sealed class Other
    {
        public float X { get; set; }

        public bool Label { get; set; }
    }
}
