using System.Reflection;
using ClimateWarn.Core.Places;

namespace ClimateWarn.Core.Tests;

/// <summary>Core is pure domain: it references no I/O package (HTTP, databases, web host, schedulers, serialisers of feeds).</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] IoPrefixes =
    [
        "System.Net", "Microsoft.AspNetCore", "Microsoft.Data", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.Http",
        "Refit", "Quartz", "Npgsql", "InfluxDB", "Microsoft.ML", "System.Data", "NetTopologySuite.IO",
    ];

    internal static IReadOnlyList<string> IoReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => IoPrefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal)))];

    [Fact]
    public void Core_ReferencesNoIoPackage()
    {
        Assert.Empty(IoReferences(typeof(PlaceCatalog).Assembly));
    }

    [Fact]
    public void Check_CanFail_OnAnAssemblyThatDoesIo()
    {
        // System.Net.Http does network I/O through System.Net.Primitives and friends: the same check must flag it.
        Assert.NotEmpty(IoReferences(typeof(HttpClient).Assembly));
    }
}
