namespace ClimateWarn.Server.Configuration;

/// <summary>The configuration cannot be served: the server refuses to start and names every field and value at fault.</summary>
public sealed class StartupConfigurationException(IReadOnlyList<string> problems)
    : Exception("ClimateWarn cannot start; fix the configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
