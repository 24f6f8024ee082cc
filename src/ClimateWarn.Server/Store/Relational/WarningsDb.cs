using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using ClimateWarn.Server.Deliver;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Store.Relational;

/// <summary>A published message: immutable once written; <see cref="Seq"/> only grows and is the push sequence.</summary>
public sealed class MessageRow
{
    public long Seq { get; set; }

    public required string WarningId { get; set; }

    public int Version { get; set; }

    public string? MessageId { get; set; }

    public string? References { get; set; }

    public required string Action { get; set; }

    public long Created { get; set; }

    public required string Json { get; set; }
}

public sealed class OutboxRow
{
    public long Id { get; set; }

    public long Seq { get; set; }

    public required string Channel { get; set; }

    public int Attempts { get; set; }

    public long NextAttempt { get; set; }

    public long? Delivered { get; set; }

    public string? Parked { get; set; }

    public string? LastError { get; set; }
}

public enum DraftState
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>An orange or red message waiting for an operator. <see cref="RowVersion"/> guards against stale edits.</summary>
public sealed class DraftRow
{
    public long Id { get; set; }

    public required string WarningId { get; set; }

    /// <summary>The engine's key: hazard slug and first district.</summary>
    public required string Key { get; set; }

    public int RowVersion { get; set; }

    public DraftState State { get; set; }

    public long Created { get; set; }

    public long Changed { get; set; }

    public required string Json { get; set; }

    public string? Reason { get; set; }

    public long? PublishedSeq { get; set; }
}

public sealed class AuditRow
{
    public long Id { get; set; }

    public long At { get; set; }

    public required string User { get; set; }

    public required string Action { get; set; }

    public required string Target { get; set; }

    public string? Detail { get; set; }

    /// <summary>Who did what to which warning, when (the wall clock: people act in real time, even during a replay).</summary>
    public static AuditRow Create(DateTimeOffset at, string user, string action, string target, string? detail) =>
        new() { At = at.ToUnixTimeMilliseconds(), User = user, Action = action, Target = target, Detail = detail };
}

/// <summary>A watch officer's acknowledgement owed for one district of an orange or red warning.</summary>
public sealed class AckRow
{
    public required string WarningId { get; set; }

    public required string District { get; set; }

    /// <summary>The message that made it owed.</summary>
    public long Seq { get; set; }

    public long Deadline { get; set; }

    public string? AcknowledgedBy { get; set; }

    public long? AcknowledgedAt { get; set; }

    public long? EscalatedAt { get; set; }
}

/// <summary>A farmer's subscription, without an account: the token is the only key.</summary>
public sealed class DeviceRow
{
    public required string Token { get; set; }

    public required string Townships { get; set; }

    public required string Districts { get; set; }

    public required string Crops { get; set; }

    public long Created { get; set; }

    public long Changed { get; set; }

    /// <summary>When the subscription was last used (read, or subscribed with on the hub); 0 before it was recorded.</summary>
    public long LastSeen { get; set; }
}

/// <summary>A farmer's phone's Web Push subscription (RFC 8030 endpoint, RFC 8291 keys), one per device token.</summary>
public sealed class PushSubscriptionRow
{
    public required string Token { get; set; }

    public required string Endpoint { get; set; }

    public required string P256dh { get; set; }

    public required string Auth { get; set; }

    public long Created { get; set; }
}

/// <summary>A push made: message key × device, so a retry of the message never pushes a phone twice.</summary>
public sealed class PushSentRow
{
    public required string Key { get; set; }

    public required string Token { get; set; }

    public long Sent { get; set; }
}

/// <summary>
/// An operator's "not at this level": a rejected draft or a lifted warning holds off the automatic proposal of the same
/// hazard and district at or below <see cref="Level"/> until the signal ends or rises above it. Kept here so the
/// operator's decision holds across a restart; deleted when it ends.
/// </summary>
public sealed class SuppressionRow
{
    public required string Hazard { get; set; }

    public required string District { get; set; }

    public required string Level { get; set; }

    public long Since { get; set; }

