using System.CommandLine;
using System.CommandLine.Parsing;

namespace ClimateWarn.Server.Hosting;

/// <summary>A command line that cannot run gets one line: what is wrong, by name, and where the usage is. Exit code 2.</summary>
internal static class CommandLineErrors
{
    public const string Program = "ClimateWarn";

    public static string? Describe(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Action is { ClearsParseErrors: true })
        {
            return null; // --help and --version answer even on a line with mistakes
        }

        var problems = UnknownOptions(result).Concat(result.Errors.Select(Message))
            .Select(m => m.ReplaceLineEndings(" ").TrimEnd('.')).Distinct(StringComparer.Ordinal).ToList();
        if (problems.Count == 0)
        {
            return null;
        }

        var path = CommandPath(result.CommandResult);
        return $"{(path.Length == 0 ? Program : path)}: {string.Join("; ", problems)}. See '{(path.Length == 0 ? string.Empty : path + " ")}--help'.";
    }

    /// <summary>
    /// A verb whose argument takes any number of values (import's files) swallows an unknown "--option" as one more value,
    /// and so would an option that takes several (--isd-lite): named here, before it becomes a file that is "not found".
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                yield break; // after "--" a value may look like an option on purpose
            }

            if (token.Type == TokenType.Argument && LooksLikeOption(token.Value) && !result.UnmatchedTokens.Contains(token.Value))
            {
                yield return $"unknown option '{token.Value}'";
            }
        }
    }

    /// <summary>"-x" and "--x" but not "-" (standard input) nor a negative number.</summary>
    private static bool LooksLikeOption(string value) => value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]) && value[1] != '.';

    /// <summary>The library says "Required argument missing for command: 'import'"; this says which argument.</summary>
    private static string Message(ParseError error) => error.SymbolResult is ArgumentResult { Parent: CommandResult, Tokens.Count: 0 } missing
        ? $"missing <{missing.Argument.Name}>"
        : error.Message;

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? s = command; s is CommandResult { Command: not RootCommand } c; s = c.Parent)
        {
            names.Insert(0, c.Command.Name);
        }

        return string.Join(' ', names);
    }
}
