namespace ClimateWarn.Server.Configuration;

/// <summary>
/// The clock of the warning world: what time the pipeline (ingest, assessment, the lifecycle's validity and messages)
/// believes it is. Live it is the wall clock; in a replay it is the replay's simulated clock. Everything a person does
/// (sign-in, cookies, audit rows, acknowledgement deadlines, subscriptions, delivery retries) runs on the wall clock,
/// the <see cref="TimeProvider"/> service, so a replay racing through 2021 never signs anyone out.
/// </summary>
public sealed class PipelineClock(TimeProvider time, bool simulated = false)
{
    public TimeProvider Time { get; } = time;

    /// <summary>True in a replay: the pipeline's time is not the wall clock.</summary>
    public bool Simulated { get; } = simulated;

    public DateTimeOffset Now => Time.GetUtcNow();
}
