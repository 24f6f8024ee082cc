namespace ClimateWarn.Server.Configuration;

/// <summary>
/// What the server keeps cannot be opened or read (a data directory it may not write, a file that is not a database, a
/// stored row it cannot parse): it refuses to start with one line naming the file or row, the cause and the fix, and exits
/// with <see cref="ExitCodes.ConfigurationError"/> (the unit does not restart into the same failure).
/// </summary>
public sealed class StartupDataException(string what, string cause, string fix, Exception? inner = null)
    : Exception($"ClimateWarn cannot start: {what}: {cause}. Fix: {fix}", inner)
{
    /// <summary>The first <see cref="StartupDataException"/> in <paramref name="exception"/> or the exceptions inside it.</summary>
    public static StartupDataException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StartupDataException found)
            {
                return found;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null);
            }
        }

        return null;
    }
}
