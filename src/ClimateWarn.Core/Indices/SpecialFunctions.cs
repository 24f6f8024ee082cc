namespace ClimateWarn.Core.Indices;

/// <summary>
/// The few special functions the drought indices need: ln Γ, the regularised incomplete gamma function and the
/// standard normal CDF and its inverse.
/// </summary>
/// <remarks>
/// Written here rather than taken from MathNet.Numerics: Core must stay free of packages (an architecture test checks its
/// references) and four well-known functions do not justify a dependency. Each is a published algorithm with known
/// accuracy; the tests hold them to closed forms and to Python's independent implementations within 1e-9.
/// </remarks>
internal static class SpecialFunctions
{
    // A little above double precision (2.2e-16) so the loops stop on the last representable change.
    private const double Epsilon = 3e-16;
    private const double TinyDenominator = 1e-300;
    private const int MaxIterations = 10_000;

    // Lanczos approximation with g = 7 and nine coefficients (the set in Press et al. and Godfrey's note); relative
    // error about 1e-15 for positive arguments, far below what a gamma fit of rainfall can resolve.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (NaN otherwise: the indices never need the reflection formula).</summary>
    public static double LnGamma(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            return double.IsPositiveInfinity(x) ? x : double.NaN;
        }

        if (x < 0.5)
        {
            // Γ(x) = Γ(x + 1) / x keeps the series in its accurate range without a sine reflection.
            return LnGamma(x + 1) - Math.Log(x);
        }

        var z = x - 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (z + i);
        }

        var t = z + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((z + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>Regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a &gt; 0 and x ≥ 0.</summary>
    public static double GammaP(double a, double x)
    {
        if (double.IsNaN(a) || double.IsNaN(x) || a <= 0 || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return 0;
        }

        // Numerical Recipes' split: the series converges fast below a + 1, the continued fraction above it.
        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly so small tails keep their digits.</summary>
    public static double GammaQ(double a, double x)
    {
        if (double.IsNaN(a) || double.IsNaN(x) || a <= 0 || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return 1;
        }

        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>Standard normal CDF Φ(x), through erfc(z) = Q(1/2, z²) so it is accurate in both tails.</summary>
    public static double NormalCdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var tail = 0.5 * GammaQ(0.5, x * x / 2);
        return x < 0 ? tail : 1 - tail;
    }

    /// <summary>
    /// Standard normal quantile Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9) refined by one Halley
    /// step on Φ, which brings it to about machine precision. Returns ±∞ at 0 and 1 and NaN outside [0, 1].
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            return double.NaN;
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        if (p > 0.5)
        {
            // 1 − p is exact for p in (0.5, 1), so the upper half reuses the accurate lower-tail computation.
            return -NormalQuantile(1 - p);
        }

        if (p == 0.5)
        {
            return 0;
        }

        var x = Acklam(p);
        var halfSquare = x * x / 2;
        if (halfSquare < 700)
        {
            // Beyond about 37 σ exp(x²/2) overflows; Acklam's 1e-9 is then kept as it is (the indices clip at 3.09).
            var e = NormalCdf(x) - p;
            var u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(halfSquare);
            x -= u / (1 + (x * u / 2));
        }

        return x;
    }

    private static double Acklam(double p)
    {
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((((((-7.784894002430293e-03 * q) - 3.223964580411365e-01) * q) - 2.400758277161838e+00) * q)
                        - 2.549732539343734e+00) * q) + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                   / ((((((((7.784695709041462e-03 * q) + 3.224671290700398e-01) * q) + 2.445134137142996e+00) * q)
                        + 3.754408661907416e+00) * q) + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((((((-3.969683028665376e+01 * s) + 2.209460984245205e+02) * s) - 2.759285104469687e+02) * s)
                    + 1.383577518672690e+02) * s) - 3.066479806614716e+01) * s + 2.506628277459239e+00) * r
               / ((((((((((-5.447609879822406e+01 * s) + 1.615858368580409e+02) * s) - 1.556989798598866e+02) * s)
                      + 6.680131188771972e+01) * s) - 1.328068155288572e+01) * s) + 1);
    }

    private static double GammaSeries(double a, double x)
    {
        var ap = a;
        var term = 1 / a;
        var sum = term;
        for (var n = 0; n < MaxIterations; n++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp((a * Math.Log(x)) - x - LnGamma(a));
    }

    // Modified Lentz evaluation of the continued fraction for Q(a, x) (Numerical Recipes §6.2).
    private static double GammaContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / TinyDenominator;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < TinyDenominator ? TinyDenominator : d;
            c = b + (an / c);
            c = Math.Abs(c) < TinyDenominator ? TinyDenominator : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp((a * Math.Log(x)) - x - LnGamma(a)) * h;
    }
}
