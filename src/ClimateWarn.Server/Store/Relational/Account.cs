using Microsoft.AspNetCore.Identity;

namespace ClimateWarn.Server.Store.Relational;

/// <summary>An operator, watch officer or administrator. The districts a watch officer watches are "district" claims.</summary>
public sealed class Account : IdentityUser;

public static class Roles
{
    public const string Operator = "Operator";
    public const string WatchOfficer = "WatchOfficer";
    public const string Admin = "Admin";

    public const string DistrictClaim = "district";

    public static readonly IReadOnlyList<string> All = [Operator, WatchOfficer, Admin];
}
