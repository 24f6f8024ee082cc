using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Deliver;

/// <summary>
/// Web Push from the outbox to a local push service (<see cref="PushService"/>, RFC 8030) that does what a real one
/// must: checks the VAPID token (RFC 8292: an ES256 JWT for this endpoint's origin, signed by the key the server
/// publishes) and, as the phone would, decrypts the payload (RFC 8291, aes128gcm) with the subscription's own keys.
/// The phone's keys are made here; the push service and its answers (201, 410, a hang) are CONSTRUCTED.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class WebPushTests
{
    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Unb64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    /// <summary>A phone's push keys: a P-256 key pair and a 16-byte auth secret, as a browser makes them.</summary>
    private sealed class Phone : IDisposable
    {
        public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        public byte[] Auth { get; } = RandomNumberGenerator.GetBytes(16);

        public byte[] Public
        {
            get
            {
                var p = Key.ExportParameters(false);
                return [0x04, .. p.Q.X!, .. p.Q.Y!];
            }
        }

        public void Dispose() => Key.Dispose();

        /// <summary>RFC 8291 §3.4 and RFC 8188: the aes128gcm body decrypted with this phone's keys.</summary>
        public string Decrypt(byte[] body)
        {
            var salt = body[..16];
            var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16));
            Assert.True(recordSize >= 18);
            int idLength = body[20];
            var serverPublic = body[21..(21 + idLength)];
            var cipher = body[(21 + idLength)..];
            using var server = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = serverPublic[1..33], Y = serverPublic[33..65] } });
            var shared = Key.DeriveRawSecretAgreement(server.PublicKey);
            var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, Auth, [.. "WebPush: info\0"u8, .. Public, .. serverPublic]);
            var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
            var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
            var plain = new byte[cipher.Length - 16];
            using (var gcm = new AesGcm(key, 16))
            {
                gcm.Decrypt(nonce, cipher[..^16], cipher[^16..], plain);
            }

            var end = Array.LastIndexOf(plain, (byte)0x02);   // the last record's delimiter, then padding zeros
            Assert.True(end >= 0 && plain[(end + 1)..].All(b => b == 0), "RFC 8188 padding");
            return Encoding.UTF8.GetString(plain, 0, end);
        }
    }

    /// <summary>An RFC 8030 push service on the loopback: POST /push/{id}; checks VAPID; 201, 410 for a gone subscription, or hangs.</summary>
    private sealed class PushService
    {
        public ConcurrentQueue<(string Id, byte[] Body)> Received { get; } = new();

        public ConcurrentQueue<string> Refused { get; } = new();

        public HashSet<string> Gone { get; } = [];

        public HashSet<string> Hanging { get; } = [];

        public HashSet<string> TooLarge { get; } = [];

        public string? VapidPublicKey { get; set; }

        public Func<HttpContext, Task> Handler => async ctx =>
        {
            var id = ctx.Request.Path.Value!.Split('/')[^1];
            if (Hanging.Contains(id))
            {
                // Longer than the 2 s attempt timeout the test sets; the client aborts, which ends this wait.
                await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            var reason = Check(ctx);
            if (reason is not null)
            {
                Refused.Enqueue(reason);
                ctx.Response.StatusCode = 401;
                return;
            }

            if (Gone.Contains(id))
            {
                ctx.Response.StatusCode = 410;
                return;
            }

            if (TooLarge.Contains(id))
            {
                ctx.Response.StatusCode = 413;
                return;
            }

            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body);
            Received.Enqueue((id, body.ToArray()));
            ctx.Response.StatusCode = 201;
        };

        /// <summary>RFC 8292: "vapid t=JWT, k=key"; the JWT is ES256, its aud this origin, its exp within 24 h, its key the server's.</summary>
        private string? Check(HttpContext ctx)
        {
            var header = ctx.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("vapid ", StringComparison.Ordinal) || ctx.Request.Headers.ContentEncoding.ToString() != "aes128gcm" || !ctx.Request.Headers.ContainsKey("TTL"))
            {
                return $"headers: {header} / {ctx.Request.Headers.ContentEncoding}";
            }

            var parts = header[6..].Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            if (parts["k"] != VapidPublicKey)
            {
                return "k is not the server's published key";
            }

            var jwt = parts["t"].Split('.');
            var claims = JsonDocument.Parse(Unb64(jwt[1])).RootElement;
            // RFC 8292's aud is the endpoint's origin. Lib.Net.Http.WebPush 3.3.1 writes scheme://host without the port,
            // which is the origin for every real push service (all on 443) but not for this one on a free loopback port.
            if (claims.GetProperty("aud").GetString() != $"{ctx.Request.Scheme}://{ctx.Request.Host.Host}")
            {
                return $"aud {claims.GetProperty("aud").GetString()} is not this origin {ctx.Request.Scheme}://{ctx.Request.Host.Host}";
            }

            var exp = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
            if (exp > TimeProvider.System.GetUtcNow().AddHours(24).AddMinutes(5))
            {
                return "exp more than 24 h ahead";
            }

            var key = Unb64(parts["k"]);
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = key[1..33], Y = key[33..65] } });
            return ecdsa.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), Unb64(jwt[2]), HashAlgorithmName.SHA256) ? null : "bad ES256 signature";
        }
    }

    [Fact]
    public async Task AgriculturalWarnings_ArePushedEncrypted_OncePerPhone_AndAGoneSubscriptionIsRemoved()
    {
        var service = new PushService();
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = service.Handler;
        var clock = new FakeTimeProvider(BoardDriver.T0);
        await using var server = await RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["Warnings:ApprovalFrom:frost"] = "None",
            ["Push:Subject"] = "mailto:duty@qx.zhongwei.example",
            ["Delivery:RetryDelay"] = "00:00:01",
            ["Delivery:MaxRetryDelay"] = "00:00:02",
            ["Delivery:MaxAttempts"] = "1000",
            ["Delivery:AttemptTimeout"] = "00:00:02",
        }, s => s.AddSingleton<TimeProvider>(clock));
        service.VapidPublicKey = (await server.Http.GetFromJsonAsync<JsonElement>("/api/push/key")).GetProperty("publicKey").GetString();

        // Three phones in Zhongning: one reachable, one whose subscription is gone, one whose push service hangs; one in Haiyuan.
        using var near = new Phone();
        using var gone = new Phone();
        using var slow = new Phone();
        using var far = new Phone();
        using var small = new Phone();
        async Task<string> SubscribeAsync(Phone phone, string township, string id)
        {
            using var created = await server.Http.PostAsJsonAsync("/api/subscriptions", new { townships = new[] { township }, crops = new[] { "goji" } });
            var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            using var push = await server.Http.PutAsJsonAsync($"/api/subscriptions/{token}/push",
                new { endpoint = $"{upstream.BaseUrl}/push/{id}", keys = new { p256dh = B64(phone.Public), auth = B64(phone.Auth) } });
            Assert.Equal(HttpStatusCode.NoContent, push.StatusCode);
            return token;
        }

        await SubscribeAsync(near, "640521100", "near");
        var goneToken = await SubscribeAsync(gone, "640521101", "gone");
        await SubscribeAsync(slow, "640521100", "slow");
        await SubscribeAsync(far, "640522100", "far");
        await SubscribeAsync(small, "640521102", "small");
        service.Gone.Add("gone");
        service.TooLarge.Add("small");
        service.Hanging.Add("slow");

        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue);   // frost blue in Zhongning: agricultural
        var warning = (await server.AllMessagesAsync()).Single();

        try
        {
            await Eventually.UntilAsync(() =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(!service.Received.IsEmpty);
            }, TimeSpan.FromSeconds(30), "the reachable phone is pushed");
        }
        catch (TimeoutException)
        {
            var log = await (await server.OperatorHttpAsync()).GetStringAsync("/api/ops/delivery-log");
            throw new TimeoutException($"not pushed; refused: {string.Join(" | ", service.Refused)}; log: {log}");
        }
        for (var s = 0; s < 10; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        Assert.Empty(service.Refused);
        var (id, body) = Assert.Single(service.Received);
        Assert.Equal("near", id);
        var payload = JsonDocument.Parse(near.Decrypt(body)).RootElement;
        Assert.Equal((warning.Id, warning.Sequence, warning.HeadlineZh), (payload.GetProperty("id").GetString(), payload.GetProperty("sequence").GetInt64(), payload.GetProperty("title").GetString()));
        Assert.Throws<AuthenticationTagMismatchException>(() => far.Decrypt(body));   // only its phone can read it
        using (var check = await server.Http.PutAsJsonAsync($"/api/subscriptions/{goneToken}/push", new { endpoint = "ftp://x", keys = new { p256dh = "x", auth = "y" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, check.StatusCode);
        }

        // The gone subscription was removed; the one refused as too large (413) is not retried; the hanging one is still
        // owed, and once its service answers it is pushed once.
        await Eventually.UntilAsync(async () => (await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/delivery-log?state=pending"))
            .EnumerateArray().Any(d => d.GetProperty("channel").GetString() == "push"
                && d.GetProperty("lastError").GetString()?.Contains("1 phone(s) not reached yet", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(30), "the push row waits for the one phone whose service hangs");
        service.Hanging.Clear();
        await Eventually.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(service.Received.Count == 2);
        }, TimeSpan.FromSeconds(30), "the slow phone is pushed once its service answers");
        for (var s = 0; s < 10; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        Assert.Equal(["near", "slow"], service.Received.Select(r => r.Id).Order());
        Assert.Equal("delivered", (await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/delivery-log")).EnumerateArray()
            .Single(d => d.GetProperty("channel").GetString() == "push").GetProperty("state").GetString());
        Assert.Equal(warning.HeadlineZh, JsonDocument.Parse(slow.Decrypt(service.Received.Single(r => r.Id == "slow").Body)).RootElement.GetProperty("title").GetString());
        using var again = await server.Http.DeleteAsync($"/api/subscriptions/{goneToken}/push");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);   // already removed on 410
    }
}
