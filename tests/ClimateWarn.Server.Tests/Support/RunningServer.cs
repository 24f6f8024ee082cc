using System.Collections.Concurrent;
using System.Net.Http.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>The real server, in process, on Kestrel at a free loopback port, with its own data directory.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        BaseUrl = app.Urls.First();
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    private SignedIn? _operator;

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    /// <param name="services">Replaces services before the host adds its own (a fake wall clock as TimeProvider, say).</param>
    public static async Task<RunningServer> StartAsync(bool replay, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var data = settings is not null && settings.TryGetValue("Paths:Data", out var given) && given is not null ? given : Repo.TempDirectory();
        var all = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Paths:Data"] = data,
            ["Logging:LogLevel:Default"] = "Warning",
            // The archive backfill would reach the internet at start-up: a test that wants it enables it with a local upstream.
            ["OpenMeteoArchive:Enabled"] = "false",
            ["OpenMeteoAirQuality:Enabled"] = "false",
            ["OpenMeteoEnsemble:Enabled"] = "false",
            ["OpenMeteoModels:Enabled"] = "false",
            // A weekly retrain must never write over the committed models a test points Paths:Models at.
            ["Models:RetrainFromArchive"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var app = ClimateWarnHost.Create(replay ? ["--replay"] : [], b =>
        {
            b.Configuration.AddInMemoryCollection(all);
            b.Logging.ClearProviders();
            services?.Invoke(b.Services);
        });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new RunningServer(app, data);
    }

    /// <summary>Waits, through <see cref="Eventually"/>, until the replay says it has finished.</summary>
    public Task ReplayFinishedAsync(TimeSpan timeout) => Eventually.UntilAsync(
        async () => (await Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/replay")).GetProperty("state").GetString() == "finished",
        timeout, "the replay finishes");

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>One ingest run of a source (the only one registered, or by name) at the pipeline's time, as its Quartz job would run it.</summary>
    public Task IngestOnceAsync(string? source = null)
    {
        var sources = App.Services.GetServices<IForecastSource>().ToList();
        var chosen = source is null ? sources.Single() : sources.Single(s => s.Name == source);
        return Service<Ingestor>().RunAsync(chosen, Service<PipelineClock>().Now, CancellationToken.None);
    }

    /// <summary>A real SignalR client subscribed to one audience and some districts, recording every event in arrival order.</summary>
    public async Task<Listener> ListenAsync(string audience, params string[] districts)
    {
        var listener = await ConnectAsync(cookies: null);
        await listener.Connection.InvokeAsync<Subscription>("Subscribe", audience, districts).WaitAsync(TimeSpan.FromSeconds(30));
        return listener;
    }

    /// <summary>A client signed in as <paramref name="user"/> (cookie kept), for HTTP and for the hub.</summary>
    public async Task<SignedIn> SignInAsync(string user, string password)
    {
        var cookies = new System.Net.CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in as {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return new SignedIn(http, cookies);
    }

    /// <summary>One operator's client for this server, kept until it stops: for tests that read the operators' records.</summary>
    public async Task<HttpClient> OperatorHttpAsync() => (_operator ??= await OperatorAsync()).Http;

    /// <summary>A client signed in as an operator made for this test run (created through Identity if not there yet).</summary>
    public async Task<SignedIn> OperatorAsync()
    {
        const string name = "test-operator";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            if (await users.FindByNameAsync(name) is null)
            {
                var error = await AccountsSetup.CreateAsync(users, Service<PlaceCatalog>(), name, TestAccounts.Password, [Roles.Operator], []);
                Assert.Null(error);
            }
        }

        return await SignInAsync(name, TestAccounts.Password);
    }

    /// <summary>A hub connection carrying <paramref name="cookies"/> (null: anonymous), recording every event.</summary>
    public async Task<Listener> ConnectAsync(System.Net.CookieContainer? cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(BaseUrl + "/hubs/warnings", o =>
            {
                if (cookies is not null)
                {
                    o.Cookies = cookies;
                }
            })
            .AddJsonProtocol(o => WarningJson.Configure(o.PayloadSerializerOptions))
            .Build();
        var listener = new Listener(connection);
        connection.On<Warning>("WarningIssued", w => listener.Events.Enqueue(("WarningIssued", w)));
        connection.On<Warning>("WarningUpdated", w => listener.Events.Enqueue(("WarningUpdated", w)));
        connection.On<Warning>("WarningLifted", w => listener.Events.Enqueue(("WarningLifted", w)));
        connection.On<Warning, string>("WarningEscalated", (w, _) => listener.Events.Enqueue(("WarningEscalated", w)));
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return listener;
    }

    public async Task<IReadOnlyList<Warning>> AllMessagesAsync()
    {
        // From the log itself, as stored (the public list leaves out who approved).
        return await Service<WarningLog>().AfterAsync(0, 500, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _operator?.Dispose();
        await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await App.DisposeAsync();
    }

    public sealed record SignedIn(HttpClient Http, System.Net.CookieContainer Cookies) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }

    public sealed record WarningPage(long LastSequence, IReadOnlyList<Warning> Warnings);

    public sealed class Listener(HubConnection connection) : IAsyncDisposable
    {
        public HubConnection Connection { get; } = connection;

        public ConcurrentQueue<(string Event, Warning Warning)> Events { get; } = new();

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
