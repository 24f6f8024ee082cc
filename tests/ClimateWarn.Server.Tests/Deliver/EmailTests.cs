using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ClimateWarn.Server.Tests.Deliver;

/// <summary>
/// E-mail through the outbox against a real SMTP server delivering into a Maildir (<see cref="SmtpServer"/>): bulletins
/// once per key in both languages, an outage ridden out, an escalation reaching the watch officer's address; and against
/// a CONSTRUCTED scripted SMTP peer (below) that refuses a recipient or drops the line mid-message.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class EmailTests
{
    private static Dictionary<string, string?> Settings(int port, Dictionary<string, string?>? more = null)
    {
        var settings = TestAccounts.Settings(new()
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["Warnings:ApprovalFrom:gale"] = "None",
            ["Email:Enabled"] = "true",
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Security"] = "None",
            ["Email:From"] = "warn@qx.zhongwei.example",
            ["Email:BulletinTo:0"] = "duty@yjj.zhongwei.example",
            ["Email:BulletinTo:1"] = "farm@nyj.zhongwei.example",
            ["Delivery:RetryDelay"] = "00:00:01",
            ["Delivery:MaxRetryDelay"] = "00:00:05",
            ["Delivery:MaxAttempts"] = "1000",
            ["Delivery:AttemptTimeout"] = "00:00:03",
        });
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return settings;
    }

    private static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));

    private static async Task<List<JsonElement>> EmailLogAsync(RunningServer server) =>
        [.. (await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/delivery-log")).EnumerateArray()
            .Where(d => d.GetProperty("channel").GetString()!.Contains("email:", StringComparison.Ordinal))];

    [Fact]
    public async Task Bulletin_LandsOncePerKey_InBothLanguages_AndAMinuteOfSmtpOutageIsRiddenOut()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var clock = new FakeTimeProvider(BoardDriver.T0);
        await using var server = await RunningServer.StartAsync(replay: false, Settings(smtp.Port), s => s.AddSingleton<TimeProvider>(clock));
        var board = server.Service<WarningBoard>();

        await board.StepAsync(0, SignalLevel.Blue, value: 12, district: TestPlaces.Catalog.GetDistrict("640522"), hazard: "gale");

        await Eventually.UntilAsync(() => Task.FromResult(smtp.Messages.Count == 1), TimeSpan.FromSeconds(30), "the bulletin is delivered");
        var mail = Parse(smtp.Messages[0]);
        var warning = (await server.AllMessagesAsync()).Single();
        Assert.Equal($"【蓝色预警】{warning.HeadlineZh} / {warning.HeadlineEn}", mail.Subject);
        Assert.Equal(("warn@qx.zhongwei.example", "中卫市气象台"), (mail.From.Mailboxes.Single().Address, mail.From.Mailboxes.Single().Name));
        Assert.Equal(["duty@yjj.zhongwei.example", "farm@nyj.zhongwei.example"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal($"{warning.Id}:{warning.Sequence}", mail.Headers["X-ClimateWarn-Idempotency-Key"]);
        Assert.StartsWith($"{warning.Id}.{warning.Sequence}@climatewarn.", mail.MessageId, StringComparison.Ordinal);
        Assert.Equal("utf-8", ((TextPart)mail.Body!).ContentType.Charset, ignoreCase: true);
        var text = mail.TextBody!;
        Assert.True(text.IndexOf(warning.HeadlineZh, StringComparison.Ordinal) < text.IndexOf("----- English -----", StringComparison.Ordinal), "Chinese first");
        Assert.Contains("区域：海原县", text, StringComparison.Ordinal);
        static string Beijing(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"有效时间（北京时间）：{Beijing(warning.ValidFrom)} 至 {Beijing(warning.ValidTo)}", text, StringComparison.Ordinal);
        Assert.Equal("2021-03-20 18:00", Beijing(warning.ValidFrom));   // the signal's start, T0 + 10 h UTC
        Assert.Contains("Area: Haiyuan", text, StringComparison.Ordinal);
        Assert.Contains(warning.DescriptionEn, text, StringComparison.Ordinal);

        // Retries never send a delivered message again.
        for (var s = 0; s < 10; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.Single(smtp.Messages);

        // Down for a minute: the attempts fail and are kept; once it is back, the message lands, once.
        smtp.Stop();
        await board.StepAsync(1, SignalLevel.Blue, value: 12, district: TestPlaces.Zhongning, hazard: "gale");
        for (var s = 0; s < 60; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(25);
        }

        var waiting = Assert.Single(await EmailLogAsync(server), d => d.GetProperty("state").GetString() == "pending");
        Assert.True(waiting.GetProperty("attempts").GetInt32() >= 1, waiting.ToString());   // the dispatcher polls on real time: a few attempts
        Assert.Contains($"SMTP 127.0.0.1:{smtp.Port}", waiting.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Single(smtp.Messages);
        await smtp.StartAgainAsync();
        await Eventually.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(smtp.Messages.Count == 2);
        }, TimeSpan.FromSeconds(30), "the second bulletin is delivered once the server is back");
        for (var s = 0; s < 10; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        var keys = smtp.Messages.Select(m => Parse(m).Headers["X-ClimateWarn-Idempotency-Key"]).ToList();
        Assert.Equal((await server.AllMessagesAsync()).Select(m => $"{m.Id}:{m.Sequence}").Order(), keys.Order());
        Assert.All(await EmailLogAsync(server), d => Assert.Equal("delivered", d.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Escalation_ReachesTheDistrictsWatchOfficer_ByEmail()
    {
        await using var smtp = await SmtpServer.StartAsync();
        var wall = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var settings = Settings(smtp.Port, new()
        {
            ["Email:BulletinTo:0"] = null,
            ["Email:BulletinTo:1"] = null,
            ["Accounts:Seed:1:Email"] = "duty.zhongning@yjj.zhongwei.example",
            ["Email:EscalationTo:0"] = "chief@yjj.zhongwei.example",
        });
        settings.Remove("Email:BulletinTo:0");
        settings.Remove("Email:BulletinTo:1");
        settings["Replay:Start"] = "Manual";
        await using var server = await RunningServer.StartAsync(replay: true, settings, s => s.AddSingleton<TimeProvider>(wall));
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var draft = (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single();
        using (var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        Assert.Empty(smtp.Messages);   // no bulletin addresses: nothing until the escalation
        wall.Advance(TimeSpan.FromMinutes(16));

        await Eventually.UntilAsync(() =>
        {
            wall.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(smtp.Messages.Count == 1);
        }, TimeSpan.FromSeconds(30), "the escalation e-mail is delivered");
        var mail = Parse(smtp.Messages[0]);
        Assert.StartsWith("【未确认，升级通知】", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(["duty.zhongning@yjj.zhongwei.example", "chief@yjj.zhongwei.example"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.EndsWith(":escalation:640521", mail.Headers["X-ClimateWarn-Idempotency-Key"], StringComparison.Ordinal);
        Assert.Contains("此预警在确认时限内无人确认", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains("Nobody acknowledged this warning in time", mail.TextBody!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ScriptedSmtp.Mode.RefuseRecipient, "the SMTP server refused it: 550")]
    [InlineData(ScriptedSmtp.Mode.DropMidMessage, "gave up after 3 attempts: SMTP 127.0.0.1")]
    public async Task ARefusingOrDroppingServer_IsParkedWithTheReason_NothingSentTwice(ScriptedSmtp.Mode mode, string reason)
    {
        using var peer = new ScriptedSmtp(mode);
        var clock = new FakeTimeProvider(BoardDriver.T0);
        await using var server = await RunningServer.StartAsync(replay: false, Settings(peer.Port, new() { ["Delivery:MaxAttempts"] = "3" }),
            s => s.AddSingleton<TimeProvider>(clock));

        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue, value: 12, district: TestPlaces.Zhongning, hazard: "gale");

        await Eventually.UntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return (await EmailLogAsync(server)).Any(d => d.GetProperty("state").GetString() == "parked");
        }, TimeSpan.FromSeconds(30), "the bulletin is parked");
        var parked = Assert.Single(await EmailLogAsync(server));
        Assert.Contains(reason, parked.GetProperty("parked").GetString(), StringComparison.Ordinal);
        Assert.Equal(mode == ScriptedSmtp.Mode.RefuseRecipient ? 1 : 3, parked.GetProperty("attempts").GetInt32());
    }

    /// <summary>
    /// A CONSTRUCTED SMTP peer on a loopback port speaking just enough of RFC 5321 to misbehave on cue: 550 for the first
    /// recipient, or the connection closed halfway through the message data (it never accepts a message).
    /// </summary>
    public sealed class ScriptedSmtp : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public ScriptedSmtp(Mode mode)
        {
            _listener.Start();
            _ = Task.Run(() => AcceptAsync(mode));
        }

        public enum Mode
        {
            RefuseRecipient,
            DropMidMessage,
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync(Mode mode)
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                _ = Task.Run(() => ConverseAsync(client, mode));
            }
        }

        private static async Task ConverseAsync(TcpClient client, Mode mode)
        {
            using var _ = client;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            try
            {
                await writer.WriteLineAsync("220 scripted.test ESMTP");
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteLineAsync("250-scripted.test");
                            await writer.WriteLineAsync("250 8BITMIME");
                            break;
                        case "MAIL":
                            await writer.WriteLineAsync("250 2.1.0 Ok");
                            break;
                        case "RCPT" when mode == Mode.RefuseRecipient:
                            await writer.WriteLineAsync("550 5.1.1 <duty@yjj.zhongwei.example>: Recipient address rejected: User unknown");
                            break;
                        case "RCPT":
                            await writer.WriteLineAsync("250 2.1.5 Ok");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                            await reader.ReadLineAsync();   // the first header line arrives; then the line drops
                            return;
                        case "RSET":
                        case "NOOP":
                            await writer.WriteLineAsync("250 Ok");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye");
                            return;
                        default:
                            await writer.WriteLineAsync("502 5.5.2 Error: command not recognized");
                            break;
                    }
                }
            }
            catch (IOException)
            {
            }
        }
    }
}
