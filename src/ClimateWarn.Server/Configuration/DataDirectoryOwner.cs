using ClimateWarn.Core.Places;

namespace ClimateWarn.Server.Configuration;

/// <summary>
/// A data directory belongs to one bureau. The first start writes the city's code into it (<see cref="FileName"/>); a
/// start with another bureau's configuration is refused, naming both, so one city's warnings, subscriptions and accounts
/// never appear under another's name when a second bureau is tried on the same machine.
/// </summary>
public static class DataDirectoryOwner
{
    public const string FileName = "bureau.txt";

    /// <summary>The code of the bureau the directory belongs to, or null when none has claimed it.</summary>
    public static string? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? File.ReadAllText(path).Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
    }

    /// <summary>Claims an unclaimed directory for the city; refuses one another bureau claimed.</summary>
    public static void Claim(string dataDirectory, CityInfo city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var owner = Read(dataDirectory);
        if (owner is not null && owner != city.Code)
        {
            var path = Path.Combine(dataDirectory, FileName);
            throw new StartupConfigurationException([$"Paths:Data = '{dataDirectory}' holds the data of bureau {File.ReadAllText(path).Trim()}, and this configuration is {city.Code} {city.NameZh} {city.NameEn}: give each bureau its own data directory (--Paths:Data=<folder>)"]);
        }

        if (owner is null)
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(Path.Combine(dataDirectory, FileName), $"{city.Code} {city.NameZh} {city.NameEn}\n");
        }
    }
}
