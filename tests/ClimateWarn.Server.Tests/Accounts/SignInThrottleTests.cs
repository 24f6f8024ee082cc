using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Accounts;

/// <summary>Wrong passwords slow sign-in down for a while instead of locking the account; unknown names look like known ones.</summary>
public sealed class SignInThrottleTests
{
    private const string AdminUser = "admin-li";

    private static Dictionary<string, string?> WithAdmin() => TestAccounts.Settings(new()
    {
        ["Accounts:Seed:3:UserName"] = AdminUser,
        ["Accounts:Seed:3:Password"] = TestAccounts.Password,
        ["Accounts:Seed:3:Roles:0"] = "Admin",
    });

    private static Task<HttpResponseMessage> LoginAsync(RunningServer server, string user, string password) =>
        server.Http.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    [Fact]
    public async Task WrongPasswords_WaitBriefly_ThenTheRightPasswordSignsIn()
    {
        var wall = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(), s => s.AddSingleton<TimeProvider>(wall));
        string? wrongBody = null;
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await LoginAsync(server, TestAccounts.Operator, "wrong-password-1");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            wrongBody = await wrong.Content.ReadAsStringAsync();
        }

        // Past the free failures: a short wait, said with 429 and Retry-After, the same for any user name from this client.
        using var waiting = await LoginAsync(server, TestAccounts.Operator, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        var retryAfter = waiting.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        using var stranger = await LoginAsync(server, "nobody-here", TestAccounts.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, stranger.StatusCode);
        Assert.Equal(Problem(await waiting.Content.ReadAsStringAsync()), Problem(await stranger.Content.ReadAsStringAsync()));

        wall.Advance(retryAfter.Value);
        using var signedIn = await LoginAsync(server, TestAccounts.Operator, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("Wrong user name or password", wrongBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownUser_AnsweredInTheSameWords_AfterHashingAPassword()
    {
        var hasher = new CountingHasher();
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(), s => s.AddScoped<IPasswordHasher<Account>>(_ => hasher));
        using var known = await LoginAsync(server, TestAccounts.Operator, "wrong-password-1");
        Assert.Equal(1, hasher.Verified);
        using var unknown = await LoginAsync(server, "nobody-here", "wrong-password-1");

        // The hashing is the time a wrong password costs: an unknown name costs it too.
        Assert.Equal(2, hasher.Verified);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(Problem(await known.Content.ReadAsStringAsync()), Problem(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task LockoutStoredBefore_NoLongerKeepsTheOwnerOut()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var op = (await users.FindByNameAsync(TestAccounts.Operator))!;
            op.LockoutEnabled = true;
            op.LockoutEnd = TimeProvider.System.GetUtcNow().AddDays(1);
            await users.UpdateAsync(op);
        }

        using var signedIn = await LoginAsync(server, TestAccounts.Operator, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task Admin_SeesAndClearsThrottles_OthersMayNot()
    {
        var wall = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var server = await RunningServer.StartAsync(replay: true, WithAdmin(), s => s.AddSingleton<TimeProvider>(wall));
        using var admin = await server.SignInAsync(AdminUser, TestAccounts.Password);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        for (var i = 0; i < 6; i++)
        {
            using var _ = await LoginAsync(server, TestAccounts.Operator, "wrong-password-1");
        }

        using var refused = await op.Http.GetAsync("/api/admin/throttles");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var anonymous = await server.Http.DeleteAsync("/api/admin/throttles/user:OP-WANG");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var throttles = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/throttles");
        var keys = throttles.EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.Equal(["client:127.0.0.1", "user:OP-WANG"], keys);
        Assert.All(throttles.EnumerateArray(), t => Assert.Equal(JsonValueKind.String, t.GetProperty("blockedUntil").ValueKind));

        foreach (var key in keys)
        {
            using var cleared = await admin.Http.DeleteAsync($"/api/admin/throttles/{key}");
            Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        }

        using var again = await admin.Http.DeleteAsync("/api/admin/throttles/user:OP-WANG");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var signedIn = await LoginAsync(server, TestAccounts.Operator, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public void Waits_Double_AreCappedPerAccountBelowTheClientCap_AndAreForgotten()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new SignInThrottleOptions();
        var throttle = new SignInThrottle(clock, Options.Create(options));
        for (var i = 0; i < options.FreeFailures - 1; i++)
        {
            throttle.Failed("10.0.0.1", "OP");
        }

        Assert.Null(throttle.RetryAfter("10.0.0.1", "OP"));
        throttle.Failed("10.0.0.1", "OP");
        Assert.Equal(options.FirstDelay, throttle.RetryAfter("10.0.0.1", "OP"));
        throttle.Failed("10.0.0.1", "OP");
        Assert.Equal(options.FirstDelay * 2, throttle.RetryAfter("10.0.0.1", "OP"));

        // Guessing from many addresses at one name: the name's wait stops at its short cap; each guesser's address waits longer.
        for (var i = 0; i < 30; i++)
        {
            throttle.Failed("10.0.0.2", "OP");
        }

        Assert.Equal(options.MaxAccountDelay, throttle.RetryAfter("10.0.0.3", "OP"));
        Assert.Equal(options.MaxClientDelay, throttle.RetryAfter("10.0.0.2", "SOMEONE-ELSE"));

        clock.Advance(options.Forget);
        throttle.Failed("10.0.0.2", "OP");
        Assert.Null(throttle.RetryAfter("10.0.0.2", "OP"));
        throttle.Succeeded("OP");
        Assert.DoesNotContain(throttle.List(), t => t.Key == "user:OP");
    }

    private static (string?, string?) Problem(string json)
    {
        var problem = JsonDocument.Parse(json).RootElement;
        return (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    private sealed class CountingHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> _inner = new();
        private int _verified;

        public int Verified => Volatile.Read(ref _verified);

        public string HashPassword(Account user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
