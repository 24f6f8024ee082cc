using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Models;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>A trained model written into models/&lt;hazard&gt;/: card.json and card.md first, then model.zip written aside and moved over, so a scorer never reads half a file.</summary>
public static class ModelFiles
{
    public static async Task<string> WriteAsync(string modelsDirectory, TrainedModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var folder = Path.Combine(modelsDirectory, model.Card.Hazard);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "card.json"), model.Card.ToJson() + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "card.md"), ModelCardMarkdown.Render(model.Card), cancellationToken);
        var temp = Path.Combine(folder, "model.zip.tmp");
        await File.WriteAllBytesAsync(temp, model.ModelZip, cancellationToken);
        File.Move(temp, Path.Combine(folder, "model.zip"), overwrite: true);
        return folder;
    }
}
