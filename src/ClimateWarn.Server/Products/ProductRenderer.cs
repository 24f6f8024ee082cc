using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace ClimateWarn.Server.Products;

public sealed class ProductOptions
{
    public const string Section = "Products";

    /// <summary>The headless Chromium that renders cards and bulletins (Debian's chromium; fonts-noto-cjk for the Chinese).</summary>
    public string Chromium { get; set; } = "/usr/bin/chromium";
}

/// <summary>Raised when the products cannot be rendered on this machine (no Chromium): the endpoints answer 503 with it.</summary>
public sealed class ProductsUnavailableException(string reason) : Exception(reason);

/// <summary>
/// Renders HTML with one headless Chromium (Playwright, Debian's chromium), started on first use and kept: a PNG of the
/// card at 1080×1080, a PDF of the bulletin on A4. The browser reaches no network (every host resolves to nothing) and
/// runs no script of ours; two renders at a time. Results are cached per message and kind, since a message never changes.
/// </summary>
public sealed class ProductRenderer(IOptions<ProductOptions> options, IMemoryCache cache) : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly SemaphoreSlim _renders = new(2, 2);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> PngAsync(string key, string html, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(("png", key), async e =>
        {
            e.Size = 1;
            e.SlidingExpiration = TimeSpan.FromHours(6);
            return await RenderAsync(html, page => page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, FullPage = false }), cancellationToken);
        }))!;

    public async Task<byte[]> PdfAsync(string key, string html, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(("pdf", key), async e =>
        {
            e.Size = 1;
            e.SlidingExpiration = TimeSpan.FromHours(6);
            return await RenderAsync(html, page => page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true }), cancellationToken);
        }))!;

    private async Task<byte[]> RenderAsync(string html, Func<IPage, Task<byte[]>> shoot, CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        await _renders.WaitAsync(cancellationToken);
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions
            {
                ViewportSize = new ViewportSize { Width = ProductHtml.CardSize, Height = ProductHtml.CardSize },
                JavaScriptEnabled = false,
            });
            try
            {
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
                return await shoot(page);
            }
            finally
            {
                await page.CloseAsync();
            }
        }
        finally
        {
            _renders.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _start.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            var chromium = options.Value.Chromium;
            if (!File.Exists(chromium))
            {
                throw new ProductsUnavailableException($"{chromium} is not installed: cards and bulletins are rendered by headless Chromium (apt-get install chromium fonts-noto-cjk; Products:Chromium names another)");
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return _browser;
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _start.Dispose();
        _renders.Dispose();
    }
}
