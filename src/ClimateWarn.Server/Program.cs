using ClimateWarn.Server.Hosting;

// `dotnet run --project src/ClimateWarn.Server` serves live Open-Meteo data; `-- --replay` replays Jan–Apr 2021;
// `-- --help` lists the verbs (import, reconcile, train, verify, users).
return await Commands.RunAsync(args);
