namespace ClimateWarn.WeatherGen;

/// <summary>
/// SplitMix64: a small, fully specified generator, so a seed means the same stream on every runtime (System.Random's
/// seeded algorithm is an implementation detail). Statistical, not cryptographic, randomness is what is needed here.
/// </summary>
internal sealed class SplitMix(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on (0, 1): 53 random bits, never exactly 0.</summary>
    public double Uniform() => ((Next() >> 11) + 0.5) / (1UL << 53);

    public double Exponential(double mean) => -mean * Math.Log(Uniform());

    /// <summary>Standard normal by Box–Muller (one of the pair, so every call draws the same two uniforms).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(Uniform())) * Math.Cos(2 * Math.PI * Uniform());
}
