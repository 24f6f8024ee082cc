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
/// `users passwd --user NAME` sets a new password from the same variable (ending the account's sessions);
/// `users unlock --user NAME` clears a lockout stored by an older version. A running server's sign-in throttle lives in
/// its memory: an administrator clears it with DELETE /api/admin/throttles/{key}, or it runs out by itself.
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
        var unlockUser = new Option<string>("--user") { Description = "The account's user name", HelpName = "name", Required = true };
        var unlock = new Command("unlock", "Clear a stored lockout of an account") { unlockUser };
        unlock.SetAction((result, ct) => host(
            (services, token) => UnlockAsync(services, result.GetRequiredValue(unlockUser), result.InvocationConfiguration.Output, token), ct));
        var passwdUser = new Option<string>("--user") { Description = "The account's user name", HelpName = "name", Required = true };
        var passwd = new Command("passwd", $"Set an account's password from ${PasswordVariable}; its sessions end") { passwdUser };
        passwd.SetAction((result, ct) => host(
            (services, token) => PasswdAsync(services, result.GetRequiredValue(passwdUser), result.InvocationConfiguration.Output, token), ct));
        return new Command("users", "Manage the accounts of operators, watch officers and administrators") { add, unlock, passwd };
    }

    private static async Task<int> UnlockAsync(IServiceProvider services, string user, TextWriter output, CancellationToken cancellationToken)
    {
        await WarningsDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<WarningsDb>>(), cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (await users.FindByNameAsync(user) is not { } account)
        {
            await output.WriteLineAsync($"could not unlock {user}: no such account");
            return ExitCodes.Failure;
        }

        await AccountsEndpoints.ClearLockoutAsync(users, account);
        await output.WriteLineAsync($"unlocked {user} (a running server's sign-in throttle: DELETE /api/admin/throttles/user:{users.NormalizeName(user)})");
        return ExitCodes.Success;
    }

    private static async Task<int> PasswdAsync(IServiceProvider services, string user, TextWriter output, CancellationToken cancellationToken)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"users passwd needs --user and the new password in ${PasswordVariable}");
            return ExitCodes.Usage;
        }

        await WarningsDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<WarningsDb>>(), cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (await users.FindByNameAsync(user) is not { } account)
        {
            await output.WriteLineAsync($"could not change the password of {user}: no such account");
            return ExitCodes.Failure;
        }

        // A reset (not a change) needs no old password; it checks the password rules and renews the security stamp.
        var reset = await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), password);
        if (!reset.Succeeded)
        {
            await output.WriteLineAsync($"could not change the password of {user}: {string.Join("; ", reset.Errors.Select(e => e.Description))}");
            return ExitCodes.Failure;
        }

        await AccountsEndpoints.ClearLockoutAsync(users, account);
        await output.WriteLineAsync($"changed the password of {user}");
        return ExitCodes.Success;
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
