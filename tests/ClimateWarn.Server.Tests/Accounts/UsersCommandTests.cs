using System.Net;
using System.Net.Http.Json;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Accounts;

/// <summary>The first administrator from the CLI: the password from the environment, never the command line.</summary>
[Collection(nameof(UsersCommandTests))]   // the only tests that set CLIMATEWARN_PASSWORD
public sealed class UsersCommandTests
{
    [Fact]
    public async Task UsersAdd_CreatesAnAccountTheServerSignsIn_AndRefusesBadInput()
    {
        var data = Repo.TempDirectory();
        var settings = new Dictionary<string, string?> { ["Paths:Data"] = data };
        var password = "A" + Guid.NewGuid().ToString("N")[..14];
        Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, null);
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Usage, await Commands.RunAsync(["users", "add", "--user", "admin", "--role", "Admin"], c => c.AddInMemoryCollection(settings), output, output));
        Assert.Contains(UsersCommand.PasswordVariable, output.ToString(), StringComparison.Ordinal);

        Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, password);
        try
        {
            // --key=value here, --key value in the other lines: the message shows the values were read.
            Assert.Equal(1, await Commands.RunAsync(["users", "add", "--user=x", "--role=Root"], c => c.AddInMemoryCollection(settings), output, output));
            Assert.Contains("unknown or missing role 'Root'", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(1, await Commands.RunAsync(["users", "add", "--user", "y", "--role", "WatchOfficer"], c => c.AddInMemoryCollection(settings), output, output));
            Assert.Contains("a watch officer needs at least one district", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, await Commands.RunAsync(["users", "add", "--user", "admin", "--role", "Admin", "--role", "Operator"], c => c.AddInMemoryCollection(settings), output, output));
        }
        finally
        {
            Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, null);
        }

        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual", ["Paths:Data"] = data });
        using var wrong = await server.Http.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var admin = await server.SignInAsync("admin", password);
        using var audit = await admin.Http.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task UsersPasswdAndUnlock_SetANewPassword_AndClearAStoredLockout()
    {
        var data = Repo.TempDirectory();
        var settings = new Dictionary<string, string?> { ["Paths:Data"] = data };
        var first = "A" + Guid.NewGuid().ToString("N")[..14];
        var second = "B" + Guid.NewGuid().ToString("N")[..14];
        var output = new StringWriter();
        Task<int> RunAsync(params string[] args) => Commands.RunAsync(args, c => c.AddInMemoryCollection(settings), output, output);
        try
        {
            Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, first);
            Assert.Equal(0, await RunAsync("users", "add", "--user", "admin", "--role", "Admin"));
            await using (var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual", ["Paths:Data"] = data }))
            {
                await using var scope = server.App.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
                var admin = (await users.FindByNameAsync("admin"))!;
                admin.LockoutEnabled = true;
                admin.LockoutEnd = TimeProvider.System.GetUtcNow().AddDays(1);
                await users.UpdateAsync(admin);
            }

            Assert.Equal(0, await RunAsync("users", "unlock", "--user", "admin"));
            Assert.Equal(1, await RunAsync("users", "unlock", "--user", "nobody"));
            Assert.Contains("could not unlock nobody: no such account", output.ToString(), StringComparison.Ordinal);

            Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, "short");
            Assert.Equal(1, await RunAsync("users", "passwd", "--user", "admin"));
            Assert.Contains("could not change the password of admin: Passwords must be at least 10 characters", output.ToString(), StringComparison.Ordinal);
            Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, second);
            Assert.Equal(1, await RunAsync("users", "passwd", "--user=nobody"));
            Assert.Equal(0, await RunAsync("users", "passwd", "--user", "admin"));
            Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, null);
            Assert.Equal(ExitCodes.Usage, await RunAsync("users", "passwd", "--user", "admin"));
            Assert.Contains("users passwd needs --user and the new password in $" + UsersCommand.PasswordVariable, output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, null);
        }

        await using var again = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual", ["Paths:Data"] = data });
        await using (var scope = again.App.Services.CreateAsyncScope())
        {
            var admin = (await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByNameAsync("admin"))!;
            Assert.Null(admin.LockoutEnd);
        }

        using var old = await again.Http.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = first });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var signedIn = await again.SignInAsync("admin", second);
    }
}

/// <summary>The README's example passwords meet the password rules the `users add` verb enforces (they once did not).</summary>
[Collection(nameof(UsersCommandTests))]
public sealed class ReadmePasswordTests
{
    [Fact]
    public async Task EveryExamplePasswordInTheReadme_IsAccepted()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "README.md"));
        var examples = System.Text.RegularExpressions.Regex.Matches(readme, UsersCommand.PasswordVariable + "='([^']+)'").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(examples);
        var settings = new Dictionary<string, string?> { ["Paths:Data"] = Repo.TempDirectory() };
        var i = 0;
        foreach (var password in examples)
        {
            var output = new StringWriter();
            Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, password);
            try
            {
                var code = await Commands.RunAsync(["users", "add", "--user", $"example{i++}", "--role", "Operator"], c => c.AddInMemoryCollection(settings), output, output);
                Assert.True(code == 0, $"README password '{password}' refused: {output}");
            }
            finally
            {
                Environment.SetEnvironmentVariable(UsersCommand.PasswordVariable, null);
            }
        }
    }
}
