using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Products;

/// <summary>Each warning message as a shareable PNG card and a PDF bulletin (docs/delivery.md#shareable-products).</summary>
public static class ProductEndpoints
{
    public static IServiceCollection AddProducts(this IServiceCollection services)
    {
        services.AddValidatedOptions<ProductOptions>(ProductOptions.Section);
        return services.AddSingleton<ProductRenderer>();
    }

    public static IEndpointRouteBuilder MapProducts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/warnings/{id}/card.png", (string id, long? seq, WarningLog log, PlaceCatalog places, HazardRegistry hazards, ProductRenderer renderer, CancellationToken ct) =>
            RenderAsync(id, seq, log, async (w, hazard) => Results.File(await renderer.PngAsync($"{w.Id}:{w.Sequence}", ProductHtml.Card(w, places, hazard), ct), "image/png",
                $"{w.Id}-{w.Sequence}.png"), hazards, ct))
            .WithSummary("预警图片 / Warning card")
            .WithDescription("A 1080×1080 PNG of the warning's latest message (or ?seq=N) for WeChat and Weibo: signal colour, hazard and level, headline, districts on the map, validity in Beijing time, guidance. 404 for an unknown warning; 503 where no Chromium can render it.")
            .WithTags("products")
            .Produces(200, contentType: "image/png")
            .ProducesProblem(404)
            .ProducesProblem(503);
        app.MapGet("/api/warnings/{id}/bulletin.pdf", (string id, long? seq, WarningLog log, PlaceCatalog places, HazardRegistry hazards, ProductRenderer renderer, CancellationToken ct) =>
            RenderAsync(id, seq, log, async (w, hazard) => Results.File(await renderer.PdfAsync($"{w.Id}:{w.Sequence}", ProductHtml.Bulletin(w, places, hazard), ct), "application/pdf",
                $"{w.Id}-{w.Sequence}.pdf"), hazards, ct))
            .WithSummary("预警公报 / Warning bulletin")
            .WithDescription("An A4 PDF bulletin of the warning's latest message (or ?seq=N), Chinese then English. 404 for an unknown warning; 503 where no Chromium can render it.")
            .WithTags("products")
            .Produces(200, contentType: "application/pdf")
            .ProducesProblem(404)
            .ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> RenderAsync(string id, long? seq, WarningLog log, Func<Warning, HazardDefinition, Task<IResult>> render, HazardRegistry hazards, CancellationToken ct)
    {
        var messages = await log.ForWarningAsync(id, ct);
        var message = seq is null ? (messages.Count > 0 ? messages[^1] : null) : messages.FirstOrDefault(m => m.Sequence == seq);
        if (message is null)
        {
            return Results.Problem(statusCode: 404, title: "未知预警 Unknown warning", detail: $"No published message {(seq is null ? string.Empty : $"#{seq} ")}for warning '{id}'.");
        }

        try
        {
            return await render(message, hazards.Get(message.Hazard));
        }
        catch (ProductsUnavailableException ex)
        {
            return Results.Problem(statusCode: 503, title: "产品渲染不可用 Products unavailable", detail: ex.Message);
        }
    }
}
