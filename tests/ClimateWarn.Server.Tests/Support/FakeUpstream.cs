using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// A local Kestrel server standing in for the internet: it replays recorded responses, one queued behaviour per request
/// (then the default), and records every query it was sent.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _queue = new();

    private FakeUpstream(WebApplication app) => _app = app;

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The Authorization header of every request ("" when absent), with the time it arrived.</summary>
    public ConcurrentQueue<(string Authorization, TimeSpan At)> Authorizations { get; } = new();

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public Func<HttpContext, Task> Default { get; set; } = ctx => { ctx.Response.StatusCode = 404; return Task.CompletedTask; };

    public string BaseUrl => _app.Urls.First();

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>
    /// While true, every connection is dropped before an answer (the caller sees a failed request, as when the receiver is
    /// down), and nothing is recorded; the port stays held, so the receiver can come back on it without re-binding.
    /// </summary>
    public bool Down { get; set; }

    public static async Task<FakeUpstream> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        app.Run(async ctx =>
        {
            if (upstream.Down)
            {
                ctx.Abort();
                return;
            }

            upstream.Requests.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
            upstream.Authorizations.Enqueue((ctx.Request.Headers.Authorization.ToString(), upstream._clock.Elapsed));
            var behaviour = upstream._queue.TryDequeue(out var next) ? next : upstream.Default;
            await behaviour(ctx);
        });
        await app.StartAsync();
        return upstream;
    }

    public void Enqueue(Func<HttpContext, Task> behaviour) => _queue.Enqueue(behaviour);

    public static Func<HttpContext, Task> Status(int status, string body = "") => async ctx =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body);
    };

    /// <summary>Answers with a recorded single-location response, repeated once per requested latitude (as a multi-point call answers).</summary>
    public static Func<HttpContext, Task> Recorded(string fixture) => async ctx =>
    {
        var one = await File.ReadAllTextAsync(Repo.Fixture(fixture));
        var count = ctx.Request.Query["latitude"].ToString().Split(',').Length;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(count == 1 ? one : "[" + string.Join(",", Enumerable.Repeat(one, count)) + "]");
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
