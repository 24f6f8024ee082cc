namespace ClimateWarn.Server.Configuration;

/// <summary>
/// Runs a verb's work in the host the verbs share: the server's configuration, storage, places and accounts, without
/// Kestrel or jobs. The host is started before the work and stopped after it, which flushes the store's write queue.
/// Returns the work's exit code, or <see cref="ExitCodes.ConfigurationError"/> when the configuration is refused.
/// Hosting composes it and hands it to each verb's command, so a capability folder never references Hosting.
/// </summary>
public delegate Task<int> VerbHost(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken cancellationToken);
