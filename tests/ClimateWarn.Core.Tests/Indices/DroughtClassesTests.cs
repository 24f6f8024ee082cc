using ClimateWarn.Core.Indices;

namespace ClimateWarn.Core.Tests.Indices;

public sealed class DroughtClassesTests
{
    [Theory]
    [InlineData(3.09, DroughtClass.None)]
    [InlineData(-0.4999999, DroughtClass.None)]
    [InlineData(-0.5, DroughtClass.Light)]
    [InlineData(-0.5000001, DroughtClass.Light)]
    [InlineData(-0.9999999, DroughtClass.Light)]
    [InlineData(-1.0, DroughtClass.Moderate)]
    [InlineData(-1.0000001, DroughtClass.Moderate)]
    [InlineData(-1.4999999, DroughtClass.Moderate)]
    [InlineData(-1.5, DroughtClass.Severe)]
    [InlineData(-1.5000001, DroughtClass.Severe)]
    [InlineData(-1.9999999, DroughtClass.Severe)]
    [InlineData(-2.0, DroughtClass.Extreme)]
    [InlineData(-2.0000001, DroughtClass.Extreme)]
    [InlineData(-3.09, DroughtClass.Extreme)]
    [InlineData(double.NegativeInfinity, DroughtClass.Extreme)]
    [InlineData(double.NaN, DroughtClass.Unknown)]
    public void OfIndex_ValueAtEdge_GivesClass(double value, DroughtClass expected)
    {
        Assert.Equal(expected, DroughtClasses.OfIndex(value));
    }

    [Theory]
    [InlineData(0.5, DroughtClass.None)]
    [InlineData(-0.3999999, DroughtClass.None)]
    [InlineData(-0.40, DroughtClass.Light)]
    [InlineData(-0.4000001, DroughtClass.Light)]
    [InlineData(-0.6499999, DroughtClass.Light)]
    [InlineData(-0.65, DroughtClass.Moderate)]
    [InlineData(-0.7999999, DroughtClass.Moderate)]
    [InlineData(-0.80, DroughtClass.Severe)]
    [InlineData(-0.9499999, DroughtClass.Severe)]
    [InlineData(-0.95, DroughtClass.Extreme)]
    [InlineData(-1.0, DroughtClass.Extreme)]
    [InlineData(double.NaN, DroughtClass.Unknown)]
    public void OfMi_ValueAtEdge_GivesClass(double value, DroughtClass expected)
    {
        Assert.Equal(expected, DroughtClasses.OfMi(value));
    }

    [Theory]
    [InlineData(DroughtClass.Unknown, "未知", "Unknown (no data)")]
    [InlineData(DroughtClass.None, "无旱", "No drought")]
    [InlineData(DroughtClass.Light, "轻旱", "Light drought")]
    [InlineData(DroughtClass.Moderate, "中旱", "Moderate drought")]
    [InlineData(DroughtClass.Severe, "重旱", "Severe drought")]
    [InlineData(DroughtClass.Extreme, "特旱", "Extreme drought")]
    public void Names_EachClass_HasChineseAndEnglish(DroughtClass droughtClass, string chinese, string english)
    {
        Assert.Equal(chinese, droughtClass.ChineseName());
        Assert.Equal(english, droughtClass.EnglishName());
    }

    [Fact]
    public void Unknown_IsTheDefault_NeverNoDrought()
    {
        Assert.Equal(DroughtClass.Unknown, default(DroughtClass));
        Assert.NotEqual(DroughtClass.None, DroughtClasses.OfIndex(double.NaN));
    }
}
