using ClimateWarn.Bench;

// dotnet run -c Release --project bench/ClimateWarn.Bench -- influx-import [points]   (default 1,000,000)
// dotnet run -c Release --project bench/ClimateWarn.Bench -- influx-memory [points]   (default 10,000,000)
// dotnet run -c Release --project bench/ClimateWarn.Bench -- risk-score
// dotnet run -c Release --project bench/ClimateWarn.Bench -- ensemble-score
// dotnet run -c Release --project bench/ClimateWarn.Bench -- delivery [clients]          (default 1,000)
// dotnet run -c Release --project bench/ClimateWarn.Bench -- cluster [clients]           (default 10,000; run as root or with a file limit above 4 × clients)
return args.FirstOrDefault() switch
{
    "influx-import" => await InfluxImportBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000),
    "risk-score" => await RiskScoreBench.RunAsync(),
    "ensemble-score" => await EnsembleScoreBench.RunAsync(),
    "cluster" => await ClusterBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000),
    "delivery" => await DeliveryBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000),
    "influx-memory" => await InfluxMemoryBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ClimateWarn.Bench influx-import [points] | influx-memory [points] | risk-score | ensemble-score | delivery [clients] | cluster [clients]");
    return 2;
}
