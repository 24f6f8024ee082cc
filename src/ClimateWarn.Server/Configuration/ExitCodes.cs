namespace ClimateWarn.Server.Configuration;

/// <summary>
/// The exit codes of the server run and of every verb, in one place: scripts, CI and the systemd unit
/// (RestartPreventExitStatus=78) rely on them, and the capability folders' verbs return them without knowing Hosting.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The verb ran and found a problem: a reconcile loss, nothing to verify, an account refused.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown option, a missing or impossible value, a file that is not there.</summary>
    public const int Usage = 2;

    /// <summary>A configuration the server refuses (EX_CONFIG of sysexits.h); the unit does not restart on it.</summary>
    public const int ConfigurationError = 78;

    /// <summary>A background service died while serving (EX_SOFTWARE): the unit restarts it (Restart=on-failure).</summary>
    public const int ServiceFailed = 70;
}
