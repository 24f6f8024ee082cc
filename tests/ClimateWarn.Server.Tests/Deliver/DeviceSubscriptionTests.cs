using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ClimateWarn.Server.Tests.Deliver;

/// <summary>Farmers subscribe by township and crop with a device token, no account.</summary>
public sealed class DeviceSubscriptionTests
{
    [Fact]
    public async Task NinganTownship_GetsZhongningWarnings_NotHaiyuans_LiveAndOnRequest()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });
        using var created = await server.Http.PostAsJsonAsync("/api/subscriptions", new { townships = new[] { "640521100" }, crops = new[] { "goji", "melon" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var device = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = device.GetProperty("token").GetString()!;
        Assert.Equal(32, token.Length);
        Assert.Equal(["640521"], device.GetProperty("districts").EnumerateArray().Select(d => d.GetString()));

        await using var phone = await server.ConnectAsync(cookies: null);
        var joined = await phone.Connection.InvokeAsync<Subscription>("SubscribeDevice", token);
        Assert.Equal(["640521"], joined.Districts);

        var board = server.Service<WarningBoard>();
        await board.StepAsync(0, SignalLevel.Blue, district: TestPlaces.Catalog.GetDistrict("640522"));
        await board.StepAsync(1, SignalLevel.Blue);
        Assert.True(await Eventually.HoldsAsync(() => !phone.Events.IsEmpty, TimeSpan.FromSeconds(20)));

        await Task.Delay(500);
        var received = Assert.Single(phone.Events);
        Assert.Equal(["640521"], received.Warning.Districts);
        var current = await server.Http.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{token}/warnings");
        Assert.Equal(["640521"], current.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("districts")[0].GetString()));

        using var changed = await server.Http.PutAsJsonAsync($"/api/subscriptions/{token}", new { townships = new[] { "640522100" }, crops = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var deleted = await server.Http.DeleteAsync($"/api/subscriptions/{token}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await server.Http.GetAsync($"/api/subscriptions/{token}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await Assert.ThrowsAsync<HubException>(() => phone.Connection.InvokeAsync<Subscription>("SubscribeDevice", token));
    }

    [Theory]
    [InlineData("{\"townships\":[]}", "Choose 1–20 townships")]
    [InlineData("{\"townships\":[\"640599100\"]}", "Unknown township code '640599100'")]
    [InlineData("{\"townships\":[\"640521100\"],\"crops\":[\"rice\"]}", "Unknown crop 'rice'")]
    [InlineData("{\"townships\":\"640521100\"}", "expected a list of text")]
    [InlineData("{not json", "not the JSON this request takes")]
    public async Task BadSubscriptions_Get400(string body, string reason)
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });

        using var response = await server.Http.PostAsync("/api/subscriptions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
