using System.Net.Sockets;
using System.Security.Claims;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Deliver.Channels;
using ClimateWarn.Server.Store.Relational;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ClimateWarn.Server.Deliver.Email;

/// <summary>
/// E-mail as a delivery channel ("email"): "email:bulletin" for every message when <see cref="EmailOptions.BulletinTo"/>
/// names anyone; "email:officers" for every escalation (the district's watch officers with an address, and
/// <see cref="EmailOptions.EscalationTo"/>). One SMTP session per attempt (MailKit). A server that is down, times out or
/// drops the line mid-message is an attempt that failed, retried by the outbox; a 5xx refusal (a recipient or the
/// message refused), failed authentication, or nobody to send an escalation to, cannot be mended by retrying: parked
/// with the server's words.
/// </summary>
public sealed class EmailChannel(IOptions<EmailOptions> options, IOptions<DeliveryOptions> delivery, PlaceCatalog places, IServiceScopeFactory scopes) : IDeliveryChannel
{
    public const string Name = "email";

    public string Kind => Name;

    public IEnumerable<string> TargetsFor(Warning message) =>
        options.Value is { Enabled: true, BulletinTo.Count: > 0 } ? [$"{Name}:bulletin"] : [];

    public IEnumerable<string> EscalationTargetsFor(string district) => options.Value.Enabled ? [$"{Name}:officers"] : [];

    public async Task<string?> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var o = options.Value;
        if (!o.Enabled)
        {
            return "e-mail is no longer enabled (Email:Enabled)";
        }

        var escalation = attempt.EscalationDistrict is not null;
        IReadOnlyList<string> to = escalation ? await OfficersAsync(attempt.EscalationDistrict!, o) : o.BulletinTo;
        if (to.Count == 0)
        {
            throw new DeliveryRefusedException(escalation
                ? $"no watch officer of {attempt.EscalationDistrict} has an e-mail address and Email:EscalationTo is empty: nobody to send the escalation to"
                : "Email:BulletinTo is empty: nobody to send the bulletin to");
        }

        var from = MailboxAddress.Parse(o.From!);
        from.Name = places.City.ObservatoryZh;
        var message = WarningMail.Compose(attempt.Warning, attempt.IdempotencyKey, escalation, places, from, to.Select(MailboxAddress.Parse));
        using var client = new SmtpClient { Timeout = (int)delivery.Value.AttemptTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, o.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return null;
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            throw new DeliveryRefusedException($"the SMTP server refused it: {(int)ex.StatusCode} {ex.Message}{(ex.Mailbox is { } m ? $" ({m.Address})" : string.Empty)}");
        }
        catch (AuthenticationException ex)
        {
            throw new DeliveryRefusedException($"the SMTP server refused the credentials (Email:UserName/Password): {ex.Message}");
        }
        catch (SmtpCommandException ex)
        {
            return $"the SMTP server deferred it: {(int)ex.StatusCode} {ex.Message}";
        }
        catch (Exception ex) when (ex is SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return $"SMTP {o.Host}:{o.Port}: {ex.Message}";
        }
    }

    /// <summary>The district's watch officers who have an address, then the configured escalation addresses, each once.</summary>
    private async Task<IReadOnlyList<string>> OfficersAsync(string district, EmailOptions o)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var officers = await users.GetUsersForClaimAsync(new Claim(Roles.DistrictClaim, district));
        var addresses = new List<string>();
        foreach (var officer in officers.Where(u => !string.IsNullOrWhiteSpace(u.Email) && MailboxAddress.TryParse(u.Email, out _)))
        {
            if (await users.IsInRoleAsync(officer, Roles.WatchOfficer))
            {
                addresses.Add(officer.Email!);
            }
        }

        return [.. addresses.Concat(o.EscalationTo).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
