using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Accounts;

/// <summary>Writes and the hub refuse another site's pages even when the cookie travels; a lift says why.</summary>
public sealed class CrossSiteTests
{
    private const string Foreign = "https://evil.example";

    private static async Task<(RunningServer Server, string WarningId)> PublishedOrangeAsync(Dictionary<string, string?>? more = null)
    {
        var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(more));
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var draft = (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single();
        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 });
        approved.EnsureSuccessStatusCode();
        return (server, (await server.AllMessagesAsync())[0].Id);
    }

    private static async Task<HttpResponseMessage> LiftAsync(HttpClient http, string id, object? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/warnings/{id}/lift") { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Lift_FromAnotherSite_Is403_WithoutAReason400_AndNothingIsLifted()
    {
        var (server, id) = await PublishedOrangeAsync(new() { ["Accounts:AllowedOrigins:0"] = "https://ops.example.cn" });
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);

        using var foreign = await LiftAsync(op.Http, id, body: null, ("Origin", Foreign));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Foreign, await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var crossSite = await LiftAsync(op.Http, id, new { reason = "x" }, ("Sec-Fetch-Site", "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        using var sameSite = await LiftAsync(op.Http, id, new { reason = "x" }, ("Sec-Fetch-Site", "same-site"));
        Assert.Equal(HttpStatusCode.Forbidden, sameSite.StatusCode);

        // This server's own pages (and a configured origin) get through, but a lift must say why.
        using var bodiless = await LiftAsync(op.Http, id, body: null, ("Origin", server.BaseUrl), ("Sec-Fetch-Site", "same-origin"));
        Assert.Equal(HttpStatusCode.BadRequest, bodiless.StatusCode);
        using var blank = await LiftAsync(op.Http, id, new { reason = "  " }, ("Origin", "https://ops.example.cn"));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("reason", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await server.AllMessagesAsync());

        using var lifted = await LiftAsync(op.Http, id, new { reason = "会商后解除" }, ("Origin", server.BaseUrl));
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // straight to the WebSocket upgrade, as a hand-made client would
    public async Task Hub_WithAForeignOrigin_IsRefused_EvenWithTheCookie(bool skipNegotiation)
    {
        var (server, id) = await PublishedOrangeAsync();
        await using var _ = server;
        using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);

        await using var foreign = Connect(server, officer.Cookies, Foreign, skipNegotiation);
        await Assert.ThrowsAnyAsync<Exception>(() => foreign.StartAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(HubConnectionState.Disconnected, foreign.State);

        await using var own = Connect(server, officer.Cookies, server.BaseUrl, skipNegotiation);
        await own.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var ack = await own.InvokeAsync<Ack>("Acknowledge", id, "640521").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TestAccounts.ZhongningOfficer, ack.AcknowledgedBy);
    }

    private static HubConnection Connect(RunningServer server, CookieContainer cookies, string origin, bool skipNegotiation) => new HubConnectionBuilder()
        .WithUrl(server.BaseUrl + "/hubs/warnings", o =>
        {
            o.Cookies = cookies;
            o.Headers["Origin"] = origin;
            if (skipNegotiation)
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            }
        })
        .AddJsonProtocol(o => WarningJson.Configure(o.PayloadSerializerOptions))
        .Build();
}
