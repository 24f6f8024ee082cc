namespace ClimateWarn.Server.Store.Influx;

/// <summary>A /query the server answered with an error, often inside an HTTP 200 body (DOMAIN §7).</summary>
public sealed class InfluxQueryException(string message) : Exception(message);
