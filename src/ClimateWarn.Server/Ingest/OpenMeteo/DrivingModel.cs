using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>Which model's forecast the live source asks for (OpenMeteo:Model); "auto" is resolved by the skill table where it is registered.</summary>
public interface IDrivingModel
{
    /// <summary>"best_match" or a model name.</summary>
    Task<string> ChooseAsync(CancellationToken cancellationToken);
}

/// <summary>The configured model; "auto" without a skill table is best_match.</summary>
public sealed class ConfiguredDrivingModel(IOptions<OpenMeteoOptions> options) : IDrivingModel
{
    public const string BestMatch = "best_match";
    public const string Auto = "auto";

    public Task<string> ChooseAsync(CancellationToken cancellationToken) =>
        Task.FromResult(options.Value.Model is Auto ? BestMatch : options.Value.Model);
}
