using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Tests.Dashboards;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Products;

/// <summary>
/// The shareable products of a running server, rendered by Debian's headless Chromium: the PNG card has its size and is
/// not blank (it holds the signal colour), the PDF bulletin's text (Debian's pdftotext) has the headline in Chinese and
/// English; without Chromium both answer 503 with the reason.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ProductTests
{
    private static Task<RunningServer> StartAsync(string? chromium = null) => RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
    {
        ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
        ["OpenMeteo:RunAtStartup"] = "false",
        ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        ["Warnings:ApprovalFrom:gale"] = "None",
        ["Products:Chromium"] = chromium ?? PagesFixture.Chromium,
    }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(BoardDriver.T0)));

    [Fact]
    public async Task TheCard_IsASquarePngInTheSignalColour_AndTheBulletinPdf_HasTheHeadline()
    {
        await using var server = await StartAsync();
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Yellow, value: 18, district: TestPlaces.Catalog.GetDistrict("640522"), hazard: "gale");
        var warning = (await server.AllMessagesAsync()).Single();

        using var card = await server.Http.GetAsync($"/api/warnings/{Uri.EscapeDataString(warning.Id)}/card.png");
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Equal("image/png", card.Content.Headers.ContentType!.MediaType);
        var png = await card.Content.ReadAsByteArrayAsync();
        Directory.CreateDirectory(PagesFixture.Screenshots);
        await File.WriteAllBytesAsync(Path.Combine(PagesFixture.Screenshots, "card-gale-yellow-1080.png"), png);
        var (width, height, pixels) = Decode(png);
        Assert.Equal((1080, 1080), (width, height));
        // Not blank: the yellow signal bar (#c79f00) fills the top, white the rest.
        Assert.Equal((0xc7, 0x9f, 0x00), pixels(100, 40));
        Assert.Equal((0xff, 0xff, 0xff), pixels(1070, 1070));

        using var bulletin = await server.Http.GetAsync($"/api/warnings/{Uri.EscapeDataString(warning.Id)}/bulletin.pdf?seq={warning.Sequence}");
        Assert.Equal(HttpStatusCode.OK, bulletin.StatusCode);
        Assert.Equal("application/pdf", bulletin.Content.Headers.ContentType!.MediaType);
        var pdf = Path.Combine(Repo.TempDirectory(), "bulletin.pdf");
        await File.WriteAllBytesAsync(pdf, await bulletin.Content.ReadAsByteArrayAsync());
        var text = await PdfTextAsync(pdf);
        Assert.Contains(warning.HeadlineZh.Replace(" ", string.Empty, StringComparison.Ordinal), text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("English", text, StringComparison.Ordinal);

        using var unknown = await server.Http.GetAsync("/api/warnings/nope/card.png");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task WithoutChromium_TheProductsAnswer503_WithTheReason()
    {
        await using var server = await StartAsync(chromium: "/nonexistent/chromium");
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue, value: 12, district: TestPlaces.Zhongning, hazard: "gale");
        var warning = (await server.AllMessagesAsync()).Single();

        using var card = await server.Http.GetAsync($"/api/warnings/{Uri.EscapeDataString(warning.Id)}/card.png");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, card.StatusCode);
        var problem = JsonDocument.Parse(await card.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("/nonexistent/chromium is not installed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A minimal PNG reader (8-bit RGB or RGBA, non-interlaced, the five row filters): width, height and a pixel lookup.</summary>
    private static (int Width, int Height, Func<int, int, (int R, int G, int B)> Pixel) Decode(byte[] png)
    {
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        var (depth, type) = (png[24], png[25]);
        Assert.Equal(8, depth);
        var channels = type switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {type}") };
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var image = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? image[(y * stride) + x - channels] : 0, b = y > 0 ? image[((y - 1) * stride) + x] : 0, c = x >= channels && y > 0 ? image[((y - 1) * stride) + x - channels] : 0;
                var v = raw[(y * (stride + 1)) + 1 + x];
                image[(y * stride) + x] = (byte)(filter switch
                {
                    0 => v,
                    1 => v + a,
                    2 => v + b,
                    3 => v + ((a + b) / 2),
                    4 => v + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }
        }

        return (width, height, (x, y) => (image[(y * stride) + (x * channels)], image[(y * stride) + (x * channels) + 1], image[(y * stride) + (x * channels) + 2]));
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static async Task<string> PdfTextAsync(string pdf)
    {
        if (!File.Exists("/usr/bin/pdftotext"))
        {
            throw new InvalidOperationException("pdftotext is not installed: run `sudo apt-get install poppler-utils` (tests/run.sh installs it).");
        }

        using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
