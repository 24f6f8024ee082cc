namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// Test classes whose assertions lean on short real timeouts (an attempt timeout of a second, a client away for a second
/// during a burst, a receiver that hangs): they run one after another in this collection, never beside each other, so two
/// of them never compete for the two cores at the moment a timeout is measured. The rest of the suite still runs beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
