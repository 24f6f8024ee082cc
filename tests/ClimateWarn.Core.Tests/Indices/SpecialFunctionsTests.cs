using ClimateWarn.Core.Indices;

namespace ClimateWarn.Core.Tests.Indices;

/// <summary>
/// Expected values are closed forms, or Python 3.11's independent implementations printed with repr():
/// math.lgamma (C library), math.erf (C library), statistics.NormalDist().inv_cdf (Wichura AS241).
/// </summary>
public sealed class SpecialFunctionsTests
{
    private const double Accuracy = 1e-9;

    [Theory]
    [InlineData(0.1, 2.2527126517342055)]
    [InlineData(0.5, 0.5723649429247004)]   // ln √π
    [InlineData(1.0, 0.0)]
    [InlineData(2.5, 0.2846828704729196)]
    [InlineData(7.3, 7.147892523022248)]
    [InlineData(100.5, 361.4355404677776)]
    [InlineData(171.2, 707.6009268476702)]
    public void LnGamma_KnownArguments_MatchesPython(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.LnGamma(x), Accuracy * Math.Max(1, Math.Abs(expected)));
    }

    [Theory]
    [InlineData(0.5, 0.01, 0.1124629160182849)]     // P(1/2, x) = erf(√x), series branch
    [InlineData(0.5, 1.2, 0.8786647496415179)]
    [InlineData(0.5, 2.0, 0.9544997361036416)]      // continued-fraction branch
    [InlineData(0.5, 20.0, 0.9999999997460371)]
    [InlineData(1.5, 0.01, 0.0007477553393911984)]  // P(3/2, x) = erf(√x) − 2√(x/π)e^(−x)
    [InlineData(1.5, 0.3, 0.1035676266580885)]
    [InlineData(1.5, 2.4999, 0.828188210134892)]    // just below the branch switch at x = a + 1
    [InlineData(1.5, 2.5, 0.8282028557032669)]      // on it: continued fraction
    [InlineData(1.5, 5.0, 0.9814338645369568)]
    [InlineData(1.5, 20.0, 0.9999999893449096)]
    public void GammaP_HalfIntegerShape_MatchesErfClosedForm(double a, double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.GammaP(a, x), Accuracy);
    }

    [Theory]
    [InlineData(1, 0.7)]
    [InlineData(3, 2.0)]
    [InlineData(3, 3.999)]  // just below the branch switch at a + 1
    [InlineData(3, 4.0)]    // exactly on it
    [InlineData(5, 12.5)]
    [InlineData(40, 35.0)]
    [InlineData(40, 55.0)]
    public void GammaP_IntegerShape_MatchesPoissonClosedForm(int a, double x)
    {
        // P(n, x) = 1 − e^(−x) Σ_{k<n} x^k / k!
        double term = 1, sum = 1;
        for (var k = 1; k < a; k++)
        {
            term *= x / k;
            sum += term;
        }

        Assert.Equal(1 - (Math.Exp(-x) * sum), SpecialFunctions.GammaP(a, x), Accuracy);
        Assert.Equal(Math.Exp(-x) * sum, SpecialFunctions.GammaQ(a, x), Accuracy);
    }

    [Theory]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(1e-4, -3.71901648545568)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.02425, -1.9729610513118845)]  // Acklam's switch between tail and central formulas
    [InlineData(0.025, -1.9599639845400538)]
    [InlineData(0.1, -1.2815515655446008)]
    [InlineData(0.3, -0.5244005127080407)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.8, 0.8416212335729144)]
    [InlineData(0.97575, 1.9729610513118847)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.9999999999, 6.361340889697421)]
    public void NormalQuantile_Probabilities_MatchesPythonAs241(double p, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.NormalQuantile(p), Accuracy);
    }

    [Theory]
    [InlineData(0.0, double.NegativeInfinity)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void NormalQuantile_Bounds_AreInfinite(double p, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.NormalQuantile(p));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void NormalQuantile_OutsideUnitInterval_IsNaN(double p)
    {
        Assert.True(double.IsNaN(SpecialFunctions.NormalQuantile(p)));
    }

    [Theory]
    [InlineData(-3.09, 0.0010007824766140039)]
    [InlineData(3.09, 0.9989992175233859)]
    public void NormalCdf_AtTheSpiClip_MatchesPython(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.NormalCdf(x), 1e-15);
    }
}
