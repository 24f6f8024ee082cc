using System.Security.Claims;

namespace ClimateWarn.Server.Accounts;

/// <summary>Who may do what: operators compose, approve and lift; watch officers acknowledge for their districts; admins manage.</summary>
public static class Roles
{
    public const string Operator = "Operator";
    public const string WatchOfficer = "WatchOfficer";
    public const string Admin = "Admin";

    public const string DistrictClaim = "district";

    public static readonly IReadOnlyList<string> All = [Operator, WatchOfficer, Admin];

    /// <summary>The districts a watch officer watches: their "district" claims.</summary>
    public static IReadOnlyCollection<string> DistrictsOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.FindAll(DistrictClaim).Select(c => c.Value)];
    }
}
