using ClimateWarn.Risk.Cards;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>What a model's card says the scorer needs: the kind of data it learned from and the leads it is used at.</summary>
/// <param name="UsedLeads">The card's out-of-sample decision (<see cref="ModelUse"/>); empty when it has none or says not used.</param>
public sealed record CardFacts(bool Synthetic, bool Reanalysis, IReadOnlySet<int> UsedLeads);

/// <summary>
/// The card beside a model (models/&lt;hazard&gt;/card.json), read again whenever the model's version or the card's file
/// changes (a retrain writes both; an operator may edit the card). No card reads as synthetic and unused: a model
/// nobody described is never trusted.
/// </summary>
public sealed class CardState(string cardPath)
{
    private (string Key, CardFacts Facts) _read = (string.Empty, new CardFacts(true, false, new HashSet<int>()));

    public CardFacts For(string modelVersion)
    {
        var key = modelVersion + "@" + (File.Exists(cardPath) ? File.GetLastWriteTimeUtc(cardPath).Ticks : 0);
        var read = _read;
        if (read.Key != key)
        {
            var card = File.Exists(cardPath) ? ModelCard.FromJson(File.ReadAllText(cardPath)) : null;
            read = (key, card is null ? new CardFacts(true, false, new HashSet<int>())
                : new CardFacts(card.Data.Synthetic, card.Data.Reanalysis, card.Use is { Used: true } use ? use.Leads.ToHashSet() : new HashSet<int>()));
            _read = read;
        }

        return read.Facts;
    }
}
