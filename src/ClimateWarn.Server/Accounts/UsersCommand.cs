using System.CommandLine;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;
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

    public static Command Create(VerbHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var user = new Option<string>("--user") { Description = "The account's user name", HelpName = "name", Required = true };
        var roles = new Option<string[]>("--role") { Description = $"A role: {string.Join(", ", Roles.All)} (repeat for more)", HelpName = "role" };
        var districts = new Option<string[]>("--district")
        {
            Description = "A district code the account watches (a watch officer needs one)",
            HelpName = "code",
            AllowMultipleArgumentsPerToken = true,
        };
        var add = new Command("add", $"Add an account; its password is read from ${PasswordVariable}, never the command line") { user, roles, districts };
        add.SetAction((result, ct) => host(
            (services, token) => AddAsync(services, result.GetRequiredValue(user), result.GetValue(roles) ?? [], result.GetValue(districts) ?? [],
                result.InvocationConfiguration.Output, token),
            ct));
        return new Command("users", "Manage the accounts of operators, watch officers and administrators") { add };
    }

    private static async Task<int> AddAsync(IServiceProvider services, string user, string[] roles, string[] districts, TextWriter output,
        CancellationToken cancellationToken)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"users add needs --user and the password in ${PasswordVariable}");
            return ExitCodes.Usage;
        }

        await WarningsDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<WarningsDb>>(), cancellationToken);
        await AccountsSetup.SeedAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var error = await AccountsSetup.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<Account>>(), services.GetRequiredService<PlaceCatalog>(), user, password, roles, districts);
        if (error is not null)
        {
            await output.WriteLineAsync($"could not add {user}: {error}");
            return ExitCodes.Failure;
        }

        await output.WriteLineAsync($"added {user} ({string.Join(", ", roles)}{(districts.Length > 0 ? "; districts " + string.Join(", ", districts) : string.Empty)})");
        return ExitCodes.Success;
    }
}
