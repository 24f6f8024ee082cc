using System.Globalization;
using System.Security.Claims;
using ClimateWarn.Core;
using ClimateWarn.Core.Cap;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Store.Relational;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Warn;

/// <summary>
/// What a forecaster composes: any registered signal for districts (optionally narrowed to some of their townships) and a
/// validity, with optional own text.
/// </summary>
public sealed record ComposeRequest(
    string? Hazard,
    string? Level,
    IReadOnlyList<string>? Districts,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    string? DescriptionZh = null,
    string? DescriptionEn = null,
    string? Reason = null,
    IReadOnlyList<string>? Townships = null);

/// <summary>A composed message as it would be published, and its CAP document.</summary>
public sealed record ComposePreview(Warning Warning, string Cap);

/// <summary>
/// The forecaster's hand: an operator composes any registered signal, previews it (message and CAP, nothing stored) and
/// publishes it through the same lifecycle, log, CAP, outbox and audit as the engine's warnings. A composed message
/// continues, upgrades or downgrades the warning in force for the same hazard and first district, or issues a new one.
/// Refused with the reason: a hazard not in force, a level it lacks, an unknown district or one the operator does not
/// cover, a validity that ends before it starts, is already over or runs past <see cref="WarningOptions.MaximumValidity"/>.
/// </summary>
public sealed class ManualWarnings(
    WarningBoard board,
    WarningLog log,
    WarningComposer composer,
    HazardConfiguration hazards,
    PlaceCatalog places,
    PipelineClock clock,
    TimeProvider time,
    IOptions<WarningOptions> options,
    IOptions<CapOptions> cap)
{
    public async Task<Outcome<ComposePreview>> PreviewAsync(ComposeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (candidate, error) = Check(request, user);
        if (candidate is null)
        {
            return Outcome.Fail<ComposePreview>(error!.Value.Status, error.Value.Message);
        }

        var current = board.Active.FirstOrDefault(w => w.Hazard == candidate.Hazard && w.Districts[0] == candidate.Districts[0]);
        var message = Message(candidate, current, user);
        var earlier = current is null ? [] : await log.ForWarningAsync(current.Id, cancellationToken);
        message = message with
        {
            Sequence = board.LastSequence + 1,
            Version = earlier.Count + 1,
            References = earlier.Count > 0 ? earlier[^1].MessageId : null,
        };
        message = message with { MessageId = CapDocument.Identifier(message, hazards.Registry, TimeZones.Shanghai) };
        var doc = CapEndpoints.Build([.. earlier, message], earlier.Count, places, hazards.Registry, CapEndpoints.Sender(cap.Value, places));
        return Outcome.Ok(new ComposePreview(message, doc.Declaration + "\n" + doc.Root));
    }

    public Task<Outcome<Warning>> PublishAsync(ComposeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (candidate, error) = Check(request, user);
        if (candidate is null)
        {
            return Task.FromResult(Outcome.Fail<Warning>(error!.Value.Status, error.Value.Message));
        }

        return board.ExclusiveAsync(async x =>
        {
            var current = x.Current(candidate.Hazard, candidate.Districts[0]);
            var message = Message(candidate, current, user);
            var who = user.Identity!.Name!;
            var published = await x.PublishAsync(message, (db, w) =>
            {
                db.Audit.Add(AuditRow.Create(time.GetUtcNow(), who, "compose", w.Id,
                    $"#{w.Sequence} {w.Action} {w.Hazard} {SignalLevels.En(w.Level)} for {string.Join(",", w.Districts)}" + (request.Reason is { Length: > 0 } r ? $": {r}" : "")));
                return Task.CompletedTask;
            }, cancellationToken);
            return Outcome.Ok(published);
        }, cancellationToken);
    }

    /// <summary>The composed message: a new warning, or the next message of the one in force for the hazard and first district.</summary>
    private Warning Message(Candidate c, Warning? current, ClaimsPrincipal user)
    {
        var definition = hazards.Registry.Get(c.Hazard);
        var now = clock.Now;
        var action = current is null ? WarningAction.Issued
            : c.Level > current.Level ? WarningAction.Upgraded
            : c.Level < current.Level ? WarningAction.Downgraded : WarningAction.Continued;
        var who = user.Identity!.Name!;
        var signal = new HazardSignal(c.Hazard, c.Level, c.From, c.To, double.NaN, "composed by the forecaster" + (c.Reason is { Length: > 0 } r ? $": {r}" : ""));
        var message = composer.Compose(current?.Id ?? WarningBoard.NewId(c.Districts[0], definition, now), 0, action, current?.Level, signal, c.Districts,
            current?.IssuedAt ?? now, now, hazards.Audiences[c.Hazard], c.Townships);
        return message with
        {
            DescriptionZh = c.DescriptionZh ?? message.DescriptionZh,
            DescriptionEn = c.DescriptionEn ?? message.DescriptionEn,
            ApprovedBy = who,
            ComposedBy = who,
        };
    }

    private (Candidate? Candidate, (int Status, string Message)? Error) Check(ComposeRequest? r, ClaimsPrincipal user)
    {
        static (Candidate?, (int, string)?) Fail(int status, string message) => (null, (status, message));
        if (r is null)
        {
            return Fail(400, "A body is required: { hazard, level, districts, townships?, validFrom, validTo, descriptionZh?, descriptionEn?, reason? }.");
        }

        var inForce = hazards.Table.Rules.Select(x => x.Slug).ToList();
        if (r.Hazard is null || !hazards.Registry.TryGet(r.Hazard, out var definition) || !inForce.Contains(r.Hazard))
        {
            return Fail(400, $"hazard '{r.Hazard}' is not one in force ({string.Join(", ", inForce)}).");
        }

        if (!Enum.TryParse<SignalLevel>(r.Level, ignoreCase: true, out var level) || !definition.Levels.Contains(level))
        {
            return Fail(400, $"level '{r.Level}': {definition.Slug} has {string.Join(", ", definition.Levels.Select(SignalLevels.En))}.");
        }

        var districts = r.Districts?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (districts.Count == 0 || districts.Count > places.Districts.Count)
        {
            return Fail(400, $"districts: choose 1–{places.Districts.Count} of {places.DistrictCodes}.");
        }

        if (districts.FirstOrDefault(d => !places.TryGetDistrict(d, out _)) is { } unknown)
        {
            return Fail(400, $"district '{unknown}' is not one of {places.DistrictCodes}.");
        }

        // An operator with district claims composes for those districts only; one without covers the whole bureau.
        var covered = Roles.DistrictsOf(user);
        if (covered.Count > 0 && districts.FirstOrDefault(d => !covered.Contains(d)) is { } other)
        {
            return Fail(403, $"district {other} is not one you cover ({string.Join(", ", covered)}).");
        }

        // Townships narrow the districts chosen: each must lie in one of them (the bureau's township file says where).
        var townships = r.Townships?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        foreach (var code in townships)
        {
            if (!places.TryGetTownship(code, out var township))
            {
                return Fail(400, $"township '{code}' is not one the bureau lists" + (places.Districts.Any(d => d.Townships.Count > 0) ? "." : " (it lists none: compose for whole districts)."));
            }

            if (!districts.Contains(township.DistrictCode))
            {
                return Fail(400, $"township {code} {township.Name} lies in district {township.DistrictCode}, which is not among the districts chosen ({string.Join(", ", districts)}).");
            }
        }

        if (r.ValidFrom is not { } from || r.ValidTo is not { } to)
        {
            return Fail(400, "validFrom and validTo are required (ISO 8601 with offset, e.g. 2021-03-20T20:00:00+08:00).");
        }

        var max = options.Value.MaximumValidity;
        if (to <= from || to - from > max || to <= clock.Now)
        {
            return Fail(400, string.Create(CultureInfo.InvariantCulture,
                $"validity {from:O} – {to:O}: it must end after it starts, after now ({clock.Now:O}), and last at most {max}."));
        }

        foreach (var (name, value) in new[] { ("descriptionZh", r.DescriptionZh), ("descriptionEn", r.DescriptionEn), ("reason", r.Reason) })
        {
            if (value is not null && (string.IsNullOrWhiteSpace(value) || value.Length > Approvals.MaxText))
            {
                return Fail(400, $"{name} must be 1–{Approvals.MaxText} characters when given.");
            }
        }

        return (new Candidate(definition.Slug, level, districts, townships.Count > 0 ? townships : null, from, to, r.DescriptionZh, r.DescriptionEn, r.Reason), null);
    }

    private sealed record Candidate(string Hazard, SignalLevel Level, IReadOnlyList<string> Districts, IReadOnlyList<string>? Townships,
        DateTimeOffset From, DateTimeOffset To, string? DescriptionZh, string? DescriptionEn, string? Reason);
}
