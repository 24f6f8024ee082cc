// A deliberate cycle between two namespaces, for FolderCycleTests.Check_CanFail_OnADeliberateCycle. Not used elsewhere.
#pragma warning disable SA1403, CA1812, CA1822 // several namespaces in one file on purpose; never instantiated
namespace ClimateWarn.Server.Tests.Architecture.CycleSample.Left
{
    internal sealed class UsesRight
    {
        public int Count(Right.UsesLeft other) => other.Count() + new Lower.Leaf().Value;
    }
}

namespace ClimateWarn.Server.Tests.Architecture.CycleSample.Right
{
    internal sealed class UsesLeft
    {
        public int Count() => typeof(Left.UsesRight).Name.Length;
    }
}

namespace ClimateWarn.Server.Tests.Architecture.CycleSample.Lower
{
    internal sealed class Leaf
    {
        public int Value => 1;
    }
}
#pragma warning restore SA1403, CA1812, CA1822