    public required string By { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// The release platform's record of one delivery (its idempotency key): the CAP file dropped, when, and the platform's
/// acknowledgement once read (JSON). In the warnings database so every node of a cluster sees what any node dropped.
/// </summary>
public sealed class PlatformDropRow
{
    public required string Key { get; set; }

    public required string File { get; set; }

    public long Dropped { get; set; }

    public string? Ack { get; set; }
}

/// <summary>
/// The warnings database: messages, outbox, drafts, audit log, acknowledgements, device subscriptions and the
/// Identity accounts. SQLite by default, PostgreSQL by configuration; each provider has its own migrations
/// (<see cref="SqliteWarningsDb"/>, <see cref="PostgresWarningsDb"/>), applied at start-up.
/// </summary>
public abstract class WarningsDb(DbContextOptions options) : IdentityDbContext<Account, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring in cluster mode (a sign-in cookie made by one node is read by the others).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<MessageRow> Messages => Set<MessageRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<DraftRow> Drafts => Set<DraftRow>();

    public DbSet<AuditRow> Audit => Set<AuditRow>();

    public DbSet<AckRow> Acks => Set<AckRow>();

    public DbSet<DeviceRow> Devices => Set<DeviceRow>();

    public DbSet<SuppressionRow> Suppressions => Set<SuppressionRow>();

    public DbSet<PushSubscriptionRow> PushSubscriptions => Set<PushSubscriptionRow>();

    public DbSet<PushSentRow> PushSent => Set<PushSentRow>();

    public DbSet<PlatformDropRow> PlatformDrops => Set<PlatformDropRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<MessageRow>(e =>
        {
            e.ToTable("warning_messages");
            e.HasKey(m => m.Seq);
            e.Property(m => m.Seq).ValueGeneratedOnAdd();
            e.HasIndex(m => new { m.WarningId, m.Version }).IsUnique();
            e.Property(m => m.WarningId).HasMaxLength(64);
            e.Property(m => m.Action).HasMaxLength(16);
        });
        builder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        builder.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasIndex(o => new { o.Seq, o.Channel }).IsUnique();
            e.HasIndex(o => new { o.Delivered, o.NextAttempt });
            e.Property(o => o.Channel).HasMaxLength(128);
        });
        builder.Entity<DraftRow>(e =>
        {
            e.ToTable("drafts");
            e.Property(d => d.RowVersion).IsConcurrencyToken();
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(d => new { d.Key, d.State });
        });
        builder.Entity<AuditRow>(e =>
        {
            e.ToTable("audit");
            e.HasIndex(a => a.Target);
        });
        builder.Entity<AckRow>(e =>
        {
            e.ToTable("acks");
            e.HasKey(a => new { a.WarningId, a.District });
        });
        builder.Entity<DeviceRow>(e =>
        {
            e.ToTable("devices");
            e.HasKey(d => d.Token);
            e.Property(d => d.Token).HasMaxLength(64);
        });
        builder.Entity<PushSubscriptionRow>(e =>
        {
            e.ToTable("push_subscriptions");
            e.HasKey(p => p.Token);
            e.Property(p => p.Token).HasMaxLength(64);
            e.Property(p => p.Endpoint).HasMaxLength(2048);
            e.Property(p => p.P256dh).HasMaxLength(128);
            e.Property(p => p.Auth).HasMaxLength(64);
            e.HasOne<DeviceRow>().WithMany().HasForeignKey(p => p.Token).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PushSentRow>(e =>
        {
            e.ToTable("push_sent");
            e.HasKey(p => new { p.Key, p.Token });
            e.Property(p => p.Key).HasMaxLength(200);
            e.Property(p => p.Token).HasMaxLength(64);
        });
        builder.Entity<PlatformDropRow>(e =>
        {
            e.ToTable("platform_drops");
            e.HasKey(p => p.Key);
            e.Property(p => p.Key).HasMaxLength(200);
            e.Property(p => p.File).HasMaxLength(260);
            e.HasIndex(p => p.Dropped);
        });
        builder.Entity<SuppressionRow>(e =>
        {
            e.ToTable("suppressions");
            e.HasKey(x => new { x.Hazard, x.District });
            e.Property(x => x.Hazard).HasMaxLength(32);
            e.Property(x => x.District).HasMaxLength(16);
            e.Property(x => x.Level).HasMaxLength(16);
            e.Property(x => x.By).HasMaxLength(64);
        });
    }
}

public sealed class SqliteWarningsDb(DbContextOptions<SqliteWarningsDb> options) : WarningsDb(options);

public sealed class PostgresWarningsDb(DbContextOptions<PostgresWarningsDb> options) : WarningsDb(options);
