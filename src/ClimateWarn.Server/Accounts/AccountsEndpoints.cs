using System.Globalization;
using ClimateWarn.Server.Store.Relational;
using Microsoft.AspNetCore.Identity;

namespace ClimateWarn.Server.Accounts;

public static class AccountsEndpoints
{
    // Verified against for unknown user names, so that they cost the same hashing time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString("N")));

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", async (LoginRequest? body, HttpContext http, SignInManager<Account> signIn, IPasswordHasher<Account> hasher,
            SignInThrottle throttle) =>
        {
            if (body is null || string.IsNullOrWhiteSpace(body.UserName) || string.IsNullOrEmpty(body.Password) || body.UserName.Length > 256 || body.Password.Length > 512)
            {
                return Results.Problem(statusCode: 400, title: "请求无效 Invalid request", detail: "userName and password are required.");
            }

            var users = signIn.UserManager;
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var name = users.NormalizeName(body.UserName);
            if (throttle.RetryAfter(client, name) is { } wait)
            {
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: 429, title: "登录尝试过多 Too many sign-in attempts",
                    detail: string.Create(CultureInfo.InvariantCulture, $"请 {seconds} 秒后再试 Too many failed sign-ins; try again in {seconds} s."));
            }

            var user = await users.FindByNameAsync(body.UserName);
            if (user is null)
            {
                hasher.VerifyHashedPassword(new Account(), DummyHash.Value, body.Password);
            }
            else
            {
                await ClearLockoutAsync(users, user);
            }

            if (user is null || !(await signIn.PasswordSignInAsync(user, body.Password, isPersistent: false, lockoutOnFailure: false)).Succeeded)
            {
                throttle.Failed(client, name);
                return Results.Problem(statusCode: 401, title: "登录失败 Sign-in failed", detail: "用户名或密码错误 Wrong user name or password.");
            }

            throttle.Succeeded(name);
            var principal = await signIn.CreateUserPrincipalAsync(user);
            return Results.Ok(AccountsSetup.Describe(principal));
        })
            .WithSummary("登录 / Sign in")
            .WithDescription("Signs in with { userName, password }: sets the HttpOnly, SameSite=Strict cookie ClimateWarn.Auth and answers { userName, roles, districts }. Wrong or unknown names are answered alike (401); repeated failures per client and per name wait a growing, capped time (429 with Retry-After).")
            .WithTags("accounts")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(429);
        app.MapPost("/api/auth/logout", async (HttpContext http, SignInManager<Account> signIn, SessionHubFilter sessions) =>
        {
            // A new stamp revokes every copy of this account's cookie (a saved one still works otherwise) and its hub connections.
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
                sessions.EndSessions(user.Id);
            }

            await signIn.SignOutAsync();
            return Results.NoContent();
        })
            .WithSummary("退出登录 / Sign out")
            .WithDescription("Ends the session: the account's security stamp is renewed, so every saved cookie of that account stops working and its hub connections close. 204.")
            .WithTags("accounts")
            .Produces(204);
        app.MapGet("/api/auth/me", (HttpContext http) => Results.Ok(AccountsSetup.Describe(http.User))).RequireAuthorization()
            .WithSummary("当前用户 / Who am I")
            .WithDescription("The signed-in user: { userName, roles, districts }.")
            .WithTags("accounts")
            .Produces(200);

        var admin = app.MapGroup("/api/admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("/throttles", (SignInThrottle throttle) => throttle.List())
            .WithSummary("登录限速 / Sign-in throttles")
            .WithDescription("The sign-in throttles in force (per client address and per user name): failures, wait until. For an administrator to see who is being held back.")
            .WithTags("accounts")
            .Produces(200);
        admin.MapDelete("/throttles/{key}", (string key, SignInThrottle throttle) => throttle.Clear(key)
            ? Results.NoContent()
            : Results.Problem(statusCode: 404, title: "未找到 Not found", detail: $"No sign-in throttle '{key}' (see GET /api/admin/throttles)."))
            .WithSummary("清除登录限速 / Clear a sign-in throttle")
            .WithDescription("Clears one throttle by its key (client:ADDRESS or user:NAME) from GET /api/admin/throttles, so the duty operator can sign in at once. 204, or 404 for an unknown key.")
            .WithTags("accounts")
            .Produces(204)
            .ProducesProblem(404);
        return app;
    }

    /// <summary>
    /// Identity's hard lockout is off (the throttle replaces it), but accounts created before kept its columns: a lockout
    /// stored then must not keep anyone out now.
    /// </summary>
    public static async Task ClearLockoutAsync(UserManager<Account> users, Account user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        if (user.LockoutEnd is not null || user.AccessFailedCount > 0 || user.LockoutEnabled)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            user.LockoutEnabled = false;
            await users.UpdateAsync(user);
        }
    }
}
