using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Assess.Models;

namespace ClimateWarn.Server.Assess;

public static class AssessSetup
{
    /// <summary>The rules' assessment of every district, the model scorers beside it, the drought indices and the model watches.</summary>
    public static IServiceCollection AddAssessment(this IServiceCollection services, IConfiguration configuration, string configDirectory, bool scheduled)
    {
        services.AddSingleton<DistrictAssessor>().AddSingleton<ObservedHazards>().AddSingleton<RiskBoard>().AddSingleton<FireDangerBoard>();
        services.AddValidatedOptions<WatchOptions>(WatchOptions.Section);
        services.AddSingleton<Watches>();
        services.AddRiskScorers();
        services.AddDroughtIndices(configDirectory, scheduled);
        services.AddModelRetraining(configuration, scheduled);
        return services;
    }

    public static IEndpointRouteBuilder MapAssessment(this IEndpointRouteBuilder app)
    {
        app.MapHazards();
        app.MapRisk();
        app.MapDroughtIndices();
        app.MapModels();
        return app;
    }
}
