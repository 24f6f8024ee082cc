using System.Net;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Ingest.Replay;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Dashboards;

/// <summary>The verification table pages by the database's sequence column, never by what a stored message's JSON says, in bounded pages.</summary>
public sealed class VerificationPagingTests
{
    [Fact]
    public async Task Verification_PagesByTheDatabaseKey_EvenWhenTheJsonSequenceIsTampered()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(new() { ["Warnings:ApprovalFrom:frost"] = "None" }));
        var board = server.Service<WarningBoard>();
        var places = TestPlaces.Catalog;
        foreach (var code in new[] { "640502", "640521", "640522" })
        {
            await board.StepAsync(0, SignalLevel.Blue, district: places.GetDistrict(code));
        }

        // The pipeline's clock after the warnings' validity, so each has a verification row.
        server.Service<ReplayClock>().Set(BoardDriver.T0.AddDays(2));
        var messages = await server.AllMessagesAsync();
        Assert.Equal(3, messages.Count);
        var newest = messages.Single(m => m.Districts.Contains("640522"));
        // The newest message's JSON now claims the lowest sequence; its row keeps its key.
        var databases = server.App.Services.GetRequiredService<IDbContextFactory<WarningsDb>>();
        await using (var db = await databases.CreateDbContextAsync())
        {
            var row = await db.Messages.SingleAsync(m => m.Seq == newest.Sequence);
            row.Json = row.Json.Replace($"\"sequence\":{newest.Sequence}", "\"sequence\":0", StringComparison.Ordinal);
            Assert.Contains("\"sequence\":0", row.Json, StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        var first = await PageAsync(server, "limit=1");
        Assert.Equal("640522", DistrictOf(first));
        var second = await PageAsync(server, $"limit=1&beforeSeq={first.GetProperty("nextBeforeSeq").GetInt64()}");
        Assert.Equal("640521", DistrictOf(second));
        var third = await PageAsync(server, $"limit=1&beforeSeq={second.GetProperty("nextBeforeSeq").GetInt64()}");
        Assert.Equal("640502", DistrictOf(third));
        var all = await PageAsync(server, "limit=100");
        Assert.Equal(["640522", "640521", "640502"], all.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("district").GetString()));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextBeforeSeq").ValueKind);
    }

    [Theory]
    [InlineData("limit=101")]
    [InlineData("limit=500")]
    [InlineData("beforeSeq=0")]
    public async Task Verification_PageOverTheBound_Is400(string query)
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());
        using var response = await server.Http.GetAsync("/api/dashboards/verification?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> PageAsync(RunningServer server, string query)
    {
        using var doc = JsonDocument.Parse(await server.Http.GetStringAsync("/api/dashboards/verification?" + query));
        return doc.RootElement.Clone();
    }

    private static string? DistrictOf(JsonElement page) => Assert.Single(page.GetProperty("rows").EnumerateArray()).GetProperty("district").GetString();
}
