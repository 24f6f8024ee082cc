using ClimateWarn.Server.Configuration;
using Microsoft.Data.Sqlite;

namespace ClimateWarn.Server.Store;

/// <summary>Why a file of the data directory cannot be used, in the operator's terms, with the fix.</summary>
public static class StoreFailures
{
    /// <summary>SQLite's refusal of <paramref name="file"/> (not a database, damaged, read-only, full) as a start-up refusal.</summary>
    public static StartupDataException Explain(string file, SqliteException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var cause = $"{ex.Message.TrimEnd('.')} (SQLite error {ex.SqliteErrorCode})";
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        return ex.SqliteErrorCode switch
        {
            11 or 26 => new StartupDataException(file, "is not a SQLite database or is damaged: " + cause,
                "restore it from a backup, or move it aside to start with an empty one", ex),
            8 or 14 or 23 => new StartupDataException(file, "cannot be opened for writing: " + cause,
                $"give the service's user write access to {folder}, or choose another data directory (Paths:Data)", ex),
            13 => new StartupDataException(file, "the disk is full: " + cause, $"free space on the file system of {folder}", ex),
            _ => new StartupDataException(file, cause, "check the file and its directory, or move it aside", ex),
        };
    }

    /// <summary>A directory of the data that cannot be created or written.</summary>
    public static StartupDataException Directory(string directory, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return new StartupDataException(directory, $"cannot be created or written ({ex.Message.TrimEnd('.')})",
            "create it with write access for the service's user, or choose another data directory (Paths:Data)", ex);
    }
}
