namespace ClimateWarn.Server.Hosting;

/// <summary>
/// Takes the configuration out of a command line: `--Section:Key value` and `--Section:Key=value` set configuration for
/// the host (the server run and every verb), anywhere on the line. No verb's option has a ':' in its name, so the split
/// needs to know none of them; everything else is for System.CommandLine to parse.
/// </summary>
internal static class ConfigurationArguments
{
    /// <summary>
    /// The settings, each as `--Section:Key=value` (the one form the host's command-line provider cannot pair with the
    /// wrong value), and the other arguments in their order; or the problem, naming the setting that lacks a value.
    /// </summary>
    public static (IReadOnlyList<string> Settings, IReadOnlyList<string> Others, string? Problem) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                // After "--" every token is an argument (a file may be named anything), as System.CommandLine reads it.
                rest.AddRange(args.Skip(i));
                break;
            }

            if (!IsSetting(arg, out var name, out var value))
            {
                rest.Add(arg);
                continue;
            }

            if (value is null)
            {
                // "--Storage:Provider --replay" is a forgotten value, never a value that starts with "--".
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return (settings, rest, $"configuration --{name} needs a value: --{name} value or --{name}=value");
                }

                value = args[++i];
            }

            settings.Add($"--{name}={value}");
        }

        return (settings, rest, null);
    }

    private static bool IsSetting(string arg, out string name, out string? value)
    {
        name = string.Empty;
        value = null;
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        name = equals < 0 ? arg[2..] : arg[2..equals];
        value = equals < 0 ? null : arg[(equals + 1)..];
        return name.Length > 0 && name[0] != ':' && name.Contains(':', StringComparison.Ordinal);
    }
}
