using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Hosting;

/// <summary>The OpenAPI document and its page: every endpoint described where it is mapped, with its parameters, answers and roles.</summary>
public sealed class ApiDocsTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void EveryEndpoint_HasASummaryAndADescription()
    {
        var problems = ApiDocs.Undocumented(_server.Service<IEnumerable<EndpointDataSource>>());

        Assert.True(problems.Count == 0, "endpoints without their description:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task TheCheck_CanFail_OnAnEndpointMappedWithoutADescription()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();
        app.MapGet("/api/undescribed", () => "x");
        app.MapGet("/api/summary-only", () => "x").WithSummary("only a summary");
        app.MapGet("/page", () => "x").ExcludeFromDescription();

        var problems = ApiDocs.Undocumented(app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().Append(((IEndpointRouteBuilder)app).DataSources.Single()));

        Assert.Contains("GET /api/undescribed: no summary (.WithSummary)", problems);
        Assert.Contains("GET /api/undescribed: no description (.WithDescription)", problems);
        Assert.Contains("GET /api/summary-only: no description (.WithDescription)", problems);
        Assert.DoesNotContain(problems, p => p.Contains("/page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Document_ListsEveryApiEndpoint_WithRolesParametersAndAnswers()
    {
        var doc = await _server.Http.GetFromJsonAsync<JsonElement>(ApiDocs.DocumentPath);
        var paths = doc.GetProperty("paths");

        var approve = paths.GetProperty("/api/drafts/{id}/approve").GetProperty("post");
        Assert.Contains("Operator", approve.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(approve.GetProperty("responses").TryGetProperty("409", out _), "approve documents its 409 (stale row version)");
        Assert.True(approve.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(approve.TryGetProperty("requestBody", out _), "approve documents its body");

        var warnings = paths.GetProperty("/api/warnings").GetProperty("get");
        Assert.Contains(warnings.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "afterSeq");
        Assert.Contains("anyone", warnings.GetProperty("description").GetString(), StringComparison.Ordinal);

        var documented = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToHashSet();
        var mapped = _server.Service<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} {System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+):[^}]+\}", "{$1}")}"));   // {id:long} is {id} in the document
        Assert.All(mapped, m => Assert.Contains(m, documented));
        Assert.Contains("GET /health/ready", documented);
    }

    [Fact]
    public async Task Page_IsServedFromThePackage()
    {
        var page = await _server.Http.GetStringAsync(ApiDocs.PagePath + "/");
        Assert.Contains("scalar.js", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", page, StringComparison.OrdinalIgnoreCase);
        using var script = await _server.Http.GetAsync(ApiDocs.PagePath + "/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
