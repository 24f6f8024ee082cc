using System.Globalization;
using System.Text;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using MimeKit;

namespace ClimateWarn.Server.Deliver.Email;

/// <summary>
/// A warning message as an e-mail: zh-CN first, then English, in one plain-text UTF-8 body; times in Beijing time. The
/// Message-Id is made from the delivery's idempotency key, so a mailbox (or a person) can tell a repeat from a new message.
/// </summary>
public static class WarningMail
{
    public static MimeMessage Compose(Warning w, string idempotencyKey, bool escalation, PlaceCatalog places, MailboxAddress from, IEnumerable<MailboxAddress> to)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(from);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.AddRange(to);
        var level = SignalLevels.Zh(w.Level);
        message.Subject = escalation
            ? $"【未确认，升级通知】{w.HeadlineZh} / [Escalation: not acknowledged] {w.HeadlineEn}"
            : $"【{level}预警】{w.HeadlineZh} / {w.HeadlineEn}";
        message.MessageId = $"{string.Concat(idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '.'))}@climatewarn.{places.City.Code}";
        message.Headers.Add("X-ClimateWarn-Idempotency-Key", idempotencyKey);
        message.Date = w.UpdatedAt;
        message.Body = new TextPart("plain") { Text = Body(w, escalation, places) };
        // The body is UTF-8 (Chinese): TextPart picks base64 or quoted-printable as the text needs.
        return message;
    }

    private static string Body(Warning w, bool escalation, PlaceCatalog places)
    {
        var c = CultureInfo.InvariantCulture;
        string Time(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, TimeZones.Shanghai).ToString("yyyy-MM-dd HH:mm", c);
        string Names(Func<District, string> name, string separator) => string.Join(separator,
            w.Districts.Select(code => places.TryGetDistrict(code, out var d) ? name(d) : code));
        var sb = new StringBuilder();
        if (escalation)
        {
            sb.AppendLine("此预警在确认时限内无人确认，按规定升级通知。请立即确认并处置。").AppendLine();
        }

        sb.AppendLine(w.HeadlineZh).AppendLine();
        sb.AppendLine(w.DescriptionZh).AppendLine();
        sb.AppendLine(c, $"区域：{Names(d => d.NameZh, "、")}");
        sb.AppendLine(c, $"有效时间（北京时间）：{Time(w.ValidFrom)} 至 {Time(w.ValidTo)}");
        foreach (var g in w.GuidanceZh)
        {
            sb.AppendLine("· " + g);
        }

        sb.AppendLine(c, $"消息编号：{w.Id} #{w.Sequence}（{places.City.ObservatoryZh}）").AppendLine();
        sb.AppendLine("----- English -----").AppendLine();
        if (escalation)
        {
            sb.AppendLine("Nobody acknowledged this warning in time; it is escalated to you. Acknowledge and act now.").AppendLine();
        }

        sb.AppendLine(w.HeadlineEn).AppendLine();
        sb.AppendLine(w.DescriptionEn).AppendLine();
        sb.AppendLine(c, $"Area: {Names(d => d.NameEn, ", ")}");
        sb.AppendLine(c, $"Valid (Beijing time): {Time(w.ValidFrom)} to {Time(w.ValidTo)}");
        foreach (var g in w.GuidanceEn)
        {
            sb.AppendLine("- " + g);
        }

        sb.AppendLine(c, $"Message: {w.Id} #{w.Sequence} ({places.City.ObservatoryEn})");
        return sb.ToString();
    }
}
