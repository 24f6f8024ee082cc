using ClimateWarn.Server.Hosting;

namespace ClimateWarn.Server.Tests.Architecture;

/// <summary>
/// The server's folders follow the chain (Configuration, Bureau, Store, Ingest, Assess, Warn, Deliver, Accounts,
/// Dashboards, Hosting) and no two of them use each other: each can be read, and changed, knowing only the ones below it.
/// </summary>
public sealed class FolderCycleTests
{
    [Fact]
    public void ServerFolders_UseEachOtherWithoutCycles()
    {
        var edges = NamespaceGraph.Edges(typeof(ClimateWarnHost).Assembly.Location, "ClimateWarn.Server");

        var cycles = NamespaceGraph.Cycles(edges);
        Assert.True(cycles.Count == 0, "folders that use each other:\n" + string.Join("\n", cycles));
        Assert.Contains(("Hosting", "Warn"), edges.Keys);   // the graph is really read: the composition root uses the folders
    }

    [Fact]
    public void Configuration_IsTheBottom_UsingNoOtherFolder()
    {
        var edges = NamespaceGraph.Edges(typeof(ClimateWarnHost).Assembly.Location, "ClimateWarn.Server");

        Assert.Empty(edges.Where(e => e.Key.From == "Configuration").Select(e => e.Value));
        Assert.Empty(edges.Where(e => e.Key.To == "Hosting").Select(e => e.Value));
    }

    [Fact]
    public void Check_CanFail_OnADeliberateCycle()
    {
        // CycleSample.Left and CycleSample.Right (below) use each other; Lower is used by Left only.
        var edges = NamespaceGraph.Edges(typeof(FolderCycleTests).Assembly.Location, "ClimateWarn.Server.Tests.Architecture.CycleSample");

        var cycle = Assert.Single(NamespaceGraph.Cycles(edges));
        Assert.StartsWith("Left ↔ Right", cycle, StringComparison.Ordinal);
        Assert.Contains(("Left", "Lower"), edges.Keys);
    }
}
