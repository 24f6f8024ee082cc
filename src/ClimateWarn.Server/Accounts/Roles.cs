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

    /// <summary>Operators' records (ingest, dead letters, deliveries, audit, models): operators and admins only.</summary>
    public static TBuilder RequireOperatorOrAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(p => p.RequireRole(Operator, Admin));

    /// <summary>Acknowledgement states with officers' names: staff only (watch officers acknowledge from them).</summary>
    public static TBuilder RequireStaff<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(p => p.RequireRole(Operator, Admin, WatchOfficer));

    /// <summary>Whether <paramref name="user"/> sees the operators' view (names, drafts, audit) rather than the public one.</summary>
    public static bool IsOperatorOrAdmin(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Operator) || user.IsInRole(Admin);
    }

    /// <summary>The districts a watch officer watches: their "district" claims.</summary>
    public static IReadOnlyCollection<string> DistrictsOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.FindAll(DistrictClaim).Select(c => c.Value)];
    }
}
