using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Hosting;

/// <summary>Every options class is checked at start-up: a bad value refuses to start, naming the key and the value.</summary>
public sealed class OptionsRefusalTests
{
    private static string Refusal(bool replay, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Paths:Data"] = Repo.TempDirectory(), ["Replay:Start"] = "Manual", ["OpenMeteo:RunAtStartup"] = "false" };
        foreach (var (k, v) in settings)
        {
            all[k] = v;
        }

        return Assert.Throws<StartupConfigurationException>(() => ClimateWarnHost.Create(replay ? ["--replay"] : [], b => b.Configuration.AddInMemoryCollection(all))).Message;
    }

    [Theory]
    [InlineData("Warnings:HoldTime", "-01:00:00", "Warnings:HoldTime = -01:00:00 must be at least 00:00:00")]
    [InlineData("Warnings:AckWindow", "00:00:00", "Warnings:AckWindow = 00:00:00 must be at least 00:00:01")]
    [InlineData("Warnings:Margins:frost", "-1", "Warnings:Margins:frost = -1 must be 0 or more")]
    [InlineData("Warnings:ApprovalFrom:tornado", "Red", "Warnings:ApprovalFrom:tornado: no hazard 'tornado' is registered")]
    [InlineData("Warnings:HoldTime", "three hours", "Failed to convert configuration value 'three hours' at 'Warnings:HoldTime'")]
    [InlineData("Risk:Watch:Probability", "5", "Risk:Watch:Probability = '5': The field Probability must be between 0 and 1.")]
    [InlineData("Delivery:Webhooks:0:Url", "", "Delivery:Webhooks:0:Url = '' must be an absolute http(s) URL")]
    [InlineData("Delivery:MaxAttempts", "0", "Delivery:MaxAttempts = 0 must be at least 1")]
    [InlineData("Cap:Sender", "zhongwei weather", "Cap:Sender = 'zhongwei weather': a CAP sender has no spaces")]
    [InlineData("Models:RetrainCron", "every monday", "Models:RetrainCron = 'every monday': 'every monday' is not a Quartz cron expression")]
    [InlineData("Replay:Step", "00:00:00", "Replay:Step = '00:00:00': must be a duration from 00:01:00 to 1.00:00:00")]
    [InlineData("Replay:Speed", "0", "Replay:Speed = '0': The field Speed must be between 1 and")]
    [InlineData("Accounts:AllowedOrigins:0", "https://ops.example.cn/path", "Accounts:AllowedOrigins:0 = 'https://ops.example.cn/path' is not an origin")]
    [InlineData("Accounts:Throttle:MaxAccountDelay", "02:00:00", "Accounts:Throttle:MaxAccountDelay = '02:00:00': must be a duration from 00:00:01 to 01:00:00")]
    public void ReplayServer_WithABadSetting_RefusesToStart_NamingKeyAndValue(string key, string value, string expected)
    {
        var message = Refusal(replay: true, (key, value), ("Delivery:Webhooks:0:Name", key.StartsWith("Delivery:Webhooks", StringComparison.Ordinal) ? "sms" : "unused"),
            ("Delivery:Webhooks:0:Url", key == "Delivery:Webhooks:0:Url" ? value : "http://127.0.0.1:9/hook"));

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OpenMeteo:Cron", "5 * * *", "OpenMeteo:Cron = '5 * * *': '5 * * *' is not a Quartz cron expression")]
    [InlineData("OpenMeteo:ForecastDays", "40", "OpenMeteo:ForecastDays = '40': The field ForecastDays must be between 1 and 16.")]
    [InlineData("Storage:Provider", "Mongo", "Storage:Provider = 'Mongo' is not one of Sqlite, Influx")]
    public void LiveServer_WithABadSetting_RefusesToStart_NamingKeyAndValue(string key, string value, string expected)
    {
        Assert.Contains(expected, Refusal(replay: false, (key, value)), StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterMode_WithoutItsSharedEngines_RefusesToStart_NamingEachMissingKey()
    {
        var message = Refusal(replay: false, ("Cluster:Enabled", "true"));

        Assert.Contains("Cluster:Enabled = true needs the shared PostgreSQL: Warnings:Database:Provider = Postgres", message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Enabled = true needs Cluster:Redis", message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Enabled = true needs the shared time-series store: Storage:Provider = Influx (it is 'Sqlite'", message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Enabled = true with Push:Enabled needs Push:PublicKey and Push:PrivateKey", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterMode_WithAnAbsurdLease_RefusesToStart_NamingKeyAndValue()
    {
        var message = Refusal(replay: false, ("Cluster:OutboxLease", "00:00:00"));

        Assert.Contains("Cluster:OutboxLease = '00:00:00': must be a duration from 00:00:01 to 01:00:00", message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBadSettings_AreAllNamedAtOnce()
    {
        var message = Refusal(replay: true, ("Risk:Watch:Probability", "5"), ("Warnings:HoldTime", "-01:00:00"));

        Assert.Contains("Risk:Watch:Probability = '5'", message, StringComparison.Ordinal);
        Assert.Contains("Warnings:HoldTime = -01:00:00", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OnABadSetting_PrintsTheReasonAndExits78()
    {
        using var error = new StringWriter();

        var code = await ClimateWarnHost.RunAsync(["--replay", "--Warnings:HoldTime=-01:00:00", $"--Paths:Data={Repo.TempDirectory()}"], error: error);

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains("Warnings:HoldTime = -01:00:00", error.ToString(), StringComparison.Ordinal);
    }
}
