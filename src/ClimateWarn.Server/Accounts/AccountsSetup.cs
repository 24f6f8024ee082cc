using System.Security.Claims;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Store.Relational;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace ClimateWarn.Server.Accounts;

/// <summary>An account created at start-up if it does not exist (the first administrator, say). Its password comes from configuration or the environment.</summary>
public sealed class SeedAccount
{
    public string UserName { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public List<string> Roles { get; set; } = [];

    public List<string> Districts { get; set; } = [];

    /// <summary>Where escalations reach this person by e-mail (a watch officer), when e-mail is enabled.</summary>
    public string? Email { get; set; }
}

public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    public List<SeedAccount> Seed { get; set; } = [];

    /// <summary>Origins besides the server's own whose pages may write and use the hub (a second host name, say).</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

public sealed record AccountView(string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Districts);

public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>
/// ASP.NET Core Identity over the warnings database: hashed passwords, no hard lockout (wrong passwords are slowed down
/// by <see cref="SignInThrottle"/> instead), a SameSite=Strict cookie revoked at logout (security stamp checked on every
/// request and hub call); /api and the hub answer 401/403 rather than redirecting to a login page.
/// </summary>
public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AccountsOptions>, AccountsOptionsValidator>();
        services.AddValidatedOptions<SignInThrottleOptions>(SignInThrottleOptions.Section);
        services.AddSingleton<SignInThrottle>();
        services.AddIdentity<Account, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                // A hard lockout lets anyone keep the duty operator out; the throttle slows guessing down instead.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WarningsDb>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ClimateWarn.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.Events.OnRedirectToLogin = c =>
            {
                c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = c =>
            {
                c.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // The stamp is checked on every request, so a logout (which renews it) ends every saved copy of the cookie.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<SessionHubFilter>();
        services.Configure<HubOptions>(o => o.AddFilter<SessionHubFilter>());
        services.AddAuthorization();
        return services;
    }

    /// <summary>Creates the roles, and each seed account that does not exist yet; refuses start-up on a bad one.</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccountsOptions>>().Value;
        var places = scope.ServiceProvider.GetRequiredService<PlaceCatalog>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        for (var i = 0; i < options.Seed.Count; i++)
        {
            var seed = options.Seed[i];
            if (await users.FindByNameAsync(seed.UserName) is null)
            {
                var error = await CreateAsync(users, places, seed.UserName, seed.Password, seed.Roles, seed.Districts, seed.Email);
                if (error is not null)
                {
                    throw new StartupConfigurationException([$"Accounts:Seed:{i} ({seed.UserName}): {error}"]);
                }
            }
        }
    }

    /// <summary>Creates one account with its roles and districts; returns why it could not, or null.</summary>
    public static async Task<string?> CreateAsync(UserManager<Account> users, PlaceCatalog places, string userName, string password,
        IReadOnlyList<string> roles, IReadOnlyList<string> districts, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(districts);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return "a user name and a password are needed";
        }

        var badRole = roles.FirstOrDefault(r => !Roles.All.Contains(r));
        if (badRole is not null || roles.Count == 0)
        {
            return $"unknown or missing role '{badRole}' (use {string.Join(", ", Roles.All)})";
        }

        var badDistrict = districts.FirstOrDefault(d => !places.TryGetDistrict(d, out _));
        if (badDistrict is not null)
        {
            return $"unknown district code '{badDistrict}'";
        }

        if (roles.Contains(Roles.WatchOfficer) && districts.Count == 0)
        {
            return "a watch officer needs at least one district";
        }

        if (email is not null && !MimeKit.MailboxAddress.TryParse(email, out _))
        {
            return $"'{email}' is not an e-mail address";
        }

        var account = new Account { UserName = userName, Email = email };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return string.Join("; ", created.Errors.Select(e => e.Description));
        }

        await users.AddToRolesAsync(account, roles);
        await users.AddClaimsAsync(account, [.. districts.Select(d => new Claim(Roles.DistrictClaim, d))]);
        return null;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    public static AccountView Describe(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AccountView(user.Identity?.Name ?? string.Empty, [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)],
            [.. user.FindAll(Roles.DistrictClaim).Select(c => c.Value)]);
    }
}
