using Microsoft.AspNetCore.Identity;

namespace ClimateWarn.Server.Store.Relational;

/// <summary>An operator, watch officer or administrator. The districts a watch officer watches are "district" claims.</summary>
public sealed class Account : IdentityUser;
