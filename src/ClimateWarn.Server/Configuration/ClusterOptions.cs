using System.ComponentModel.DataAnnotations;

namespace ClimateWarn.Server.Configuration;

/// <summary>
/// Cluster mode (docs/operations.md): several nodes behind a load balancer share one PostgreSQL (warnings, drafts, outbox,
/// acknowledgements, audit, subscriptions, the ops ledger and dead letters, the Quartz job store, the suppressions and the
/// Data Protection key ring) and one Redis (the SignalR backplane). Off: one node on its embedded SQLite files.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    public bool Enabled { get; set; }

    /// <summary>StackExchange.Redis configuration ("127.0.0.1:6379,password=…"); give it by environment (Cluster__Redis).</summary>
    public string? Redis { get; set; }

    /// <summary>This node's name in logs, the Quartz scheduler state and /api/ops/cluster; unset: host name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>How often a node re-reads the warning board's state the other nodes may have changed.</summary>
    [Duration("00:00:00.100", "00:01:00")]
    public TimeSpan BoardRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an outbox row a node has claimed stays its own: a node that dies mid-delivery leaves its rows due again to
    /// the others after this (at least once; receivers drop repeats by idempotency key). Longer than any channel's send.
    /// </summary>
    [Duration("00:00:01", "01:00:00")]
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Quartz's cluster check-in interval: a dead node's jobs move to a live one within about twice this.</summary>
    [Duration("00:00:01", "00:10:00")]
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest a decision or an operator's action waits for the warning board's lock while another node holds it;
    /// past it the request is answered 503 with the reason (try again), never left hanging.
    /// </summary>
    [Duration("00:00:01", "00:05:00")]
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(20);

    public string Node => string.IsNullOrWhiteSpace(NodeName) ? $"{Environment.MachineName}-{Environment.ProcessId}" : NodeName;
}
