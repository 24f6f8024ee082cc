using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Models;

/// <summary>A server refuses to start without every model: tests that bring their own frost model copy the committed others.</summary>
internal static class CommittedModels
{
    public static void CopySynthetic(string models)
    {
        foreach (var hazard in SyntheticHazards.Names)
        {
            Directory.CreateDirectory(Path.Combine(models, hazard));
            foreach (var file in new[] { "model.zip", "card.json" })
            {
                File.Copy(Path.Combine(Repo.Root, "models", hazard, file), Path.Combine(models, hazard, file), overwrite: true);
            }
        }
    }
}
