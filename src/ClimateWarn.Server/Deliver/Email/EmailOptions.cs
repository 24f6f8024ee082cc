using System.ComponentModel.DataAnnotations;

namespace ClimateWarn.Server.Deliver.Email;

/// <summary>How the SMTP connection is secured: none, STARTTLS required, STARTTLS when offered (default), or TLS from the first byte (port 465).</summary>
public enum SmtpSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// E-mail through the outbox (MailKit): escalations of unacknowledged warnings to the district's watch officers (their
/// accounts' addresses, and <see cref="EscalationTo"/>), and optionally every message as a bulletin to
/// <see cref="BulletinTo"/>. The password comes from configuration or the environment (Email__Password), never the repo.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    public bool Enabled { get; set; }

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address ("warn@qx.zhongwei.example"); its name is the observatory's.</summary>
    public string? From { get; set; }

    /// <summary>Addresses that receive every message as a bulletin (a duty mailbox, partner agencies); none: no bulletins.</summary>
    public List<string> BulletinTo { get; set; } = [];

    /// <summary>Addresses that receive every escalation, beside the watch officers of the district who have an address.</summary>
    public List<string> EscalationTo { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return new ValidationResult("is required when Email:Enabled is true", [nameof(Host)]);
        }

        if (!MimeKit.MailboxAddress.TryParse(From ?? string.Empty, out _))
        {
            yield return new ValidationResult("must be an e-mail address when Email:Enabled is true", [nameof(From)]);
        }

        foreach (var address in BulletinTo.Concat(EscalationTo).Where(a => !MimeKit.MailboxAddress.TryParse(a, out _)))
        {
            yield return new ValidationResult($"'{address}' is not an e-mail address", [nameof(BulletinTo)]);
        }
    }
}
