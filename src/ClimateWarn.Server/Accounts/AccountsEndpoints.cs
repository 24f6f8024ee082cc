using ClimateWarn.Server.Store.Relational;
using Microsoft.AspNetCore.Identity;

namespace ClimateWarn.Server.Accounts;

public static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", async (LoginRequest? body, SignInManager<Account> signIn) =>
        {
            if (body is null || string.IsNullOrWhiteSpace(body.UserName) || string.IsNullOrEmpty(body.Password) || body.UserName.Length > 256 || body.Password.Length > 512)
            {
                return Results.Problem(statusCode: 400, title: "请求无效 Invalid request", detail: "userName and password are required.");
            }

            var result = await signIn.PasswordSignInAsync(body.UserName, body.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                return Results.Problem(statusCode: 401, title: "账户已锁定 Account locked", detail: "Too many failed sign-ins; try again in 15 minutes.");
            }

            if (!result.Succeeded)
            {
                return Results.Problem(statusCode: 401, title: "登录失败 Sign-in failed", detail: "Wrong user name or password.");
            }

            var user = await signIn.UserManager.FindByNameAsync(body.UserName);
            var principal = await signIn.CreateUserPrincipalAsync(user!);
            return Results.Ok(AccountsSetup.Describe(principal));
        });
        app.MapPost("/api/auth/logout", async (SignInManager<Account> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        });
        app.MapGet("/api/auth/me", (HttpContext http) => Results.Ok(AccountsSetup.Describe(http.User))).RequireAuthorization();
        return app;
    }
}
