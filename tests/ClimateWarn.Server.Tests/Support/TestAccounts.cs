
using ClimateWarn.Server.Store.Relational;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>Accounts seeded through configuration, with a password made up for each test run (none lives in the repo).</summary>
public static class TestAccounts
{
    public static readonly string Password = "T" + Guid.NewGuid().ToString("N")[..15];

    public const string Operator = "op-wang";
    public const string ZhongningOfficer = "duty-zhongning";
    public const string HaiyuanOfficer = "duty-haiyuan";

    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Replay:Start"] = "Manual",
            ["Accounts:Seed:0:UserName"] = Operator,
            ["Accounts:Seed:0:Password"] = Password,
            ["Accounts:Seed:0:Roles:0"] = "Operator",
            ["Accounts:Seed:1:UserName"] = ZhongningOfficer,
            ["Accounts:Seed:1:Password"] = Password,
            ["Accounts:Seed:1:Roles:0"] = "WatchOfficer",
            ["Accounts:Seed:1:Districts:0"] = TestPlaces.Zhongning.Code,
            ["Accounts:Seed:2:UserName"] = HaiyuanOfficer,
            ["Accounts:Seed:2:Password"] = Password,
            ["Accounts:Seed:2:Roles:0"] = "WatchOfficer",
            ["Accounts:Seed:2:Districts:0"] = "640522",
        };
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return settings;
    }
}
