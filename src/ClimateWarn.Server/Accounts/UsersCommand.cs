using ClimateWarn.Core.Places;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Store.Relational;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Accounts;

/// <summary>
/// `users add --user NAME --role Operator|WatchOfficer|Admin [--role …] [--district CODE …]`: the password is read from
/// the environment variable CLIMATEWARN_PASSWORD (never the command line, where `ps` would show it).
/// </summary>
public static class UsersCommand
{
    public const string PasswordVariable = "CLIMATEWARN_PASSWORD";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0 || args[0] != "add")
        {
            await output.WriteLineAsync("usage: users add --user NAME --role ROLE [--role ROLE] [--district CODE …]  (password from $" + PasswordVariable + ")");
            return Hosting.Commands.Usage;
        }

        string? user = null;
        var roles = new List<string>();
        var districts = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--user" when value is not null:
                    user = value;
                    i++;
                    break;
                case "--role" when value is not null:
                    roles.Add(value);
                    i++;
                    break;
                case "--district" when value is not null:
                    districts.Add(value);
                    i++;
                    break;
                default:
                    await output.WriteLineAsync($"unknown or incomplete argument '{args[i]}'");
                    return Hosting.Commands.Usage;
            }
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (user is null || string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"users add needs --user and the password in ${PasswordVariable}");
            return Hosting.Commands.Usage;
        }

        await WarningsDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<WarningsDb>>(), cancellationToken);
        await AccountsSetup.SeedAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var error = await AccountsSetup.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<Account>>(), services.GetRequiredService<PlaceCatalog>(), user, password, roles, districts);
        if (error is not null)
        {
            await output.WriteLineAsync($"could not add {user}: {error}");
            return 1;
        }

        await output.WriteLineAsync($"added {user} ({string.Join(", ", roles)}{(districts.Count > 0 ? "; districts " + string.Join(", ", districts) : string.Empty)})");
        return 0;
    }
}
